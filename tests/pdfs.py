"""Typeset corpus text into real PDFs (reportlab, built-in CJK font) for the PDF tests and benchmarks."""

from __future__ import annotations

import re
from pathlib import Path

FONT = "STSong-Light"
PAGE_WIDTH, PAGE_HEIGHT = 595.27, 841.89   # A4 in points
MARGIN = 40.0
GAP = 24.0            # between the two columns
SIZE, LEADING = 9.0, 12.0
SPANNING_LINES = 3    # the title block spans both columns on page one of a two-column PDF
_WORD_TAIL = re.compile(r"[A-Za-z]+$")
_WORD_HEAD = re.compile(r"^[A-Za-z]+")


def _font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def wrap(line: str, width: float) -> list[str]:
    """Break a line to fit ``width`` points; an English word cut in two gets a hyphen."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out, cur = [], ""
    for ch in line:
        if cur and stringWidth(cur + ch + "-", FONT, SIZE) > width:
            tail, head = _WORD_TAIL.search(cur), _WORD_HEAD.match(ch)
            if tail and head:
                out.append(cur + "-")     # hyphenated the way journals break words
            else:
                out.append(cur)
            cur = ""
        cur += ch
    return out + [cur]


def render(path: Path, text: str, columns: int = 1, interleave: bool = True) -> int:
    """Typeset ``text`` (blank lines kept as gaps) in one or two columns; returns the page count.

    With ``interleave`` the lines of a page are drawn row by row across the columns (left line,
    right line, next row), as many typesetters order them, so content order is not reading order.
    """
    from reportlab.pdfgen import canvas

    _font()
    c = canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    full = PAGE_WIDTH - 2 * MARGIN
    col_width = (full - GAP * (columns - 1)) / columns
    top, bottom = PAGE_HEIGHT - MARGIN, MARGIN
    y, col, pages, col_top = top, 0, 1, top
    draws: list[tuple[float, float, str]] = []

    def show() -> None:
        for x, yy, piece in sorted(draws, key=lambda d: (-d[1], d[0])) if interleave else draws:
            c.setFont(FONT, SIZE)
            c.drawString(x, yy, piece)
        draws.clear()
        c.showPage()

    for n, line in enumerate(text.splitlines()):
        spanning = columns > 1 and n < SPANNING_LINES
        for piece in wrap(line, full if spanning or columns == 1 else col_width) if line.strip() else [""]:
            if y < bottom:
                col += 1
                if col >= columns:
                    show()
                    pages += 1
                    col, col_top = 0, top
                y = col_top
            if piece:
                draws.append((MARGIN + col * (col_width + GAP), y, piece))
            y -= LEADING
        if spanning:
            col_top = y
    show()
    c.save()
    return pages
