"""What every view offers the main window and `warroom screenshot`."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class View(QWidget):
    """Base of the dockable views.

    ``view_name`` is the stable identifier (file names, settings, views.json);
    ``title()`` is what the user sees; ``item_count()`` how many items the view shows
    (rows, nodes, entries…); ``is_placeholder`` tells whether the capability exists yet.
    """

    view_name = "view"
    is_placeholder = False

    def title(self) -> str:
        return self.view_name

    def item_count(self) -> int:
        return 0

    def status_widgets(self) -> list[QWidget]:
        """Indicators the view puts in the main window's status bar (none by default)."""
        return []

    def refresh(self) -> None:
        """Reload what is shown (called after relevant changes)."""

    # -- work that can wait until the view is on screen ---------------------------------
    def on_screen(self) -> bool:
        """Visible and not behind another tab of its dock area."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def when_shown(self, reload) -> None:
        """Run ``reload`` now if the view is on screen, else when it comes to the front.
        Used for the replay cursor: a view in a tab behind another does not spend a worker
        on every step of *Play* (the stakeholder matrix costs seconds on a large crisis)."""
        if self.on_screen():
            self._deferred = None
            reload()
        else:
            self._deferred = reload

    def revealed(self) -> None:
        """The view came to the front (its dock tab was raised, or it was shown)."""
        deferred = getattr(self, "_deferred", None)
        if deferred is not None:
            self._deferred = None
            deferred()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.revealed()
