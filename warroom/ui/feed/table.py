"""FeedTable: the posts table, laid out for triage at any width.

Fixed row heights (a million rows), no resize-to-contents. What a community manager acts
on comes first — time, channel, author, triage status, reply countdown — then the text,
which takes the width left on screen (see :meth:`FeedTable.text_width_to_fit`), then the
figures.
The order is visual only (the model's columns keep their numbers); the operator can drag
columns and resize them, and a text column resized by hand keeps its width.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from warroom.ui.models.feed_model import FeedModel

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
    (FeedModel.COL_SENTIMENT, 70),
    (FeedModel.COL_ENGAGEMENT, 82),
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
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        for position, (column, width) in enumerate(LAYOUT):
            header.moveSection(header.visualIndex(column), position)
            header.resizeSection(column, width)
        # The time column fits its text ("06/04 07:15"; seconds in the tooltip) whatever
        # the font.
        stamp = self.fontMetrics().horizontalAdvance("00/00 00:00")
        header.resizeSection(FeedModel.COL_TIME, max(LAYOUT[0][1], stamp + 16))
        self._fitting = False
        self.text_fitted = True  # False once the operator resized the text column
        header.sectionResized.connect(self._on_header_section_resized)

    def text_width_to_fit(self) -> int:
        """The text column's width for the view's width: when every column fits with the
        text at TEXT_PREFERRED or more, the text takes all the room left; otherwise it takes
        what the columns before it leave on screen (between TEXT_MIN and TEXT_PREFERRED)
        and the figures after it are a sideways scroll away."""
        header = self.horizontalHeader()
        text_at = header.visualIndex(FeedModel.COL_TEXT)
        before = after = 0
        for position in range(header.count()):
            column = header.logicalIndex(position)
            if column == FeedModel.COL_TEXT or header.isSectionHidden(column):
                continue
            if position < text_at:
                before += header.sectionSize(column)
            else:
                after += header.sectionSize(column)
        room = self.viewport().width() - before
        if room - after >= TEXT_PREFERRED:
            return room - after
        return max(TEXT_MIN, min(TEXT_PREFERRED, room))

    def fit_text_column(self) -> None:
        if not self.text_fitted:
            return
        self._fitting = True
        try:
            self.horizontalHeader().resizeSection(FeedModel.COL_TEXT, self.text_width_to_fit())
        finally:
            self._fitting = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_text_column()

    def _on_header_section_resized(self, column: int, _old: int, _new: int) -> None:
        if self._fitting:
            return
        if column == FeedModel.COL_TEXT:
            self.text_fitted = False  # the operator chose a width: keep it
        else:
            self.fit_text_column()  # another column grew or shrank: the text follows
