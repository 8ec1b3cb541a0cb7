"""Exercise → Start: choose a scenario (bundled or a file) and a speed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from warroom.domain.scenario import Scenario, ScenarioError
from warroom.ingest.scenario import bundled_names, load_scenario


class StartExerciseDialog(QDialog):
    """Choose the scenario and the speed; ``scenario`` holds the loaded scenario on accept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start an exercise"))
        self.scenario: Scenario | None = None
        self.choice = QComboBox(self)
        self.choice.setObjectName("scenarioChoice")
        self.choice.setEditable(True)
        self.choice.addItems(bundled_names())
        browse = QPushButton(self.tr("File…"), self)
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.choice, 1)
        row.addWidget(browse)
        self.speed = QSpinBox(self)
        self.speed.setObjectName("speed")
        self.speed.setRange(1, 100)
        self.speed.setValue(10)
        self.speed.setSuffix("×")
        self.error = QLabel(self)
        self.error.setObjectName("startError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        note = QLabel(
            self.tr(
                "Injects arrive through the normal ingestion path. The crisis must be an "
                "exercise, or still empty (it is then marked as an EXERCISE)."
            ),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Scenario"), row)
        form.addRow(self.tr("Speed"), self.speed)
        form.addRow(note)
        form.addRow(self.error)
        form.addRow(buttons)

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Scenario file"),
            "",
            self.tr("Scenarios (*.json *.json.gz *.yaml *.yml *.yaml.gz *.yml.gz)"),
        )
        if path:
            self.choice.setEditText(path)

    def _on_buttons_accepted(self) -> None:
        try:
            self.scenario = load_scenario(self.choice.currentText().strip())
        except ScenarioError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
