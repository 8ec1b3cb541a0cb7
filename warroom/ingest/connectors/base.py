"""What every connector is: a source's settings in, normalised posts and a cursor out."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from warroom.domain.posts import NormalisedPost
from warroom.ingest.http import HttpClient, SourceError
from warroom.ingest.normalise import finish
from warroom.ingest.secrets import env_name, kind_env_name

log = logging.getLogger("warroom.ingest")

MAX_PAGES = 5  # pages followed per poll; the cursor picks up the rest next time


@dataclass(frozen=True)
class SourceSpec:
    """The plain settings a connector needs (no database row, no secret)."""

    kind: str
    name: str
    url: str
    query: str = ""
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class FetchResult:
    posts: list[NormalisedPost]
    cursor: dict[str, Any] | None
    pages: int = 1
    skipped: int = 0  # items in the payload that could not be read
    notes: list[str] = field(default_factory=list)


class Connector:
    """Base of the connectors. Subclasses set ``kind``, ``needs_secret`` and implement
    :meth:`fetch`. ``secret`` is the source's token or key (or None)."""

    kind = ""
    needs_secret = False
    secret_label = "token"
    bearer = True  # send the secret as "Authorization: Bearer …" (else the subclass uses it)

    def __init__(self, spec: SourceSpec, client: HttpClient, secret: str | None = None) -> None:
        self.spec = spec
        self.client = client
        self.secret = secret
        if self.needs_secret and not secret:
            raise SourceError(
                f"{spec.kind} sources need a {self.secret_label}: enter it in the source's "
                f"settings (kept in the keyring), or set {env_name(spec.name)} or "
                f"{kind_env_name(spec.kind)} in the environment"
            )
        self.base = spec.url.rstrip("/")
        if secret and self.bearer:
            client.session.headers["Authorization"] = f"Bearer {secret}"

    def fetch(self, cursor: dict[str, Any] | None) -> FetchResult:
        raise NotImplementedError


def map_items(
    items: Iterable[Any], mapper: Callable[[Any], list[NormalisedPost]], result: FetchResult
) -> None:
    """Map each payload item; an item that cannot be read is skipped and counted."""
    for item in items:
        try:
            posts = mapper(item)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            result.skipped += 1
            if len(result.notes) < 5:
                result.notes.append(f"skipped an item that cannot be read ({type(exc).__name__})")
            log.debug("skipped item", exc_info=True)
            continue
        result.posts.extend(finish(p) for p in posts)


def require_list(value: Any, what: str, place: str) -> list[Any]:
    if not isinstance(value, list):
        raise SourceError(f"{place} sent an unexpected answer: no list of {what}")
    return value


def require_dict(value: Any, place: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SourceError(f"{place} sent an unexpected answer (not a JSON object)")
    return value
