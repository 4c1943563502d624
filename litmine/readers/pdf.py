"""PDF text layer, page by page (pypdfium2) -> Document with the raw offset of each page."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from litmine.errors import InputError
from litmine.readers.text import doc_id_of
from litmine.records import Document

MIN_TEXT_CHARS_PER_PAGE = 20
EDGE_BAND = 0.08          # top and bottom share of the page where running headers live
_DIGITS = re.compile(r"\d+")


def read_pdf(path: Path, source: str | None = None) -> Document:
    """Read the text layer; encrypted, corrupt and scanned (image-only) PDFs are InputErrors."""
    import pypdfium2 as pdfium

    name = source or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read file: {exc.strerror or exc}") from exc
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc).lower()
        if "password" in reason:
            raise InputError(name, "encrypted PDF (a password is needed to read it)") from exc
        raise InputError(name, f"not a readable PDF ({exc})") from exc
    try:
        pages = drop_running_lines([page_text(page) for page in pdf])
    finally:
        pdf.close()
    starts, pos = [], 0
    for text in pages:
        starts.append(pos)
        pos += len(text) + 1
    if not pages:
        raise InputError(name, "PDF has no pages")
    if sum(len(p.strip()) for p in pages) < MIN_TEXT_CHARS_PER_PAGE * len(pages):
        raise InputError(name, "PDF has no text layer (scanned images?); run OCR first")
    return Document(doc_id_of(data), name, "\f".join(pages), tuple(starts))


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def page_text(page) -> str:  # type: ignore[no-untyped-def]
    """Text of one page in the order of its content stream."""
    return _lines(page.get_textpage().get_text_range())


def drop_running_lines(pages: list[str]) -> list[str]:
    """Remove lines that repeat at the top or bottom of most pages (running headers, footers)."""
    if len(pages) < 3:
        return pages
    def edge(text: str) -> list[str]:
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        k = max(1, int(len(lines) * EDGE_BAND))
        return lines[:k] + lines[-k:]
    counts = Counter(_DIGITS.sub("#", ln) for text in pages for ln in set(edge(text)))
    running = {ln for ln, n in counts.items() if n >= len(pages) / 2}
    out = []
    for text in pages:
        edges = set(edge(text))
        out.append("\n".join(ln for ln in text.split("\n")
                             if not (ln.strip() in edges and _DIGITS.sub("#", ln.strip()) in running)))
    return out
