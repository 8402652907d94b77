"""One documented exception tree. Bad *content* never raises: it becomes a ``Rejection``.
These are for bad configuration, bad arguments and broken environments; each carries a stable
code and a hint that says how to fix the problem. The CLI prints ``Error: <message>`` and the hint.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base of every error Storyline raises on purpose."""

    code = "E000"
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        return f"[{self.code}] {self.args[0]}"


class StoreError(StorylineError):
    code = "E100"
    hint = "Check that the --db path (or $STORYLINE_DB) points to a writable Storyline database."


class StoreVersionError(StoreError):
    code = "E101"
    hint = "This database was written by a newer Storyline; upgrade Storyline or use another --db."


class NotFoundError(StorylineError):
    code = "E200"
    hint = "List what exists with `storyline stories` or `storyline articles`."


class UsageError(StorylineError):
    code = "E300"


class MissingExtraError(StorylineError):
    code = "E400"


class FetchRefused(StorylineError):
    """A URL we will not fetch (private or loopback address without --allow-private)."""

    code = "E500"
    hint = "Pass --allow-private to fetch from loopback or private network addresses."
