"""The detail pane: full text (plain), author card, thread, triage form, raw payload."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.deadlines import format_remaining
from warroom.domain.enums import AuthorKind
from warroom.domain.timeutil import utcnow
from warroom.domain.triage import (
    HOW_SUGGESTIONS,
    PRIORITY_LABELS,
    WHERE_SUGGESTIONS,
    WHY_SUGGESTIONS,
    TriageWhat,
)
from warroom.store.post_detail import PostDetail
from warroom.store.posts import PostRow

# (action name, button text, shortcut shown, what it does): short texts so that two
# buttons fit side by side in a narrow pane; the tooltip says it in full.
ACTIONS = (
    ("assign_me", "Assign to me", "A", "Assign the post to yourself"),
    ("assign", "Assign…", "⇧A", "Assign the post to someone (or nobody)"),
    ("answered", "Answered", "R", "Mark the post answered (records the time)"),
    ("escalate", "Escalate…", "E", "Escalate the post (asks why; written to the logbook)"),
    ("ignore", "Ignore…", "I", "Ignore the post (asks the reason, kept with it)"),
    ("moderate", "Moderate…", "M", "Hide an insult, threat or personal data (logged)"),
    ("rumor", "Rumor…", "U", "Create a rumor from the post (it becomes its origin)"),
    ("logbook", "Logbook…", "L", "Add an entry to the logbook, linked to the post"),
    ("statement", "Statement…", "S", "Link the post to a statement (the answer to it)"),
    ("sentiment", "Sentiment…", "C", "Correct the sentiment score (−1 … 1)"),
)


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    # Wraps to the pane's width instead of widening it (a long word is clipped, not the pane).
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _shrinkable(combo: QComboBox) -> None:
    """A combo box as narrow as the pane needs (its longest item is no longer its minimum)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(6)


def brief(post: PostRow, tz: ZoneInfo) -> str:
    when = post.created_at.astimezone(tz).strftime("%d/%m %H:%M")
    return f"{when} @{post.author_handle}: {' '.join(post.text[:160].split())}"


