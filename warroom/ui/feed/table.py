"""FeedTable: the posts table, laid out for triage at any width.

Fixed row heights (a million rows), no resize-to-contents. What a community manager acts
on comes first — time, channel, author, triage status, reply countdown — then the text,
which takes the width left on screen (:class:`TextColumnFit`), then the figures.
The order is visual only (the model's columns keep their numbers); the operator can drag
columns and resize them, and a text column resized by hand keeps its width.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from warroom.ui.feed.delegate import FeedDelegate
from warroom.ui.models.feed_model import FeedModel
from warroom.ui.widgets.column_fit import TextColumnFit, lay_out_columns

ROW_HEIGHT = 22
TEXT_MIN = 200
TEXT_PREFERRED = 380
# (column, width) in the order shown.
LAYOUT = (
    (FeedModel.COL_TIME, 80),
    (FeedModel.COL_CHANNEL, 34),
    (FeedModel.COL_AUTHOR, 150),
    (FeedModel.COL_STATUS, 100),
    (FeedModel.COL_DEADLINE, 64),
    (FeedModel.COL_TEXT, 380),
    (FeedModel.COL_SENTIMENT, 84),
    (FeedModel.COL_ENGAGEMENT, 96),
    (FeedModel.COL_MATCHED, 90),
    (FeedModel.COL_ASSIGNEE, 100),
)


class FeedTable(QTableView):
    """The Feed's table over a :class:`FeedModel`. Emits QTableView's signals only."""

    def __init__(self, model: FeedModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setItemDelegate(FeedDelegate(model, self))
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        lay_out_columns(header, LAYOUT)
        # The time column fits its text ("06/04 07:15"; seconds in the tooltip) whatever
        # the font.
        stamp = self.fontMetrics().horizontalAdvance("00/00 00:00")
        header.resizeSection(FeedModel.COL_TIME, max(LAYOUT[0][1], stamp + 16))
        self.text_fit = TextColumnFit(self, FeedModel.COL_TEXT, TEXT_MIN, TEXT_PREFERRED)
