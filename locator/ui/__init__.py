"""The PySide6 desktop app. Only this package imports Qt; it calls the core, never the reverse."""
