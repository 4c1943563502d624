"""Rules around a pair: the cues that govern it, negation and hedging scope, region and condition.

Direction composes like signs: a verb cue between subject and object and a change noun after the
object multiply (``逆转 ... 的升高`` = down x up = down; ``减轻 ... 的降低`` = down x down = up).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache, lru_cache

from litmine.lexicon import Lexicon
from litmine.records import Mention

SIGN = {"up": 1, "down": -1}
AFTER_OBJECT_CHARS = 12
CLAUSE_BREAK = re.compile(r"[，,；;。：:]|\band\b|\bbut\b|\bwhile\b|\bwhereas\b")
_PASSIVE = re.compile(r"被|\bby\b")
_ZH_SHORT_NEGATION = re.compile(r"[不未无没](?:明显|显著|能)?$")
_EN_NEGATION = re.compile(r"\b(?:not|no|never|nor|without|failed to|unable to)\b(?:\W+\w+){0,3}\W*$", re.I)
CONTEXT_CLASSES = {"animal_model", "disease", "pain_condition", "symptom"}
# Every pair asks for the clauses of its two mentions several times; sentences repeat their spans.
CLAUSE_CACHE = 8192
# The left bound's scan stops at the span, so a break word ending right there counts even when a
# letter follows it (``butter`` cut after ``but``): the text seems to end at the span.
_BREAK_AT_SPAN = re.compile(r"\b(?:and|but|while|whereas)\Z")


@lru_cache(maxsize=256)
def _breaks(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the clause breaks of ``text`` (they never overlap, so both are sorted)."""
    found = list(CLAUSE_BREAK.finditer(text))
    return [m.start() for m in found], [m.end() for m in found]


@lru_cache(maxsize=CLAUSE_CACHE)
def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``, bounded by commas, semicolons and stops.

    >>> clause_bounds("AMPK rises, and NF-κB falls", 16, 21)
    (15, 27)
    """
    starts, ends = _breaks(text)
    before = bisect_right(ends, start)
    left = ends[before - 1] if before else 0
    if _BREAK_AT_SPAN.search(text, max(0, start - len("whereas")), start):
        left = start
    after = bisect_left(starts, end)
    return left, starts[after] if after < len(starts) else len(text)


def _sign(cue: Mention, obj: Mention) -> int:
    """Sign a cue gives the object; ``improve`` lowers conditions and raises anything else."""
    if cue.cls == "improve":
        # improving a disease or an adverse phenotype (痛行为, 炎症) lowers it; anything else rises
        return -1 if obj.type == "condition" and obj.cls != "phenotype" else 1
    return SIGN.get(cue.entity, 0)


def governing_cues(text: str, subj: Mention, obj: Mention, cues: list[Mention]) -> list[Mention]:
    """Cues that carry the pair's direction: the verb nearest the object, and a change after it."""
    out: list[Mention] = []
    first, second = (subj, obj) if subj.start < obj.start else (obj, subj)
    between = [c for c in cues if first.end <= c.start and c.end <= second.start and c.cls != "agent"]
    if between:
        out.append(between[-1] if first is subj else between[0])
    _, clause_end = clause_bounds(text, second.start, second.end)
    # a change right after the later mention (抑制 NF-κB 的活化), unless a chain word hands it to the
    # next link (抑制 NF-κB 从而减少炎症因子: 减少 is the inflammatory factors' change)
    after = [c for c in cues if second.end <= c.start < min(clause_end, second.end + AFTER_OBJECT_CHARS)
             and not _CHAIN_LINK.search(text, second.end, c.start)]
    if after:
        out.append(after[0])
    if not out:
        agents = [c for c in cues if c.cls == "agent" and abs(c.start - obj.end) <= 4]
        out.extend(agents[:1])
    if not out and first is subj:
        before = [c for c in cues if c.end <= first.start and first.start - c.end <= 6]
        out.extend(before[-1:])
    return out


def rule_direction(text: str, subj: Mention, obj: Mention, cues: list[Mention]) -> str | None:
    """Direction of the object's change read from the cues, or None when no cue governs it."""
    return _reading(governing_cues(text, subj, obj, cues), obj)


