"""Tables whose text column takes the width left on screen.

A register (the feed, the logbook) shows a few short columns and one long text. In a
narrow dock the text must stay readable, in a wide one every column should show; a width
the operator gives the text column by hand is kept. No resize-to-contents: widths come
from the viewport, never from the rows (a million of them).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView


def lay_out_columns(header: QHeaderView, layout: tuple[tuple[int, int], ...]) -> None:
    """Show the columns in the order of ``layout`` ((column, width), …), at those widths."""
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionsMovable(True)
    for position, (column, width) in enumerate(layout):
        header.moveSection(header.visualIndex(column), position)
        header.resizeSection(column, width)


class TextColumnFit(QObject):
    """Keeps ``text_column`` of ``table`` at :meth:`width_to_fit` as the table is resized
    or other columns change, until the operator resizes the text column itself."""

    def __init__(self, table: QTableView, text_column: int, minimum: int, preferred: int) -> None:
        super().__init__(table)
        self._table = table
        self._column = text_column
        self._minimum = minimum
        self._preferred = preferred
        self._fitting = False
        self.fitted = True  # False once the operator resized the text column
        table.horizontalHeader().sectionResized.connect(self._on_header_section_resized)
        table.viewport().installEventFilter(self)

    def width_to_fit(self) -> int:
        """When every column fits with the text at ``preferred`` or more, the text takes
        all the room left; otherwise what the columns before it leave on screen (between
        ``minimum`` and ``preferred``), the columns after it a sideways scroll away."""
        header = self._table.horizontalHeader()
        text_at = header.visualIndex(self._column)
        before = after = 0
        for position in range(header.count()):
            column = header.logicalIndex(position)
            if column == self._column or header.isSectionHidden(column):
                continue
            if position < text_at:
                before += header.sectionSize(column)
            else:
                after += header.sectionSize(column)
        room = self._table.viewport().width() - before
        if room - after >= self._preferred:
            return room - after
        return max(self._minimum, min(self._preferred, room))

    def fit(self) -> None:
        if not self.fitted:
            return
        self._fitting = True
        try:
            self._table.horizontalHeader().resizeSection(self._column, self.width_to_fit())
        finally:
            self._fitting = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _on_header_section_resized(self, column: int, _old: int, _new: int) -> None:
        if self._fitting:
            return
        if column == self._column:
            self.fitted = False  # the operator chose a width: keep it
        else:
            self.fit()  # another column grew or shrank: the text follows
