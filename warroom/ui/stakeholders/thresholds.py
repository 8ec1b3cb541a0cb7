"""Gap thresholds: how long a high-stake group may go without a statement per channel."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from warroom.domain.enums import Channel
from warroom.domain.stakeholders import GapPolicy


class GapThresholdsDialog(QDialog):
    def __init__(self, policy: GapPolicy, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("gapThresholds")
        self.setWindowTitle(self.tr("Coverage gap thresholds"))
        intro = QLabel(
            self.tr(
                "A group with power or interest of 4 or more that posted at least the "
                "minimum number of posts on a channel in the window is flagged when no "
                "statement has been addressed to it there for longer than the channel's "
                "threshold."
            )
        )
        intro.setWordWrap(True)
        self.min_posts = QSpinBox()
        self.min_posts.setRange(1, 10_000)
        self.min_posts.setValue(policy.min_posts)
        form = QFormLayout()
        form.addRow(self.tr("Active from (posts in the window)"), self.min_posts)
        grid = QGridLayout()
        self.hours: dict[str, QDoubleSpinBox] = {}
        for index, channel in enumerate(Channel):
            box = QDoubleSpinBox()
            box.setRange(0.25, 24 * 14)
            box.setDecimals(2)
            box.setSuffix(" h")
            box.setValue(policy.threshold(channel.value).total_seconds() / 3600)
            row, column = divmod(index, 2)
            grid.addWidget(QLabel(channel.value), row, column * 2)
            grid.addWidget(box, row, column * 2 + 1)
            self.hours[channel.value] = box
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def policy(self) -> GapPolicy:
        return GapPolicy(
            hours={channel: round(box.value(), 2) for channel, box in self.hours.items()},
            min_posts=self.min_posts.value(),
        )
