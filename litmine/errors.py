"""Errors litmine raises: one line, ``PATH: problem``."""

from __future__ import annotations


class LitmineError(Exception):
    """A user-facing error whose ``str()`` is one line naming the file and the problem."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = " ".join(str(problem).split())
        super().__init__(f"{self.path}: {self.problem}")


class InputError(LitmineError):
    """An input file cannot be read or decoded."""


class LexiconError(LitmineError):
    """A lexicon file is malformed."""


class ModelError(LitmineError):
    """The shipped relation model is missing or was built by another library version."""


class OutputError(LitmineError):
    """An output file cannot be written (unknown format, unwritable place)."""
