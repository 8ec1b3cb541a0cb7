"""Helpers shared by the ingestion tests."""

from __future__ import annotations

from typing import Any

from warroom.ingest.connectors import CONNECTORS, SourceSpec
from warroom.ingest.http import HttpClient, HttpPolicy


def connector(
    kind: str,
    url: str,
    query: str = "",
    secret: str | None = None,
    policy: HttpPolicy | None = None,
    **params: Any,
):
    spec = SourceSpec(kind=kind, name=f"test {kind}", url=url, query=query, params=params)
    return CONNECTORS[kind](spec, HttpClient(policy), secret)
