"""FeedModel: every post of a filter, newest first, read from the store a page at a time.

The model holds only the ordered ids of the result (a numpy array handed over by a
background query: the keyset anchors) and a bounded cache of rows. A row that is not
cached is read with its page (``PAGE`` ids, by primary key) when the view first asks for
it. Live arrivals are prepended in one batch (:meth:`prepend`), so persistent indexes —
the selection — follow their posts.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from warroom.domain.deadlines import format_remaining
from warroom.domain.timeutil import utcnow
from warroom.domain.triage import PRIORITY_LABELS
from warroom.store.posts import PostRow

Index = QModelIndex | QPersistentModelIndex
RowLoader = Callable[[Sequence[int]], dict[int, PostRow]]

CHANNEL_COLOURS = {
    "twitter": "#1d9bf0",
    "facebook": "#1877f2",
    "linkedin": "#0a66c2",
    "youtube": "#ff0000",
    "instagram": "#c13584",
    "tiktok": "#111111",
    "mastodon": "#6364ff",
    "bluesky": "#0085ff",
    "reddit": "#ff4500",
    "blog": "#8a6d3b",
    "press": "#444444",
    "forum": "#2e7d32",
    "support": "#00897b",
}
CHANNEL_LETTERS = {"twitter": "X", "linkedin": "in", "tiktok": "T", "bluesky": "B"}

POST_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        POST_ID_ROLE,
    }
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
NUMERIC_COLUMNS = frozenset({4, 5, 9})  # engagement, sentiment, reply due


def channel_icon(channel: str, size: int = 16) -> QIcon:
    """A small round badge in the channel's colour with its initial."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(CHANNEL_COLOURS.get(channel, "#777777")))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(0, 0, size, size)
    painter.setPen(QColor("white"))
    font = QFont()
    font.setPixelSize(int(size * 0.6))
    font.setBold(True)
    painter.setFont(font)
    letter = CHANNEL_LETTERS.get(channel, channel[:1].upper() or "?")
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, letter)
    painter.end()
    return QIcon(pixmap)


def compact(number: int) -> str:
    if number >= 1_000_000:
        return f"{number / 1_000_000:.1f}M"
    if number >= 10_000:
        return f"{number // 1000}k"
    if number >= 1000:
        return f"{number / 1000:.1f}k"
    return str(number)


