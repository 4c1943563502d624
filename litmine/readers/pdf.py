"""PDF text layer, page by page (pypdfium2) -> Document with the raw offset of each page."""

from __future__ import annotations

from pathlib import Path

from litmine.errors import InputError
from litmine.readers.text import doc_id_of
from litmine.records import Document

MIN_TEXT_CHARS_PER_PAGE = 20


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
    pages, starts, pos = [], [], 0
    try:
        for page in pdf:
            text = page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            starts.append(pos)
            pages.append(text)
            pos += len(text) + 1
    finally:
        pdf.close()
    if not pages:
        raise InputError(name, "PDF has no pages")
    if sum(len(p.strip()) for p in pages) < MIN_TEXT_CHARS_PER_PAGE * len(pages):
        raise InputError(name, "PDF has no text layer (scanned images?); run OCR first")
    return Document(doc_id_of(data), name, "\f".join(pages), tuple(starts))
