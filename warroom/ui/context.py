"""What the composition root (app.py) hands down to the window and the views."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QObject, QSettings, Signal

from warroom.domain.crisis import CrisisInfo
from warroom.domain.posts import NormalisedPost
from warroom.store.db import CrisisDatabase
from warroom.tasks import ChangeHub, TaskRunner


class Navigator(QObject):
    """Cross-view navigation, so views never reach into each other.

    Signals:
        show_posts(object): a PostFilter the Feed view applies (and raises itself).
        show_view(str): raise the named view's dock.
        show_item(str, int): raise the view owning an item ("post", "statement", "rumor",
            "entry", "stakeholder", "author") and select it.
        as_of_changed(object): the replay cursor moved: a UTC datetime (views show the
            crisis as it stood then) or None (back to live).
    """

    show_posts = Signal(object)
    show_view = Signal(str)
    show_item = Signal(str, int)
    as_of_changed = Signal(object)


@dataclass
class AppContext:
    crisis: CrisisDatabase
    info: CrisisInfo
    runner: TaskRunner
    changes: ChangeHub
    settings: QSettings
    operator: str
    navigator: Navigator
    # Applied to every batch of incoming posts before storing (connectors and imports):
    # None means the ingest default (language detection). The composition root adds
    # sentiment here.
    enrichers: tuple[Callable[[list[NormalisedPost]], None], ...] | None = None

    # Change topics emitted through ``changes`` after writes: "logbook", "posts",
    # "authors", "sources", "statements", "rumors", "stakeholders", "graph", "settings",
    # "crisis". A view refreshes only for the topics it shows.

    @property
    def tz(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.info.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")
