"""Enumerations shared by every layer (DESIGN §4).

Values are the stable strings stored in crisis files and printed in `--json` output:
never rename a value, only add new ones.
"""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    TWITTER = "twitter"
    FACEBOOK = "facebook"
    LINKEDIN = "linkedin"
    YOUTUBE = "youtube"
    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    REDDIT = "reddit"
    BLOG = "blog"
    PRESS = "press"
    FORUM = "forum"
    SUPPORT = "support"
    OTHER = "other"

    @classmethod
    def parse(cls, value: str) -> Channel:
        """Accept the stored value or a common alias ("x", "twitter/x", "support page")."""
        key = value.strip().lower()
        aliases = {
            "x": "twitter",
            "twitter/x": "twitter",
            "support page": "support",
            "supportpage": "support",
            "news": "press",
        }
        return cls(aliases.get(key, key))


class AuthorKind(StrEnum):
    MEDIA = "media"
    JOURNALIST = "journalist"
    POLITICIAN = "politician"
    AUTHORITY = "authority"
    CUSTOMER = "customer"
    EMPLOYEE = "employee"
    COMPETITOR = "competitor"
    INFLUENCER = "influencer"
    ACTIVIST = "activist"
    COMPANY = "company"
    UNKNOWN = "unknown"


class OperatorRole(StrEnum):
    DIRECTOR = "director"
    COMMS_LEAD = "comms_lead"
    COMMUNITY_MANAGER = "community_manager"
    LEGAL = "legal"
    ANALYST = "analyst"
    OBSERVER = "observer"


class LogCategory(StrEnum):
    EVENT = "event"
    DECISION = "decision"
    ACTION = "action"
    COMMUNICATION = "communication"
    INFORMATION = "information"
    CONTACT = "contact"
    MODERATION = "moderation"
    SYSTEM = "system"


class InfoStatus(StrEnum):
    TO_VERIFY = "to_verify"
    VERIFYING = "verifying"
    VERIFIED = "verified"
    FALSE = "false"


class CrisisPhase(StrEnum):
    WATCH = "watch"
    ALERT = "alert"
    ACUTE = "acute"
    RECOVERY = "recovery"
    CLOSED = "closed"


class TriageStatus(StrEnum):
    NEW = "new"
    TRIAGED = "triaged"
    ASSIGNED = "assigned"
    ANSWERED = "answered"
    ESCALATED = "escalated"
    IGNORED = "ignored"


class StatementStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


class StatementKind(StrEnum):
    COMMUNIQUE = "communique"
    FAQ = "faq"
    REPLY_TEMPLATE = "reply_template"
    VIDEO_SCRIPT = "video_script"
    INTERNAL_NOTE = "internal_note"
    HOLDING = "holding"


class RumorStatus(StrEnum):
    DETECTED = "detected"
    INVESTIGATING = "investigating"
    CONFIRMED = "confirmed"
    FALSE = "false"
    PARTLY_TRUE = "partly_true"
    REBUTTED = "rebutted"
    CORRECTED_AT_SOURCE = "corrected_at_source"
    CLOSED = "closed"


class Attitude(StrEnum):
    SUPPORTIVE = "supportive"
    NEUTRAL = "neutral"
    CRITICAL = "critical"
    HOSTILE = "hostile"


class SourceKind(StrEnum):
    RSS = "rss"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    REDDIT = "reddit"
    X = "x"
    YOUTUBE = "youtube"
    FACEBOOK = "facebook"
    FILE = "file"
    SCENARIO = "scenario"


class WatchKind(StrEnum):
    KEYWORD = "keyword"
    HASHTAG = "hashtag"
    ACCOUNT = "account"
    EXCLUSION = "exclusion"
