"""Input formats: one reader per file suffix, each path -> Document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from litmine.errors import InputError
from litmine.readers.text import read_text
from litmine.records import Document


def _read_pdf(path: Path, source: str | None = None) -> Document:
    from litmine.readers.pdf import read_pdf

    return read_pdf(path, source)


READERS: dict[str, Callable[..., Document]] = {".txt": read_text, ".md": read_text, ".pdf": _read_pdf}


def read(path: str | Path) -> Document:
    """Read one input file by its suffix; InputError names the file and the problem."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file")
    if p.is_dir():
        raise InputError(path, "is a folder (pass it to a command that walks folders)")
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        raise InputError(path, f"unsupported file type {p.suffix or '(none)'}; use {', '.join(READERS)}")
    return reader(p, str(path))


def walk(paths: list[str | Path]) -> list[Path]:
    """Input files under ``paths`` (folders recursively, known suffixes only), sorted, deduplicated."""
    out: list[Path] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READERS))
        else:
            out.append(p)
    return list(dict.fromkeys(out))
