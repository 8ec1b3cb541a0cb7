"""Time helpers: everything is stored in UTC and shown in the crisis time zone."""

from __future__ import annotations

from datetime import UTC, datetime

ISO_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def to_utc(value: datetime) -> datetime:
    """Convert an aware datetime to UTC; a naive one is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def format_utc(value: datetime) -> str:
    """Fixed-width ISO 8601 in UTC with microseconds: sorts as text in time order."""
    return to_utc(value).strftime(ISO_FORMAT)


def parse_utc(text: str) -> datetime:
    """Parse ISO 8601 (with `Z`, an offset, or none meaning UTC) into an aware UTC datetime."""
    cleaned = text.strip()
    if cleaned.endswith(("Z", "z")):
        cleaned = cleaned[:-1] + "+00:00"
    return to_utc(datetime.fromisoformat(cleaned))


def parse_user_time(text: str, now: datetime | None = None) -> datetime:
    """Parse a time typed by an operator: ISO date-time, or `HH:MM` meaning today (UTC).

    Raises ValueError with a readable message on anything else.
    """
    value = text.strip()
    if len(value) in (4, 5) and ":" in value:
        hours, _, minutes = value.partition(":")
        if hours.isdigit() and minutes.isdigit():
            base = now or utcnow()
            return base.replace(hour=int(hours), minute=int(minutes), second=0, microsecond=0)
    try:
        return parse_utc(value)
    except ValueError:
        raise ValueError(
            f"not a time: {text!r} (use ISO 8601 such as 2021-03-10T00:47+01:00, or HH:MM)"
        ) from None
