"""The Sources panel: connectors, their health, the watchlist, and file import."""
