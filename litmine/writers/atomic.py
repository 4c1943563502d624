"""Atomic replacement of an output file: write a temporary file beside it, then rename."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from litmine.errors import OutputError


@contextmanager
def replacing(path: str, keep_existing: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one rename.

    With ``keep_existing`` the temporary file starts as a copy of the current one (for databases
    that gain a table). On any error the temporary file is removed and ``path`` is untouched.
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise OutputError(path, "output folder does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        if keep_existing and target.exists():
            shutil.copyfile(target, tmp)
        yield Path(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(path, f"cannot write: {exc.strerror or exc}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_lines(lines: Iterable[str], path: str) -> None:
    """Write text lines to ``path`` atomically (``-``: stdout)."""
    if path == "-":
        for line in lines:
            sys.stdout.write(line + "\n")
        return
    with replacing(path) as tmp, open(tmp, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(line + "\n")