class FeedModel(QAbstractTableModel):
    """Columns: time, channel, author, text, engagement, sentiment, matched terms, status,
    assignee, reply deadline. Emits the standard model signals only."""

    PAGE = 100
    CACHE_ROWS = 4000
    HEADERS = (
        "Time",
        "Ch",
        "Author",
        "Text",
        "Engagement",
        "Sentiment",
        "Matched",
        "Status",
        "Assignee",
        "Due",
    )
    COL_TIME, COL_CHANNEL, COL_AUTHOR, COL_TEXT, COL_ENGAGEMENT = range(5)
    COL_SENTIMENT, COL_MATCHED, COL_STATUS, COL_ASSIGNEE, COL_DEADLINE = range(5, 10)
    HEADER_TIPS = {
        COL_CHANNEL: "Channel",
        COL_DEADLINE: "Reply due: time left before the channel's reply target",
    }

    def __init__(
        self,
        load_rows: RowLoader,
        tz: ZoneInfo,
        clock: Callable[[], datetime] = utcnow,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._load_rows = load_rows
        self._tz = tz
        self._clock = clock
        self._ids = np.zeros(0, dtype=np.int64)
        self._cache: OrderedDict[int, PostRow] = OrderedDict()
        self._rendered: dict[int, tuple] = {}  # display texts per post id (cached rows only)
        self._icons: dict[str, QIcon] = {}
        self._struck = QFont()
        self._struck.setStrikeOut(True)
        self._now = clock()
        self.page_loads = 0  # how many page reads the model made (for tests and benchmarks)

    # -- content ---------------------------------------------------------------------
    def set_ids(self, ids: np.ndarray) -> None:
        """Show a new result (a new filter, or a full reload)."""
        self.beginResetModel()
        self._ids = np.asarray(ids, dtype=np.int64)
        self._cache.clear()
        self._rendered.clear()
        self._now = self._clock()
        self.endResetModel()

    def prepend(self, ids: Sequence[int] | np.ndarray) -> None:
        """Insert newer posts (newest first) above the current first row, in one batch."""
        new = np.asarray(ids, dtype=np.int64)
        if not len(new):
            return
        self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
        self._ids = np.concatenate([new, self._ids])
        self.endInsertRows()

    def extend(self, ids: Sequence[int] | np.ndarray) -> None:
        """Append older posts below the last row (the rest of a result shown early)."""
        more = np.asarray(ids, dtype=np.int64)
        if not len(more):
            return
        first = len(self._ids)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._ids = np.concatenate([self._ids, more])
        self.endInsertRows()

    def replace_rows(self, rows: dict[int, PostRow]) -> None:
        """Posts changed in the store: keep only these fresh rows (read in a worker)."""
        self._cache.clear()
        self._rendered.clear()
        self._cache.update(rows)
        self._now = self._clock()
        if len(self._ids):
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(self.HEADERS) - 1)
            )

    def invalidate(self) -> None:
        """Posts changed in the store (triage, corrections): re-read rows when shown."""
        self._cache.clear()
        self._rendered.clear()
        self._now = self._clock()
        if len(self._ids):
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(self.HEADERS) - 1)
            )

    def tick(self) -> None:
        """Advance the countdowns of the reply-deadline column."""
        self._now = self._clock()
        self._rendered.clear()
        if len(self._ids):
            column = self.COL_DEADLINE
            self.dataChanged.emit(self.index(0, column), self.index(len(self._ids) - 1, column))

    def ids(self) -> np.ndarray:
        return self._ids

    def post_id(self, row: int) -> int:
        return int(self._ids[row])

    def row_of(self, post_id: int) -> int:
        found = np.flatnonzero(self._ids == post_id)
        return int(found[0]) if len(found) else -1

    def post_at(self, row: int) -> PostRow | None:
        if not 0 <= row < len(self._ids):
            return None
        post_id = int(self._ids[row])
        cached = self._cache.get(post_id)
        if cached is not None:  # (eviction is by load order: cheap, good enough for pages)
            return cached
        self._load_page(row)
        return self._cache.get(post_id)

    def _load_page(self, row: int) -> None:
        start = row - row % self.PAGE
        page = [int(i) for i in self._ids[start : start + self.PAGE]]
        rows = self._load_rows(page)
        self.page_loads += 1
        for post_id in page:
            if post_id in rows:
                self._cache[post_id] = rows[post_id]
        while len(self._cache) > self.CACHE_ROWS:
            evicted, _row = self._cache.popitem(last=False)
            self._rendered.pop(evicted, None)

    # -- Qt model API ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section in self.HEADER_TIPS:
            return self.tr(self.HEADER_TIPS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        # Painting asks for many roles per cell: answer the ones we never use at once.
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._ids):
            return None
        if role == POST_ID_ROLE:
            return int(self._ids[row])
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in NUMERIC_COLUMNS else None
        post = self.post_at(row)
        if post is None:  # deleted meanwhile: shown empty until the next reload
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts(post)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(post, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.channel_badge(post.channel) if column == self.COL_CHANNEL else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(post, column)
        if role == Qt.ItemDataRole.FontRole and post.moderated:
            return self._struck
        return None

    def _texts(self, post: PostRow) -> tuple:
        texts = self._rendered.get(post.id)
        if texts is None:
            texts = tuple(self._display(post, c) for c in range(len(self.HEADERS)))
            self._rendered[post.id] = texts
        return texts

    def paint_cell(self, row: int, column: int) -> tuple[str, QColor | None, bool] | None:
        """(text, colour or None, struck out) of a cell, for the delegate: what data()
        answers for the display, foreground and font roles, in one call."""
        post = self.post_at(row)
        if post is None:
            return None
        return self._texts(post)[column], self._foreground(post, column), post.moderated

    def channel_badge(self, channel: str) -> QIcon:  # built lazily: needs a QGuiApplication
        if channel not in self._icons:
            self._icons[channel] = channel_icon(channel)
        return self._icons[channel]

    def _display(self, post: PostRow, column: int):  # noqa: C901 - one branch per column
        if column == self.COL_TIME:
            return post.created_at.astimezone(self._tz).strftime("%d/%m %H:%M")
        if column == self.COL_CHANNEL:
            return ""
        if column == self.COL_AUTHOR:
            tick = " ✓" if post.verified else ""
            return f"@{post.author_handle}{tick} · {post.author_kind} · {compact(post.followers)}"
        if column == self.COL_TEXT:
            prefix = "[hidden] " if post.moderated else ""
            return prefix + " ".join(post.display_text[:400].split())
        if column == self.COL_ENGAGEMENT:
            return compact(post.engagement)
        if column == self.COL_SENTIMENT:
            if post.sentiment is None:
                return ""
            return f"{post.sentiment:+.2f}" + ("*" if post.sentiment_corrected else "")
        if column == self.COL_MATCHED:
            return ", ".join(post.matched_terms)
        if column == self.COL_STATUS:
            label = post.status + (f" · {post.what}" if post.what else "")
            return f"{'!' * post.priority} {label}".strip()
        if column == self.COL_ASSIGNEE:
            return post.assignee or ""
        if column == self.COL_DEADLINE:
            if post.deadline is None:
                return "answered" if post.answered_at else ""
            return format_remaining(post.deadline, self._now)
        return None

    def _tooltip(self, post: PostRow, column: int) -> str | None:
        if column == self.COL_TIME:
            return post.created_at.astimezone(self._tz).strftime("%d/%m/%Y %H:%M:%S %Z")
        if column == self.COL_TEXT:
            return post.display_text[:4000]
        if column == self.COL_AUTHOR:
            return f"{post.author_name} (@{post.author_handle}) — {post.followers:,} followers"
        if column == self.COL_CHANNEL:
            return post.channel
        if column == self.COL_STATUS:
            return f"priority: {PRIORITY_LABELS[min(post.priority, 3)]}"
        if column == self.COL_DEADLINE and post.deadline is not None:
            return post.deadline.astimezone(self._tz).strftime("due %d/%m %H:%M")
        if column == self.COL_SENTIMENT and post.sentiment_corrected:
            return "corrected by an operator"
        return None

    def _foreground(self, post: PostRow, column: int) -> QColor | None:
        if column == self.COL_DEADLINE and post.deadline is not None:
            remaining = (post.deadline - self._now).total_seconds()
            if remaining < 0:
                return QColor("#b00020")
            if remaining < 1800:
                return QColor("#c77700")
        if column == self.COL_SENTIMENT and post.sentiment is not None:
            if post.sentiment <= -0.05:
                return QColor("#b00020")
            if post.sentiment >= 0.05:
                return QColor("#1e7d32")
        if post.moderated:
            return QColor("#888888")
        if column == self.COL_TEXT and post.is_repost and not post.text:
            return QColor("#4a5d7a")  # a bare repost: what it reshared, in a quieter colour
        return None
