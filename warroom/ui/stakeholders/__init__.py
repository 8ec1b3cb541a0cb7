"""The Stakeholders view: power/interest grid, group × channel heat map, group editor,
members and rules, sentiment over time per group."""

from warroom.ui.stakeholders.view import StakeholdersView

__all__ = ["StakeholdersView"]
