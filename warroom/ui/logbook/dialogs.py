"""Small dialogs of the Logbook view: the editable briefing draft."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class BriefingDialog(QDialog):
    """The generated draft of a situation briefing, editable, then logged on OK."""

    def __init__(self, number: int, draft: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefingDialog")
        self.number = number
        self.setWindowTitle(self.tr("Point de situation n°%1").replace("%1", str(number)))
        hint = QLabel(
            self.tr(
                "Draft generated from the logbook, posts, rumors and statements since the last "
                "briefing. Edit it, then log it: it becomes a logbook entry."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("briefingText")
        self.text.setPlainText(draft)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log briefing"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(620, 560)

    def _on_buttons_accepted(self) -> None:
        if self.text.toPlainText().strip():
            self.accept()

    def briefing_text(self) -> str:
        return self.text.toPlainText().strip()
