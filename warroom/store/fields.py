"""Portable peewee field types used by the models."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import peewee

from warroom.domain.timeutil import format_utc, parse_utc


class UtcDateTimeField(peewee.TextField):
    """A timezone-aware datetime stored as fixed-width ISO 8601 UTC text.

    Text in this format sorts in time order, reads well in `sqlite3`, and is the same on
    SQLite and PostgreSQL.
    """

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return format_utc(parse_utc(value))
        return format_utc(value)

    def python_value(self, value: Any) -> datetime | None:
        if value is None:
            return None
        return parse_utc(value)


class JsonField(peewee.TextField):
    """JSON stored as UTF-8 text (portable; no JSON1 or JSONB dependency)."""

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def python_value(self, value: Any) -> Any:
        if value is None or value == "":
            return None
        return json.loads(value)