def _reading(governing: list[Mention], obj: Mention) -> str | None:
    """The direction the governing cues give the object together (None without any)."""
    if not governing:
        return None
    sign = 1
    for cue in governing:
        sign *= _sign(cue, obj)
    return {1: "up", -1: "down"}.get(sign)


def _changing_verb(subj: Mention, cues: tuple[Mention, ...] | list[Mention]) -> Mention | None:
    """The verb cue written right before a mention, which changes it (激活 AMPK), if any."""
    verbs = [c for c in cues if c.cls == "verb" and c.end <= subj.start and subj.start - c.end <= 3]
    return verbs[-1] if verbs else None


@cache
def _any_term(terms: tuple[tuple[str, str], ...], kind: str) -> re.Pattern[str] | None:
    """One regex that finds any of the cue terms, as the term-by-term tests would.

    Hedges: Latin terms as whole words ignoring case, others as plain substrings. Negations: only
    non-Latin terms of two or more characters, as substrings. None when no term qualifies.
    """
    if kind == "negation":
        plain = [t for t, _ in terms if len(t) >= 2 and not t.isascii()]
        latin: list[str] = []
    else:
        plain = [t for t, _ in terms if not t.isascii()]
        latin = [t for t, _ in terms if t.isascii()]
    parts = [re.escape(t) for t in plain]
    if latin:
        parts.append(r"(?i:\b(?:" + "|".join(re.escape(t) for t in latin) + r")\b)")
    return re.compile("|".join(parts)) if parts else None


_CONTEXT_PATTERNS: dict[tuple[int, str], tuple[object, int, re.Pattern[str] | None]] = {}


def _context_pattern(kind: str, lex: Lexicon) -> re.Pattern[str] | None:
    """The one regex of the lexicon's ``kind`` context terms (negation, hedge)."""
    terms = lex.context.get(kind, ())
    # Keyed by the term list itself (held in the entry, so its id is not reused while cached);
    # loading only appends to it, so a list that grew is compiled again.
    held = _CONTEXT_PATTERNS.get((id(terms), kind))
    if held is None or held[0] is not terms or held[1] != len(terms):
        held = _CONTEXT_PATTERNS[(id(terms), kind)] = (terms, len(terms), _any_term(tuple(terms), kind))
    return held[2]


def is_negated(text: str, span: tuple[int, int], cues: list[Mention], lex: Lexicon) -> bool:
    """A negation governs the pair: a negation term in its clause, or 不/未 right before a cue."""
    lo, hi = clause_bounds(text, *span)
    starts = tuple(c.start for c in cues if lo <= c.start < hi)
    return _negated_clause(_context_pattern("negation", lex), text, lo, hi, starts)


# Pairs of a sentence share clauses, so each clause is scanned once (the key is the clause, not the pair).
@lru_cache(maxsize=CLAUSE_CACHE)
def _negated_clause(pattern: re.Pattern[str] | None, text: str, lo: int, hi: int,
                    cue_starts: tuple[int, ...]) -> bool:
    """A negation term in ``text[lo:hi]``, or a short negation before one of the cues starting there."""
    if pattern is not None and pattern.search(text, lo, hi) is not None:
        return True
    for start in cue_starts:
        prefix = text[lo:start]
        if _ZH_SHORT_NEGATION.search(prefix) or _EN_NEGATION.search(prefix):
            return True
    return False


def is_hedged(text: str, span: tuple[int, int], lex: Lexicon) -> bool:
    """A hedge (可能, 尚不清楚, may, unclear) in the sentence part holding the pair."""
    lo, hi = clause_bounds(text, *span)
    return _hedged_zone(_context_pattern("hedge", lex), text, max(0, lo - 20), hi)


@lru_cache(maxsize=CLAUSE_CACHE)
def _hedged_zone(pattern: re.Pattern[str] | None, text: str, lo: int, hi: int) -> bool:
    """A hedge term in ``text[lo:hi]`` (searched in the slice: word bounds stop at its ends)."""
    return pattern is not None and pattern.search(text[lo:hi]) is not None


