"""Plain text in any common encoding -> Document.

UTF-8 (with or without BOM) and UTF-16 with BOM are taken as they are; anything else is
detected by charset-normalizer among the encodings these articles come in.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from litmine.errors import InputError
from litmine.records import Document

CANDIDATE_ENCODINGS = ["utf_8", "gb18030", "big5", "utf_16", "utf_16_le", "utf_16_be", "cp1252"]
_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def doc_id_of(data: bytes) -> str:
    """Stable document id: the same bytes always give the same id."""
    return hashlib.sha256(data).hexdigest()[:16]


def decode(data: bytes, path: str = "<bytes>") -> str:
    """Text of ``data`` in its own encoding; InputError when it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    if b"\x00" in data:
        raise InputError(path, "not a text file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _detect(data, path)
    return text


def _detect(data: bytes, path: str) -> str:
    """Decode with charset-normalizer, limited to the encodings of real articles."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None:
        raise InputError(path, "not a text file (no known text encoding fits it)")
    return str(best)


def read_text(path: Path, source: str | None = None) -> Document:
    """Read a text or Markdown file into a Document."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(source or path, f"cannot read file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise InputError(source or path, "empty file")
    text = decode(data, str(source or path))
    return Document(doc_id_of(data), str(source or path), text)
