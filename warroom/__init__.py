"""warroom — a desktop application for a company's crisis cell."""

__version__ = "0.1.0"
APP_NAME = "warroom"
