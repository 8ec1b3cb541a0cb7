"""Dialogs of the Rumors view: a rumor from a post, from a cluster of similar posts, the
correction at the source, evidence, and linking a rebuttal statement."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from warroom.domain.rumors import suggest_match_query
from warroom.store import rumor_matching
from warroom.ui.rumors.models import PostHitModel
from warroom.ui.statements.util import guarded

NEW_RUMOR = -1


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class RumorFromPostDialog(QDialog):
    """Find the post that carries the claim, then register a new rumor from it, or link
    it to an existing rumor whose match query already finds it. With ``post_id`` (e.g.
    opened from the feed) that post is shown and chosen already."""

    def __init__(self, ctx, parent=None, post_id: int | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._initial_post = post_id
        self.setWindowTitle(self.tr("New rumor — from a post, or by hand"))
        self.resize(760, 560)
        self.search = QLineEdit(self)
        self.search.setObjectName("postSearch")
        self.search.setPlaceholderText(self.tr('Search posts: words, "phrases", prefix*, OR'))
        self.search.textChanged.connect(self._on_search_text_changed)
        self.model = PostHitModel(ctx.tz, self)
        self.table = QTableView(self)
        self.table.setObjectName("postHits")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.clicked.connect(self._on_table_clicked)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.claim = QLineEdit(self)
        self.claim.setObjectName("rumorClaim")
        self.query = QLineEdit(self)
        self.query.setObjectName("rumorQuery")
        self.existing = QComboBox(self)
        self.existing.setObjectName("existingRumor")
        self.existing.addItem(self.tr("Register a new rumor"), NEW_RUMOR)
        form = QFormLayout()
        form.addRow(self.tr("Claim"), self.claim)
        form.addRow(self.tr("Match query"), self.query)
        form.addRow(self.tr("Action"), self.existing)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(form)
        self.ok_box = _buttons(self)
        layout.addWidget(self.ok_box)
        self.post_id: int | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self._run_search)
        self._run_search()

    def _on_search_text_changed(self, _text: str) -> None:
        self._debounce.start()

    def _run_search(self) -> None:
        db, text, only = self._ctx.crisis.db, self.search.text(), self._initial_post
        self._initial_post = None
        self._ctx.runner.run_query(
            lambda: rumor_matching.search_posts(db, text, post_id=only),
            on_success=guarded(self, self._on_found),
            on_failure=guarded(self, lambda exc: self.status.setText(str(exc))),
        )

    def _on_found(self, hits) -> None:
        self.model.set_rows(hits)
        self.status.setText(self.tr("%1 posts").replace("%1", str(len(hits))))
        if len(hits) == 1 and self.post_id is None:  # one post given or found: take it
            self.table.selectRow(0)
            self._on_table_clicked(self.model.index(0, 0))

    def _on_table_clicked(self, index) -> None:
        hit = self.model.hit(index.row())
        self.post_id = hit.id
        if not self.claim.text().strip():
            self.claim.setText(" ".join(hit.text.split())[:200])
        self.query.setText(suggest_match_query(hit.text))
        db = self._ctx.crisis.db
        self._ctx.runner.run_query(
            lambda: rumor_matching.suggest_rumors_for_post(db, hit.id),
            on_success=guarded(self, self._on_suggestions),
        )

    def _on_suggestions(self, matches) -> None:
        self.existing.clear()
        self.existing.addItem(self.tr("Register a new rumor"), NEW_RUMOR)
        for rumor_id, claim in matches:
            self.existing.addItem(
                self.tr("Link to existing rumor: %1").replace("%1", claim), rumor_id
            )
        if matches:
            self.existing.setCurrentIndex(1)
            self.status.setText(
                self.tr("This post already matches %1 registered rumor(s).").replace(
                    "%1", str(len(matches))
                )
            )

    def values(self) -> dict:
        return {
            "post_id": self.post_id,
            "claim": self.claim.text(),
            "match_query": self.query.text(),
            "existing": self.existing.currentData(),
        }


class ClusterDialog(QDialog):
    """Groups of near-identical posts (rapidfuzz); pick one to register as a rumor."""

    def __init__(self, clusters, tz, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rumor from similar posts"))
        self.resize(720, 480)
        self._clusters = clusters
        self.list = QListWidget(self)
        self.list.setObjectName("clusterList")
        self.list.setWordWrap(True)
        for cluster in clusters:
            when = cluster.first_at.astimezone(tz).strftime("%d/%m %H:%M")
            text = " ".join(cluster.sample.split())
            item = QListWidgetItem(
                self.tr("%1 posts since %2, reach %3\n%4")
                .replace("%1", str(len(cluster.post_ids)))
                .replace("%2", when)
                .replace("%3", str(cluster.reach))
                .replace("%4", text),
                self.list,
            )
            item.setData(Qt.ItemDataRole.UserRole, self.list.count() - 1)
        self.list.currentRowChanged.connect(self._on_list_row_changed)
        self.claim = QLineEdit(self)
        self.query = QLineEdit(self)
        form = QFormLayout()
        form.addRow(self.tr("Claim"), self.claim)
        form.addRow(self.tr("Match query"), self.query)
        layout = QVBoxLayout(self)
        if not clusters:
            layout.addWidget(QLabel(self.tr("No group of near-identical posts found."), self))
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def _on_list_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._clusters):
            sample = self._clusters[row].sample
            self.claim.setText(" ".join(sample.split())[:200])
            self.query.setText(suggest_match_query(sample))

    def values(self) -> dict:
        row = self.list.currentRow()
        ids = self._clusters[row].post_ids if 0 <= row < len(self._clusters) else []
        return {"post_ids": ids, "claim": self.claim.text(), "match_query": self.query.text()}


class CorrectedDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Corrected at source"))
        form = QFormLayout(self)
        self.by = QLineEdit(self)
        self.by.setObjectName("correctedBy")
        self.by.setPlaceholderText(self.tr("e.g. the fire brigade's account @sdis67"))
        self.url = QLineEdit(self)
        self.url.setObjectName("correctedUrl")
        self.url.setPlaceholderText("https://…")
        form.addRow(self.tr("Corrected by"), self.by)
        form.addRow(self.tr("Link to the correction"), self.url)
        form.addRow(_buttons(self))


class EvidenceDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add evidence"))
        form = QFormLayout(self)
        self.kind = QComboBox(self)
        for value, label in (("note", "Note"), ("link", "Link"), ("attachment", "File")):
            self.kind.addItem(self.tr(label), value)
        self.text = QLineEdit(self)
        self.text.setObjectName("evidenceText")
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://…")
        self.path = QLineEdit(self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Note"), self.text)
        form.addRow(self.tr("Link"), self.url)
        form.addRow(self.tr("File (kept by path)"), row)
        form.addRow(_buttons(self))

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Evidence file"))
        if path:
            self.path.setText(path)
            self.kind.setCurrentIndex(self.kind.findData("attachment"))

    def values(self) -> dict:
        return {
            "kind": self.kind.currentData(),
            "text": self.text.text(),
            "url": self.url.text(),
            "path": self.path.text(),
        }


class LinkStatementDialog(QDialog):
    def __init__(self, statements: list[tuple[int, str, str]], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Link a rebuttal statement"))
        form = QFormLayout(self)
        self.choice = QComboBox(self)
        self.choice.setObjectName("statementChoice")
        for statement_id, title, status in statements:
            self.choice.addItem(f"{title} ({status})", statement_id)
        form.addRow(self.tr("Statement"), self.choice)
        form.addRow(_buttons(self))
