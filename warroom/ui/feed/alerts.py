"""Status-bar indicators of the feed: overdue replies and spike / newcomer alerts.

Checks run in the background every minute and after new posts (throttled). An alert is
written once to the logbook (shared by every operator) and shown in the status bar and as
a desktop notification where a system tray exists.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QSystemTrayIcon

from warroom.analysis.volume import SpikeSettings, latest_spike
from warroom.domain.filters import PostFilter
from warroom.domain.timeutil import utcnow
from warroom.store import feed_stats, posts
from warroom.ui.guard import alive

log = logging.getLogger("warroom.ui")
INTERVAL = timedelta(minutes=10)
HISTORY = 13  # intervals: 12 for the baseline and the current one


def check_alerts(db, rules: posts.DeadlineRules):
    """(overdue count, [(key, text, links)]) — runs in a worker."""
    configured = feed_stats.alert_rules()
    settings = SpikeSettings(
        multiple=float(configured["multiple"]), min_count=int(configured["min_count"])
    )
    newcomer_followers = int(configured["newcomer_followers"])
    overdue = posts.count_matching(db, PostFilter(overdue=True), rules)
    now = rules.now
    start = now - INTERVAL * HISTORY
    series = feed_stats.volume(db, PostFilter(), rules, start, INTERVAL, HISTORY)
    alerts: list[tuple[str, str, list[tuple[str, int]]]] = []
    slot = int(now.timestamp() // INTERVAL.total_seconds())
    for index, channel in enumerate(series.channels):
        spike = latest_spike(series.counts[index], settings)
        if spike is not None:
            text = (
                f"Spike on {channel}: {spike.count} posts in 10 min, ×{spike.ratio:.1f} "
                f"the baseline ({spike.baseline:.0f})"
            )
            alerts.append((f"spike:{channel}:{slot}", text, []))
    for newcomer in feed_stats.large_newcomers(db, now - INTERVAL, newcomer_followers):
        text = (
            f"New account with large reach: @{newcomer.handle} on {newcomer.channel} "
            f"({newcomer.followers:,} followers)"
        )
        alerts.append((f"newcomer:{newcomer.author_id}", text, [("post", newcomer.first_post_id)]))
    return overdue, alerts


class ClickableLabel(QLabel):
    """Signals: clicked()."""

    clicked = Signal()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class FeedAlerts(QObject):
    """Owns the overdue counter and the alert label; talks to the store via ctx.runner."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.overdue = ClickableLabel()
        self.overdue.setObjectName("overdueReplies")
        self.overdue.setTextFormat(Qt.TextFormat.PlainText)
        self.overdue.setToolTip(self.tr("Posts past their reply target (click: show them)"))
        self.overdue.clicked.connect(self._on_overdue_clicked)
        self.alert = QLabel()
        self.alert.setObjectName("spikeAlert")
        self.alert.setTextFormat(Qt.TextFormat.PlainText)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(QApplication.windowIcon() or QIcon(), self)
            self.tray.show()
        self._busy = False
        self._replaying = False
        self._last_overdue: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(60_000)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(10_000)
        self._throttle.timeout.connect(self.check)
        ctx.changes.changed.connect(self._on_changes_changed)
        ctx.navigator.as_of_changed.connect(self._on_navigator_as_of_changed)
        self.check()

    def _on_navigator_as_of_changed(self, when) -> None:
        """Alerts keep watching the crisis as it is now; during a replay the counter says so,
        so that it is not read as the figure at the cursor."""
        self._replaying = when is not None
        self._show_overdue()

    def _on_overdue_clicked(self) -> None:
        self.ctx.navigator.show_posts.emit(
            PostFilter(overdue=True, label=self.tr("Overdue replies"))
        )

    def widgets(self) -> list[QLabel]:
        return [self.overdue, self.alert]

    def _on_changes_changed(self, topics: frozenset) -> None:
        if "posts" in topics and not self._throttle.isActive():
            self._throttle.start()

    def check(self) -> None:
        if self._busy:
            return
        self._busy = True
        db = self.ctx.crisis.db
        rules = posts.DeadlineRules.load(self.ctx.tz, utcnow())
        self.ctx.runner.run_query(
            lambda: check_alerts(db, rules),
            on_success=alive(self.alert, self._on_checked),
            on_failure=alive(self.alert, self._on_failed),
        )

    def _on_failed(self, exc: Exception) -> None:
        self._busy = False
        log.warning("alert check failed: %s", exc)

    def _on_checked(self, result) -> None:
        self._busy = False
        overdue, alerts = result
        self._last_overdue = overdue
        self._show_overdue()
        db = self.ctx.crisis.db
        for key, text, links in alerts:
            self.ctx.runner.run_write(
                lambda k=key, t=text, li=links: feed_stats.record_alert(db, k, t, li),
                changed={"logbook"},
                on_success=alive(
                    self.alert, lambda fresh, t=text: self._on_alert_recorded(fresh, t)
                ),
            )

    def _show_overdue(self) -> None:
        overdue = self._last_overdue
        if overdue is None:
            return
        text = (
            self.tr("Overdue replies (now): %1")
            if self._replaying
            else self.tr("Overdue replies: %1")
        )
        self.overdue.setText(text.replace("%1", str(overdue)))
        self.overdue.setStyleSheet("color: #b00020; font-weight: bold;" if overdue else "")

    def _on_alert_recorded(self, fresh: bool, text: str) -> None:
        if not fresh:
            return
        self.alert.setText("⚠ " + text)
        self.alert.setStyleSheet("color: #b00020; font-weight: bold;")
        if self.tray is not None:
            self.tray.showMessage("warroom", text, QSystemTrayIcon.MessageIcon.Warning, 10_000)
