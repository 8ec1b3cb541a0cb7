"""The Sources panel: every connector with its health; add, edit, pause, test, remove;
the watchlist; file import. It owns the scheduler that polls the sources."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QToolBar,
    QVBoxLayout,
)

from warroom.domain.timeutil import utcnow
from warroom.ingest.pipeline import DEFAULT_ENRICHERS, PollOutcome
from warroom.ingest.scheduler import Scheduler
from warroom.ingest.secrets import SecretStoreError, delete_secret, set_secret
from warroom.store import sources as store_sources
from warroom.store.errors import StoreError
from warroom.ui.context import AppContext
from warroom.ui.dialogs.import_file import ImportDialog
from warroom.ui.guard import alive
from warroom.ui.sources.health import SourceHealthLabel
from warroom.ui.sources.models import SourceTableModel, until
from warroom.ui.sources.source_dialog import SourceDialog, SourceForm
from warroom.ui.sources.watchlist import WatchlistDialog
from warroom.ui.views.base import View


def _save(db, source_id: int | None, form: SourceForm) -> store_sources.SourceInfo:
    """Writer thread: store the source, then its token in the keyring (never in the file)."""
    params = {"url": form.url, "query": form.query}
    if form.channel:
        params["channel"] = form.channel
    if source_id is None:
        info = store_sources.add_source(db, form.kind, form.name, params, form.interval_s)
    else:
        update = store_sources.SourceUpdate(
            name=form.name,
            url=form.url,
            query=form.query,
            interval_s=form.interval_s,
            extra={"channel": form.channel} if form.channel else {},
        )
        info = store_sources.update_source(db, source_id, update)
    if form.token:
        set_secret(info.name, form.token)
    return info


class SourcesView(View):
    view_name = "sources"

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model = SourceTableModel(ctx.tz, self)
        self.table = QTableView(self)
        self.table.setObjectName("sourcesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(24)
        vertical.hide()
        header = self.table.horizontalHeader()
        for column, width in enumerate((170, 72, 100, 56, 125, 135)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.detail = QLabel(self)
        self.detail.setObjectName("sourceDetail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.activity = QLabel(self)
        self.activity.setObjectName("sourceActivity")
        self.activity.setTextFormat(Qt.TextFormat.PlainText)
        self.activity.setStyleSheet("color: #5b6b85;")
        self.toolbar = QToolBar(self)
        self.actions_by_name: dict[str, QAction] = {}
        for name, text, slot in (
            ("add", self.tr("Add…"), self._on_add_triggered),
            ("edit", self.tr("Edit…"), self._on_edit_triggered),
            ("pause", self.tr("Pause"), self._on_pause_triggered),
            ("fetch", self.tr("Fetch now"), self._on_fetch_triggered),
            ("remove", self.tr("Remove"), self._on_remove_triggered),
            (None, "", None),
            ("watchlist", self.tr("Watchlist…"), self._on_watchlist_triggered),
            ("import", self.tr("Import file…"), self._on_import_triggered),
        ):
            if name is None:
                self.toolbar.addSeparator()
                continue
            action = self.toolbar.addAction(text)
            action.setObjectName(f"source_{name}")
            action.triggered.connect(slot)
            self.actions_by_name[name] = action
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.activity)
        self.health = SourceHealthLabel()
        self.health.clicked.connect(lambda: ctx.navigator.show_view.emit("sources"))
        self.import_action = QAction(self.tr("&Import posts…"), self)
        self.import_action.setObjectName("fileImport")
        self.import_action.triggered.connect(self._on_import_triggered)
        enrichers = getattr(ctx, "enrichers", None) or DEFAULT_ENRICHERS
        self.scheduler = Scheduler(ctx.crisis.db, ctx.runner, enrichers, parent=self)
        self.scheduler.started.connect(self._on_scheduler_started)
        self.scheduler.polled.connect(self._on_scheduler_polled)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        ctx.changes.changed.connect(self._on_changes_changed)
        self._clock = QTimer(self)
        self._clock.setInterval(15_000)
        self._clock.timeout.connect(self._update_detail)
        self._clock.start()
        self._update_actions()
        self.refresh()
        QTimer.singleShot(0, self.scheduler, self.scheduler.start)  # not after deletion

    # -- View -----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Sources")

    def item_count(self) -> int:
        return self.model.rowCount()

    def status_widgets(self) -> list:
        return [self.health]

    def file_actions(self) -> list:
        return [self.import_action]

    def refresh(self) -> None:
        self._ctx.runner.run_query(
            store_sources.list_sources, on_success=alive(self, self._on_sources_loaded)
        )

    # -- helpers --------------------------------------------------------------------------
    def selected(self) -> store_sources.SourceInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.source_at(rows[0].row()) if rows else None

    def select_name(self, name: str) -> None:
        for row, source in enumerate(self.model.sources()):
            if source.name == name:
                self.table.selectRow(row)

    def _on_sources_loaded(self, sources: list) -> None:
        chosen = self.selected()
        self.model.set_sources(sources)
        self.model.set_running(self.scheduler.running)
        if chosen is not None:
            self.select_name(chosen.name)
        self.health.show_sources(sources)
        self._update_actions()
        self._update_detail()

    def _update_actions(self) -> None:
        source = self.selected()
        for name in ("edit", "pause", "fetch", "remove"):
            self.actions_by_name[name].setEnabled(source is not None)
        pause = self.actions_by_name["pause"]
        pause.setText(
            self.tr("Resume") if source is not None and not source.enabled else self.tr("Pause")
        )

    def _update_detail(self) -> None:
        source = self.selected()
        if source is None:
            count = self.model.rowCount()
            self.detail.setText(
                self.tr("Select a source to see its health.")
                if count
                else self.tr(
                    "No sources yet: Add… an RSS feed, a Mastodon tag, a search — or Import file…."
                )
            )
            return
        lines = [f"{source.name} — {source.kind} — {source.url} {source.query}".strip()]
        if not source.enabled:
            lines.append(self.tr("Paused: not polled until resumed (Fetch now still tests it)."))
        elif source.failing:
            lines.append(self.tr("Problem: %1").replace("%1", source.last_error or ""))
            lines.append(
                self.tr("Failed %1 time(s) in a row; next retry %2. Posts already stored are kept.")
                .replace("%1", str(source.error_count))
                .replace("%2", until(source.next_poll))
            )
        else:
            lines.append(
                self.tr("Next poll %1; every %2 s.")
                .replace("%1", until(source.next_poll))
                .replace("%2", str(source.interval_s))
            )
        self.detail.setText("\n".join(lines))

    # -- slots ----------------------------------------------------------------------------
    def _on_changes_changed(self, topics: frozenset) -> None:
        if topics & {"sources", "posts"}:
            self.refresh()

    def _on_selection_changed(self, *_args) -> None:
        self._update_actions()
        self._update_detail()

    def _on_table_double_clicked(self, _index) -> None:
        self._on_edit_triggered()

    def _on_scheduler_started(self, source_id: int) -> None:
        self.model.set_running(self.scheduler.running)

    def _on_scheduler_polled(self, outcome: PollOutcome) -> None:
        self.model.set_running(self.scheduler.running)
        stamp = utcnow().astimezone(self._ctx.tz).strftime("%H:%M:%S")
        if outcome.ok:
            batch = outcome.batch
            text = self.tr("%1 %2: %3 new, %4 duplicate, %5 rejected")
            for key, value in (
                ("%1", stamp),
                ("%2", outcome.name),
                ("%3", str(batch.new)),
                ("%4", str(batch.duplicate)),
                ("%5", str(batch.rejected)),
            ):
                text = text.replace(key, value)
        else:
            text = (
                self.tr("%1 %2 failed: %3")
                .replace("%1", stamp)
                .replace("%2", outcome.name)
                .replace("%3", outcome.error or "")
            )
        self.activity.setText(text)

    def _edit(self, source: store_sources.SourceInfo | None) -> None:
        dialog = SourceDialog(self, source)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.save_form(source.id if source else None, dialog.form())

    def save_form(self, source_id: int | None, form: SourceForm) -> None:
        db = self._ctx.crisis.db
        self._ctx.runner.run_write(
            lambda: _save(db, source_id, form),
            changed={"sources"},
            on_success=alive(self, lambda info: self.select_name(info.name)),
            on_failure=alive(self, self._on_write_failed),
        )

    def _on_write_failed(self, exc: Exception) -> None:
        known = isinstance(exc, StoreError | SecretStoreError)
        QMessageBox.warning(self, self.tr("Sources"), str(exc) if known else repr(exc))

    def _on_add_triggered(self) -> None:
        self._edit(None)

    def _on_edit_triggered(self) -> None:
        source = self.selected()
        if source is not None:
            self._edit(source)

    def _on_pause_triggered(self) -> None:
        source = self.selected()
        if source is None:
            return
        db = self._ctx.crisis.db
        update = store_sources.SourceUpdate(enabled=not source.enabled)
        self._ctx.runner.run_write(
            lambda: store_sources.update_source(db, source.id, update),
            changed={"sources"},
            on_failure=alive(self, self._on_write_failed),
        )

    def _on_fetch_triggered(self) -> None:
        source = self.selected()
        if source is not None:
            self.scheduler.fetch_now(source.id)

    def _on_remove_triggered(self) -> None:
        source = self.selected()
        if source is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove source"),
            self.tr("Remove %1? Its %2 posts stay in the crisis.")
            .replace("%1", source.name)
            .replace("%2", str(source.post_count)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.remove_source(source.name)

    def remove_source(self, name: str) -> None:
        db = self._ctx.crisis.db

        def remove():
            info = store_sources.remove_source(db, name)
            delete_secret(info.name)
            return info

        self._ctx.runner.run_write(
            remove, changed={"sources"}, on_failure=alive(self, self._on_write_failed)
        )

    def _on_watchlist_triggered(self) -> None:
        WatchlistDialog(self._ctx, self).exec()

    def _on_import_triggered(self) -> None:
        ImportDialog(self._ctx, self).exec()
