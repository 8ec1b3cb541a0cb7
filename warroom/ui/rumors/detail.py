"""The rumor detail: status actions, register fields, spread chart, evidence, rebuttals,
carriers and history.

Signals:
    write(object, str): a store call (a function of no argument) to run as a write, and
        the message to show when it succeeded.
    show_carriers(): the user asked to see the posts carrying the rumor in the feed.

During a replay (``set_replay(True)``) every control that would change the rumor is off.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.enums import RumorStatus
from warroom.domain.rumors import BEST_VOICES, STATUS_LABELS, next_rumor_statuses
from warroom.store import rumors as store
from warroom.store.rumors import draft_rebuttal
from warroom.ui.rumors.chart import SpreadChart
from warroom.ui.rumors.dialogs import CorrectedDialog, EvidenceDialog, LinkStatementDialog
from warroom.ui.rumors.models import RUMOR_COLOURS, rumor_status_label


class RumorDetailPanel(QWidget):
    write = Signal(object, str)
    show_carriers = Signal()

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.detail = None
        self._read_only = True
        self._replay = False
        self._role = "observer"
        self._statements: list[tuple[int, str, str]] = []
        self.claim = QLineEdit(self)
        self.claim.setObjectName("detailClaim")
        self.claim.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.badge = QLabel(self)
        self.badge.setObjectName("rumorBadge")
        self.badge.setTextFormat(Qt.TextFormat.PlainText)
        self.meta = QLabel(self)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setWordWrap(True)
        self.status_actions = QHBoxLayout()
        self.note = QLineEdit(self)
        self.note.setObjectName("statusNote")
        self.note.setPlaceholderText(self.tr("Note for the logbook (why this status)"))
        self.owner = QLineEdit(self)
        self.owner.setObjectName("rumorOwner")
        self.voice = QComboBox(self)
        self.voice.setObjectName("bestVoice")
        self.voice.setEditable(True)
        self.voice.addItems(["", *BEST_VOICES])
        self.query = QLineEdit(self)
        self.query.setObjectName("matchQuery")
        save = self.save_button = QPushButton(self.tr("Save details"), self)
        save.setObjectName("saveRumor")
        save.clicked.connect(self._on_save_clicked)
        carriers = QPushButton(self.tr("Show carriers in feed"), self)
        carriers.setObjectName("showCarriers")
        carriers.clicked.connect(self._on_carriers_clicked)
        evidence = self.evidence_button = QPushButton(self.tr("Add evidence…"), self)
        evidence.setObjectName("addEvidence")
        evidence.clicked.connect(self._on_evidence_clicked)
        rebuttal = self.rebuttal_button = QPushButton(self.tr("Link rebuttal…"), self)
        rebuttal.setObjectName("linkRebuttal")
        rebuttal.clicked.connect(self._on_link_clicked)
        form = QFormLayout()
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Best voice to rebut"), self.voice)
        form.addRow(self.tr("Match query"), self.query)
        tools = QHBoxLayout()
        draft = self.draft_button = QPushButton(self.tr("Draft a rebuttal"), self)
        draft.setObjectName("draftRebuttal")
        draft.setToolTip(self.tr("Create a draft statement rebutting this rumor and link it"))
        draft.clicked.connect(self._on_draft_clicked)
        for button in (save, carriers, evidence, rebuttal, draft):
            tools.addWidget(button)
        tools.addStretch(1)
        self.chart = SpreadChart(ctx.tz, self)
        self.evidence = QListWidget(self)
        self.evidence.setObjectName("evidenceList")
        self.evidence.setWordWrap(True)
        self.rebuttals = QListWidget(self)
        self.rebuttals.setObjectName("rebuttalList")
        self.rebuttals.setWordWrap(True)
        self.rebuttals.itemDoubleClicked.connect(self._on_rebuttal_double_clicked)
        self.carriers = QListWidget(self)
        self.carriers.setObjectName("carrierList")
        self.history = QListWidget(self)
        self.history.setObjectName("rumorHistory")
        self.history.setWordWrap(True)
        for listing in (self.evidence, self.rebuttals, self.carriers, self.history):
            listing.setAlternatingRowColors(True)
            listing.setSpacing(2)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.chart, self.tr("Spread"))
        self.tabs.addTab(self.evidence, self.tr("Evidence"))
        self.tabs.addTab(self.rebuttals, self.tr("Rebuttals"))
        self.tabs.addTab(self.carriers, self.tr("Carriers"))
        self.tabs.addTab(self.history, self.tr("History"))
        head = QHBoxLayout()
        head.addWidget(self.claim, 1)
        head.addWidget(self.badge)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.meta)
        layout.addLayout(self.status_actions)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addLayout(tools)
        layout.addWidget(self.tabs, 1)
        self.setEnabled(False)

    # -- showing ---------------------------------------------------------------------------
    def rumor_id(self) -> int | None:
        return self.detail.summary.id if self.detail else None

    def set_replay(self, replay: bool) -> None:
        """Replaying: nothing can be changed (the content follows with ``show_rumor``)."""
        self._replay = replay
        self._apply_read_only()
        if self.detail is not None:
            self._rebuild_actions(self.detail.summary.status)

    def _apply_read_only(self) -> None:
        self._read_only = self._role == "observer" or self._replay
        for widget in (
            self.save_button,
            self.evidence_button,
            self.rebuttal_button,
            self.draft_button,
            self.note,
        ):
            widget.setEnabled(not self._read_only)
        for line in (self.claim, self.owner, self.query):
            line.setReadOnly(self._replay)
        self.voice.setEnabled(not self._replay)

    def clear(self) -> None:
        """Nothing to show (no rumor had been seen yet at the replay instant)."""
        self.detail = None
        self.setEnabled(False)
        for line in (self.claim, self.owner, self.query, self.note):
            line.clear()
        self.voice.setCurrentText("")
        self.badge.setText(self.tr("No rumor"))
        self.badge.setStyleSheet("")
        self.meta.setText(self.tr("No rumor had been seen yet at that time."))
        self._rebuild_actions("")
        self.chart.show_spread(None)
        for listing in (self.evidence, self.rebuttals, self.carriers, self.history):
            listing.clear()

    def show_rumor(self, detail, spread, carriers, statements, role="observer") -> None:
        if detail is None:
            self.clear()
            return
        self.detail, self._statements, self._role = detail, statements, role
        self.setEnabled(True)
        self._apply_read_only()
        summary = detail.summary
        tz = self._ctx.tz
        self.claim.setText(summary.claim)
        self.badge.setText(self.tr(rumor_status_label(summary.status)))
        colour = RUMOR_COLOURS.get(summary.status, "#1f2a44")
        self.badge.setStyleSheet(
            f"background: {colour}; color: white; padding: 2px 8px; border-radius: 3px;"
        )
        meta = [
            self.tr("First seen %1").replace(
                "%1", summary.first_seen.astimezone(tz).strftime("%d/%m/%Y %H:%M")
            )
        ]
        if detail.origin_text:
            meta.append(
                self.tr("origin: %1").replace("%1", " ".join(detail.origin_text.split())[:140])
            )
        if detail.corrected_by:
            when = (
                detail.corrected_at.astimezone(tz).strftime("%d/%m %H:%M")
                if detail.corrected_at
                else ""
            )
            meta.append(
                self.tr("corrected at source by %1 %2 %3")
                .replace("%1", detail.corrected_by)
                .replace("%2", when)
                .replace("%3", detail.corrected_url or "")
            )
        self.meta.setText(" · ".join(meta))
        self.owner.setText(summary.owner)
        self.voice.setCurrentText(summary.best_voice)
        self.query.setText(summary.match_query)
        self._rebuild_actions(summary.status)
        self.chart.show_spread(spread)
        self._fill_lists(detail, carriers)

    def _fill_lists(self, detail, carriers) -> None:
        tz = self._ctx.tz
        self.evidence.clear()
        for item in detail.evidence:
            when = item.added_at.astimezone(tz).strftime("%d/%m %H:%M")
            where = " ".join(x for x in (item.url, item.path) if x)
            self.evidence.addItem(
                f"{when} · {item.kind} · {item.added_by}\n{item.text} {where}".strip()
            )
        self.rebuttals.clear()
        for rebuttal in detail.rebuttals:
            published = "; ".join(
                f"{at.astimezone(tz).strftime('%d/%m %H:%M')} {channel} {url}"
                for at, channel, url in rebuttal.publications
            ) or self.tr("not published yet")
            self.rebuttals.addItem(f"{rebuttal.title} ({rebuttal.status})\n{published}")
        self.carriers.clear()
        for handle, channel, posts, followers in carriers:
            self.carriers.addItem(
                self.tr("@%1 on %2 — %3 posts, %4 followers")
                .replace("%1", handle)
                .replace("%2", channel)
                .replace("%3", str(posts))
                .replace("%4", str(followers))
            )
        self.history.clear()
        for old, new, operator, at, note in detail.events:
            move = f"{old} → {new}" if old else new
            suffix = f" — {note}" if note else ""
            self.history.addItem(
                f"{at.astimezone(tz).strftime('%d/%m %H:%M')}  {operator}: {move}{suffix}"
            )

    def _rebuild_actions(self, status: str) -> None:
        while self.status_actions.count():
            item = self.status_actions.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for goal in next_rumor_statuses(status):
            button = QPushButton(self.tr(STATUS_LABELS[goal]), self)
            if self._read_only:
                button.setEnabled(False)
                button.setToolTip(
                    self.tr("Replay: return to Live to change the rumor")
                    if self._replay
                    else self.tr("An observer may not change a rumor")
                )
            button.setObjectName(f"rumor_to_{goal.value}")
            button.setProperty("goal", goal.value)
            button.clicked.connect(self._on_status_button_clicked)
            self.status_actions.addWidget(button)
        self.status_actions.addStretch(1)

    # -- slots ------------------------------------------------------------------------------
    def _on_status_button_clicked(self) -> None:
        button = self.sender()
        if button is not None:
            self._on_status_clicked(RumorStatus(str(button.property("goal"))))

    def _on_status_clicked(self, goal: RumorStatus) -> None:
        rid, db, op, note = (
            self.rumor_id(),
            self._ctx.crisis.db,
            self._ctx.operator,
            self.note.text(),
        )
        if rid is None:
            return
        if goal is RumorStatus.CORRECTED_AT_SOURCE:
            dialog = CorrectedDialog(self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            by, url = dialog.by.text(), dialog.url.text()
            self.write.emit(
                lambda: store.mark_corrected_at_source(db, rid, op, corrected_by=by, url=url),
                self.tr("Correction at source recorded"),
            )
            return
        self.note.clear()
        self.write.emit(
            lambda: store.set_status(db, rid, goal.value, op, note),
            self.tr("Rumor: %1").replace("%1", self.tr(STATUS_LABELS[goal])),
        )

    def _on_carriers_clicked(self) -> None:
        self.show_carriers.emit()

    def _on_save_clicked(self) -> None:
        rid, db, op = self.rumor_id(), self._ctx.crisis.db, self._ctx.operator
        if rid is None:
            return
        claim, owner, voice, query = (
            self.claim.text(),
            self.owner.text(),
            self.voice.currentText(),
            self.query.text(),
        )
        self.write.emit(
            lambda: store.update_rumor(
                db, rid, op, claim=claim, owner=owner, best_voice=voice, match_query=query
            ),
            self.tr("Rumor saved"),
        )

    def _on_evidence_clicked(self) -> None:
        rid, db, op = self.rumor_id(), self._ctx.crisis.db, self._ctx.operator
        if rid is None:
            return
        dialog = EvidenceDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        self.write.emit(
            lambda: store.add_evidence(db, rid, op, **values), self.tr("Evidence added")
        )

    def _on_draft_clicked(self) -> None:
        rid, db, op = self.rumor_id(), self._ctx.crisis.db, self._ctx.operator
        if rid is None or self.detail is None:
            return
        claim = " ".join(self.detail.summary.claim.split())
        title = self.tr("Rebuttal — %1").replace("%1", claim[:120])
        self.write.emit(
            lambda: draft_rebuttal(db, rid, title, op), self.tr("Draft rebuttal created and linked")
        )

    def _on_link_clicked(self) -> None:
        rid, db, op = self.rumor_id(), self._ctx.crisis.db, self._ctx.operator
        if rid is None:
            return
        dialog = LinkStatementDialog(self._statements, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice.currentData() is None:
            return
        statement_id = int(dialog.choice.currentData())
        self.write.emit(
            lambda: store.link_rebuttal(db, rid, statement_id, op), self.tr("Rebuttal linked")
        )

    def _on_rebuttal_double_clicked(self, item) -> None:
        row = self.rebuttals.row(item)
        if self.detail is not None and 0 <= row < len(self.detail.rebuttals):
            self._ctx.navigator.show_item.emit("statement", self.detail.rebuttals[row].statement_id)
