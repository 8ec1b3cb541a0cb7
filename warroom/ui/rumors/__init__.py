"""The Rumors view: register, detail, spread chart (issue #7)."""
