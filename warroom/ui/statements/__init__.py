"""The Statements view: board, list, editor (issue #7)."""
