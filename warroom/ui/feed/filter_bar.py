"""The feed's filter bar: search, channel, time, sentiment, author, triage, saved views."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.enums import AuthorKind, Channel, TriageStatus
from warroom.domain.filters import PostFilter
from warroom.domain.timeutil import utcnow
from warroom.domain.triage import OPEN_STATUSES
from warroom.ui.feed.range_dialog import RangeDialog

SENTIMENTS = {
    "negative": (None, -0.05),
    "neutral": (-0.05, 0.05),
    "positive": (0.05, None),
}
RANGE = "range"  # the time combo's choice for an interval (typed, or clicked on the chart)
TIMES = {"hour": timedelta(hours=1), "6h": timedelta(hours=6), "24h": timedelta(hours=24)}


class FilterBar(QWidget):
    """Signals:
    filter_changed(object): the PostFilter the operator composed.
    save_requested(): the operator asked to save the current filter as a named view.
    targets_requested(): the operator wants to edit the per-channel reply targets.
    view_chosen(str): a saved view was picked.
    """

    filter_changed = Signal(object)
    save_requested = Signal()
    targets_requested = Signal()
    view_chosen = Signal(str)

    def __init__(self, tz: ZoneInfo, parent=None) -> None:
        super().__init__(parent)
        self._tz = tz
        self.range_hint: Callable[[], tuple[datetime, datetime] | None] | None = None
        self._extra = PostFilter()  # fields the bar has no widget for (author, group…)
        self._updating = False
        self.search = QLineEdit(self)
        self.search.setObjectName("feedSearch")
        self.search.setPlaceholderText(
            self.tr('Search: words, "a phrase", prefix*, a OR b, -exclude  (Ctrl+F)')
        )
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self._emit)
        self.search.textEdited.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._emit)
        self.channels = QToolButton(self)
        self.channels.setObjectName("channelFilter")
        self.channels.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.channels)
        self._channel_actions = {}
        for channel in Channel:
            action = menu.addAction(channel.value)
            action.setCheckable(True)
            action.toggled.connect(lambda _c: self._emit())
            self._channel_actions[channel.value] = action
        self.channels.setMenu(menu)
        self.time = self._combo(
            "timeFilter",
            [
                ("", self.tr("Any time")),
                ("hour", self.tr("Last hour")),
                ("6h", self.tr("Last 6 h")),
                ("24h", self.tr("Last 24 h")),
                (RANGE, self.tr("Range…")),
            ],
            emit=False,
        )
        self.time.setToolTip(self.tr("Posts published in the last hours, or between two times"))
        self._time_index = 0
        self.time.currentIndexChanged.connect(self._on_time_changed)
        self.sentiment = self._combo(
            "sentimentFilter",
            [
                ("", self.tr("Any sentiment")),
                ("negative", self.tr("Negative")),
                ("neutral", self.tr("Neutral")),
                ("positive", self.tr("Positive")),
            ],
        )
        self.kind = self._combo(
            "kindFilter", [("", self.tr("Any author"))] + [(k.value, k.value) for k in AuthorKind]
        )
        self.group = self._combo("groupFilter", [("", self.tr("Any group"))])
        self.status = self._combo(
            "statusFilter",
            [("", self.tr("Any status")), ("open", self.tr("Open (to handle)"))]
            + [(s.value, s.value) for s in TriageStatus],
        )
        self.assignee = self._combo(
            "assigneeFilter", [("*", self.tr("Anyone")), ("", self.tr("Unassigned"))]
        )
        self.rumor = self._combo("rumorFilter", [("", self.tr("Any rumor"))])
        self.needs_reply = QCheckBox(self.tr("Needs reply"), self)
        self.needs_reply.setObjectName("needsReply")
        self.overdue = QCheckBox(self.tr("Overdue"), self)
        self.overdue.setObjectName("overdue")
        for box in (self.needs_reply, self.overdue):
            box.toggled.connect(lambda _c: self._emit())
        self.views = QComboBox(self)
        self.views.setObjectName("savedViews")
        self.views.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.views.setMinimumContentsLength(6)
        self.views.setToolTip(self.tr("Saved views"))
        self.views.activated.connect(self._on_views_activated)
        save = QToolButton(self)
        save.setText(self.tr("Save view…"))
        save.setObjectName("saveView")
        save.clicked.connect(self.save_requested)
        clear = QToolButton(self)
        clear.setText(self.tr("Clear"))
        clear.setObjectName("clearFilter")
        clear.clicked.connect(self.clear)
        self.chip = QLabel(self)
        self.chip.setObjectName("filterChip")
        self.chip.setTextFormat(Qt.TextFormat.PlainText)
        self.chip.setStyleSheet("color: #5b6b85;")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 3)
        # The two filters a community manager toggles all day stay in view in a narrow dock.
        top.addWidget(self.needs_reply)
        top.addWidget(self.overdue)
        top.addWidget(self.views, 1)
        top.addWidget(save)
        top.addWidget(clear)
        targets = QToolButton(self)
        targets.setText(self.tr("Reply targets…"))
        targets.setObjectName("replyTargets")
        targets.clicked.connect(self.targets_requested)
        top.addWidget(targets)
        row = QWidget(self)
        bottom = QHBoxLayout(row)
        bottom.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.channels,
            self.time,
            self.sentiment,
            self.kind,
            self.group,
            self.status,
        ):
            bottom.addWidget(widget)
        for other in (self.assignee, self.rumor):
            bottom.addWidget(other)
        bottom.addWidget(self.chip, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        # The filters scroll sideways in a narrow dock instead of widening the window.
        scroller = QScrollArea(self)
        scroller.setWidget(row)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setFixedHeight(
            row.sizeHint().height() + scroller.horizontalScrollBar().sizeHint().height() + 2
        )
        layout.addWidget(scroller)
        self._update_channel_text()

    def _combo(self, name: str, items: list[tuple[str, str]], emit: bool = True) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        # As wide as its "any" choice reads; longer choices (group names, rumor claims) are
        # elided rather than widening the bar, which scrolls sideways in a narrow dock.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(min(14, max(6, len(items[0][1]) * 4 // 5)))
        for data, text in items:
            combo.addItem(text, data)
        if emit:
            combo.currentIndexChanged.connect(lambda _i: self._emit())
        return combo

    # -- time ---------------------------------------------------------------------------
    def _on_time_changed(self, index: int) -> None:
        if self._updating:
            return
        if self.time.itemData(index) != RANGE:
            self._time_index = index
            self._extra = replace(self._extra, since=None, until=None)
            self._emit()
            return
        since, until = self._extra.since, self._extra.until
        if since is None or until is None:
            since, until = self.default_range()
        dialog = RangeDialog(self._tz, since, until, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_interval(*dialog.values())
        else:  # cancelled: the time filter stays what it was
            self._updating = True
            self.time.setCurrentIndex(self._time_index)
            self._updating = False

    def default_range(self) -> tuple[datetime, datetime]:
        """What the range dialog proposes: the last 24 hours, or ``range_hint`` (the view
        sets it to the span its chart shows, for a crisis that is not happening now)."""
        if self.range_hint is not None:
            hint = self.range_hint()
            if hint is not None:
                return hint
        now = utcnow().replace(second=0, microsecond=0)
        return now - timedelta(hours=24), now

    # -- choices that come from the crisis ----------------------------------------------
    def set_choices(
        self,
        assignees: list[str],
        rumors: list[tuple[int, str]],
        groups: Sequence[tuple[int, str]] = (),
    ) -> None:
        self._updating = True
        keep_assignee, keep_rumor = self.assignee.currentData(), self.rumor.currentData()
        keep_group = self.group.currentData()
        while self.group.count() > 1:
            self.group.removeItem(1)
        for group_id, name in groups:
            self.group.addItem(name, group_id)
        self._select(self.group, keep_group)
        while self.assignee.count() > 2:
            self.assignee.removeItem(2)
        for name in assignees:
            self.assignee.addItem(name, name)
        while self.rumor.count() > 1:
            self.rumor.removeItem(1)
        for rumor_id, claim in rumors:
            self.rumor.addItem(f"#{rumor_id} {claim[:40]}", rumor_id)
        self._select(self.assignee, keep_assignee)
        self._select(self.rumor, keep_rumor)
        self._updating = False

    def set_saved_views(self, names: list[str]) -> None:
        self.views.clear()
        self.views.addItem(self.tr("Saved views…"), "")
        for name in names:
            self.views.addItem(name, name)

    def _on_views_activated(self, index: int) -> None:
        name = self.views.itemData(index)
        if name:
            self.view_chosen.emit(name)

    # -- filter <-> widgets ----------------------------------------------------------------
    def current_filter(self) -> PostFilter:
        f = self._extra
        channels = frozenset(c for c, a in self._channel_actions.items() if a.isChecked())
        status = self.status.currentData()
        statuses = (
            frozenset(OPEN_STATUSES) if status == "open" else frozenset({status} if status else ())
        )
        low, high = SENTIMENTS.get(self.sentiment.currentData(), (None, None))
        if self.sentiment.currentData() == "" and self._extra.sentiment_min is not None:
            low = self._extra.sentiment_min
        if self.sentiment.currentData() == "" and self._extra.sentiment_max is not None:
            high = self._extra.sentiment_max
        since, until = f.since, f.until
        if self.time.currentData() in TIMES:
            since, until = utcnow() - TIMES[self.time.currentData()], None
        kind = self.kind.currentData()
        assignee = self.assignee.currentData()
        return replace(
            f,
            group_id=self.group.currentData() or None,
            channels=channels,
            text_query=self.search.text().strip(),
            statuses=statuses,
            sentiment_min=low,
            sentiment_max=high,
            since=since,
            until=until,
            author_kinds=frozenset({kind}) if kind else frozenset(),
            assignee=None if assignee == "*" else assignee,
            rumor_id=self.rumor.currentData() or None,
            needs_reply=self.needs_reply.isChecked(),
            overdue=self.overdue.isChecked(),
        )

    def set_filter(self, f: PostFilter) -> None:
        """Show ``f`` in the widgets (fields without a widget are kept and described)."""
        self._updating = True
        self._extra = PostFilter(
            author_id=f.author_id,
            since=f.since,
            until=f.until,
            sentiment_min=f.sentiment_min,
            sentiment_max=f.sentiment_max,
            label=f.label,
        )
        self.search.setText(f.text_query)
        for channel, action in self._channel_actions.items():
            action.setChecked(channel in f.channels)
        self._show_range(f.since is not None or f.until is not None)
        self._updating = True
        self.sentiment.setCurrentIndex(0)
        for key, (low, high) in SENTIMENTS.items():
            if (low, high) == (f.sentiment_min, f.sentiment_max):
                self._select(self.sentiment, key)
        if len(f.statuses) == 1:
            self._select(self.status, next(iter(f.statuses)))
        elif f.statuses == frozenset(OPEN_STATUSES):
            self._select(self.status, "open")
        else:
            self.status.setCurrentIndex(0)
        self._select(self.kind, next(iter(f.author_kinds)) if len(f.author_kinds) == 1 else "")
        self._select(self.assignee, "*" if f.assignee is None else f.assignee)
        self._select(self.rumor, f.rumor_id or "")
        self._select(self.group, f.group_id or "")
        self.needs_reply.setChecked(f.needs_reply)
        self.overdue.setChecked(f.overdue)
        self._updating = False
        self._emit()

    def clear(self) -> None:
        self.set_filter(PostFilter())

    @staticmethod
    def _select(combo: QComboBox, data) -> None:
        index = combo.findData(data)
        combo.setCurrentIndex(max(0, index))

    def _describe_extra(self) -> str:
        extra = self._extra
        parts = [extra.label] if extra.label else []
        if extra.since or extra.until:
            low = extra.since.astimezone(self._tz).strftime("%d/%m %H:%M") if extra.since else "…"
            high = extra.until.astimezone(self._tz).strftime("%d/%m %H:%M") if extra.until else "…"
            parts.append(self.tr("from %1 to %2").replace("%1", low).replace("%2", high))
        if extra.author_id is not None:
            parts.append(self.tr("one author"))
        return " · ".join(parts)

    def _update_channel_text(self) -> None:
        chosen = [c for c, a in self._channel_actions.items() if a.isChecked()]
        self.channels.setText(", ".join(chosen) if chosen else self.tr("All channels"))

    def _emit(self) -> None:
        self._update_channel_text()
        if self._updating:
            return
        description = self._describe_extra()
        self.chip.setText(("⧉ " + description) if description else "")
        self.filter_changed.emit(self.current_filter())

    def set_interval(self, since, until) -> None:
        """Restrict to a time interval (a click on the volume chart, the range dialog)."""
        self._extra = replace(self._extra, since=since, until=until)
        self._show_range(since is not None or until is not None)
        self._emit()

    def _show_range(self, ranged: bool) -> None:
        self._updating = True
        self.time.setCurrentIndex(self.time.findData(RANGE) if ranged else 0)
        self._time_index = self.time.currentIndex()
        self._updating = False

    def clear_extra(self) -> None:
        self._extra = PostFilter()
        self._emit()