def forget_texts() -> None:
    """Empty the memos keyed by sentence text (benchmarks time repeated documents as distinct ones)."""
    for memo in (_breaks, clause_bounds, _negated_clause, _hedged_zone):
        memo.cache_clear()


def is_passive(text: str, subj: Mention, obj: Mention) -> bool:
    """Object first and a passive marker before the subject (NF-κB 被 AMPK 抑制)."""
    return obj.start < subj.start and bool(_PASSIVE.search(text[obj.end:subj.start]))


_PATIENT_ZH = re.compile(r"患者|病人")
_PATIENT_EN = re.compile(r"\bpatients?\s+(?:with|suffering from)\s+$", re.I)
# What may stand between a condition and 患者 besides other conditions: 慢性腰痛以及三叉神经痛、…患者.
_LIST_GLUE = re.compile(r"[\s、和及以与或等]*")
_CONTRAST = re.compile(r"\s*(?:而|但|然而|whereas\b|while\b|but\b)")
PATIENT_GAP = 30
FINDING_CHARS = 20
_OTHER_ACTORS = ("intervention", "condition")


def _patients_after(text: str, subj: Mention, entities: tuple[Mention, ...]) -> int | None:
    """End of the patient word the condition qualifies (慢性腰痛患者, patients with X), else None.

    A list of conditions and patient words reads as one group (慢性腰痛患者以及三叉神经痛、…患者):
    the group ends at its last patient word.
    """
    if _PATIENT_EN.search(text, max(0, subj.start - PATIENT_GAP), subj.start):
        return subj.end
    if text[:subj.start].rstrip().endswith("等"):
        return None   # 等慢性疼痛患者: the list's category, not one of its members
    conditions = sorted((m for m in entities if m.type == "condition" and m.start >= subj.end),
                        key=lambda m: m.start)
    pos, head = subj.end, None
    while pos < len(text) and pos - subj.end <= PATIENT_GAP:
        pos = _LIST_GLUE.match(text, pos).end()
        word = _PATIENT_ZH.match(text, pos)
        if word is not None:
            pos = head = word.end()
            continue
        nxt = next((m for m in conditions if m.start == pos), None)
        if nxt is None:
            break
        pos = nxt.end
    return head


def patient_finding(text: str, subj: Mention, obj: Mention, entities: tuple[Mention, ...],
                    cues: tuple[Mention, ...]) -> str | None:
    """Direction of a finding in patients: ``慢性腰痛患者 ACC 的 Glu/tCr 升高`` is condition ↑ Glu/tCr.

    The condition qualifies a patient word, the molecule follows with only sites and other
    molecules in between (or opens a contrasting clause: ``…，而 NAA/tCr 降低``), and a change
    cue follows the molecule in its clause.
    """
    if subj.type != "condition" or obj.type != "molecule" or obj.start < subj.end:
        return None
    head = _patients_after(text, subj, entities)
    if head is None or head > obj.start:
        return None
    if any(m.type in _OTHER_ACTORS and head <= m.start and m.end <= obj.start for m in entities):
        return None
    lo, hi = clause_bounds(text, obj.start, obj.end)
    if lo > head and not _CONTRAST.match(text, lo):
        return None
    after = [c for c in cues if obj.end <= c.start < min(hi, obj.end + FINDING_CHARS) and c.cls != "agent"]
    if not after or any(m.type in _OTHER_ACTORS and obj.end <= m.start and m.end <= after[0].start
                        for m in entities):
        return None
    return {1: "up", -1: "down"}.get(_sign(after[0], obj))


# What turns serial clauses into a chain (docs/annotation.md): 通过 … 来/从而/进而, 导致, 引起, thereby.
_CHAIN_LINK = re.compile(r"从而|进而|继而|(?<![近年以未带])来(?![源自说])|最终|导致|引起|诱导|使得?|以致|致使|"
                         r"thereby|leading to|resulting in|caus|induc", re.I)
_SERIAL_BREAK = re.compile(r"[，,；;]")


