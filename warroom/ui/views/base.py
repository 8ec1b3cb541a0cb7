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
