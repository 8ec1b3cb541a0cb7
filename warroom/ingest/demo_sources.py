"""Demo connectors for the Sources panel: configured but paused (the demo crisis is a
replay; resuming one polls the real service). Their history is synthetic."""

from __future__ import annotations

from datetime import datetime, timedelta

from warroom.store.models import Source


def seed_demo_sources(t0: datetime) -> None:
    """Add the demo's connectors (call inside the seeding transaction)."""
    rows = [
        (
            "rss",
            "Hexacloud status page",
            {"url": "https://status.hexacloud.example/feed.xml", "query": "", "channel": "support"},
            120,
            0,
            None,
        ),
        (
            "mastodon",
            "Mastodon #hexacloud",
            {"url": "https://mastodon.social", "query": "#hexacloud"},
            300,
            0,
            None,
        ),
        (
            "rss",
            "Presse régionale (RSS)",
            {"url": "https://www.dna.fr/rss", "query": ""},
            600,
            2,
            "www.dna.fr/rss did not answer in time (timeout)",
        ),
        (
            "reddit",
            "Reddit r/sysadmin",
            {"url": "https://www.reddit.com", "query": "r/sysadmin hexacloud"},
            900,
            0,
            None,
        ),
    ]
    for kind, name, params, interval, errors, error in rows:
        Source.create(
            kind=kind,
            name=name,
            params=params,
            interval_s=interval,
            enabled=False,
            cursor=None,
            last_success=t0 + timedelta(hours=5, minutes=interval // 60),
            last_error=error,
            last_error_at=t0 + timedelta(hours=6) if error else None,
            error_count=errors,
            next_poll=None,
            created_at=t0,
        )
