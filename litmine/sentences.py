"""Split cleaned text into sentences; headings, captions and table rows stay whole units.

Chinese ends sentences at 。！？；, English at .!? followed by space and a new sentence, with
care for decimals, ``et al.``, ``e.g.``, ``vs.``, section numbers and ``Ca2+``. Reference
markers right after the terminator (``... pain.[12]``) stay with the sentence they support.
"""

from __future__ import annotations

import re

from litmine.citations import find_citations
from litmine.records import Block, CleanText, Sentence, page_at
from litmine.script import detect_lang
from litmine.sections import label_sections

_CANDIDATE = re.compile(r"[。！？；]|[.!?](?=[\s\"'”’)）\[]|$)")
_TRAILER = re.compile(r"[\"'”’」』)）]*(?:\s*\[\s*\d[\d\s,，~～\-–、]*\])*[\"'”’」』)）]*")
_NO_BREAK_BEFORE = re.compile(
    r"(?:\bet al|\be\.g|\bi\.e|\bvs|\bFigs?|\bcf|\bapprox|\bca|\bNo|\bDr|\bRefs?|\bEq|\bal|\bspp?|\bvol|"
    r"\bpp?|\b[A-Z])$", re.IGNORECASE)
_NEXT_STARTS = re.compile(r"\s*(?:[A-Z0-9\"'“‘(\[（]|[\u3400-\u9fff])")
WHOLE_UNITS = {"heading", "title", "front", "table", "row", "figure", "note"}


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    """Whether the terminator at ``m`` really ends a sentence."""
    if m.group() in "。！？；":
        return True
    before = text[:m.start()]
    if m.group() == "." and _NO_BREAK_BEFORE.search(before):
        return False
    rest = text[m.end():]
    return not rest.strip() or bool(_NEXT_STARTS.match(rest))


def split_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, stripped of surrounding space.

    >>> t = "AMPK 可抑制 mTOR [9]。Wang et al. found 2.5 mM Ca2+ reduced pain.[12] Next one."
    >>> [t[a:b] for a, b in split_spans(t)]
    ['AMPK 可抑制 mTOR [9]。', 'Wang et al. found 2.5 mM Ca2+ reduced pain.[12]', 'Next one.']
    """
    spans, start = [], 0
    for m in _CANDIDATE.finditer(text):
        if m.start() < start or not _is_boundary(text, m):
            continue
        end = m.end() + _TRAILER.match(text, m.end()).end() - m.end()
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def split_sentences(clean: CleanText, blocks: tuple[Block, ...],
                    page_starts: tuple[int, ...] = ()) -> list[Sentence]:
    """Sentences of a cleaned document, in text order, with lang, section, citations and page."""
    text = clean.text
    out: list[Sentence] = []
    for block, section in zip(blocks, label_sections(blocks, text)):
        chunk = text[block.start:block.end]
        spans = [(0, len(chunk))] if block.kind in WHOLE_UNITS else split_spans(chunk)
        kind = block.kind if block.kind in WHOLE_UNITS else "text"
        for a, b in spans:
            s = chunk[a:b]
            start = block.start + a
            out.append(Sentence(len(out), start, block.start + b, s, detect_lang(s), kind, section,
                                find_citations(s), page_at(clean.raw_offsets[start], page_starts)))
    return out
