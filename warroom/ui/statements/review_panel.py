"""Review aids: the criteria checklist with the app's hints, earlier statements on the
same topic, the diff between versions, and the statement's history.

Signals:
    criteria_changed(object): {criterion key: ticked} for the current version.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.criteria import CRITERIA, Hint, word_diff
from warroom.store.statement_queries import EarlierStatement, EventData, VersionData

HINT_COLOURS = {True: "#1e7d32", False: "#b00020", None: "#5b6b85"}


class ReviewPanel(QTabWidget):
    criteria_changed = Signal(object)

    def __init__(self, tz: ZoneInfo, parent=None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._history: list[VersionData] = []
        self.setObjectName("reviewTabs")
        self._build_checklist()
        self.earlier = QListWidget(self)
        self.earlier.setObjectName("earlierStatements")
        self.earlier.setWordWrap(True)
        self.addTab(self.earlier, self.tr("Earlier statements"))
        self._build_diff()
        self.events = QListWidget(self)
        self.events.setObjectName("statementEvents")
        self.addTab(self.events, self.tr("History"))
        for listing in (self.earlier, self.events):
            listing.setAlternatingRowColors(True)
            listing.setSpacing(2)

    def _build_checklist(self) -> None:
        page = QWidget(self)
        grid = QGridLayout(page)
        grid.setVerticalSpacing(1)
        self.boxes: dict[str, QCheckBox] = {}
        self.hints: dict[str, QLabel] = {}
        for row, criterion in enumerate(CRITERIA):
            box = QCheckBox(self.tr(criterion.label), page)
            box.setObjectName(f"criterion_{criterion.key}")
            box.setToolTip(self.tr(criterion.help))
            box.toggled.connect(self._on_box_toggled)
            hint = QLabel(page)
            hint.setObjectName(f"hint_{criterion.key}")
            hint.setTextFormat(Qt.TextFormat.PlainText)
            hint.setWordWrap(True)
            hint.setContentsMargins(22, 0, 0, 6)
            grid.addWidget(box, 2 * row, 0)
            grid.addWidget(hint, 2 * row + 1, 0)
            self.boxes[criterion.key] = box
            self.hints[criterion.key] = hint
        grid.setRowStretch(2 * len(CRITERIA), 1)
        area = QScrollArea(self)
        area.setWidget(page)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.addTab(area, self.tr("Criteria"))

    def _build_diff(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(2, 2, 2, 2)
        self.diff_choice = QComboBox(page)
        self.diff_choice.setObjectName("diffChoice")
        self.diff_choice.currentIndexChanged.connect(self._on_diff_choice_changed)
        self.diff_view = QTextEdit(page)
        self.diff_view.setObjectName("diffView")
        self.diff_view.setReadOnly(True)
        self.diff_view.setAcceptRichText(False)
        layout.addWidget(self.diff_choice)
        layout.addWidget(self.diff_view, 1)
        self.addTab(page, self.tr("Versions and diff"))

    # -- data -------------------------------------------------------------------------------
    def set_criteria(self, ticked: dict[str, bool], hints: dict[str, Hint], editable: bool) -> None:
        for key, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(bool(ticked.get(key)))
            box.setEnabled(editable)
            box.blockSignals(False)
            hint = hints.get(key)
            label = self.hints[key]
            label.setText(self.tr("App: %1").replace("%1", hint.reason) if hint else "")
            colour = HINT_COLOURS[hint.ok if hint else None]
            label.setStyleSheet(f"color: {colour}; font-size: 11px;")

    def set_earlier(self, items: list[EarlierStatement]) -> None:
        self.earlier.clear()
        if not items:
            self.earlier.addItem(self.tr("No earlier published statement on this topic."))
        for item in items:
            when = item.published_at.astimezone(self._tz).strftime("%d/%m %H:%M")
            self.earlier.addItem(f"{when} · {item.channel} · {item.title}\n{item.excerpt}")

    def set_events(self, events: list[EventData]) -> None:
        self.events.clear()
        for event in events:
            when = event.at.astimezone(self._tz).strftime("%d/%m %H:%M")
            move = (
                f"{event.from_status} → {event.to_status}"
                if event.from_status
                else (event.to_status)
            )
            note = f" — {event.note}" if event.note else ""
            self.events.addItem(f"{when}  {event.operator}: {move}{note}")

    def set_history(self, versions: list[VersionData]) -> None:
        """All versions of one channel/language, oldest first; shows the newest diff."""
        self._history = list(versions)
        self.diff_choice.blockSignals(True)
        self.diff_choice.clear()
        for version in self._history:
            label = (
                self.tr("v%1 by %2 — changes from the previous version")
                if version.version > 1
                else self.tr("v%1 by %2 — first version")
            )
            self.diff_choice.addItem(
                label.replace("%1", str(version.version)).replace("%2", version.created_by)
            )
        self.diff_choice.setCurrentIndex(len(self._history) - 1)
        self.diff_choice.blockSignals(False)
        self._show_diff(len(self._history) - 1)

    def _show_diff(self, index: int) -> None:
        self.diff_view.clear()
        if not 0 <= index < len(self._history):
            return
        new = self._history[index]
        old = self._history[index - 1].text if index > 0 else ""
        cursor = self.diff_view.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        formats = {
            "same": QTextCharFormat(),
            "added": QTextCharFormat(),
            "removed": QTextCharFormat(),
        }
        formats["added"].setBackground(QColor("#d6f5d6"))
        formats["added"].setForeground(QColor("#0b5d1e"))
        formats["removed"].setBackground(QColor("#fbd9d9"))
        formats["removed"].setForeground(QColor("#8a0015"))
        formats["removed"].setFontStrikeOut(True)
        for piece in word_diff(old, new.text):
            cursor.insertText(piece.text, formats[piece.kind])  # plain text, never HTML
        self.diff_view.setTextCursor(cursor)

    def ticked(self) -> dict[str, bool]:
        return {key: box.isChecked() for key, box in self.boxes.items()}

    # -- slots ------------------------------------------------------------------------------
    def _on_box_toggled(self, _checked: bool) -> None:
        self.criteria_changed.emit(self.ticked())

    def _on_diff_choice_changed(self, index: int) -> None:
        self._show_diff(index)
