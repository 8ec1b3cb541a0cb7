"""The views of DESIGN §2, in menu order, and how to build each one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt

from warroom.ui.context import AppContext
from warroom.ui.dashboard.view import DashboardView
from warroom.ui.exercise.view import ExerciseView
from warroom.ui.feed.view import FeedView
from warroom.ui.graph.view import GraphView
from warroom.ui.logbook.view import LogbookView
from warroom.ui.rumors.view import RumorsView
from warroom.ui.sources.view import SourcesView
from warroom.ui.stakeholders import StakeholdersView
from warroom.ui.statements.view import StatementsView
from warroom.ui.timeline.view import TimelineView
from warroom.ui.views.base import View
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
    ViewSpec("dashboard", "Dashboard", LEFT, build=DashboardView),
    ViewSpec("feed", "Feed", LEFT, build=FeedView),
    ViewSpec("graph", "Graph", LEFT, build=GraphView),
    ViewSpec("stakeholders", "Stakeholders", LEFT, build=StakeholdersView),
    ViewSpec("statements", "Statements", LEFT, build=StatementsView),
    ViewSpec("rumors", "Rumors", LEFT, build=RumorsView),
    ViewSpec("sources", "Sources", LEFT, build=SourcesView),
    ViewSpec("logbook", "Logbook", RIGHT, build=LogbookView),
    ViewSpec("timeline", "Timeline", RIGHT, build=TimelineView),
    ViewSpec("exercise", "Exercise", LEFT, build=ExerciseView),
)
