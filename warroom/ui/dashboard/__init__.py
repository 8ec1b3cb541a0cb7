"""The Dashboard view: tiles that each open a filtered view."""
