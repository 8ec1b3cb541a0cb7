"""Ingestion: connectors, file import, scenario playback and the scheduler (DESIGN §5)."""