def parallel_effect(text: str, subj: Mention, obj: Mention, cues: tuple[Mention, ...]) -> bool:
    """The subject is one effect and the object another of a series (激活 A，抑制 B): not linked.

    The subject is the object of a verb cue, and a comma with no chain word separates it from the
    object; the guideline reads such serial clauses as parallel effects of the grammatical subject.
    """
    if obj.start < subj.end:
        return False
    if _changing_verb(subj, cues) is None:
        return False
    gap = text[subj.end:obj.start]
    return bool(_SERIAL_BREAK.search(gap)) and not _CHAIN_LINK.search(gap)


# 表明 (shows), 提示 (suggests), 说明, 证实, 揭示 open a conclusion drawn from the clause before them.
_CONCLUSION_ZH = re.compile(r"表明|提示|说明|证实|揭示")
# 针刺镇痛的(外周)机制…: the sentence is about the mechanism of X.
_MECHANISM_OF_ZH = re.compile(r"\s*的[^，,。；;、]{0,6}?(?:机制|机理)")


def across_conclusion(text: str, subj: Mention, obj: Mention) -> bool:
    """The subject is in the evidence and the object in the conclusion drawn from it: not linked.

    ``有氧运动…降低了机械敏感性，表明运动可能通过增加神经营养因子来减轻疼痛``: 有氧运动 is the
    finding's actor, the conclusion names its own.
    """
    return subj.end <= obj.start and bool(_CONCLUSION_ZH.search(text, subj.end, obj.start))


def mechanism_topic(text: str, subj: Mention) -> bool:
    """The mention owns the mechanism the sentence discusses (针刺镇痛的外周机制…): a topic, not an agent."""
    return bool(_MECHANISM_OF_ZH.match(text, subj.end))


def mediator_direction(text: str, subj: Mention, obj: Mention, cues: tuple[Mention, ...]) -> str | None:
    """The direction of a chain's mediator-to-end link, or None when the subject is not a mediator.

    In ``抑制 NF-κB 信号转导从而减轻炎症反应`` NF-κB falls and inflammation falls with it: the link is
    ↑ when mediator and end change the same way, ↓ when they change opposite ways (the guideline),
    whereas the end's own cue (减轻) reads ↓. The subject is a mediator when a verb cue right before
    it changes it and a chain word (从而, 进而, 来, 导致 …) leads on to the object.
    """
    if obj.start < subj.end or not _CHAIN_LINK.search(text, subj.end, obj.start):
        return None
    own = _changing_verb(subj, cues)
    end = rule_direction(text, subj, obj, list(cues))
    if own is None or end is None or _sign(own, subj) == 0:
        return None
    return "up" if _sign(own, subj) == (1 if end == "up" else -1) else "down"


# 在 NP 和炎症状态下 / 在癌症 NP 患者中 / 在神经损伤后: the frame names where or when a finding holds.
_SETTING_OPEN = re.compile(r"在[^，,。；;：:]{0,12}$")
_SETTING_CLOSE = re.compile(r"[^，,。；;：:]{0,14}?(?:中|下|时|后|内)")


def in_setting(text: str, m: Mention) -> bool:
    """The mention stands inside a ``在 … 中/下/时/后`` frame: the setting of the clause, not its actor."""
    return bool(_SETTING_OPEN.search(text, max(0, m.start - 14), m.start) and _SETTING_CLOSE.match(text, m.end))


# 上调抗氧化剂 (如PGC-1a、SOD…): the examples in brackets share their category's role.
_EXAMPLES_OPEN = re.compile(r"[（(]\s*(?:如|例如|比如|such as|e\.g\.)[^（）()]*$", re.I)
_CLAUSE_BREAK = re.compile(r"[，,。；;：:]")


def governed_example(text: str, subj: Mention, cues: tuple[Mention, ...]) -> bool:
    """The mention is an example (``上调抗氧化剂 (如SOD…)``) of what a verb cue acts on: an effect, not an actor."""
    opened = _EXAMPLES_OPEN.search(text, max(0, subj.start - 40), subj.start)
    if not opened:
        return False
    bracket = opened.start()
    return any(c.cls == "verb" and c.end <= bracket and bracket - c.end <= 12
               and not _CLAUSE_BREAK.search(text, c.end, bracket) for c in cues)


# Causative verbs: X 导致/引起/使 Y 抑制 states Y's change after Y.
_CAUSATIVE = re.compile(r"导致|引起|使得?|致使|诱导|造成|lead|caus|result", re.I)


