"""The dashboard's "Answer first" list: the few posts awaiting a reply that matter most."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.deadlines import format_remaining
from warroom.store.posts import PostRow
from warroom.ui.models.feed_model import channel_icon, compact

OVERDUE = QColor("#b00020")
SOON = QColor("#c77700")


class AnswerFirst(QGroupBox):
    """Awaiting a reply, published in the last 24 h, by priority then reach (a bounded
    list of a few rows, refreshed with the dashboard).

    Signals:
        post_chosen(int): the operator opened a post (double-click or Enter).
        show_all(): the operator asked for every post awaiting a reply, in the Feed.
    """

    post_chosen = Signal(int)
    show_all = Signal()

    def __init__(self, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Answer first"), parent)
        self.setObjectName("answerFirst")
        self._tz = tz
        self.explain = QLabel(
            self.tr("Awaiting a reply, published in the last 24 h: highest priority, then reach")
        )
        self.explain.setStyleSheet("color: #5b6b85;")
        self.explain.setWordWrap(True)
        button = QPushButton(self.tr("All awaiting a reply…"), self)
        button.setObjectName("answerFirstAll")
        button.clicked.connect(self.show_all)
        top = QHBoxLayout()
        top.addWidget(self.explain, 1)
        top.addWidget(button)
        self.list = QTreeWidget(self)
        self.list.setObjectName("answerFirstList")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels(
            [self.tr("Due"), self.tr("Ch"), self.tr("Author"), self.tr("Priority"), self.tr("Text")]
        )
        for column, width in enumerate((70, 34, 190, 64)):
            self.list.header().resizeSection(column, width)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.empty = QLabel(self.tr("Nothing awaits a reply in the last 24 hours."), self)
        self.empty.setStyleSheet("color: #1e7d32;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self.empty.hide()

    def show_posts(self, rows: list[PostRow], now: datetime) -> None:
        self.list.clear()
        for post in rows:
            item = QTreeWidgetItem(
                [
                    format_remaining(post.deadline, now) if post.deadline else "",
                    "",
                    f"@{post.author_handle} · {post.author_kind} · {compact(post.followers)}",
                    "!" * post.priority,
                    " ".join(post.display_text[:300].split()),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, post.id)
            item.setIcon(1, channel_icon(post.channel))
            item.setToolTip(1, post.channel)
            item.setToolTip(4, post.display_text[:2000])
            when = post.created_at.astimezone(self._tz).strftime("%d/%m %H:%M")
            item.setToolTip(2, f"{post.author_name} — {post.followers:,} followers — {when}")
            if post.deadline is not None:
                remaining = (post.deadline - now).total_seconds()
                if remaining < 1800:
                    item.setForeground(0, OVERDUE if remaining < 0 else SOON)
            self.list.addTopLevelItem(item)
        self.empty.setVisible(not rows)
        self.list.setVisible(bool(rows))

    def post_ids(self) -> list[int]:
        items = (self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount()))
        return [int(item.data(0, Qt.ItemDataRole.UserRole)) for item in items if item]

    def _on_list_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.post_chosen.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))
