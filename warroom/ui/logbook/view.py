"""The Logbook view: the main courante, newest last, with filters, the entry editor,
corrections, open actions, the briefing countdown and the integrity banner.

Every read runs through ``ctx.runner.run_query`` and every write through ``run_write``; the
view reloads on the "logbook" change topic (incrementally when it can).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.briefing import compose
from warroom.domain.logbook_rules import LogFilter
from warroom.store import briefing as briefing_store
from warroom.store import logbook, logbook_queries
from warroom.store.errors import StoreError
from warroom.ui.context import AppContext
from warroom.ui.guard import alive
from warroom.ui.logbook.dialogs import BriefingDialog
from warroom.ui.logbook.editor import EntryEditor
from warroom.ui.logbook.filter_bar import LogFilterBar
from warroom.ui.logbook.model import LogbookModel
from warroom.ui.logbook.panels import BriefingPanel, OpenActionsPanel
from warroom.ui.logbook.parts import CompactTabs, describe, register_table
from warroom.ui.views.base import View
from warroom.ui.widgets.replay_banner import ReplayBanner


def _load(db, flt: LogFilter, after):
    rows = list(logbook_queries.iter_filtered(db, flt, after=after, batch=5000))
    return rows, logbook_queries.corrections(db)


def _load_side(db):
    number, due, _last = briefing_store.schedule(db)
    return (
        logbook_queries.list_open_actions(db),
        (number, due, briefing_store.rhythm_minutes()),
        logbook_queries.operators(db),
    )


class LogbookView(View):
    """Signals:
    verify_requested(): the operator asked to verify the chain again.
    """

    view_name = "logbook"
    verify_requested = Signal()

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._generation = 0
        self._loading = False
        self._pending_select: int | None = None
        self._as_of = None  # replay cursor (None: live)
        self.model = LogbookModel(ctx.tz, self)
        self.filters = LogFilterBar(ctx.tz, self)
        self.filters.changed.connect(self.reload)
        self.table = register_table(self.model, self)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.table.doubleClicked.connect(lambda _index: self._on_correct_clicked())
        self.banner = QLabel(self)
        self.banner.setObjectName("tamperBanner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #b00020; color: white; padding: 4px;")
        self.banner.hide()
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.detail = QPlainTextEdit(self)
        self.detail.setObjectName("entryDetail")
        self.detail.setReadOnly(True)
        self.actions_panel = OpenActionsPanel(ctx.tz, self)
        self.actions_panel.close_requested.connect(self._on_actions_close_requested)
        self.actions_panel.jump_requested.connect(self.select_entry)
        self.briefing_panel = BriefingPanel(self)
        self.briefing_panel.prepare_requested.connect(self._on_briefing_prepare_requested)
        self.briefing_panel.rhythm_changed.connect(self._on_briefing_rhythm_changed)
        self._build_layout()
        self._build_shortcuts()
        ctx.changes.changed.connect(self._on_changes_changed)
        ctx.navigator.show_item.connect(self._on_navigator_show_item)
        ctx.navigator.as_of_changed.connect(self._on_navigator_as_of_changed)
        self.reload()

    # -- building -----------------------------------------------------------------------
    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _build_layout(self) -> None:
        self.new_button = self._button(self.tr("New entry…"), "newEntry", self._on_new_clicked)
        self.correct_button = self._button(
            self.tr("Correct this entry…"), "correctEntry", self._on_correct_clicked
        )
        self.goto_button = self._button(
            self.tr("Go to correction"), "gotoCorrection", self._on_goto_clicked
        )
        self.links_button = QToolButton(self)
        self.links_button.setText(self.tr("Linked items"))
        self.links_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.links_button.setMenu(QMenu(self.links_button))
        self.verify_button = self._button(
            self.tr("Verify chain"), "verifyChain", self.verify_requested
        )
        self.filters.row1.addWidget(self.summary, 1)
        row3 = QHBoxLayout()
        row3.setContentsMargins(0, 0, 0, 0)
        for widget in (self.new_button, self.correct_button, self.goto_button):
            row3.addWidget(widget)
        row3.addWidget(self.links_button)
        row3.addWidget(self.verify_button)
        row3.addStretch(1)
        button_bar = QWidget(self)
        button_bar.setLayout(row3)
        button_bar.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        tabs = CompactTabs(self)
        tabs.setObjectName("logbookTabs")
        tabs.addTab(self.detail, self.tr("Entry"))
        tabs.addTab(self.actions_panel, self.tr("Open actions"))
        self.tabs = tabs
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(tabs)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        self._user_sized = False
        splitter.splitterMoved.connect(self._on_splitter_moved)
        self.table.setMinimumHeight(66)
        tabs.setMinimumHeight(0)
        self.detail.setMinimumHeight(0)
        self.banner.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addWidget(self.banner)
        self.replay_banner = ReplayBanner(
            self._ctx.tz, self.tr("the entries of events that had happened by then"), self
        )
        layout.addWidget(self.replay_banner)
        layout.addWidget(self.filters)
        layout.addWidget(self.briefing_panel)  # a line of its own: the countdown is read at once
        layout.addWidget(button_bar)
        layout.addWidget(splitter, 1)
        self._update_buttons()

    def _build_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence.StandardKey.Find, self.filters.text.setFocus),
            (QKeySequence(Qt.Key.Key_Insert), self._on_new_clicked),
            (QKeySequence(Qt.Key.Key_F2), self._on_correct_clicked),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        self.new_button.setToolTip(self.tr("New entry with every field (Insert)"))
        self.correct_button.setToolTip(
            self.tr("Record a correction of the selected entry; it stays readable (F2)")
        )

    # -- View API -----------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(560, 320)

    def title(self) -> str:
        return self.tr("Logbook")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        height = self.splitter.height()
        if not self._user_sized and height > 0:  # until the operator moves the divider
            detail = min(150, height // 3)
            self.splitter.setSizes([height - detail, detail])

    def _on_splitter_moved(self, *_args) -> None:
        self._user_sized = True

    def item_count(self) -> int:
        return self.model.rowCount()

    def current_filter(self) -> LogFilter:
        """The filter bar's filter, capped at the replay cursor when replaying."""
        flt = self.filters.current()
        if self._as_of is None:
            return flt
        cap = self._as_of + timedelta(microseconds=1)  # ``until`` is exclusive
        return replace(flt, until=min(flt.until, cap) if flt.until else cap)

    def _on_navigator_as_of_changed(self, when) -> None:
        """Replay: only the entries of that time; writing from this view (new entry,
        correction, closing an action, a briefing and its countdown) waits for Live."""
        self._as_of = when
        replaying = when is not None
        self.replay_banner.set_as_of(when)
        self.briefing_panel.setVisible(not replaying)
        self.new_button.setEnabled(not replaying)
        self.actions_panel.setEnabled(not replaying)
        self._update_buttons()
        self.reload()

    def refresh(self) -> None:
        """Fetch what was written since the last load (a full reload in event order)."""
        flt = self.current_filter()
        if flt.order == "event" or self._loading or self._as_of is not None:
            self.reload()
            return
        self._query(flt, (self.model.last_seq(),), append=True)

    def reload(self) -> None:
        if self.filters.link_error():
            self.summary.setText(self.filters.link_error())
            return
        self._query(self.current_filter(), None, append=False)

    def _query(self, flt: LogFilter, after, append: bool) -> None:
        self._generation += 1
        generation = self._generation
        self._loading = True
        db = self._ctx.crisis.db
        self._ctx.runner.run_query(
            lambda: _load(db, flt, after),
            on_success=alive(self, lambda result: self._on_loaded(generation, append, result)),
            on_failure=alive(self, self._on_load_failed),
        )
        self._ctx.runner.run_query(
            lambda: _load_side(db), on_success=alive(self, self._on_side_loaded)
        )

    # -- results ------------------------------------------------------------------------
    def _on_loaded(self, generation: int, append: bool, result) -> None:
        if generation != self._generation:
            return
        self._loading = False
        rows, corrected = result
        at_bottom = self._at_bottom()
        if append:
            self.model.append_rows(rows, corrected)
        else:
            self.model.set_rows(rows, corrected)
        summary = self.tr("%n entries", "", self.model.rowCount())
        if self._as_of is not None:
            stamp = self._as_of.astimezone(self._ctx.tz).strftime("%d/%m/%Y %H:%M")
            summary = self.tr("Replay at %1 — ").replace("%1", stamp) + summary
        self.summary.setText(summary)
        if self._pending_select is not None:
            self.select_entry(self._pending_select)
        elif not append or (rows and at_bottom):
            self.table.scrollToBottom()
        self._update_buttons()

    def _on_load_failed(self, exc: Exception) -> None:
        self._loading = False
        self.summary.setText(self.tr("Cannot read the logbook: %1").replace("%1", str(exc)))

    def _on_side_loaded(self, result) -> None:
        actions, (number, due, rhythm), operators = result
        self.actions_panel.set_actions(actions)
        self.tabs.setTabText(1, self.tr("Open actions (%1)").replace("%1", str(len(actions))))
        self.briefing_panel.set_schedule(number, due, rhythm)
        self.filters.set_operators(operators)
        self._operators = operators

    def _at_bottom(self) -> bool:
        bar = self.table.verticalScrollBar()
        return bar.value() >= bar.maximum() - 2

    def show_integrity(self, report) -> None:
        """Called with each verification: a broken chain is shown, never hidden."""
        if report.ok:
            self.banner.hide()
            return
        self.banner.setText(
            self.tr(
                "THE LOGBOOK CHAIN IS BROKEN — %1. The file was altered outside warroom; "
                "entries from this one on cannot be trusted."
            ).replace("%1", report.problem.describe())
        )
        self.banner.show()

    # -- selection and navigation ---------------------------------------------------------
    def current_entry(self):
        index = self.table.currentIndex()
        return self.model.entry_at(index.row()) if index.isValid() else None

    def select_entry(self, seq: int) -> None:
        row = self.model.row_of(seq)
        if row is None:
            if self._pending_select == seq or not self.filters.current().is_empty:
                self._pending_select = None
                self.summary.setText(
                    self.tr("Entry #%1 is hidden by the filters").replace("%1", str(seq))
                )
                return
            self._pending_select = seq
            return
        self._pending_select = None
        index = self.model.index(row, LogbookModel.COL_TEXT)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _on_navigator_show_item(self, kind: str, ident: int) -> None:
        if kind == "entry":
            self._ctx.navigator.show_view.emit(self.view_name)
            self.select_entry(ident)

    def _on_table_current_changed(self, *_args) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        entry = self.current_entry()
        self.correct_button.setEnabled(entry is not None and self._as_of is None)
        fix = self.model.correction_of(entry.seq) if entry else None
        self.goto_button.setEnabled(fix is not None)
        menu = self.links_button.menu()
        menu.clear()
        for kind, ident in entry.links if entry else ():
            action = menu.addAction(f"{kind} {ident}")
            action.triggered.connect(
                lambda _=False, k=kind, i=ident: self._ctx.navigator.show_item.emit(
                    "entry" if k in ("closes", "entry") else k, i
                )
            )
        self.links_button.setEnabled(bool(entry and entry.links))
        self.detail.setPlainText(
            describe(entry, self.model.correction_of(entry.seq), self._ctx.tz) if entry else ""
        )

    # -- writing ------------------------------------------------------------------------
    def _write(self, func, done_message: str) -> None:
        def ok(result) -> None:
            seq = getattr(result, "seq", None)
            self.summary.setText(done_message.replace("%1", str(seq)))
            if seq is not None:
                self._pending_select = seq

        def failed(exc: Exception) -> None:
            message = str(exc) if isinstance(exc, StoreError) else repr(exc)
            QMessageBox.warning(self, self.tr("Logbook"), message)

        self._ctx.runner.run_write(
            func, changed={"logbook"}, on_success=alive(self, ok), on_failure=alive(self, failed)
        )

    def _edit(self, correcting=None) -> None:
        dialog = EntryEditor(
            self._ctx.operator, self._ctx.tz, getattr(self, "_operators", []), correcting, self
        )
        self.editor = dialog
        dialog.accepted.connect(lambda: self._on_editor_accepted(dialog))
        dialog.open()

    def _on_editor_accepted(self, dialog: EntryEditor) -> None:
        entry = dialog.entry()
        db = self._ctx.crisis.db
        message = self.tr("Recorded entry #%1")
        self._write(lambda: logbook.append(db, entry), message)

    def _on_new_clicked(self) -> None:
        if self._as_of is None:
            self._edit()

    def _on_correct_clicked(self) -> None:
        entry = self.current_entry()
        if entry is not None and self._as_of is None:
            self._edit(entry)

    def _on_goto_clicked(self) -> None:
        entry = self.current_entry()
        fix = self.model.correction_of(entry.seq) if entry else None
        if fix is not None:
            self.select_entry(fix)

    def _on_actions_close_requested(self, seq: int) -> None:
        note, ok = QInputDialog.getText(
            self,
            self.tr("Close action #%1").replace("%1", str(seq)),
            self.tr("Outcome (optional):"),
        )
        if not ok:
            return
        db, operator = self._ctx.crisis.db, self._ctx.operator
        self._write(
            lambda: logbook_queries.close_action(db, seq, operator, note),
            self.tr("Action closed by entry #%1"),
        )

    def _on_briefing_prepare_requested(self) -> None:
        db, tz = self._ctx.crisis.db, self._ctx.tz
        self._ctx.runner.run_query(
            lambda: briefing_store.briefing_data(db),
            on_success=alive(
                self, lambda data: self._open_briefing(data.number, compose(data, tz))
            ),
        )

    def _open_briefing(self, number: int, draft: str) -> None:
        dialog = BriefingDialog(number, draft, self)
        self.briefing_dialog = dialog
        dialog.accepted.connect(lambda: self._on_briefing_accepted(dialog))
        dialog.open()

    def _on_briefing_accepted(self, dialog: BriefingDialog) -> None:
        db, operator = self._ctx.crisis.db, self._ctx.operator
        number, text = dialog.number, dialog.briefing_text()
        self._write(
            lambda: briefing_store.log_briefing(db, number, text, operator),
            self.tr("Briefing logged as entry #%1"),
        )

    def _on_briefing_rhythm_changed(self, minutes: int) -> None:
        db = self._ctx.crisis.db
        self._ctx.runner.run_write(
            lambda: briefing_store.set_rhythm_minutes(db, minutes), changed={"settings", "logbook"}
        )

    def _on_changes_changed(self, topics: frozenset) -> None:
        if "logbook" in topics:
            self.refresh()
        elif topics & {"posts", "rumors", "statements"}:
            db = self._ctx.crisis.db
            self._ctx.runner.run_query(
                lambda: _load_side(db), on_success=alive(self, self._on_side_loaded)
            )
