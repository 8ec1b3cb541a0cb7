"""The Dashboard: what matters within seconds; every tile opens the filtered view."""

from __future__ import annotations

import logging
from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from warroom.domain.filters import PostFilter
from warroom.domain.timeutil import utcnow
from warroom.store import feed_stats, posts
from warroom.ui.context import AppContext
from warroom.ui.dashboard.answer_first import AnswerFirst
from warroom.ui.dashboard.tiles import Sparkline, Tile
from warroom.ui.latest import LatestRead
from warroom.ui.models.feed_model import CHANNEL_COLOURS
from warroom.ui.views.base import View
from warroom.ui.widgets.replay_banner import ReplayBanner

log = logging.getLogger("warroom.ui")


class DashboardView(View):
    """Tiles: volume vs baseline, channels, negative share, overdue replies, needs reply,
    open rumors, statements in review, phase, sources."""

    view_name = "dashboard"
    TILES = (
        ("volume", "Posts, last hour"),
        ("channels", "Per channel, last 24 h"),
        ("negative", "Negative share, last hour"),
        ("overdue", "Overdue replies"),
        ("needs_reply", "Awaiting a reply"),
        ("rumors", "Rumors to handle"),
        ("statements", "Statements awaiting approval"),
        ("phase", "Crisis phase"),
        ("sources", "Source health"),
    )

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stats: feed_stats.DashboardStats | None = None
        self._cursor = None  # the replay cursor (None: live)
        self._reads = LatestRead(ctx.runner, self)  # counting posts can take a second
        self.tiles: dict[str, Tile] = {}
        outer = QVBoxLayout(self)
        self.replay_banner = ReplayBanner(ctx.tz, self.tr("the figures as they stood then"), self)
        outer.addWidget(self.replay_banner)
        grid = QGridLayout()
        outer.addLayout(grid)
        for index, (name, title) in enumerate(self.TILES):
            tile = Tile(name, self.tr(title), self)
            tile.clicked.connect(lambda n=name: self.open_tile(n))
            grid.addWidget(tile, index // 3, index % 3)
            self.tiles[name] = tile
        self.as_of = QLabel(self)
        self.as_of.setWordWrap(True)
        self.as_of.setTextFormat(Qt.TextFormat.PlainText)
        self.as_of.setStyleSheet("color: #5b6b85;")
        self.answer_first = AnswerFirst(ctx.tz, self)
        self.answer_first.post_chosen.connect(
            lambda post_id: ctx.navigator.show_item.emit("post", post_id)
        )
        self.answer_first.show_all.connect(lambda: self.open_tile("needs_reply"))
        outer.addWidget(self.answer_first, 1)
        outer.addWidget(self.as_of)
        self._timer = QTimer(self)
        self._timer.setInterval(60_000)
        self._timer.timeout.connect(lambda: self.when_shown(self.refresh))
        self._timer.start()
        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(2000)
        self._coalesce.timeout.connect(self.refresh)
        self._replay_timer = QTimer(self)  # a dragged cursor reloads once it pauses
        self._replay_timer.setSingleShot(True)
        self._replay_timer.setInterval(120)
        self._replay_timer.timeout.connect(self.refresh)
        ctx.changes.changed.connect(self._on_changes_changed)
        ctx.navigator.as_of_changed.connect(self._on_navigator_as_of_changed)
        self.refresh()

    def _schedule(self) -> None:
        """Refresh soon; a stream of notifications must not postpone it forever."""
        if not self._coalesce.isActive():
            self._coalesce.start()

    def title(self) -> str:
        return self.tr("Dashboard")

    def item_count(self) -> int:
        return len(self.tiles) if self.stats is not None else 0

    def refresh(self) -> None:
        db, when = self.ctx.crisis.db, self._cursor
        rules = posts.DeadlineRules.load(self.ctx.tz, when or utcnow())
        self._reads.request(
            lambda: feed_stats.dashboard(db, rules, as_of=when),
            self._on_stats_loaded,
            lambda exc: log.warning("dashboard: %s", exc),
        )

    def _on_changes_changed(self, topics: frozenset) -> None:
        if topics & {"posts", "rumors", "statements", "sources", "crisis", "settings"}:
            self.when_shown(self._schedule)  # behind another tab: when it comes to the front

    def _on_navigator_as_of_changed(self, when) -> None:
        self._cursor = when
        self.replay_banner.set_as_of(when)
        self.when_shown(self._replay_timer.start)

    def _on_stats_loaded(self, stats: feed_stats.DashboardStats) -> None:
        wanted = self._cursor
        if stats.replay != (wanted is not None) or (stats.replay and stats.now != wanted):
            return  # the cursor has moved on
        self.show_stats(stats)

    def show_stats(self, stats: feed_stats.DashboardStats) -> None:
        self.stats = stats
        ratio = stats.last_hour / max(stats.baseline_hour, 1.0)
        if stats.baseline_hour < 1:  # quiet before: a ratio would read ×354
            note = self.tr("no baseline yet (quiet before)")
        else:
            note = (
                self.tr("baseline %1/h · ×%2")
                .replace("%1", f"{stats.baseline_hour:.0f}")
                .replace("%2", f"{ratio:.1f}")
            )
        self.tiles["volume"].set(
            str(stats.last_hour), note, alarm=ratio >= 3 and stats.last_hour >= 20
        )
        self._sparks(stats)
        share = stats.negative_share
        self.tiles["negative"].set(
            "—" if share is None else f"{share:.0%}",
            (self.tr("of 1 post") if stats.last_hour == 1 else self.tr("of %1 posts")).replace(
                "%1", str(stats.last_hour)
            )
            if stats.last_hour
            else self.tr("no post"),
            alarm=share is not None and share > 0.5,
        )
        self.tiles["overdue"].set(
            str(stats.overdue), self.tr("past their reply target"), alarm=stats.overdue > 0
        )
        self.tiles["needs_reply"].set(str(stats.needs_reply), self.tr("open posts to answer"))
        self.tiles["rumors"].set(
            str(stats.open_rumors), self.tr("not yet rebutted"), alarm=stats.open_rumors > 0
        )
        self.tiles["statements"].set(str(stats.statements_in_review), self.tr("in review"))
        self.tiles["phase"].set(stats.phase or "—")
        failing = stats.sources_failing
        if stats.replay:
            self.tiles["sources"].set("—", self.tr("live only (not recorded over time)"))
        else:
            notes = [self.tr("%1 failing").replace("%1", str(failing))] if failing else []
            if stats.sources_paused:
                notes.append(self.tr("%1 paused").replace("%1", str(stats.sources_paused)))
            if not notes:
                notes.append(self.tr("all fine") if stats.sources_total else self.tr("none"))
            self.tiles["sources"].set(
                f"{stats.sources_total - failing}/{stats.sources_total}",
                self.tr("working / running") + " · " + " · ".join(notes),
                alarm=failing > 0,
            )
        self.answer_first.show_posts(
            stats.answer_first, utcnow() if not stats.replay else stats.now
        )
        when = stats.now.astimezone(self.ctx.tz).strftime("%d/%m/%Y %H:%M")
        if stats.replay:
            text = self.tr(
                "Replay at %1: the figures as they stood then (triage as it is now)"
            ).replace("%1", when)
        else:
            text = self.tr("As of %1").replace("%1", when)
            if not stats.live:
                text += self.tr(" — no post in the last 24 h: figures as of the latest post")
        self.as_of.setText(text)

    def _sparks(self, stats: feed_stats.DashboardStats) -> None:
        tile = self.tiles["channels"]
        old = getattr(self, "_spark_box", None)
        if old is not None:
            old.deleteLater()
        self._spark_box = QWidget(tile)
        box = QVBoxLayout(self._spark_box)
        box.setContentsMargins(0, 0, 0, 0)
        tile.extra.addWidget(self._spark_box)
        top = sorted(stats.sparks.items(), key=lambda kv: -sum(kv[1]))[:5]
        tile.set(str(len(stats.sparks)), self.tr("channels active"))
        for channel, values in top:
            row = QGridLayout()
            label = QLabel(f"{channel} {sum(values)}")
            label.setTextFormat(Qt.TextFormat.PlainText)
            row.addWidget(label, 0, 0)
            row.addWidget(Sparkline(values, CHANNEL_COLOURS.get(channel, "#777")), 0, 1)
            box.addLayout(row)

    def open_tile(self, name: str) -> None:
        navigator = self.ctx.navigator
        now = self.stats.now if self.stats else utcnow()
        filters = {
            "volume": PostFilter(since=now - timedelta(hours=1), label=self.tr("Last hour")),
            "channels": PostFilter(since=now - timedelta(hours=24), label=self.tr("Last 24 h")),
            "negative": PostFilter(
                since=now - timedelta(hours=1),
                sentiment_max=-0.05,
                label=self.tr("Negative, last hour"),
            ),
            "overdue": PostFilter(overdue=True, label=self.tr("Overdue replies")),
            "needs_reply": PostFilter(needs_reply=True, label=self.tr("Awaiting a reply")),
        }
        if name in filters:
            navigator.show_posts.emit(filters[name])
        elif name == "rumors":
            navigator.show_view.emit("rumors")
        elif name == "statements":
            navigator.show_view.emit("statements")
        elif name == "phase":
            navigator.show_view.emit("timeline")
        else:
            navigator.show_view.emit("logbook")
