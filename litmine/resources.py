"""The one place that locates shipped data: lexicons and the relation model."""

from __future__ import annotations

import os
from importlib import resources as _res
from pathlib import Path

LEXICON_ENV = "LITMINE_LEXICONS"


def package_dir() -> Path:
    """Directory of the installed ``litmine`` package."""
    return Path(str(_res.files("litmine")))


def repo_dir() -> Path | None:
    """Root of the source checkout when running from one, else None."""
    root = package_dir().parent
    return root if (root / "pyproject.toml").is_file() and (root / "lexicons").is_dir() else None


def lexicon_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Lexicon folder: an explicit override, $LITMINE_LEXICONS, the wheel's copy, or the checkout's."""
    if override:
        return Path(override)
    if os.environ.get(LEXICON_ENV):
        return Path(os.environ[LEXICON_ENV])
    packaged = package_dir() / "lexicons"
    if packaged.is_dir():
        return packaged
    root = repo_dir()
    if root is not None:
        return root / "lexicons"
    return packaged


def model_dir() -> Path:
    """Folder holding the shipped relation model and its metadata."""
    return package_dir() / "models"


def corpora_dir() -> Path | None:
    """The bundled corpora of a source checkout (not shipped in the wheel)."""
    root = repo_dir()
    return root / "corpora" if root is not None else None


def report_asset(name: str) -> str:
    """Text of a file shipped for the HTML report (template, style, script)."""
    return (package_dir() / "assets" / name).read_text(encoding="utf-8")
