"""Add or edit a source: kind, name, URL, query, interval, channel, token."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from warroom.domain.enums import Channel
from warroom.ingest.connectors import DEFAULT_URLS, KINDS
from warroom.store.sources import MIN_INTERVAL, SourceInfo

QUERY_HINTS = {
    "rss": "(not used: the feed URL says it all)",
    "mastodon": "#tag, @account or search words",
    "bluesky": "search words, or a post URL / at:// URI for its reply tree",
    "reddit": "r/subreddit, r/subreddit words, or search words",
    "x": "an X search query, e.g. hexacloud OR #hexacloud -is:retweet",
    "youtube": "search words, or video:VIDEO_ID for its comments",
    "facebook": "PAGE_ID, comments:POST_ID, or ig:INSTAGRAM_USER_ID",
}
KIND_ORDER = ("rss", "mastodon", "bluesky", "reddit", "x", "youtube", "facebook")


@dataclass(frozen=True)
class SourceForm:
    kind: str
    name: str
    url: str
    query: str
    interval_s: int
    channel: str
    token: str  # empty: keep the stored one


class SourceDialog(QDialog):
    """Returns a SourceForm through :meth:`form` after exec(); validates before closing."""

    def __init__(self, parent=None, source: SourceInfo | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit source") if source else self.tr("Add a source"))
        self.setObjectName("sourceDialog")
        self.setMinimumWidth(480)
        self._editing = source
        self.kind = QComboBox(self)
        self.kind.setObjectName("sourceKind")
        for kind in KIND_ORDER:
            if kind in KINDS:
                self.kind.addItem(kind, kind)
        self.name = QLineEdit(self)
        self.name.setObjectName("sourceName")
        self.url = QLineEdit(self)
        self.url.setObjectName("sourceUrl")
        self.query = QLineEdit(self)
        self.query.setObjectName("sourceQuery")
        self.interval = QSpinBox(self)
        self.interval.setObjectName("sourceInterval")
        self.interval.setRange(MIN_INTERVAL, 86_400)
        self.interval.setSuffix(self.tr(" s"))
        self.interval.setValue(300)
        self.channel = QComboBox(self)
        self.channel.setObjectName("sourceChannel")
        self.channel.addItem(self.tr("guess from the feed"), "")
        for channel in (
            Channel.PRESS,
            Channel.BLOG,
            Channel.SUPPORT,
            Channel.FORUM,
            Channel.YOUTUBE,
            Channel.OTHER,
        ):
            self.channel.addItem(channel.value, channel.value)
        self.token = QLineEdit(self)
        self.token.setObjectName("sourceToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(
            self.tr("kept in the system keyring, never in the crisis file")
        )
        self.error = QLabel(self)
        self.error.setObjectName("sourceError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("URL"), self.url)
        form.addRow(self.tr("Query"), self.query)
        form.addRow(self.tr("Poll every"), self.interval)
        form.addRow(self.tr("Channel (feeds)"), self.channel)
        form.addRow(self.tr("Token or key"), self.token)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        if source is not None:
            self._fill(source)
        self._on_kind_changed()

    def _fill(self, source: SourceInfo) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(source.kind)))
        self.kind.setEnabled(False)
        self.name.setText(source.name)
        self.url.setText(source.url)
        self.query.setText(source.query)
        self.interval.setValue(source.interval_s)
        self.channel.setCurrentIndex(
            max(0, self.channel.findData(source.params.get("channel", "")))
        )
        self.token.setPlaceholderText(self.tr("leave empty to keep the stored token"))

    def _on_kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.query.setPlaceholderText(self.tr(QUERY_HINTS.get(kind, "")))
        self.url.setPlaceholderText(DEFAULT_URLS.get(kind, self.tr("https://… the feed's URL")))
        self.channel.setEnabled(kind == "rss")
        self.query.setEnabled(kind != "rss")

    def form(self) -> SourceForm:
        kind = str(self.kind.currentData())
        url = self.url.text().strip() or DEFAULT_URLS.get(kind, "")
        query = self.query.text().strip() if kind != "rss" else ""
        name = self.name.text().strip() or f"{kind} {query or urlsplit(url).hostname or ''}".strip()
        return SourceForm(
            kind,
            name,
            url,
            query,
            self.interval.value(),
            str(self.channel.currentData() or ""),
            self.token.text().strip(),
        )

    def problem(self) -> str | None:
        form = self.form()
        parts = urlsplit(form.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return self.tr("Enter an http(s) URL (for RSS/Atom: the feed's address).")
        if form.kind != "rss" and not form.query:
            return self.tr("Enter a query: %1").replace("%1", QUERY_HINTS[form.kind])
        return None

    def _on_buttons_accepted(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        self.accept()
