"""The views of DESIGN §2, in menu order, and how to build each one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt

from warroom.ui.context import AppContext
from warroom.ui.exercise.view import ExerciseView
from warroom.ui.sources.view import SourcesView
from warroom.ui.views.base import View
from warroom.ui.views.logbook import LogbookView
from warroom.ui.views.placeholder import PlaceholderView


def _tr(text: str) -> str:
    return QCoreApplication.translate("views", text)


@dataclass(frozen=True)
class ViewSpec:
    name: str
    title: str
    area: Qt.DockWidgetArea
    build: Callable[[AppContext], View] | None = None
    missing: str = ""

    def create(self, ctx: AppContext) -> View:
        if self.build is not None:
            return self.build(ctx)
        return PlaceholderView(self.name, _tr(self.title), _tr(self.missing))


LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea

VIEW_SPECS: tuple[ViewSpec, ...] = (
    ViewSpec(
        "dashboard",
        "Dashboard",
        LEFT,
        missing=(
            "volume vs baseline, spark lines, negative share, overdue replies and open-rumor "
            "tiles arrive with the live feed and dashboard (issue #4)."
        ),
    ),
    ViewSpec(
        "feed",
        "Feed",
        LEFT,
        missing=(
            "the live multi-channel table of posts, filters, full-text search, triage and the "
            "volume chart arrive with the live feed (issue #4)."
        ),
    ),
    ViewSpec(
        "graph",
        "Graph",
        LEFT,
        missing=(
            "the propagation graph (hubs, communities, bridges, replay) arrives with issue #8."
        ),
    ),
    ViewSpec(
        "stakeholders",
        "Stakeholders",
        LEFT,
        missing=("the power/interest grid and the group × channel heat map arrive with issue #5."),
    ),
    ViewSpec(
        "statements",
        "Statements",
        LEFT,
        missing=("the statement board, editor and approval workflow arrive with issue #7."),
    ),
    ViewSpec(
        "rumors",
        "Rumors",
        LEFT,
        missing=("the rumor register and spread curves arrive with issue #7."),
    ),
    ViewSpec("logbook", "Logbook", RIGHT, build=LogbookView),
    ViewSpec(
        "timeline",
        "Timeline",
        RIGHT,
        missing=(
            "the chronology of milestones, statements, rumors, spikes and phases arrives with "
            "the main courante and timeline (issue #6)."
        ),
    ),
    ViewSpec("sources", "Sources", RIGHT, build=SourcesView),
    ViewSpec("exercise", "Exercise", LEFT, build=ExerciseView),
)
