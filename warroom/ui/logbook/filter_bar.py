"""The Logbook view's filter bar: category, operator, period, text, linked object,
significant-only and order. Emits a LogFilter; builds no query itself."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime, QTimer, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.enums import LogCategory
from warroom.domain.logbook_rules import LogFilter, parse_links
from warroom.domain.timeutil import utcnow

PERIODS = (
    ("All time", None),
    ("Last hour", timedelta(hours=1)),
    ("Last 6 hours", timedelta(hours=6)),
    ("Last 24 hours", timedelta(hours=24)),
    ("Last 7 days", timedelta(days=7)),
    ("Custom range…", None),
)
CUSTOM = len(PERIODS) - 1


class LogFilterBar(QWidget):
    """Signals:
    changed(): the filter changed (typing is debounced by 300 ms).
    """

    changed = Signal()

    def __init__(self, tz: ZoneInfo, parent=None) -> None:
        super().__init__(parent)
        self._tz = tz
        self.category = QComboBox(self)
        self.category.setObjectName("filterCategory")
        self.category.addItem(self.tr("All categories"), "")
        for value in LogCategory:
            self.category.addItem(self.tr(value.value), value.value)
        self.operator = QComboBox(self)
        self.operator.setObjectName("filterOperator")
        self.operator.addItem(self.tr("All operators"), "")
        self.period = QComboBox(self)
        self.period.setObjectName("filterPeriod")
        for label, _span in PERIODS:
            self.period.addItem(self.tr(label))
        zone = QTimeZone(tz.key.encode())
        now = QDateTime.fromSecsSinceEpoch(int(utcnow().timestamp()), zone)
        self.since = self._time_edit("filterSince", now.addDays(-1), zone)
        self.until = self._time_edit("filterUntil", now.addSecs(3600), zone)
        self.text = QLineEdit(self)
        self.text.setObjectName("filterText")
        self.text.setClearButtonEnabled(True)
        self.text.setPlaceholderText(self.tr("Search text…"))
        self.text.setMinimumWidth(90)
        self.link = QLineEdit(self)
        self.link.setObjectName("filterLink")
        self.link.setClearButtonEnabled(True)
        self.link.setPlaceholderText(self.tr("Linked to (post 12)"))
        self.link.setMaximumWidth(150)
        self.significant = QCheckBox(self.tr("Significant"), self)
        self.significant.setToolTip(
            self.tr(
                "Milestones only: events, decisions, actions, communications, briefings,"
                " corrections, and automatic entries about statements, spikes and phases"
            )
        )
        self.significant.setObjectName("filterSignificant")
        self.order = QComboBox(self)
        self.order.setObjectName("filterOrder")
        self.order.addItem(self.tr("Order recorded"), "seq")
        self.order.addItem(self.tr("By event time"), "event")
        first = self.row1 = QHBoxLayout()  # the view adds its own widgets to both rows
        for combo in (self.category, self.operator, self.period, self.order):
            # narrow enough for a dock beside the Feed; the open list shows the whole names
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(9)
            first.addWidget(combo)
        first.addWidget(self.significant)
        second = self.row2 = QHBoxLayout()
        second.addWidget(self.since)
        second.addWidget(self.until)
        second.addWidget(self.text, 1)
        second.addWidget(self.link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(first)
        layout.addLayout(second)
        # narrow docks clip the bar instead of forcing the whole window wider
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.changed)
        for combo in (self.category, self.operator, self.period, self.order):
            combo.currentIndexChanged.connect(self.changed)
        self.significant.toggled.connect(self.changed)
        self.period.currentIndexChanged.connect(self._on_period_changed)
        self.since.dateTimeChanged.connect(self._debounce.start)
        self.until.dateTimeChanged.connect(self._debounce.start)
        self.text.textChanged.connect(self._debounce.start)
        self.link.textChanged.connect(self._debounce.start)

    def _time_edit(self, name: str, value: QDateTime, zone: QTimeZone) -> QDateTimeEdit:
        edit = QDateTimeEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        edit.setTimeZone(zone)
        edit.setDateTime(value)
        edit.hide()
        return edit

    def _on_period_changed(self, index: int) -> None:
        custom = index == CUSTOM
        self.since.setVisible(custom)
        self.until.setVisible(custom)

    def set_range(self, since: datetime, until: datetime) -> None:
        """Show the custom range ``since``–``until`` (e.g. one day of an old crisis)."""
        zone = QTimeZone(self._tz.key.encode())
        for edit, value in ((self.since, since), (self.until, until)):
            edit.blockSignals(True)
            edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(value.timestamp()), zone))
            edit.blockSignals(False)
        self.period.setCurrentIndex(CUSTOM)
        self.changed.emit()

    def set_operators(self, names: list[str]) -> None:
        current = self.operator.currentData()
        self.operator.blockSignals(True)
        self.operator.clear()
        self.operator.addItem(self.tr("All operators"), "")
        for name in names:
            self.operator.addItem(name, name)
        self.operator.setCurrentIndex(max(0, self.operator.findData(current)))
        self.operator.blockSignals(False)

    def link_error(self) -> str:
        try:
            parse_links(self.link.text())
        except ValueError as exc:
            return str(exc)
        return ""

    def current(self) -> LogFilter:
        index = self.period.currentIndex()
        span = PERIODS[index][1]
        since = utcnow() - span if span else None
        until = None
        if index == CUSTOM:
            since = datetime.fromtimestamp(self.since.dateTime().toSecsSinceEpoch(), UTC)
            until = datetime.fromtimestamp(self.until.dateTime().toSecsSinceEpoch(), UTC)
        category = self.category.currentData()
        try:
            links = parse_links(self.link.text())
        except ValueError:
            links = []
        return LogFilter(
            categories=frozenset({category}) if category else frozenset(),
            operator=self.operator.currentData() or "",
            since=since,
            until=until,
            text=self.text.text().strip(),
            link=links[0] if links else None,
            significant_only=self.significant.isChecked(),
            order=self.order.currentData(),
        )
