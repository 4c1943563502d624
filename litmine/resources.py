"""The one place that locates shipped data (lexicons, the relation model) and the user cache."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from importlib import resources as _res
from pathlib import Path
from typing import Any

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


CACHE_ENV = "LITMINE_CACHE"


def cache_dir() -> Path | None:
    """Folder for compiled artefacts: $LITMINE_CACHE, else $XDG_CACHE_HOME/litmine or ~/.cache/litmine.

    ``LITMINE_CACHE=off`` turns the cache off (None).
    """
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "litmine"


def cache_key(paths: list[Path], *extra: str) -> str:
    """A short hash of files (names and bytes) and ``extra`` strings (versions): a cache entry's name."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    for item in extra:
        digest.update(item.encode("utf-8") + b"\0")
    return digest.hexdigest()[:24]


def read_cache(name: str, key: str) -> Any | None:
    """The cached object ``name`` under ``key``, or None when absent, foreign or unreadable."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{name}-{key}.pickle"
    try:
        # Only a file this user wrote is trusted: unpickling runs code, like importing a module.
        if path.stat().st_uid != os.getuid():
            return None
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # absent, truncated or stale entries all mean: rebuild
        return None


def write_cache(name: str, key: str, value: Any) -> None:
    """Store ``value`` atomically (temporary file, then rename); an unwritable cache is skipped."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{name}-{key}.pickle")
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except (OSError, pickle.PicklingError):
        return
