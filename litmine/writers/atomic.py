"""Atomic replacement of an output file: write a temporary file beside it, then rename."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from litmine.errors import OutputError


def write_lines(lines: Iterable[str], path: str) -> None:
    """Write text lines to ``path`` atomically (``-``: stdout)."""
    if path == "-":
        for line in lines:
            sys.stdout.write(line + "\n")
        return
    target = Path(path)
    if not target.parent.is_dir():
        raise OutputError(path, "output folder does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for line in lines:
                f.write(line + "\n")
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(path, f"cannot write: {exc.strerror or exc}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
