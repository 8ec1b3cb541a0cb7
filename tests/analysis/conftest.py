"""Helpers to write small hand-made propagations into a real crisis file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.helpers.propagation import load_records

T0 = datetime(2021, 3, 10, 0, 47, tzinfo=UTC)


def post(pid, author, minutes=0, channel="twitter", **links):
    record = {
        "channel": channel,
        "id": str(pid),
        "author": author,
        "created_at": (T0 + timedelta(minutes=minutes)).isoformat(),
        "text": links.pop("text", f"post {pid}"),
    }
    record.update(links)
    return record


@pytest.fixture
def add_posts(crisis):
    def add(*records):
        return load_records(crisis.db, list(records))

    return add
