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


FOLDER_DOCS = {"readme", "license", "licence", "changelog"}


def _is_input(f: Path) -> bool:
    """A file a folder walk reads: a known suffix, not hidden, not the folder's own README/LICENSE."""
    return (f.is_file() and f.suffix.lower() in READERS and not f.name.startswith(".")
            and f.stem.lower() not in FOLDER_DOCS)


def walk(paths: list[str | Path]) -> list[Path]:
    """Input files under ``paths`` (folders recursively), sorted, deduplicated; named files as given."""
    out: list[Path] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if _is_input(f)))
        else:
            out.append(p)
    return list(dict.fromkeys(out))
