"""Everything the feed's detail pane shows about one post."""

from __future__ import annotations

import json
from dataclasses import dataclass

import peewee

from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import Author, Post, PostStatement, Rumor, StakeholderGroup, Statement
from warroom.store.posts import DeadlineRules, PostRow, fetch_row, fetch_rows

OTHER_POSTS = 20
REPLIES = 50


@dataclass(frozen=True)
class AuthorCard:
    id: int
    channel: str
    handle: str
    display_name: str
    kind: str
    followers: int
    verified: bool
    group: str
    profile: str
    url: str
    post_count: int


@dataclass(frozen=True)
class PostDetail:
    post: PostRow
    author: AuthorCard
    author_posts: list[PostRow]  # the author's other posts, newest first
    parent: PostRow | None  # what it replies to / reposts / quotes
    parent_link: str  # "reply_to", "repost_of", "quote_of" or ""
    replies: list[PostRow]  # what replies to it, oldest first
    statements: list[tuple[int, str]]  # linked statements (id, title)
    rumor: tuple[int, str] | None
    triage: dict[str, str]  # where, how, why
    raw_json: str


def _author_card(author_id: int) -> AuthorCard:
    author = Author.get_by_id(author_id)
    group = StakeholderGroup.get_or_none(StakeholderGroup.id == author.__data__.get("group"))
    return AuthorCard(
        id=author.id,
        channel=author.channel,
        handle=author.handle,
        display_name=author.display_name,
        kind=author.kind,
        followers=author.followers,
        verified=bool(author.verified),
        group=group.name if group else "",
        profile=author.profile,
        url=author.url,
        post_count=Post.select().where(Post.author == author_id).count(),
    )


def _ids(query: peewee.Query) -> list[int]:
    return [int(row[0]) for row in query.tuples()]


def post_detail(db: peewee.Database, post_id: int, rules: DeadlineRules) -> PostDetail:
    """The post, its author card, its thread context, links and raw payload."""
    with translated_errors("reading the post"):
        stored = Post.get_or_none(Post.id == post_id)
        if stored is None:
            raise StoreError(f"post #{post_id} does not exist")
        author_id = int(stored.__data__["author"])
        rumor_id = stored.__data__.get("rumor")
        row = fetch_row(db, post_id, rules)
        others = _ids(
            Post.select(Post.id)
            .where((Post.author == author_id) & (Post.id != post_id))
            .order_by(Post.created_at.desc())
            .limit(OTHER_POSTS)
        )
        parent_link = next(
            (name for name in ("reply_to", "repost_of", "quote_of") if getattr(stored, name)), ""
        )
        parent_ids = (
            _ids(
                Post.select(Post.id).where(
                    (Post.channel == stored.channel)
                    & (Post.external_id == getattr(stored, parent_link))
                )
            )
            if parent_link
            else []
        )
        reply_ids = _ids(
            Post.select(Post.id)
            .where((Post.channel == stored.channel) & (Post.reply_to == stored.external_id))
            .order_by(Post.created_at)
            .limit(REPLIES)
        )
        rows = fetch_rows(db, others + parent_ids + reply_ids, rules)
        statements = [
            (s.id, s.title)
            for s in Statement.select(Statement.id, Statement.title)
            .join(PostStatement)
            .where(PostStatement.post == post_id)
        ]
        rumor = Rumor.get_or_none(Rumor.id == rumor_id) if rumor_id else None
        return PostDetail(
            post=row,
            author=_author_card(author_id),
            author_posts=[rows[i] for i in others if i in rows],
            parent=rows.get(parent_ids[0]) if parent_ids else None,
            parent_link=parent_link,
            replies=[rows[i] for i in reply_ids if i in rows],
            statements=statements,
            rumor=(rumor.id, rumor.claim) if rumor else None,
            triage={
                "where": stored.triage_where or "",
                "how": stored.triage_how or "",
                "why": stored.triage_why or "",
            },
            raw_json=json.dumps(stored.raw, ensure_ascii=False, indent=2, sort_keys=True)
            if stored.raw is not None
            else "",
        )
