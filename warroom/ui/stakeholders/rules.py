"""Assignment rules: list, add, change, delete, and re-apply them to every author."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
)

from warroom.domain.stakeholders import AssignmentRule, RuleKind, describe_rule
from warroom.store import stakeholder_rules
from warroom.store.errors import StoreError
from warroom.ui.guard import alive
from warroom.ui.stakeholders.rows_model import RowsModel

Index = QModelIndex | QPersistentModelIndex


class RulesModel(RowsModel):
    HEADERS = ("#", "Priority", "Group", "Rule", "Enabled")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.names: dict[int, str] = {}

    def set_rules(self, rules: list[AssignmentRule], names: dict[int, str]) -> None:
        self.names = names
        self.set_rows(rules)

    @property
    def rules(self) -> list[AssignmentRule]:
        return self.rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        rule = self.rules[index.row()]
        values = (
            rule.id,
            rule.priority,
            self.names.get(rule.group_id, "?"),
            describe_rule(rule),
            self.tr("yes") if rule.enabled else self.tr("no"),
        )
        return values[index.column()]


class RulesDialog(QDialog):
    """First matching rule wins (lowest priority number). Operators' per-author choices
    are never changed by rules."""

    def __init__(self, ctx, groups, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("rulesDialog")
        self.setWindowTitle(self.tr("Assignment rules"))
        self.resize(820, 520)
        self._ctx = ctx
        self.model = RulesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.group = QComboBox()
        for group in groups:
            self.group.addItem(group.name, group.id)
        self.kind = QComboBox()
        for kind in RuleKind:
            self.kind.addItem(kind.value.replace("_", " "), kind.value)
        self.pattern = QLineEdit()
        self.pattern.setPlaceholderText(self.tr("comma-separated terms, handles or domains"))
        self.priority = QSpinBox()
        self.priority.setRange(0, 10_000)
        self.priority.setValue(100)
        self.enabled = QCheckBox(self.tr("enabled"))
        self.enabled.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("Group"), self.group)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Terms"), self.pattern)
        row = QHBoxLayout()
        row.addWidget(self.priority)
        row.addWidget(self.enabled)
        row.addStretch(1)
        form.addRow(self.tr("Priority (lower first)"), row)
        self.add_button = QPushButton(self.tr("Add rule"))
        self.update_button = QPushButton(self.tr("Save changes to selected"))
        self.delete_button = QPushButton(self.tr("Delete selected"))
        self.apply_button = QPushButton(self.tr("Apply rules to all authors"))
        self.apply_button.setObjectName("applyRules")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.update_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._names = {g.id: g.name for g in groups}
        self.add_button.clicked.connect(self._on_add_clicked)
        self.update_button.clicked.connect(self._on_update_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.apply_button.clicked.connect(self._on_apply_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.reload()

    def reload(self) -> None:
        self._ctx.runner.run_query(
            stakeholder_rules.list_rules,
            on_success=alive(self, lambda rules: self.model.set_rules(rules, self._names)),
            on_failure=alive(self, self._on_failed),
        )

    def _on_failed(self, exc: Exception) -> None:
        self.message.setText(str(exc) if isinstance(exc, StoreError) else repr(exc))

    def _current(self) -> AssignmentRule | None:
        index = self.table.currentIndex()
        return self.model.rules[index.row()] if index.isValid() else None

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        rule = self._current()
        if rule is None:
            return
        self.group.setCurrentIndex(self.group.findData(rule.group_id))
        self.kind.setCurrentIndex(self.kind.findData(rule.kind))
        self.pattern.setText(rule.pattern)
        self.priority.setValue(rule.priority)
        self.enabled.setChecked(rule.enabled)

    def _form_rule(self) -> AssignmentRule:
        return AssignmentRule(
            group_id=int(self.group.currentData()),
            kind=str(self.kind.currentData()),
            pattern=self.pattern.text(),
            priority=self.priority.value(),
            enabled=self.enabled.isChecked(),
        )

    def _write(self, func, done: str) -> None:
        def on_success(_result) -> None:
            self.message.setText(done)
            self.reload()

        self._ctx.runner.run_write(
            func,
            changed={"stakeholders", "authors", "logbook"},
            on_success=alive(self, on_success),
            on_failure=alive(self, self._on_failed),
        )

    def _on_add_clicked(self) -> None:
        rule, db, who = self._form_rule(), self._ctx.crisis.db, self._ctx.operator
        self._write(
            lambda: stakeholder_rules.save_rule(db, rule, who),
            self.tr("Rule added. Apply the rules to move existing authors."),
        )

    def _on_update_clicked(self) -> None:
        current = self._current()
        if current is None:
            self.message.setText(self.tr("Select a rule first."))
            return
        rule = replace(self._form_rule(), id=current.id)
        db, who = self._ctx.crisis.db, self._ctx.operator
        self._write(lambda: stakeholder_rules.save_rule(db, rule, who), self.tr("Rule saved."))

    def _on_delete_clicked(self) -> None:
        current = self._current()
        if current is None:
            self.message.setText(self.tr("Select a rule first."))
            return
        db, who, rule_id = self._ctx.crisis.db, self._ctx.operator, current.id
        self._write(
            lambda: stakeholder_rules.delete_rule(db, rule_id, who), self.tr("Rule deleted.")
        )

    def _on_apply_clicked(self) -> None:
        db, who = self._ctx.crisis.db, self._ctx.operator
        self.apply_button.setEnabled(False)

        def done(report) -> None:
            self.apply_button.setEnabled(True)
            self.message.setText(
                self.tr("%1 of %2 authors changed group.")
                .replace("%1", str(report.moved))
                .replace("%2", str(report.examined))
            )

        def failed(exc: Exception) -> None:
            self.apply_button.setEnabled(True)
            self._on_failed(exc)

        self._ctx.runner.run_long(
            lambda state: stakeholder_rules.apply_rules_logged(
                db,
                who,
                progress=lambda d, t: (state.set_progress(d, t), not state.cancelled)[1],
            ),
            on_success=alive(self, done),
            on_failure=alive(self, failed),
            writes={"authors", "stakeholders", "logbook"},
        )
