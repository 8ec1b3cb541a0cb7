"""The statement editor: details, workflow actions, channel versions and review aids.
While the replay cursor is set (``set_replay``) it shows the statement as it stood and
changes nothing: every editing control is off and writes are refused.

Signals:
    message(str): a one-line outcome for the status area of the view.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from warroom.domain import statements as rules
from warroom.domain.criteria import VersionText, auto_hints, verbatim_copies
from warroom.domain.enums import StatementStatus
from warroom.domain.timeutil import utcnow
from warroom.store import statement_details as details
from warroom.store import statement_queries as queries
from warroom.store import statements as store
from warroom.ui.statements.dialogs import AddVersionDialog, PublishDialog, TargetsDialog
from warroom.ui.statements.models import STATUS_COLOURS, format_countdown, meta_text, status_label
from warroom.ui.statements.review_panel import ReviewPanel
from warroom.ui.statements.util import guarded
from warroom.ui.statements.version_panel import VersionPanel
from warroom.ui.statements.workflow_bar import WorkflowBar

CHANGED = {"statements", "logbook"}


class StatementEditor(QWidget):
    message = Signal(str)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._detail: queries.StatementDetail | None = None
        self._role = "observer"
        self._groups: list[tuple[int, str]] = []
        self._copies: dict[int, list[str]] = {}
        self._selected_version: int | None = None
        self._want_key: tuple[str, str] | None = None  # show this version after a save
        self._as_of: datetime | None = None  # the replay instant (None: live)
        self.setObjectName("statementEditor")
        self._build()
        self.show_detail(None, [], [], "observer")

    def _build(self) -> None:
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("statementTitle")
        self.title_edit.editingFinished.connect(self._on_title_edited)
        self.status_badge = QLabel(self)
        self.status_badge.setObjectName("statusBadge")
        self.status_badge.setTextFormat(Qt.TextFormat.PlainText)
        self.meta = QLabel(self)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setWordWrap(True)
        self.targets_button = QPushButton(self.tr("Targets…"), self)
        self.targets_button.setObjectName("editTargets")
        self.targets_button.clicked.connect(self._on_targets_clicked)
        self.next_update = QDateTimeEdit(self)
        self.next_update.setObjectName("nextUpdate")
        self.next_update.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.next_update.setCalendarPopup(True)
        self._zone = QTimeZone(self._ctx.tz.key.encode())
        if self._zone.isValid():  # shown in the crisis time zone, like every other time
            self.next_update.setTimeZone(self._zone)
        self.next_update.setToolTip(self._ctx.tz.key)
        self.set_update_button = QPushButton(self.tr("Promise update"), self)
        self.set_update_button.setObjectName("setNextUpdate")
        self.set_update_button.clicked.connect(self._on_set_update_clicked)
        self.countdown = QLabel(self)
        self.countdown.setObjectName("countdown")
        self.countdown.setTextFormat(Qt.TextFormat.PlainText)
        self.add_version_button = QPushButton(self.tr("Add channel version…"), self)
        self.add_version_button.setObjectName("addVersion")
        self.add_version_button.clicked.connect(self._on_add_version_clicked)
        self.workflow = WorkflowBar(self.add_version_button, self)
        self.workflow.move_requested.connect(self._on_workflow_move_requested)
        self.workflow.legal_requested.connect(self._on_legal_clicked)
        self.feedback = QLabel(self)
        self.feedback.setObjectName("editorMessage")
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setWordWrap(True)
        self.versions = VersionPanel(self)
        self.versions.save_requested.connect(self._on_versions_save_requested)
        self.versions.publish_requested.connect(self._on_versions_publish_requested)
        self.versions.version_chosen.connect(self._on_versions_version_chosen)
        self.review = ReviewPanel(self._ctx.tz, self)
        self.review.criteria_changed.connect(self._on_review_criteria_changed)
        head = QHBoxLayout()
        head.addWidget(self.title_edit, 1)
        head.addWidget(self.status_badge)
        when = QHBoxLayout()
        when.addWidget(QLabel(self.tr("Next update:"), self))
        when.addWidget(self.next_update)
        when.addWidget(self.set_update_button)
        when.addWidget(self.countdown, 1)
        when.addWidget(self.targets_button)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.versions)
        split.addWidget(self.review)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.meta)
        layout.addLayout(when)
        layout.addWidget(self.workflow)
        layout.addWidget(self.feedback)
        layout.addWidget(split, 1)

    # -- showing --------------------------------------------------------------------------
    def statement_id(self) -> int | None:
        return self._detail.summary.id if self._detail else None

    def show_detail(self, detail, earlier, groups, role: str) -> None:
        keep_version = self._selected_version
        if detail is None or (self._detail and detail.summary.id != self._detail.summary.id):
            keep_version = None
        self._detail, self._role, self._groups = detail, role, groups
        self._set_controls()
        if detail is None:
            self.title_edit.setText("")
            self.status_badge.setText(self.tr("No statement selected"))
            self.status_badge.setStyleSheet("")
            self.meta.setText(
                self.tr("No statement had been started by then.")
                if self._as_of is not None
                else self.tr("Choose a statement on the board or in the list.")
            )
            self.versions.set_versions([], None)
            self.review.set_events([])
            self._rebuild_actions()
            self.tick()
            return
        summary = detail.summary
        self.title_edit.setText(summary.title)
        self.status_badge.setText(self.tr(status_label(summary.status)))
        colour = STATUS_COLOURS.get(summary.status, "#1f2a44")
        self.status_badge.setStyleSheet(
            f"background: {colour}; color: white; padding: 2px 8px; border-radius: 3px;"
        )
        self.meta.setText(meta_text(self, summary, self._role))
        when = summary.next_update_at or self._as_of or utcnow()
        self.next_update.setDateTime(
            QDateTime.fromSecsSinceEpoch(int(when.timestamp()), self._zone)
            if self._zone.isValid()
            else QDateTime.fromSecsSinceEpoch(int(when.timestamp()))
        )
        latest = sorted(detail.latest().values(), key=lambda v: (v.channel, v.language))
        self._copies = verbatim_copies(
            [VersionText(v.id, v.channel, v.language, v.text) for v in latest]
        )
        if self._want_key is not None:
            wanted = next((v for v in latest if v.key == self._want_key), None)
            keep_version = wanted.id if wanted else keep_version
            self._want_key = None
        if keep_version is not None:
            chosen = next((v for v in latest if v.id == keep_version), None)
            if chosen is None:  # a new version replaced it: keep the channel/language
                old = next((v for v in detail.versions if v.id == keep_version), None)
                chosen = next((v for v in latest if old and v.key == old.key), None)
            keep_version = chosen.id if chosen else None
        self.versions.set_versions(latest, keep_version)
        self.review.set_earlier(earlier)
        self.review.set_events(detail.events)
        self._show_version_aids()
        self._rebuild_actions()
        self.tick()

    def set_replay(self, as_of: datetime | None) -> None:
        """Show the statement as it stood at ``as_of`` (None: live). The controls follow at
        once; the content follows with the next ``show_detail``."""
        self._as_of = as_of
        self.feedback.setText("")
        self._set_controls()
        if self._detail is not None:
            self._show_version_aids()
        self._rebuild_actions()
        self.tick()

    def replaying(self) -> bool:
        return self._as_of is not None

    def _set_controls(self) -> None:
        has, live = self._detail is not None, self._as_of is None
        changing = (self.targets_button, self.next_update, self.set_update_button)
        for widget in (*changing, self.add_version_button):
            widget.setEnabled(has and live)
        for shown in (self.title_edit, self.versions, self.review):
            shown.setEnabled(has)
        self.title_edit.setReadOnly(not live)

    def _show_version_aids(self) -> None:
        version = self.versions.current()
        self._selected_version = version.id if version else None
        detail = self._detail
        if version is None or detail is None:
            self.review.set_history([])
            self.versions.set_editable(False, False)
            return
        live = self._as_of is None
        hints = auto_hints(version.text, copies_of=self._copies.get(version.id))
        editable = live and version.published_at is None and self._role != "observer"
        self.review.set_criteria(version.criteria, hints, editable)
        self.review.set_history(detail.history(version.channel, version.language))
        status = detail.summary.status
        can_edit = (
            live
            and self._role in {r.value for r in rules.EDITORS}
            and status
            not in (
                StatementStatus.SUPERSEDED,
                StatementStatus.WITHDRAWN,
            )
        )
        can_publish = (
            live
            and self._role in {r.value for r in rules.PUBLISHERS}
            and status
            in (
                StatementStatus.APPROVED,
                StatementStatus.PUBLISHED,
            )
        )
        self.versions.set_editable(can_edit, can_publish)

    def _rebuild_actions(self) -> None:
        self.workflow.show_moves(
            self._detail.summary if self._detail else None, self._role, replay=self.replaying()
        )

    def tick(self) -> None:
        """The countdown to the promised update, from now (or from the replay instant)."""
        now = self._as_of or utcnow()
        detail = self._detail
        target = detail.summary.next_update_at if detail else None
        text = format_countdown(target, now)
        self.countdown.setText(
            self.tr("next update %1").replace("%1", text) if text else self.tr("none promised yet")
        )
        late = bool(target and target < now)
        self.countdown.setStyleSheet("color: #b00020; font-weight: 600;" if late else "")

    # -- writes ---------------------------------------------------------------------------
    def _write(self, func, done: str) -> None:
        if self.replaying():  # a replay never changes the crisis
            self.feedback.setText(
                self.tr("Replay: nothing can be changed. Return to Live to edit the statement.")
            )
            self.feedback.setStyleSheet("color: #b00020; font-weight: 600;")
            return
        self.feedback.setText(self.tr("Saving…"))
        self.feedback.setStyleSheet("color: #5b6b85;")
        self._ctx.runner.run_write(
            func,
            changed=CHANGED,
            on_success=guarded(self, lambda _r: self._on_written(done)),
            on_failure=guarded(self, self._on_write_failed),
        )

    def _on_written(self, done: str) -> None:
        self.feedback.setText(done)
        self.feedback.setStyleSheet("color: #1e7d32;")
        self.message.emit(done)

    def _on_write_failed(self, exc: Exception) -> None:
        self.feedback.setText(self.tr("Not saved: %1").replace("%1", str(exc)))
        self.feedback.setStyleSheet("color: #b00020; font-weight: 600;")

    def _lock(self) -> int | None:
        return self._detail.summary.lock_version if self._detail else None

    def _on_workflow_move_requested(self, target: str) -> None:
        goal = StatementStatus(target)
        sid, lock, db, op = (
            self.statement_id(),
            self._lock(),
            self._ctx.crisis.db,
            self._ctx.operator,
        )
        if sid is None:
            return
        self._write(
            lambda: store.transition(db, sid, goal.value, op, lock),
            self.tr("Statement: %1").replace("%1", self.tr(rules.STATUS_LABELS[goal])),
        )

    def _on_legal_clicked(self) -> None:
        sid, lock, db, op = (
            self.statement_id(),
            self._lock(),
            self._ctx.crisis.db,
            self._ctx.operator,
        )
        if sid is not None:
            self._write(
                lambda: store.record_legal_review(db, sid, op, lock),
                self.tr("Legal review recorded"),
            )

    def _on_title_edited(self) -> None:
        detail = self._detail
        title = self.title_edit.text()
        if detail is None or title.strip() == detail.summary.title:
            return
        sid, lock, db, op = detail.summary.id, self._lock(), self._ctx.crisis.db, self._ctx.operator
        self._write(
            lambda: details.update_details(db, sid, op, lock, title=title), self.tr("Title saved")
        )

    def _on_set_update_clicked(self) -> None:
        sid, lock, db, op = (
            self.statement_id(),
            self._lock(),
            self._ctx.crisis.db,
            self._ctx.operator,
        )
        if sid is None:
            return
        when = datetime.fromtimestamp(self.next_update.dateTime().toSecsSinceEpoch(), UTC)
        self._write(
            lambda: details.update_details(db, sid, op, lock, next_update_at=when),
            self.tr("Next update promised"),
        )

    def _on_targets_clicked(self) -> None:
        detail = self._detail
        if detail is None:
            return
        dialog = TargetsDialog(self._groups, detail.target_ids, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen, sid, lock = dialog.chosen(), detail.summary.id, self._lock()
        db, op = self._ctx.crisis.db, self._ctx.operator
        self._write(
            lambda: details.update_details(db, sid, op, lock, target_ids=chosen),
            self.tr("Targets saved"),
        )

    def _on_add_version_clicked(self) -> None:
        detail = self._detail
        if detail is None:
            return
        sources = [(f"{v.channel} · {v.language}", v.text) for v in detail.latest().values()]
        dialog = AddVersionDialog(sources, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        channel, language, text = dialog.values()
        self._on_versions_save_requested(channel, language, text)

    def _on_versions_save_requested(self, channel: str, language: str, text: str) -> None:
        sid, lock, db, op = (
            self.statement_id(),
            self._lock(),
            self._ctx.crisis.db,
            self._ctx.operator,
        )
        if sid is None:
            return
        self._want_key = (channel, language.strip().lower())
        self._write(
            lambda: store.save_version(db, sid, channel, language, text, op, lock),
            self.tr("Text saved (%1 · %2)").replace("%1", channel).replace("%2", language),
        )

    def _on_versions_publish_requested(self, version_id: int) -> None:
        version = self.versions.current()
        if version is None:
            return
        dialog = PublishDialog(version.channel, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        url, lock, db, op = dialog.url.text(), self._lock(), self._ctx.crisis.db, self._ctx.operator
        self._write(
            lambda: store.publish_version(db, version_id, url, op, lock),
            self.tr("Publication recorded on %1").replace("%1", version.channel),
        )

    def _on_versions_version_chosen(self, _index: int) -> None:
        self._show_version_aids()

    def _on_review_criteria_changed(self, ticked: dict) -> None:
        version = self.versions.current()
        if version is None:
            return
        db, op, vid = self._ctx.crisis.db, self._ctx.operator, version.id
        self._write(lambda: details.set_criteria(db, vid, ticked, op), self.tr("Checklist saved"))
