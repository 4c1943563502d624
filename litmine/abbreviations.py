"""Abbreviations defined in the text link long and short forms for the rest of the document.

English ``long form (SF)`` follows Schwartz & Hearst (2003), "A simple algorithm for identifying
abbreviation definitions in biomedical text"; the Chinese forms ``中文全称 (English long form, SF)``
and ``中文全称（SF）`` take the long form from the mention that ends at the parenthesis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from litmine.lexicon import fold
from litmine.match import resolve_overlaps
from litmine.records import Concept, Mention, Sentence

_PAREN = re.compile(r"[（(]\s*([^()（）]{1,160}?)\s*[)）]")
_SHORT = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9αβγδκ+/\-]{0,9}$")
_SPLIT = re.compile(r"\s*[,，;；]\s*")
_LONG_TAIL = re.compile(r"[\s,，;；]")
MAX_LONG_WORDS = 10
HEADS = {
    "molecule": ("kinase", "receptor", "factor", "protein", "channel", "enzyme", "peptide", "hormone",
                 "interleukin", "synthase", "transporter", "ligand", "complex", "激酶", "受体", "因子",
                 "蛋白", "通道", "酶", "肽", "激素", "转运体", "复合物"),
    "condition": ("pain", "disease", "syndrome", "disorder", "neuropathy", "injury", "neuralgia",
                  "痛", "病", "症", "综合征", "损伤", "障碍"),
    "brain_region": ("cortex", "nucleus", "ganglion", "gyrus", "cord", "horn", "皮质", "皮层", "核",
                     "神经节", "脑区"),
    "intervention": ("therapy", "stimulation", "training", "exercise", "treatment", "疗法", "刺激",
                     "训练", "针刺"),
}


@dataclass(frozen=True, slots=True)
class Definition:
    """``short`` defined in a sentence, with its English long form if written."""

    sentence_id: int
    short: str
    short_start: int
    paren_start: int
    long_en: str | None


def best_long_form(short: str, candidate: str) -> str | None:
    """Schwartz & Hearst: the shortest tail of ``candidate`` whose letters spell ``short``.

    >>> best_long_form("AMPK", "the adenosine monophosphate-activated protein kinase")
    'adenosine monophosphate-activated protein kinase'
    """
    s, c = len(short) - 1, len(candidate) - 1
    while s >= 0:
        ch = short[s].lower()
        if not ch.isalnum():
            s -= 1
            continue
        while c >= 0 and (candidate[c].lower() != ch or (s == 0 and c > 0 and candidate[c - 1].isalnum())):
            c -= 1
        if c < 0:
            return None
        c -= 1
        s -= 1
    start = candidate.rfind(" ", 0, c + 1) + 1
    return candidate[start:] or None


def _words_before(text: str, end: int) -> str:
    """Up to MAX_LONG_WORDS Latin words ending at ``end``."""
    m = re.search(r"((?:[A-Za-z0-9α-ω][\w\-/α-ω]*\s+){0,%d}[A-Za-z0-9α-ω][\w\-/α-ω]*)\s*$" % (MAX_LONG_WORDS - 1),
                  text[:end])
    return m.group(1) if m else ""


def find_definitions(sentence: Sentence) -> list[Definition]:
    """Abbreviation definitions in one sentence."""
    text, out = sentence.text, []
    for m in _PAREN.finditer(text):
        parts = _SPLIT.split(m.group(1))
        short = parts[-1].strip()
        if _SHORT.match(short):
            long_en = ", ".join(parts[:-1]).strip() or None
            if long_en is None:
                long_en = best_long_form(short, _words_before(text, m.start()))
            if long_en and not (long_en[0].isascii() and any(c.isalpha() for c in long_en)):
                long_en = None
            out.append(Definition(sentence.index, short, m.start(1) + m.group(1).rfind(short),
                                  m.start(), long_en))
            continue
        before = re.search(r"([A-Za-z][A-Za-z0-9αβγκ\-]{1,9})\s*$", text[:m.start()])
        if before and _SHORT.match(before.group(1)) and len(parts) == 1 and " " in short:
            if best_long_form(before.group(1), short):
                out.append(Definition(sentence.index, before.group(1), before.start(1), m.start(), short))
    return out


def guess_type(long_form: str) -> str | None:
    """Entity type suggested by the head word of a long form, if any."""
    tail = long_form.lower().rstrip()
    for etype, heads in HEADS.items():
        if any(tail.endswith(h) for h in heads):
            return etype
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "x"


def _long_concept(d: Definition, mentions: list[Mention], lex_concepts: dict[str, Concept],
                  text: str) -> Concept | None:
    """Concept of the long form: the entity mention in the parenthesis or just before it."""
    for m in mentions:
        if m.type == "direction":
            continue
        # The mention must name the whole long form: nothing but separators up to the short form.
        inside = d.paren_start <= m.start and m.end <= d.short_start and m.text != d.short \
            and not _LONG_TAIL.sub("", text[m.end:d.short_start])
        before = m.end <= d.paren_start and not text[m.end:d.paren_start].strip()
        if inside or before:
            return lex_concepts.get(m.entity_id)
    return None


def link(sentences: list[Sentence], mentions: dict[int, list[Mention]],
         lex_concepts: dict[str, Concept]) -> dict[int, list[Mention]]:
    """Mentions extended by document-defined abbreviations and their long forms."""
    defined: dict[str, tuple[int, Concept]] = {}
    for s in sentences:
        for d in find_definitions(s):
            concept = _long_concept(d, mentions.get(s.index, []), lex_concepts, s.text)
            if concept is None:
                etype = guess_type(d.long_en or "") or guess_type(_cjk_before(s.text, d.paren_start))
                if etype is None:
                    continue
                concept = Concept(f"litmine:abbr_{_slug(d.short)}", etype, "abbreviation",
                                  d.long_en or d.short)
                if d.long_en:
                    defined.setdefault(d.long_en, (s.index, concept))
            defined.setdefault(d.short, (s.index, concept))
    if not defined:
        return mentions
    return {s.index: _apply(s, mentions.get(s.index, []), defined) for s in sentences}


def _cjk_before(text: str, end: int) -> str:
    m = re.search(r"[\u3400-\u9fff]{1,12}$", text[:end].rstrip())
    return m.group() if m else ""


def _apply(s: Sentence, found: list[Mention], defined: dict[str, tuple[int, Concept]]) -> list[Mention]:
    """Relabel and add abbreviation mentions in one sentence (only after their definition)."""
    live = {form: c for form, (at, c) in defined.items() if at <= s.index}
    out = []
    for m in found:
        c = live.get(m.text)
        if c is not None and m.type != "direction" and c.id != m.entity_id and m.text.isascii():
            m = Mention(m.sentence_id, m.start, m.end, m.text, c.type, c.name, c.id, "abbreviation", c.cls)
        out.append(m)
    extra = []
    for form, c in live.items():
        for hit in _occurrences(s.text, form):
            extra.append((hit[0], hit[1], Mention(s.index, hit[0], hit[1], s.text[hit[0]:hit[1]], c.type,
                                                  c.name, c.id, "abbreviation", c.cls)))
    taken = [(m.start, m.end, m) for m in out]
    for span in resolve_overlaps(extra):
        if all(span[1] <= t[0] or span[0] >= t[1] for t in taken):
            taken.append(span)
    return [t[2] for t in sorted(taken, key=lambda t: t[0])]


def _occurrences(text: str, form: str) -> list[tuple[int, int]]:
    """Word-bounded occurrences: exact case for short forms, folded for long forms."""
    if len(form) <= 10 and " " not in form:
        pat = re.compile(r"(?<![A-Za-z0-9])" + re.escape(form) + r"(?![A-Za-z0-9])")
        return [m.span() for m in pat.finditer(text)]
    key, index = fold(text)
    target = fold(form)[0]
    hits, pos = [], key.find(target)
    while pos >= 0 and target:
        start, end = index[pos], index[pos + len(target) - 1] + 1
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            hits.append((start, end))
        pos = key.find(target, pos + 1)
    return hits

