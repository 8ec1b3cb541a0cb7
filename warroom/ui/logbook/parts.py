"""Pieces of the Logbook view: the register table, the detail tabs, the entry account."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTabWidget, QWidget

from warroom.domain.logchain import LogEntryData
from warroom.ui.logbook.model import LogbookModel
from warroom.ui.widgets.column_fit import TextColumnFit, lay_out_columns


def _tr(text: str) -> str:
    return QCoreApplication.translate("LogbookView", text)


class CompactTabs(QTabWidget):
    """The detail tabs ask for little height, so that the register gets most of it."""

    def sizeHint(self) -> QSize:
        return QSize(400, 150)

    def minimumSizeHint(self) -> QSize:
        return QSize(100, 50)


class RegisterTable(QTableView):
    text_fit: TextColumnFit

    def sizeHint(self) -> QSize:
        return QSize(560, 600)


def register_table(model: LogbookModel, parent: QWidget) -> QTableView:
    """The register: fixed row height, no word wrap, column widths for a dock."""
    table = RegisterTable(parent)
    table.setModel(model)
    table.setObjectName("logbookTable")
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    vertical = table.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(22)
    vertical.hide()
    # The text comes right after the event time and takes the width left on screen, so
    # that a narrow dock still reads the register; who, the category and when it was
    # recorded follow (and are in the Entry tab of the selected entry).
    lay_out_columns(table.horizontalHeader(), REGISTER_LAYOUT)
    table.text_fit = TextColumnFit(table, LogbookModel.COL_TEXT, 220, 440)
    return table


# (column, width) in the order shown: #, event time, text, category, operator, recorded, links
REGISTER_LAYOUT = (
    (0, 40),
    (1, 124),
    (LogbookModel.COL_TEXT, 440),
    (4, 105),
    (3, 130),
    (2, 118),
    (6, 110),
)


def describe(entry: LogEntryData, correction: int | None, tz: ZoneInfo) -> str:
    """The detail pane's plain-text account of one entry."""
    lines = [
        _tr("Entry #%1 — %2").replace("%1", str(entry.seq)).replace("%2", entry.category),
        _tr("Event time: %1").replace("%1", f"{entry.event_time.astimezone(tz):%c %Z}"),
        _tr("Recorded: %1").replace("%1", f"{entry.recorded_time.astimezone(tz):%c %Z}"),
        _tr("Operator: %1").replace("%1", entry.operator)
        + (f" (for {entry.on_behalf_of})" if entry.on_behalf_of else ""),
    ]
    if entry.info_status:
        lines.append(_tr("Information status: %1").replace("%1", entry.info_status))
    if entry.amends is not None:
        lines.append(_tr("Corrects entry #%1").replace("%1", str(entry.amends)))
    fix = correction
    if fix is not None:
        lines.append(
            _tr("CORRECTED by entry #%1 (text below kept as recorded)").replace("%1", str(fix))
        )
    lines += ["", entry.text, "", _tr("Hash: %1").replace("%1", entry.hash)]
    return "\n".join(lines)
