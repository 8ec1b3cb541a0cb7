"""The side panel of the Stakeholders view: the selected group, its sentiment over time
with statement markers, and each statement's reach into it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from warroom.domain.stakeholders import GroupInfo, format_age
from warroom.ui.stakeholders.chart import SentimentChart
from warroom.ui.stakeholders.colours import format_count, format_sentiment


def _label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and messages are untrusted text
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


class GroupPanel(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        self.details = _label(self, "groupDetails")
        self.chart = SentimentChart(self)
        self.reach = _label(self, "statementReach")
        layout.addWidget(self.details)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.reach)

    def show_group(self, group: GroupInfo, totals) -> None:
        channels = ", ".join(f"{c} {w:g}" for c, w in group.channels) or "—"
        lines = [
            f"{group.name} — {group.quadrant.value.replace('_', ' ').upper()}",
            self.tr("power %1 · interest %2 · %3 · owner: %4")
            .replace("%1", str(group.power))
            .replace("%2", str(group.interest))
            .replace("%3", group.attitude)
            .replace("%4", group.owner or "—"),
            self.tr("%1 members · %2 posts in window · reach %3 · sentiment %4")
            .replace("%1", str(totals.members))
            .replace("%2", str(totals.posts))
            .replace("%3", format_count(totals.reach))
            .replace("%4", format_sentiment(totals.sentiment)),
            self.tr("Channels: %1").replace("%1", channels),
            self.tr("Expects: %1").replace("%1", group.expectations or "—"),
            self.tr("Key messages: %1").replace("%1", group.key_messages or "—"),
        ]
        self.details.setText("\n".join(line[:600] for line in lines))

    def show_series(self, points, marks, reach, as_of, tz) -> None:
        self.chart.set_series(points, marks, tz)
        if not reach:
            self.reach.setText(self.tr("No published statement addresses this group yet."))
            return
        lines = [self.tr("Statements' reach into this group:")]
        published = {m.statement_id: m.published_at for m in marks}
        for item in reach:
            at = published.get(item.statement_id)
            age = format_age(as_of - at) if at else ""
            lines.append(
                self.tr("• %1 (%2): %3 of %4 members, %5 of %6 followers %7")
                .replace("%1", item.title[:60])
                .replace("%2", ", ".join(item.channels))
                .replace("%3", str(item.members_reached))
                .replace("%4", str(item.members))
                .replace("%5", format_count(item.audience_reached))
                .replace("%6", format_count(item.audience))
                .replace("%7", f"— first out {age} ago" if age else "")
            )
        self.reach.setText("\n".join(lines))
