"""locator: find and compare ketamine-therapy clinics near a place, offline first."""

__version__ = "0.1.0"
