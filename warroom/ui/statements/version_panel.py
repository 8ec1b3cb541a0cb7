"""One channel/language version: text, live length counter, X thread preview, actions.

Signals:
    save_requested(str, str, str): channel, language, text.
    publish_requested(int): the version id to mark published.
    version_chosen(int): another version was selected in the combo (index in versions).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.statements import channel_limit, check_length, split_thread
from warroom.store.statement_queries import VersionData


class VersionPanel(QWidget):
    save_requested = Signal(str, str, str)
    publish_requested = Signal(int)
    version_chosen = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._versions: list[VersionData] = []
        self._current: VersionData | None = None
        self.selector = QComboBox(self)
        self.selector.setObjectName("versionSelector")
        self.selector.currentIndexChanged.connect(self._on_selector_changed)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("versionText")
        self.editor.setPlaceholderText(self.tr("Text of this channel version…"))
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.counter = QLabel(self)
        self.counter.setObjectName("lengthCounter")
        self.counter.setTextFormat(Qt.TextFormat.PlainText)
        self.warning = QLabel(self)
        self.warning.setObjectName("lengthWarning")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020; font-weight: 600;")
        self.frozen_note = QLabel(self)
        self.frozen_note.setTextFormat(Qt.TextFormat.PlainText)
        self.frozen_note.setWordWrap(True)
        self.frozen_note.setStyleSheet("color: #5b6b85;")
        self.thread_preview = QListWidget(self)
        self.thread_preview.setObjectName("threadPreview")
        self.thread_preview.setWordWrap(True)
        self.thread_preview.setAlternatingRowColors(True)
        self.thread_preview.setMaximumHeight(130)
        self.thread_label = QLabel(self.tr("Thread preview"), self)
        self.save_button = QPushButton(self.tr("Save text"), self)
        self.save_button.setObjectName("saveVersion")
        self.save_button.clicked.connect(self._on_save_clicked)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setObjectName("copyVersion")
        self.copy_button.setToolTip(self.tr("Copy this version's text to the clipboard"))
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.publish_button = QPushButton(self.tr("Mark published…"), self)
        self.publish_button.setObjectName("publishVersion")
        self.publish_button.setToolTip(
            self.tr("Record that this version was published (channel, time, URL, operator)")
        )
        self.publish_button.clicked.connect(self._on_publish_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counter, 1)
        for button in (self.save_button, self.copy_button, self.publish_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.selector)
        layout.addWidget(self.frozen_note)
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.warning)
        layout.addWidget(self.thread_label)
        layout.addWidget(self.thread_preview)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self._update_counters)
        self.set_versions([], None)

    # -- data -------------------------------------------------------------------------------
    def set_versions(self, versions: list[VersionData], select_id: int | None) -> None:
        """``versions``: the latest version of each channel/language."""
        self._versions = list(versions)
        self.selector.blockSignals(True)
        self.selector.clear()
        for version in self._versions:
            state = (
                self.tr("published")
                if version.published_at
                else (self.tr("frozen") if version.frozen else self.tr("draft"))
            )
            self.selector.addItem(
                f"{version.channel} · {version.language} · v{version.version} ({state})"
            )
        index = next((i for i, v in enumerate(self._versions) if v.id == select_id), 0)
        self.selector.setCurrentIndex(index if self._versions else -1)
        self.selector.blockSignals(False)
        self._show(self._versions[index] if self._versions else None)

    def current(self) -> VersionData | None:
        return self._current

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_editable(self, editable: bool, can_publish: bool) -> None:
        version = self._current
        self.editor.setReadOnly(not editable or version is None)
        self.save_button.setEnabled(editable and version is not None)
        published = version is not None and version.published_at is not None
        self.publish_button.setEnabled(can_publish and version is not None and not published)

    def _show(self, version: VersionData | None) -> None:
        self._current = version
        self.editor.blockSignals(True)
        self.editor.setPlainText(version.text if version else "")
        self.editor.blockSignals(False)
        if version is None:
            self.frozen_note.setText(self.tr("No version yet: add a channel version."))
        elif version.published_at:
            self.frozen_note.setText(
                self.tr("Published %1 by %2 %3 — frozen: saving a change makes version %4.")
                .replace("%1", version.published_at.strftime("%Y-%m-%d %H:%M UTC"))
                .replace("%2", version.published_by or "?")
                .replace("%3", version.published_url or "")
                .replace("%4", str(version.version + 1))
            )
        elif version.frozen:
            self.frozen_note.setText(
                self.tr(
                    "Approved text — frozen: saving a change makes version %1 and sends "
                    "the statement back to draft."
                ).replace("%1", str(version.version + 1))
            )
        else:
            self.frozen_note.setText("")
        self._update_counters()

    # -- live counters ----------------------------------------------------------------------
    def _update_counters(self) -> None:
        version = self._current
        channel = version.channel if version else "other"
        text = self.editor.toPlainText()
        check = check_length(text, channel)
        rule = channel_limit(channel)
        self.counter.setText(f"{channel}: {check.describe()}")
        if check.over:
            self.warning.setText(
                self.tr("Too long for %1: %2 characters over the limit of %3 (%4).")
                .replace("%1", channel)
                .replace("%2", str(check.length - (check.limit or 0)))
                .replace("%3", str(check.limit))
                .replace("%4", rule.note)
            )
        elif check.posts > 1:
            self.warning.setText(
                self.tr(
                    "Longer than one post: it will be published as a thread of %1 posts."
                ).replace("%1", str(check.posts))
            )
        else:
            self.warning.setText("")
        self.counter.setStyleSheet("color: #b00020;" if check.over else "")
        posts = split_thread(text, channel) if rule.threads and check.posts > 1 else []
        self.thread_preview.clear()
        for post in posts:
            self.thread_preview.addItem(post)
        self.thread_preview.setVisible(bool(posts))
        self.thread_label.setVisible(bool(posts))

    # -- slots ------------------------------------------------------------------------------
    def _on_editor_text_changed(self) -> None:
        self._debounce.start()

    def _on_selector_changed(self, index: int) -> None:
        if 0 <= index < len(self._versions):
            self._show(self._versions[index])
            self.version_chosen.emit(index)

    def _on_save_clicked(self) -> None:
        if self._current is not None:
            self.save_requested.emit(
                self._current.channel, self._current.language, self.editor.toPlainText()
            )

    def _on_copy_clicked(self) -> None:
        text = self.editor.toPlainText()
        if self._current is not None and channel_limit(self._current.channel).threads:
            posts = split_thread(text, self._current.channel)
            text = "\n\n".join(posts) if len(posts) > 1 else text
        QGuiApplication.clipboard().setText(text)

    def _on_publish_clicked(self) -> None:
        if self._current is not None:
            self.publish_requested.emit(self._current.id)