def stated_change(text: str, subj: Mention, obj: Mention, cues: tuple[Mention, ...]) -> str | None:
    """The object's change as a causative states it (``多种因素导致胰岛素信号通路抑制``: ↓), else None.

    The causative verb links subject and object and the change written after the object is the
    object's own (the guideline's direction); the cue rules read exactly that.
    """
    governing = governing_cues(text, subj, obj, list(cues))
    if len(governing) != 2 or governing[1].start < max(subj.end, obj.end) or not _CAUSATIVE.search(governing[0].text):
        return None
    return _reading(governing, obj)


# X 诱导的三叉神经痛模型中 / LPS 刺激的巨噬细胞中 / LPS-induced BV2 cells: X sets up the experiment.
_INDUCES_MODEL_ZH = re.compile(r"\s*(?:诱导|诱发|刺激|处理)的[^，,。；;]{0,25}?(?:模型|(?:细胞|小鼠|大鼠)[中内])")
_INDUCES_MODEL_EN = re.compile(r"\s*-?(?:induced|stimulated|treated)\s+[^,.;]{0,40}?\b(?:models?|cells|mice|rats)\b", re.I)


def induces_model(text: str, m: Mention) -> bool:
    """The mention names what induces an experimental model (a method description, not a finding)."""
    return bool(_INDUCES_MODEL_ZH.match(text, m.end) or _INDUCES_MODEL_EN.match(text, m.end))


def attach_region(text: str, subj: Mention, obj: Mention, entities: list[Mention]) -> Mention | None:
    """The anatomical site nearest the object within its clause (not the subject or object)."""
    lo, hi = clause_bounds(text, min(subj.start, obj.start), max(subj.end, obj.end))
    regions = [m for m in entities if m.type == "brain_region" and m not in (subj, obj)
               and lo <= m.start and m.end <= hi]
    if not regions:
        regions = [m for m in entities if m.type == "brain_region" and m not in (subj, obj)]
        regions = [m for m in regions if abs(m.start - obj.start) <= 40]
    return min(regions, key=lambda m: abs(m.start - obj.start), default=None)


def attach_condition(subj: Mention, obj: Mention, entities: list[Mention]) -> Mention | None:
    """A disease or model named in the sentence as context (not the subject or object)."""
    found = [m for m in entities if m.type == "condition" and m.cls in CONTEXT_CLASSES
             and m.entity_id not in (subj.entity_id, obj.entity_id)]
    return min(found, key=lambda m: abs(m.start - obj.start), default=None)


# What may join the members of a list: 、 和 及 以及 与 或, brackets around an abbreviation of the
# member before (甘油二酯（DAG）及…), and in English commas with and/or.
_COORD_ZH = re.compile(r"[\s、（）()]*(?:以及|或者|和|及|与|或)?[\s、（）()]*")
_COORD_EN = re.compile(r"[\s,()]*(?:and|or|as well as)?[\s,()]*", re.I)


def coordinated(text: str, lang: str, entities: tuple[Mention, ...]) -> dict[Mention, tuple[Mention, ...]]:
    """Each entity's list (``TNF-α、IL-6 和 IFN-γ``): neighbours joined only by list glue.

    Members of a list are entities of the same kind of role (actors or changing things) written
    side by side; a list's category after ``等`` is not a member. An entity on its own is absent.
    """
    glue = _COORD_EN if lang == "en" else _COORD_ZH
    ordered = sorted(entities, key=lambda m: (m.start, -m.end))
    groups: list[list[Mention]] = []
    prev: Mention | None = None
    for m in ordered:
        gap = text[prev.end:m.start] if prev is not None and m.start >= prev.end else ""
        sites = m.type == "brain_region" or (prev is not None and prev.type == "brain_region")
        if gap.strip() and glue.fullmatch(gap) and not sites:
            groups[-1].append(m)
        elif prev is None or m.start >= prev.end:
            groups.append([m])   # a site starts a group of its own, so it never joins a list
        else:
            continue   # nested inside the previous mention: not a member of its own
        prev = m
    return {m: tuple(g) for g in groups if len(g) > 1 for m in g}
