"""A small builder for scenario documents, and a byte-stable gzip JSON writer."""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path
from typing import Any

from warroom.domain.scenario import FORMAT, FORMAT_VERSION, format_offset, parse_offset


class ScenarioBuilder:
    """Collects the parts of a scenario; injects are sorted by time when written."""

    def __init__(self, name: str, seed: int, start: str, **head: Any) -> None:
        self.rng = random.Random(seed)
        self.doc: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "name": name,
            "seed": seed,
            "start": start,
            **head,
        }
        self.authors: list[dict[str, Any]] = []
        self.injects: list[dict[str, Any]] = []
        self._ids: dict[str, int] = {}

    def author(
        self,
        handle: str,
        name: str,
        followers: int,
        kind: str,
        group: str,
        *channels: str,
        verified: bool = True,
    ) -> None:
        for channel in channels:
            self.authors.append(
                {
                    "handle": handle,
                    "channel": channel,
                    "name": name,
                    "followers": followers,
                    "verified": verified,
                    "kind": kind,
                    "group": group,
                }
            )

    def next_id(self, channel: str) -> str:
        self._ids[channel] = self._ids.get(channel, 0) + 1
        return f"{channel[:2]}-{self._ids[channel]:05d}"

    def inject(self, at: str, kind: str, /, **data: Any) -> dict[str, Any]:
        item = {"at": at, "type": kind, **data}
        self.injects.append(item)
        return item

    def post(
        self, at: str, channel: str, author: str, text: str, lang: str = "fr", **extra: Any
    ) -> str:
        post_id = extra.pop("id", None) or self.next_id(channel)
        fields: dict[str, Any] = {"channel": channel, "id": post_id, "author": author}
        if text:
            fields["text"] = text
            fields["lang"] = lang
        fields["likes"] = extra.pop("likes", int(self.rng.paretovariate(1.2) * 8))
        fields["shares"] = extra.pop("shares", int(self.rng.paretovariate(1.4) * 3))
        self.inject(at, "post", **fields, **extra)
        return str(post_id)

    def build(self) -> dict[str, Any]:
        order = sorted(
            range(len(self.injects)),
            key=lambda i: (parse_offset(self.injects[i]["at"]), i),
        )
        injects = []
        for i in order:
            item = dict(self.injects[i])
            item["at"] = format_offset(parse_offset(item["at"]))
            injects.append(item)
        return {**self.doc, "authors": self.authors, "injects": injects}


def at(days: int = 0, hours: int = 0, minutes: int = 0) -> str:
    """An offset from T0, normalised."""
    total = days * 1440 + hours * 60 + minutes
    d, rest = divmod(total, 1440)
    return f"+{d}d {rest // 60:02d}:{rest % 60:02d}" if d else f"+{rest // 60:02d}:{rest % 60:02d}"


def dumps(doc: dict[str, Any]) -> str:
    """JSON with one inject (and one author) per line: readable, and errors get lines."""
    parts = []
    for key, value in doc.items():
        if key in ("injects", "authors") and isinstance(value, list):
            rows = ",\n".join(
                "  " + json.dumps(v, ensure_ascii=False, separators=(",", ":")) for v in value
            )
            parts.append(f' "{key}": [\n{rows}\n ]')
        else:
            parts.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def write_gzip(doc: dict[str, Any], path: Path) -> None:
    """Byte-stable: no timestamp and no file name in the gzip header."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as out:
        out.write(dumps(doc).encode("utf-8"))
    path.write_bytes(buffer.getvalue())
