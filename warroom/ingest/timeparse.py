"""Timestamps from every channel to aware UTC datetimes."""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime

from warroom.domain.timeutil import to_utc

_FORMATS = ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M")
_MIN_UNIX, _MAX_UNIX = 0, 4_102_444_800  # 1970 .. 2100


def parse_time(value: object) -> datetime:
    """ISO 8601 (with Z, an offset, or none = UTC), Facebook's ``+0000``, RFC 2822, Unix
    seconds (or milliseconds). Raises ValueError with a readable message otherwise."""
    if isinstance(value, datetime):
        return to_utc(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_unix(float(value))
    text = str(value or "").strip()
    if not text:
        raise ValueError("missing time")
    try:
        return _from_unix(float(text))
    except ValueError:
        pass
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        return to_utc(datetime.fromisoformat(iso))
    except ValueError:
        pass
    for fmt in _FORMATS:
        try:
            return to_utc(datetime.strptime(text, fmt))
        except ValueError:
            continue
    try:
        return to_utc(email.utils.parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"not a time: {text[:40]!r}") from None


def _from_unix(seconds: float) -> datetime:
    if seconds > _MAX_UNIX:
        seconds /= 1000.0  # milliseconds
    if not _MIN_UNIX <= seconds <= _MAX_UNIX:
        raise ValueError(f"time out of range: {seconds}")
    return datetime.fromtimestamp(seconds, UTC)


def snowflake_time(tweet_id: str) -> datetime | None:
    """The creation time encoded in an X/Twitter id (ids after November 2010)."""
    try:
        millis = (int(tweet_id) >> 22) + 1_288_834_974_657
    except ValueError:
        return None
    if int(tweet_id) < 1 << 32:
        return None
    return datetime.fromtimestamp(millis / 1000, UTC)
