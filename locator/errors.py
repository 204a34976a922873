"""The error tree: every error a user may see carries the sentence to show them."""


class LocatorError(Exception):
    """Root of locator's errors; ``str(error)`` is a sentence fit for a user."""

    exit_code = 1


class UsageError(LocatorError, ValueError):
    """A command, option or value the user gave is not one locator knows."""

    exit_code = 2
