"""Triage actions on the selected posts: each one a background write on "posts"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from warroom.domain.enums import LogCategory
from warroom.domain.triage import MAX_PRIORITY, WHAT_KEYS
from warroom.store import feed_stats, triage
from warroom.store.rumors import create_rumor
from warroom.ui.feed.targets_dialog import ReplyTargetsDialog
from warroom.ui.guard import alive


def _tr(text: str) -> str:
    return QCoreApplication.translate("PostActions", text)


class PostActions:
    """Turns the operator's commands into writes through ``ctx.runner``."""

    def __init__(self, view) -> None:
        self.view = view

    @property
    def ctx(self):
        return self.view.ctx

    def _write(self, func, topics=("posts",), done=None) -> None:
        self.ctx.runner.run_write(
            func,
            changed=set(topics),
            on_success=alive(self.view, done),
            on_failure=alive(self.view, self.view.show_error),
        )

    def install(self, table) -> dict:
        """Triage keys, as actions of the table: its shortcuts and its right-click menu."""
        keys: list[tuple[str, str, object]] = [
            (str(n), what.value.replace("_", " / "), self._what_slot(what.value))
            for n, what in enumerate(WHAT_KEYS, start=1)
        ]
        keys += [
            ("P", "Next priority", self.next_priority),
            ("A", "Assign to me", lambda: self.run("assign_me")),
            ("Shift+A", "Assign…", lambda: self.run("assign")),
            ("R", "Answered", lambda: self.run("answered")),
            ("E", "Escalate…", lambda: self.run("escalate")),
            ("I", "Ignore…", lambda: self.run("ignore")),
            ("M", "Moderate…", lambda: self.run("moderate")),
            ("U", "Create rumor…", lambda: self.run("rumor")),
            ("L", "Add to logbook…", lambda: self.run("logbook")),
            ("S", "Link to a statement…", lambda: self.run("statement")),
            ("C", "Correct sentiment…", lambda: self.run("sentiment")),
            ("J", "Next post", lambda: self.view.step_selection(1)),
            ("K", "Previous post", lambda: self.view.step_selection(-1)),
        ]
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        shortcuts = {}
        for key, text, slot in keys:
            action = QAction(_tr(text), table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            table.addAction(action)
            shortcuts[key] = action
        return shortcuts

    def _what_slot(self, what: str):
        return lambda: self.apply_triage({"what": what})

    def next_priority(self) -> None:
        current = self.view.model.post_at(self.view.table.currentIndex().row())
        if current is not None:
            self.apply_triage({"priority": (current.priority + 1) % (MAX_PRIORITY + 1)})

    def edit_reply_targets(self) -> None:
        dialog = ReplyTargetsDialog(triage.reply_targets(), feed_stats.alert_rules(), self.view)
        if dialog.exec() != ReplyTargetsDialog.DialogCode.Accepted:
            return
        changes = dialog.changes()
        rules = dialog.alert_rules() if dialog.alert_rules_changed() else None
        if not changes and rules is None:
            return
        db, operator = self.ctx.crisis.db, self.ctx.operator

        def save() -> None:
            for channel, text in changes.items():
                triage.set_reply_target(db, channel, text, operator)
            if rules is not None:
                feed_stats.set_alert_rules(
                    db, rules["multiple"], rules["min_count"], rules["newcomer_followers"], operator
                )

        self.ctx.runner.run_write(
            save,
            changed={"settings", "logbook", "posts"},
            on_failure=alive(self.view, self.view.show_error),
        )

    def set_enabled(self, enabled: bool) -> None:
        """Triage keys and the context menu are off while the crisis is replayed (J and K,
        which only move the selection, stay on)."""
        for key, action in self.view.shortcuts.items():
            if key not in ("J", "K"):
                action.setEnabled(enabled)

    def apply_triage(self, values: dict) -> None:
        ids = self.view.selected_post_ids()
        if not ids or self.view.replaying():
            return
        db = self.ctx.crisis.db
        self._write(lambda: triage.set_triage(db, ids, **values))

    def run(self, name: str) -> None:
        ids = self.view.selected_post_ids()
        if not ids or self.view.replaying():
            return
        handler = getattr(self, f"_do_{name}", None)
        if handler is not None:
            handler(ids)

    def _status(self, ids, status, reason="", assignee=None) -> None:
        db, operator = self.ctx.crisis.db, self.ctx.operator
        topics = ("posts", "logbook") if status == "escalated" else ("posts",)
        self._write(
            lambda: triage.set_status(db, ids, status, operator, reason=reason, assignee=assignee),
            topics,
        )

    def _do_assign_me(self, ids) -> None:
        db, operator = self.ctx.crisis.db, self.ctx.operator
        self._write(lambda: triage.assign(db, ids, operator, operator))

    def _do_assign(self, ids) -> None:
        from warroom.store.crisis import operators

        name = self.view.ask_item(
            _tr("Assign"), _tr("Assign to:"), [n for n, _r in operators()] + [_tr("(nobody)")]
        )
        if name is None:
            return
        db, operator = self.ctx.crisis.db, self.ctx.operator
        who = "" if name == _tr("(nobody)") else name
        self._write(lambda: triage.assign(db, ids, who, operator))

    def _do_answered(self, ids) -> None:
        self._status(ids, "answered")

    def _do_escalate(self, ids) -> None:
        reason = self.view.ask_text(_tr("Escalate"), _tr("Why, and to whom?"))
        if reason is not None:
            self._status(ids, "escalated", reason=reason)

    def _do_ignore(self, ids) -> None:
        reason = self.view.ask_text(_tr("Ignore"), _tr("Reason (kept with the post):"))
        if reason is not None:
            self._status(ids, "ignored", reason=reason)

    def _do_moderate(self, ids) -> None:
        reason = self.view.ask_text(
            _tr("Moderate"),
            _tr("Hide this post (insult, threat, personal data). Reason for the logbook:"),
        )
        if reason is None:
            return
        db, operator = self.ctx.crisis.db, self.ctx.operator
        self._write(lambda: triage.moderate(db, ids[0], reason, operator), ("posts", "logbook"))

    def _do_rumor(self, ids) -> None:
        post = self.view.model.post_at(self.view.model.row_of(ids[0]))
        claim = self.view.ask_text(
            _tr("Create rumor"), _tr("The claim:"), " ".join((post.text if post else "").split())
        )
        if not claim:
            return
        db, operator = self.ctx.crisis.db, self.ctx.operator
        self._write(
            lambda: create_rumor(db, claim, operator, origin_post_id=ids[0]),
            ("posts", "rumors", "logbook"),
        )

    def _do_logbook(self, ids) -> None:
        text = self.view.ask_text(_tr("Add to logbook"), _tr("Entry text (empty: quote the post):"))
        if text is None:
            return
        db, operator = self.ctx.crisis.db, self.ctx.operator
        self._write(
            lambda: [triage.log_post(db, i, text, operator, LogCategory.INFORMATION) for i in ids],
            ("logbook",),
        )

    def _do_statement(self, ids) -> None:
        choices = {
            f"#{sid} {title} ({status})": sid for sid, title, status in triage.statements_to_link()
        }
        picked = self.view.ask_item(_tr("Link to a statement"), _tr("Statement:"), list(choices))
        if picked is None:
            return
        db, operator, statement_id = self.ctx.crisis.db, self.ctx.operator, choices[picked]
        self._write(lambda: [triage.link_statement(db, i, statement_id, operator) for i in ids])

    def _do_sentiment(self, ids) -> None:
        text = self.view.ask_text(
            _tr("Correct sentiment"),
            _tr("Score from -1 (negative) to 1 (positive), empty to reset:"),
        )
        if text is None:
            return
        try:
            value = float(text.replace(",", ".")) if text.strip() else None
        except ValueError:
            self.view.show_error(ValueError(_tr("not a number: %1").replace("%1", text)))
            return
        db = self.ctx.crisis.db

        def correct() -> None:
            for post_id in ids:
                triage.correct_sentiment(db, post_id, value)

        self._write(correct)

    def save_view(self) -> None:
        name = self.view.ask_text(_tr("Save view"), _tr("Name of this view:"))
        if not name:
            return
        db, f, owner = self.ctx.crisis.db, self.view.filter, self.ctx.operator
        self.ctx.runner.run_write(
            lambda: triage.save_view(db, name, f, owner),
            changed={"settings"},
            on_success=alive(self.view, lambda _r: self.view.reload_choices()),
            on_failure=alive(self.view, self.view.show_error),
        )
