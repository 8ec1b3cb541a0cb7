"""`warroom scenario play CRISIS SCENARIO` without --headless: the window, with the
director's panel raised and the exercise started."""

from __future__ import annotations

from pathlib import Path

from warroom.domain.scenario import Scenario
from warroom.store.db import CrisisDatabase
from warroom.ui.application import GuiApp, _install_excepthook, ensure_app, make_settings
from warroom.ui.exercise.view import ExerciseView


def run_exercise_gui(path: Path, scenario: Scenario, speed: float, operator: str) -> int:
    app = ensure_app()
    gui = GuiApp(app, make_settings(), operator, freeze=True)
    window = gui.open_crisis(CrisisDatabase.open(path))
    view = window.views.get("exercise")
    if isinstance(view, ExerciseView):
        window.show_view("exercise")
        view.start(scenario, speed)
    _install_excepthook()
    code = app.exec()
    gui.close_crisis()
    return int(code)
