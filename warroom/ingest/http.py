"""HTTP for connectors: one ``requests.Session`` per source, timeouts always set, retries
with exponential backoff (tenacity), ``429``/``Retry-After`` honoured, a descriptive
User-Agent, bounded response sizes, and errors in plain words.

Error messages never contain a query string (tokens and keys travel there) nor a header.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests
import tenacity
from tenacity import retry_if_exception, stop_after_attempt

from warroom import __version__
from warroom.domain.timeutil import utcnow

log = logging.getLogger("warroom.ingest")

USER_AGENT = f"warroom/{__version__} (crisis-cell monitoring; +https://example.org/warroom)"


class SourceError(Exception):
    """A source problem an operator can act on. ``retry_in``: seconds before trying again
    (None: the scheduler's backoff decides)."""

    def __init__(self, message: str, retry_in: float | None = None) -> None:
        super().__init__(message)
        self.retry_in = retry_in


class _Transient(SourceError):
    """Worth retrying at once (5xx, 429 with a short wait, dropped connection)."""


@dataclass(frozen=True)
class HttpPolicy:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    attempts: int = 3
    backoff: float = 1.0  # first wait; doubles each retry
    max_backoff: float = 30.0
    max_inline_wait: float = 10.0  # a longer Retry-After defers the next poll instead
    max_bytes: int = 20 * 1024 * 1024


def where(url: str) -> str:
    """The host and path of ``url``, without its query (which may hold a token)."""
    parts = urlsplit(url)
    return f"{parts.hostname or '?'}{parts.path or '/'}"


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, (moment - utcnow()).total_seconds())


def _status_error(response: requests.Response, policy: HttpPolicy) -> SourceError:
    code = response.status_code
    place = where(response.url)
    if code in (401, 403):
        return SourceError(
            f"{place} refused access (HTTP {code}): check your token or key, and its permissions"
        )
    if code == 404:
        return SourceError(f"{place} was not found (HTTP 404): check the URL and the query")
    if code == 429:
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is not None and wait <= policy.max_inline_wait:
            return _Transient(f"{place} is rate limiting us (HTTP 429)", retry_in=wait)
        if wait is not None:
            return SourceError(
                f"{place} is rate limiting us (HTTP 429): next try in {int(wait)} s as it asked",
                retry_in=wait,
            )
        return _Transient(f"{place} is rate limiting us (HTTP 429, no Retry-After)")
    if code >= 500:
        return _Transient(f"{place} has a server error (HTTP {code}); it will be retried")
    return SourceError(f"{place} answered HTTP {code} {response.reason or ''}".strip())


def _network_error(exc: requests.RequestException, url: str) -> SourceError:
    place = where(url)
    text = str(exc)
    if isinstance(
        exc, requests.exceptions.ChunkedEncodingError | requests.exceptions.ContentDecodingError
    ):
        return _Transient(f"{place} cut the response short (truncated body)")
    if isinstance(exc, requests.Timeout):
        return _Transient(f"{place} did not answer in time (timeout)")
    if isinstance(exc, requests.ConnectionError):
        if re.search(r"NameResolution|Name or service not known|getaddrinfo|nodename", text):
            host = urlsplit(url).hostname or "?"
            return SourceError(
                f"cannot find the server {host!r} (DNS lookup failed): check the URL"
            )
        if "IncompleteRead" in text or "ProtocolError" in text or "Connection broken" in text:
            return _Transient(f"{place} cut the response short (truncated body)")
        return _Transient(f"cannot connect to {place} (connection refused or reset)")
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return SourceError(f"not a valid URL: {place}")
    return SourceError(f"{place}: {type(exc).__name__}")


class HttpClient:
    """GET with retries. ``auth_header`` is added to requests, never to messages or logs."""

    def __init__(self, policy: HttpPolicy | None = None, auth_header: str | None = None) -> None:
        self.policy = policy or HttpPolicy()
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept-Encoding"] = "gzip, deflate"
        if auth_header:
            self.session.headers["Authorization"] = auth_header
        self.sleep = tenacity.nap.sleep

    def close(self) -> None:
        self.session.close()

    def _wait(self, state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, SourceError) and exc.retry_in is not None:
            return min(exc.retry_in, self.policy.max_inline_wait)
        exp = self.policy.backoff * (2 ** (state.attempt_number - 1))
        return float(min(exp, self.policy.max_backoff))

    def get(
        self, url: str, params: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> requests.Response:
        """The response (status 2xx or 304) with its body read, at most ``max_bytes``."""
        return self._retrying("GET", url, params, headers, None)

    def post_json(self, url: str, payload: dict[str, Any]) -> Any:
        """POST a JSON body (a login), with the same retries and errors; the JSON answer."""
        response = self._retrying("POST", url, None, {"Accept": "application/json"}, payload)
        return parse_json(response)

    def _retrying(
        self,
        method: str,
        url: str,
        params: dict[str, Any] | None,
        headers: dict[str, str] | None,
        payload: dict[str, Any] | None,
    ) -> requests.Response:
        retrying = tenacity.Retrying(
            stop=stop_after_attempt(self.policy.attempts),
            wait=self._wait,
            retry=retry_if_exception(lambda e: isinstance(e, _Transient)),
            sleep=self.sleep,
            reraise=True,
        )
        try:
            return retrying(self._once, method, url, params, headers, payload)
        except _Transient as exc:
            raise SourceError(str(exc), exc.retry_in) from None

    def _once(
        self,
        method: str,
        url: str,
        params: dict[str, Any] | None,
        headers: dict[str, str] | None,
        payload: dict[str, Any] | None,
    ) -> requests.Response:
        policy = self.policy
        try:
            response = self.session.request(
                method,
                url,
                params=params,
                headers=headers,
                json=payload,
                timeout=(policy.connect_timeout, policy.read_timeout),
                stream=True,
                allow_redirects=True,
            )
        except requests.RequestException as exc:
            raise _network_error(exc, url) from None
        with response:
            if response.status_code >= 400:
                raise _status_error(response, policy)
            response._content = self._read_capped(response)
        log.debug(
            "%s %s -> %s (%d bytes)",
            method,
            where(url),
            response.status_code,
            len(response.content),
        )
        return response

    def _read_capped(self, response: requests.Response) -> bytes:
        limit = self.policy.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise SourceError(
                f"{where(response.url)} sent {int(declared) // 1_000_000} MB: too large "
                f"(limit {limit // 1_000_000} MB)"
            )
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise SourceError(
                        f"{where(response.url)} sent more than {limit // 1_000_000} MB: too large"
                    )
                chunks.append(chunk)
        except requests.RequestException as exc:
            raise _network_error(exc, response.url) from None
        return b"".join(chunks)

    def get_json(
        self, url: str, params: dict[str, Any] | None = None
    ) -> tuple[Any, requests.Response]:
        response = self.get(url, params, {"Accept": "application/json"})
        return parse_json(response), response


def parse_json(response: requests.Response) -> Any:
    """The JSON body, or a SourceError saying what came instead."""
    place = where(response.url)
    body = response.content
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    head = body[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or kind == "text/html":
        raise SourceError(
            f"{place} sent a web page instead of data (an error or login page?): check the URL"
        )
    if not body.strip():
        raise SourceError(f"{place} sent an empty response")
    try:
        return json.loads(body.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        if exc.pos >= len(body.strip()) - 1:
            raise SourceError(f"{place} sent truncated JSON (the body ends early)") from None
        raise SourceError(
            f"{place} sent malformed JSON (line {exc.lineno}, column {exc.colno}; "
            f"content type {kind or 'unknown'})"
        ) from None
