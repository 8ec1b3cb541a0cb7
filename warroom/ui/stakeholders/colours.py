"""Colours of the stakeholder views: sentiment from red (−1) through grey to green (+1)."""

from __future__ import annotations

from PySide6.QtGui import QColor

NEGATIVE = QColor("#c62828")
NEUTRAL = QColor("#9aa3ad")
POSITIVE = QColor("#2e7d32")
UNKNOWN = QColor("#c3c9d2")
GAP = QColor("#d32f2f")


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def sentiment_colour(value: float | None) -> QColor:
    if value is None:
        return QColor(UNKNOWN)
    clipped = max(-1.0, min(1.0, value))
    # Most averages sit within ±0.5: stretch so that differences show.
    t = min(1.0, abs(clipped) * 2.0)
    return _mix(NEUTRAL, NEGATIVE if clipped < 0 else POSITIVE, t)


def format_sentiment(value: float | None) -> str:
    return "—" if value is None else f"{value:+.2f}".replace("-", "−")


def format_count(value: int) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f} M"
    if value >= 10_000:
        return f"{value / 1000:.0f} k"
    if value >= 1000:
        return f"{value / 1000:.1f} k"
    return str(value)