class DetailPane(QWidget):
    """Signals:
    action_requested(str): one of the ACTIONS names.
    triage_applied(dict): what/where/how/why/priority from the form.
    post_requested(int): the operator opened another post (author's, thread).
    """

    action_requested = Signal(str)
    triage_applied = Signal(dict)
    post_requested = Signal(int)
    author_kind_requested = Signal(int, str)  # author id, corrected kind

    def __init__(self, tz: ZoneInfo, parent=None) -> None:
        super().__init__(parent)
        self._tz = tz
        self.detail: PostDetail | None = None
        self.header = _plain(self.tr("Select a post to see it here."))
        self.header.setObjectName("detailHeader")
        self.header.setStyleSheet("font-weight: bold;")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("detailText")
        self.text.setReadOnly(True)
        self.text.setMaximumHeight(110)
        self.facts = _plain()
        self.facts.setObjectName("detailFacts")
        # The link is shown, selectable and copyable, never opened.
        self.link = QLineEdit(self)
        self.link.setObjectName("detailLink")
        self.link.setReadOnly(True)
        self.link.setPlaceholderText(self.tr("no link"))
        self.link.setToolTip(self.tr("The post's link: copy it to open it yourself"))
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.header)
        column.addWidget(self.text)
        column.addWidget(self.facts)
        column.addWidget(self.link)
        self.triage_box = self._build_triage()
        self.actions_box = self._build_actions()
        column.addWidget(self.triage_box)
        column.addWidget(self.actions_box)
        column.addWidget(self._build_author())
        column.addWidget(self._build_thread())
        self.raw_button = QPushButton(self.tr("Show raw payload"), self)
        self.raw_button.setCheckable(True)
        self.raw = QPlainTextEdit(self)
        self.raw.setObjectName("detailRaw")
        self.raw.setReadOnly(True)
        self.raw.hide()
        self.raw_button.toggled.connect(self.raw.setVisible)
        column.addWidget(self.raw_button)
        column.addWidget(self.raw)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(240)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setEnabled(False)

    def _build_triage(self) -> QGroupBox:
        box = QGroupBox(self.tr("Triage (QQOQCCP)"), self)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.what = QComboBox(box)
        self.what.setObjectName("triageWhat")
        self.what.addItem(self.tr("— not triaged —"), None)
        for number, what in enumerate(TriageWhat, start=1):
            self.what.addItem(f"{number}  {what.value.replace('_', ' / ')}", what.value)
        self.where = self._editable(box, WHERE_SUGGESTIONS)
        self.how = self._editable(box, HOW_SUGGESTIONS)
        self.why = self._editable(box, WHY_SUGGESTIONS)
        self.priority = QComboBox(box)
        for combo in (self.what, self.where, self.how, self.why, self.priority):
            _shrinkable(combo)
        for value, label in enumerate(PRIORITY_LABELS):
            self.priority.addItem(label, value)
        self.who = _plain()
        form.addRow(self.tr("Who"), self.who)
        form.addRow(self.tr("What"), self.what)
        form.addRow(self.tr("Where"), self.where)
        form.addRow(self.tr("How (arose / learned)"), self.how)
        form.addRow(self.tr("Why (expects)"), self.why)
        form.addRow(self.tr("Priority"), self.priority)
        apply = QPushButton(self.tr("Apply triage"), box)
        apply.setObjectName("applyTriage")
        apply.clicked.connect(self._on_apply_clicked)
        form.addRow(apply)
        return box

    @staticmethod
    def _editable(parent: QWidget, suggestions: tuple[str, ...]) -> QComboBox:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.addItem("")
        combo.addItems(list(suggestions))
        return combo

    def _build_actions(self) -> QWidget:
        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        grid.setHorizontalSpacing(4)
        for index, (name, text, key, tip) in enumerate(ACTIONS):
            button = QPushButton(f"{self.tr(text)} [{key}]", box)
            button.setObjectName(f"action_{name}")
            button.setToolTip(f"{self.tr(tip)} ({key})")
            button.setMinimumWidth(0)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _c=False, n=name: self.action_requested.emit(n))
            grid.addWidget(button, index // 2, index % 2)
            self.buttons[name] = button
        return box

    def _build_author(self) -> QGroupBox:
        box = QGroupBox(self.tr("Author"), self)
        column = QVBoxLayout(box)
        self.author = _plain()
        self.author.setObjectName("authorCard")
        self.author_posts = QListWidget(box)
        self.author_posts.setMaximumHeight(90)
        self.author_posts.itemActivated.connect(self._on_list_activated)
        column.addWidget(self.author)
        kind_row = QHBoxLayout()
        kind_row.addWidget(QLabel(self.tr("Kind:"), box))
        self.author_kind = QComboBox(box)
        self.author_kind.setObjectName("authorKind")
        _shrinkable(self.author_kind)
        for kind in AuthorKind:
            self.author_kind.addItem(self.tr(kind.value), kind.value)
        self.author_kind.setToolTip(
            self.tr("Correct the guessed kind of this account; later guesses will not override it")
        )
        self.author_kind.setCurrentIndex(-1)  # no post, no kind
        self.author_kind.activated.connect(self._on_author_kind_activated)
        kind_row.addWidget(self.author_kind, 1)
        column.addLayout(kind_row)
        column.addWidget(self.author_posts)
        return box

    def _on_author_kind_activated(self, index: int) -> None:
        detail = getattr(self, "detail", None)
        kind = self.author_kind.itemData(index)
        if detail is not None and kind and kind != detail.author.kind:
            self.author_kind_requested.emit(detail.author.id, kind)

    def _build_thread(self) -> QGroupBox:
        box = QGroupBox(self.tr("Thread"), self)
        column = QVBoxLayout(box)
        self.parent_label = _plain()
        self.replies = QListWidget(box)
        self.replies.setMaximumHeight(90)
        self.replies.itemActivated.connect(self._on_list_activated)
        column.addWidget(self.parent_label)
        column.addWidget(self.replies)
        return box

    def set_read_only(self, read_only: bool) -> None:
        """A replay shows posts as they were: no triage, action or correction from here."""
        for widget in (self.triage_box, self.actions_box, self.author_kind):
            widget.setEnabled(not read_only)

    # -- content ---------------------------------------------------------------------------
    def show_detail(self, detail: PostDetail) -> None:
        self.detail = detail
        post, author = detail.post, detail.author
        self.setEnabled(True)
        when = post.created_at.astimezone(self._tz).strftime("%d/%m/%Y %H:%M:%S")
        self.header.setText(f"#{post.id} · {post.channel} · {when}")
        self.text.setPlainText(post.text)
        self.facts.setText(self._facts(detail))
        self.link.setText(post.url or "")
        self.link.setCursorPosition(0)
        self._select(self.what, post.what)
        self.where.setCurrentText(detail.triage["where"])
        self.how.setCurrentText(detail.triage["how"])
        self.why.setCurrentText(detail.triage["why"])
        self._select(self.priority, post.priority)
        self.who.setText(f"{author.kind} · {author.followers:,} followers")
        verified = " ✓" if author.verified else ""
        self.author.setText(
            f"{author.display_name} (@{author.handle}){verified} on {author.channel}\n"
            f"{author.kind} · {author.followers:,} followers · group: {author.group or '—'} · "
            f"{author.post_count} posts in this crisis"
            + (f"\n{author.profile[:300]}" if author.profile else "")
        )
        self.author_kind.setCurrentIndex(max(0, self.author_kind.findData(author.kind)))
        self._fill(self.author_posts, detail.author_posts)
        if detail.parent is not None:
            link = detail.parent_link.replace("_", " ")
            self.parent_label.setText(f"{link}: {brief(detail.parent, self._tz)}")
        else:
            self.parent_label.setText(self.tr("Not a reply (or the original is not stored)."))
        self._fill(self.replies, detail.replies)
        self.raw.setPlainText(detail.raw_json or self.tr("(no raw payload stored)"))

    def _facts(self, detail: PostDetail) -> str:
        post = detail.post
        lines = [
            f"likes {post.likes:,} · shares {post.shares:,} · replies {post.replies:,} · "
            f"views {post.views:,} · reach {post.reach:,}",
            "sentiment: "
            + ("—" if post.sentiment is None else f"{post.sentiment:+.2f}")
            + (" (corrected)" if post.sentiment_corrected else "")
            + f" · lang {post.lang or '?'} · matched: {', '.join(post.matched_terms) or '—'}",
            f"status: {post.status} · assignee: {post.assignee or '—'}",
        ]
        if post.deadline is not None:
            due = post.deadline.astimezone(self._tz).strftime("%d/%m %H:%M")
            lines.append(f"reply due {due} ({format_remaining(post.deadline, utcnow())})")
        if post.moderated:
            lines.append("HIDDEN by moderation")
        if detail.rumor:
            lines.append(f"rumor #{detail.rumor[0]}: {detail.rumor[1]}")
        for statement_id, title in detail.statements:
            lines.append(f"statement #{statement_id}: {title}")
        return "\n".join(lines)

    def _fill(self, widget: QListWidget, rows: list[PostRow]) -> None:
        widget.clear()
        for row in rows:
            widget.addItem(brief(row, self._tz))
            widget.item(widget.count() - 1).setData(Qt.ItemDataRole.UserRole, row.id)

    def _on_list_activated(self, item) -> None:
        self.post_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    @staticmethod
    def _select(combo: QComboBox, data) -> None:
        combo.setCurrentIndex(max(0, combo.findData(data)))

    def _on_apply_clicked(self) -> None:
        self.triage_applied.emit(
            {
                "what": self.what.currentData(),
                "where": self.where.currentText(),
                "how": self.how.currentText(),
                "why": self.why.currentText(),
                "priority": self.priority.currentData(),
            }
        )

    def clear(self) -> None:
        self.detail = None
        self.header.setText(self.tr("Select a post to see it here."))
        self.text.clear()
        self.facts.clear()
        self.link.clear()
        self.who.clear()
        self.author.clear()
        self.author_kind.setCurrentIndex(-1)
        self.author_posts.clear()
        self.parent_label.clear()
        self.replies.clear()
        self.raw.clear()
        self.setEnabled(False)
