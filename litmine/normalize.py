"""Repair what PDF extraction does to review articles, keeping an offset map to the raw text.

Fixes: broken lines (Chinese joined without a space, English with one, hyphenation undone only
where the halves are not words), spaces inside Chinese, full-width letters and digits, the
Greek-letter mojibake of Chinese journal fonts (``TNF-琢`` for TNF-α), running headers and page
numbers. Returns the cleaned text with one raw offset per character, and its blocks.
"""

from __future__ import annotations

import re

from litmine import layout
from litmine.layout import CJK, TERMINAL
from litmine.records import Block, CleanText
from litmine.tracked import Tracked, inserted, join

# GB2312 row 5 characters that journal fonts emit in place of Greek letters, in alphabet order.
GREEK_MOJIBAKE = dict(zip("琢茁酌啄着灼浊兹咨资姿滋淄孜紫仔籽滓子自渍字鬃棕", "αβγδεζηθικλμνξοπρστυφχψω"))
_RARE_MOJIBAKE = set("琢茁酌啄资滋兹姿")
_KEEP_FULLWIDTH = set("！（），：；？")
WIDTH = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _KEEP_FULLWIDTH}
WIDTH[0x3000] = " "
_JUNK = re.compile("[\ufffd\u200b\u200c\u200d\ufeff\u00ad]")
_NEWLINES = re.compile(r"\r\n?|\f|\u2028|\u2029")
_MOJIBAKE = re.compile("(?<=[A-Za-z0-9\\-])[" + "".join(GREEK_MOJIBAKE) + "]")
_CJK_GAP = re.compile(f"(?<=[{CJK}])[ \t]+(?=[{CJK}])")
_SPACED_OUT = re.compile(f"(?<![{CJK}])[{CJK}](?: [{CJK}])+(?![{CJK}])")
_SPACES = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")
_INTERIOR_WORD = re.compile(r"(?<= )[A-Za-z]{2,}(?=[ ,.;:)])")
_UNIT_KINDS = {"heading", "title", "front", "table", "figure", "note"}


def _fix_mojibake(m: re.Match[str]) -> str:
    """Greek letter for a mojibake character in Latin context, else the character unchanged."""
    ch, text, end = m.group(), m.string, m.end()
    nxt = text[end] if end < len(text) else ""
    latin_next = not layout.is_cjk(nxt)
    if ch in _RARE_MOJIBAKE or (text[m.start() - 1] == "-" and latin_next):
        return GREEK_MOJIBAKE[ch]
    return ch


def fix_characters(t: Tracked) -> Tracked:
    """Newlines, invisible junk and full-width forms."""
    return t.sub(_NEWLINES, "\n").sub(_JUNK, "").translate(WIDTH)


def _interior_words(text: str) -> set[str]:
    """Lowercase words that occur inside lines (never at a break), to judge hyphenation."""
    return {w.lower() for line in text.split("\n") for w in _INTERIOR_WORD.findall(" " + line + " ")}


def _joiner(left: Tracked, right: Tracked, words: set[str]) -> tuple[Tracked, Tracked]:
    """Join two line pieces: returns the left piece (maybe trimmed) and what goes between."""
    a, b = left.text[-1:], right.text[:1]
    anchor = left.offsets[-1] + 1 if left.offsets else 0
    if a == "-" and len(left.text) > 1 and left.text[-2].isascii() and left.text[-2].isalpha():
        head = re.search(r"[A-Za-z]+-$", left.text)
        tail = re.match(r"[a-z]+", right.text)
        if tail and head and not (head.group()[:-1].lower() in words and tail.group() in words):
            return left[:-1], inserted("", anchor)
        return left, inserted("", anchor)
    if layout.is_cjk(a) or layout.is_cjk(b) or a in "-/（(" or b in "）)，。；：、" or not a or not b:
        return left, inserted("", anchor)
    return left, inserted(" ", anchor)


def _join_lines(pieces: list[Tracked], words: set[str]) -> Tracked:
    """Join the stripped lines of one unit."""
    out: list[Tracked] = []
    for piece in pieces:
        if out:
            out[-1], glue = _joiner(out[-1], piece, words)
            out.append(glue)
        out.append(piece)
    return join(out)


def _tidy(unit: Tracked, kind: str) -> Tracked:
    """Within-unit repairs: Greek mojibake, spaces inside Chinese, runs of spaces."""
    unit = unit.sub(_MOJIBAKE, _fix_mojibake)
    if kind == "row":
        unit = unit.sub(_SPACED_OUT, lambda m: m.group().replace(" ", ""))
    else:
        unit = unit.sub(_CJK_GAP, "")
    return unit.sub(_SPACES, " ").strip()


def _table_rows(lines: list[layout.Line]) -> list[list[layout.Line]]:
    """Group table lines into rows: by trailing citation when the table cites, else one per line."""
    if sum(layout.ends_with_citation(ln.text) for ln in lines) >= 2:
        rows, cur = [], []
        for ln in lines:
            cur.append(ln)
            if layout.ends_with_citation(ln.text):
                rows.append(cur)
                cur = []
        return rows + ([cur] if cur else [])
    return [[ln] for ln in lines]


def _units(lines: list[layout.Line]) -> list[tuple[str, list[layout.Line]]]:
    """Group classified lines into units; unfinished prose resumes after a table or figure."""
    units: list[tuple[str, list[layout.Line]]] = []
    pending: list[layout.Line] = []
    pending_kind = "text"
    table: list[layout.Line] = []

    def flush_table() -> None:
        units.extend(("row", rows) for rows in _table_rows(table))
        table.clear()

    def flush() -> None:
        nonlocal pending
        if pending:
            units.append((pending_kind, pending))
        pending = []

    for ln in lines:
        role = ln.role
        if role in ("blank", "noise"):
            continue
        if role == "row":
            table.append(ln)
            continue
        flush_table()
        if role in _UNIT_KINDS:
            if role == "heading":
                flush()
            units.append((role, [ln]))
            continue
        kind = "abstract" if role == "abstract" else "text"
        if pending and kind != pending_kind:
            flush()
        pending_kind = kind
        pending.append(ln)
        if ln.text.rstrip()[-1:] in TERMINAL or layout.ends_with_citation(ln.text) and \
                ln.text.rstrip()[-2:-1] in TERMINAL:
            flush()
    flush_table()
    flush()
    return units


def _strip_marker(t: Tracked) -> Tracked:
    """Drop a leading 摘要/Abstract label from an abstract line."""
    m = re.match(r"\s*(?:【?摘\s*要】?|Abstract)\s*[:：]?\s*", t.text, re.IGNORECASE)
    return t[m.end():] if m else t


def clean(raw: str) -> tuple[CleanText, tuple[Block, ...]]:
    """Clean PDF-extracted text; returns the text with its raw-offset map, and its blocks."""
    fixed = fix_characters(Tracked.of(raw))
    lines = layout.classify(fixed.text)
    words = _interior_words(fixed.text)
    pieces: list[Tracked] = []
    blocks: list[Block] = []
    pos = 0
    for kind, group in _units(lines):
        parts = [fixed[ln.start:ln.end].strip() for ln in group]
        if kind == "abstract":
            parts = [_strip_marker(p).strip() for p in parts]
        unit = _tidy(_join_lines([p for p in parts if len(p)], words), kind)
        if not len(unit):
            continue
        if pieces:
            pieces.append(inserted("\n", unit.offsets[0]))
            pos += 1
        blocks.append(Block(pos, pos + len(unit), kind))
        pieces.append(unit)
        pos += len(unit)
    text = join(pieces)
    return CleanText(text.text, text.offsets), tuple(blocks)
