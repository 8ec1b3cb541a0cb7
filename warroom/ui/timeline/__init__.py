"""The Timeline view."""
