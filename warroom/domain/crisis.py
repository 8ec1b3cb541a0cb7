"""Plain value objects handed from the store to the UI and the command line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CrisisInfo:
    name: str
    description: str
    opened_at: datetime
    closed_at: datetime | None
    phase: str
    severity: int
    timezone: str
    language: str
    is_exercise: bool

    @property
    def display_name(self) -> str:
        """The name as shown everywhere; exercises are always marked as such."""
        return f"EXERCISE — {self.name}" if self.is_exercise else self.name
