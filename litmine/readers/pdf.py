"""PDF text layer, page by page (pypdfium2) -> Document with the raw offset of each page.

Lines come out in reading order: characters are grouped into segments (runs on one baseline
without a wide gap) and segments into lines, and a page whose segments leave a vertical gutter
near the middle is read left column top to bottom, then right column; lines that span the gutter
(titles, wide tables) cut the page into bands read in turn. Line-end hyphens are kept for the
cleaning step to judge. The library choice is measured in docs/performance.md.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from litmine.errors import InputError
from litmine.readers.text import doc_id_of
from litmine.records import Document

MIN_TEXT_CHARS_PER_PAGE = 20
LINE_TOLERANCE = 3.0      # points: segments whose baselines differ less are on one line
GAP_FACTOR = 1.5         # a horizontal gap wider than this many font heights splits a line
GUTTER_ZONE = (0.3, 0.7)  # share of the page width where a column gutter is looked for
GUTTER_STEPS = 41
MAX_SPANNING_SHARE = 0.15  # a two-column page has few segments crossing its gutter
MIN_COLUMN_SEGMENTS = 3
# pdfium marks a hyphen it takes for a line-break hyphen with these; it is a plain hyphen in the file
_PDFIUM_HYPHENS = str.maketrans({"\x02": "-", "\ufffe": "-"})
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
    except pdfium.PdfiumError as exc:
        raise InputError(name, f"damaged PDF page ({exc})") from exc
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


def page_text(page) -> str:  # type: ignore[no-untyped-def]
    """Text of one page in reading order, one visual line per line (see the module docstring)."""
    textpage = page.get_textpage()
    try:
        segments = char_segments(_chars(textpage))
    finally:
        textpage.close()
    return "\n".join(reading_order(segments, page.get_width()))


def _chars(textpage) -> list[tuple[str, tuple[float, float, float, float]]]:  # type: ignore[no-untyped-def]
    """Each character of the page with its loose box (font ascent to descent, so CJK has height).

    pdfium's tight boxes and text rectangles give CJK glyphs of non-embedded CID fonts no height,
    so its own segment rectangles leave them out; loose boxes do not.
    """
    n = textpage.count_chars()
    text = textpage.get_text_range(0, n).translate(_PDFIUM_HYPHENS)
    if len(text) != n:     # a character outside the BMP: fall back to one call per character
        text = "".join(textpage.get_text_range(i, 1) or " " for i in range(n)).translate(_PDFIUM_HYPHENS)
    return [(ch, textpage.get_charbox(i, loose=True)) for i, ch in enumerate(text)]


def char_segments(chars: list[tuple[str, tuple[float, float, float, float]]]) -> list[Segment]:
    """Runs of characters on one baseline without a wide gap (a column gutter) between them."""
    out: list[Segment] = []
    cur: list[tuple[str, tuple[float, float, float, float]]] = []

    def flush() -> None:
        text = "".join(ch for ch, _ in cur).rstrip()   # a typeset leading space is kept, as text readers do
        if text.strip():
            boxes = [b for ch, b in cur if not ch.isspace()]
            out.append(Segment(min(b[0] for b in boxes), min(b[1] for b in boxes),
                               max(b[2] for b in boxes), max(b[3] for b in boxes), text))
        cur.clear()

    for ch, box in chars:
        if ch in "\r\n":
            flush()
            continue
        if ch.isspace() and box[2] <= box[0]:      # a space pdfium made up between words
            if cur:
                cur.append((ch, cur[-1][1]))
            continue
        if cur:
            last = cur[-1][1]
            height = max(box[3] - box[1], 1.0)
            if abs(box[1] - last[1]) > LINE_TOLERANCE or box[0] - last[2] > GAP_FACTOR * height \
                    or box[2] < last[0]:
                flush()
        cur.append((ch, box))
    flush()
    return out


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text on one line with its box in PDF points (origin bottom left)."""

    left: float
    bottom: float
    right: float
    top: float
    text: str


def reading_order(segments: list[Segment], width: float) -> list[str]:
    """Lines of a page: top to bottom; in two-column bands left column first, then right.

    >>> s = [Segment(40, y, 280, y + 9, f"L{k}") for k, y in enumerate((700, 686, 672))]
    >>> s += [Segment(320, y, 550, y + 9, f"R{k}") for k, y in enumerate((700, 686, 672))]
    >>> reading_order(s + [Segment(40, 720, 550, 729, "title")], 595)
    ['title', 'L0', 'L1', 'L2', 'R0', 'R1', 'R2']
    """
    gutter = find_gutter(segments, width)
    if gutter is None:
        return _lines_of(segments)
    out: list[str] = []
    band: list[Segment] = []
    for seg in sorted(segments, key=lambda s: (-s.bottom, s.left)):
        if seg.left < gutter < seg.right:          # spans both columns: ends the band above
            out += _band_lines(band, gutter) + [seg.text]
            band = []
        else:
            band.append(seg)
    return out + _band_lines(band, gutter)


def _band_lines(band: list[Segment], gutter: float) -> list[str]:
    """Lines of a two-column band: the left column's, then the right column's."""
    return (_lines_of([s for s in band if s.right <= gutter])
            + _lines_of([s for s in band if s.right > gutter]))


def find_gutter(segments: list[Segment], width: float) -> float | None:
    """The x of a column gutter crossed by few segments with text on both sides, or None."""
    if len(segments) < 2 * MIN_COLUMN_SEGMENTS:
        return None
    lo, hi = GUTTER_ZONE
    xs = [width * (lo + (hi - lo) * k / (GUTTER_STEPS - 1)) for k in range(GUTTER_STEPS)]
    best = min(xs, key=lambda x: (sum(s.left < x < s.right for s in segments), abs(x - width / 2)))
    left = sum(s.right <= best for s in segments)
    right = sum(s.left >= best for s in segments)
    crossing = len(segments) - left - right
    if min(left, right) < MIN_COLUMN_SEGMENTS or crossing > MAX_SPANNING_SHARE * len(segments):
        return None
    return best


def _lines_of(segments: list[Segment]) -> list[str]:
    """Segments grouped into lines by baseline, top to bottom, each line's segments left to right."""
    lines: list[list[Segment]] = []
    for seg in sorted(segments, key=lambda s: -s.bottom):
        if lines and abs(lines[-1][0].bottom - seg.bottom) < LINE_TOLERANCE:
            lines[-1].append(seg)
        else:
            lines.append([seg])
    return [" ".join(s.text for s in sorted(line, key=lambda s: s.left)) for line in lines]


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
