"""Molecules the lexicon lacks, recognised by their shape (``matched_by`` = ``pattern``).

Three shapes are taken: gene/protein symbols and family names (``TRPV1``, ``P2X3``, ``CaMKIIα``,
``Nav1.7``, ``GluN2B``, ``miR-7a-5p``, ``IL-17A``), measured metabolite ratios of MRS studies
(``Glu/tCr``, ``GABA+/Cr``) and Chinese names ending in a molecular head word (``…受体``,
``…激酶``, ``…因子``, ``…通道``). Pattern mentions only fill gaps: they never take a span a
lexicon or abbreviation mention already covers (a ratio replaces the metabolites it is made of,
because a ratio's change says nothing about its parts).
"""

from __future__ import annotations

import re

from litmine.lexicon import GREEK_WORDS, fold
from litmine.match import resolve_overlaps
from litmine.records import Mention

ID_PREFIX = "litmine:pattern_"
MATCHED_BY = "pattern"
_GREEK = "αβγδεκθλσω"
_EDGE_L = r"(?<![A-Za-z0-9\-.+])"
_EDGE_R = r"(?![A-Za-z0-9+]|[\-.][A-Za-z0-9])"
SYMBOL_SHAPES = (
    # microRNAs: miR-7a-5p, hsa-miR-155, let-7b
    r"(?:[a-z]{3}-)?(?:miR|mir|microRNA)-\d+[a-z]?(?:-\d)?(?:-[35]p)?|let-7[a-z]?(?:-[35]p)?",
    # voltage-gated and other channel subunits: Nav1.7, Cav2.2, Kv7.2, Kir4.1
    r"[A-Z][a-z]{1,2}\d{1,2}\.\d{1,2}",
    # symbols with digits: TRPV1, P2X3, GluN2B, CXCR4, Piezo2, A1R, CD11b, TSC1/2; eIF4E, mLST8
    rf"[a-z]{{0,2}}[A-Z](?:[A-Za-z]*\d+)+[A-Za-z]?[{_GREEK}]?(?:/\d(?![A-Za-z0-9]))?",
    # hyphenated family members: IL-17A, IGF-1, GSK-3β, TGF-β1, IFN-γ, NF-κB
    rf"[A-Z][A-Za-z]{{1,5}}-(?:\d{{1,3}}[A-Za-z]?[{_GREEK}]?|[{_GREEK}][A-Z0-9]?)",
    # Greek inside or at the end: CaMKIIα, PKCε, ERα, IκBα
    rf"[A-Z][A-Za-z0-9]{{0,7}}[{_GREEK}](?:[A-Z]{{1,2}}[{_GREEK}]?)?",
    # proteins named by their mass: p53, p-53, p65, p38; translation factors: 4E-BP1
    rf"p-?\d{{2,3}}[{_GREEK}]?|\d[A-Z]-?[A-Z]{{2,3}}\d?",
)
_SYMBOL = re.compile(_EDGE_L + "(?:" + "|".join(f"(?:{s})" for s in SYMBOL_SHAPES) + ")" + _EDGE_R)
# Shapes that look like symbols but are not molecules: cell lines, acupoints, spinal segments,
# residues, scales and questionnaires, diseases, figure and table labels, T-cell subsets.
_NOT_MOLECULE = re.compile(
    r"^(?:HEK293[A-Z]?|PC12|BV-?2|SH-SY5Y|RAW264|HeLa|C57BL|COS-?7|H9c2|"
    r"(?:ST|LI|SP|GB|PC|BL|KI|LR|HT|SI|TE|SJ|CV|GV|DU|RN|LU|EX)-?\d{1,2}|"
    r"[CTLS]\d{1,2}(?:-[CTLS]?\d{1,2})?|(?:Thr|Ser|Tyr|Lys|Arg)-?\d+|"
    r"SF-?\d+|EQ-5D|COVID-19|T[12]DM|Fig\w*|Table\w*|Tab\w*|Th\d+|CA[13]|DG|M[12]|Q\d+|R\d+)$")
MIN_SYMBOL_LETTERS = 2
# Letter-only symbols (AKT, JNK, MAFbx) are too ambiguous alone (MRS, VAS, SD); they count only
# before a molecular word or slash-joined to another molecule (PI3K/AKT).
_LETTER_SYMBOL = re.compile(_EDGE_L + r"p-?([A-Z][A-Za-z]{1,5})" + r"(?![A-Za-z0-9+]|[\-.][A-Za-z0-9])|"
                            + _EDGE_L + r"([A-Z][A-Za-z]{1,5})" + r"(?![A-Za-z0-9+]|[\-.][A-Za-z0-9])")
_MOLECULAR_AFTER = re.compile(r"\s?(?:磷酸化|去磷酸化|表达|信号|通路|蛋白|基因|mRNA|活性|活化|抑制剂|激动剂|拮抗剂|"
                              r"phosphorylation|expression|signal|pathway|protein|gene|inhibitor|agonist|antagonist)")
_NOT_LETTER_SYMBOL = {"PCR", "ELISA", "MRI", "MRS", "PET", "EEG", "DTI", "BOLD", "HPLC", "RNA", "DNA", "SD", "SEM",
                      "VAS", "NRS", "WT", "KO", "EA", "MA", "TENS", "ANOVA", "CNS", "PNS", "BMI", "PT", "RT",
                      "The", "This", "These", "In", "And", "An", "As", "It", "We", "Our", "No"}
_RATIO = re.compile(_EDGE_L + r"([A-Za-z][A-Za-z0-9]{0,5}\+?)\s?/\s?(tCr|Cr|PCr|tCho|Cho|NAA|H2O|Glx)" + _EDGE_R)
# Units over a metabolite name (mg/Cr of urine tests); ``ml`` stays, MRS papers write it for mI.
_UNITS = {"mg", "g", "kg", "mmol", "mol", "μmol", "nmol", "times", "min"}
HEADS = ("受体", "激酶", "因子", "通道", "转运体", "合酶", "磷酸酶", "蛋白酶", "酯酶", "氧化酶", "还原酶",
         "转移酶", "脱氢酶", "羧化酶", "水解酶", "聚合酶", "环化酶", "脱羧酶", "脂肪酶")
# Chemical endings: hormones and peptides (瘦素, 脂联素), acids, esters (脂肪酸, 甘油三酯); one
# character of prefix is enough for them (瘦素), but not the generic words they end (因素, 激素).
CHEMICAL_HEADS = ("素", "酸", "酯", "肽", "苷")
_GENERIC_CHEMICAL = ("激素", "毒素", "色素", "多肽", "神经肽", "平素", "朴素", "磷酸")
# An amino acid before these is a residue of a protein (丝氨酸磷酸化), not a molecule of its own.
_RESIDUE_AFTER = re.compile(r"\s?(?:磷酸|残基|位点|酶|的?结构域|/苏氨酸|/丝氨酸|[(（]\s?(?:Thr|Ser|Tyr))")
_NEVER_CHEMICAL = ("因素", "要素", "元素", "素质", "酸痛", "酸胀", "酸化")   # 磷酸化 is phosphorylation
# A head word followed by these is part of another word (蛋白酶体 is the proteasome).
_NOT_AFTER_HEAD = ("体",)
# Subtype numbers and letters after the head belong to the name (黑素皮质素受体4, 因子-1α).
_HEAD_TAIL = re.compile(r"\s?-?(?:\d{1,2}[A-Za-z]?[αβγδεκ]?|[αβγδεκ]\d?)(?![A-Za-z0-9.])")
MAX_PREFIX = 12
MAX_CHEMICAL_PREFIX = 7   # 降钙素基因相关肽; chemical endings are common, so names before them are kept short
MIN_PREFIX = 2
# Words that end a Chinese name going leftwards (function words, verbs, cue words).
_STOP_WORDS = ("的", "和", "与", "及", "或", "等", "在", "对", "是", "为", "由", "于", "从", "向", "被", "将",
               "把", "使", "其", "该", "这", "那", "些", "种", "个", "各", "即", "如", "了", "而", "并", "且",
               "也", "都", "可", "能", "会", "中", "经", "通过", "激活", "抑制", "促进", "增加", "减少", "降低",
               "升高", "介导", "依赖", "构成", "包括", "以及", "导致", "引起", "作用于", "通路", "障碍", "后",
               "患者", "大鼠", "小鼠", "模型", "给予", "上", "类型", "富含", "保守", "含有",
               # reporting verbs, adverbs and connectives that run straight into a name in Chinese
               "证实", "证明", "表明", "发现", "显示", "提示", "影响", "没有", "同时", "因此", "所以", "但",
               "用", "以", "调控", "部分", "背景下", "分泌", "补充", "循环", "实验", "研究", "血", "限速")
# Prefixes that make the head a generic class, not a named molecule (转录因子, 下游激酶, 危险因子).
_GENERIC = ("转录", "生长", "危险", "影响", "调节", "调控", "下游", "上游", "作用", "合成", "分解", "疼痛",
            "蛋白", "离子", "细胞", "炎症", "炎性", "保护", "致病", "激活", "抑制", "相关", "主要", "相应",
            "关键", "重要", "环境", "遗传", "社会", "心理", "多种", "不同", "其他", "相同", "营养", "肿瘤抑制",
            "核", "促", "抗", "抗炎", "促炎", "偶联", "特异性", "受体", "激酶", "通道", "因子")
_NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9αβγδεκ\-]")


def slug(text: str) -> str:
    """Id-safe key of a name: folded, Greek letters spelt out; other scripts as code points.

    >>> slug("CaMKIIα"), slug("Glu/tCr"), slug("IL-17A"), slug("瘦素")
    ('camkiialpha', 'glu_tcr', 'il17a', 'u7626_7d20')
    """
    words = {v: k for k, v in GREEK_WORDS.items()}
    key = "".join(words.get(c, c) for c in fold(text.replace("/", " / "))[0].replace("/", "_"))
    if not key.isascii():
        # Chinese names keep a distinct id each: the code points of their folded key.
        return "u" + "_".join(f"{ord(c):x}" for c in key if c.isalnum())
    return re.sub(r"[^a-z0-9_]+", "_", key).strip("_") or "x"


def not_molecule(text: str) -> bool:
    """A symbol-like label that names no molecule (cell line, acupoint, segment, residue, scale, figure)."""
    return bool(_NOT_MOLECULE.match(text))


def is_symbol(text: str) -> bool:
    """A gene/protein-like symbol (not a cell line, acupoint, segment, scale or label)."""
    if not_molecule(text):
        return False
    if re.match(r"^p-?\d{2,3}", text):
        return True   # p53, p38: one letter, but a protein's usual name
    return sum(c.isalpha() for c in text) >= MIN_SYMBOL_LETTERS and len(text) >= 3


def symbol_spans(text: str) -> list[tuple[int, int]]:
    """Spans of gene/protein symbols in ``text``.

    >>> t = "TRPV1 和 P2X3 介导, 而 HEK293 细胞与 L5 节段无关"
    >>> [t[a:b] for a, b in symbol_spans(t)]
    ['TRPV1', 'P2X3']
    """
    return [m.span() for m in _SYMBOL.finditer(text) if is_symbol(m.group())]


def letter_symbol_spans(text: str, taken: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:  # type: ignore[assignment]
    """Letter-only symbols in a molecular context: ``AKT 磷酸化``, ``p-JNK``, ``PI3K/AKT``.

    >>> t = "IRS1/PI3K/AKT 通路与 p-JNK 升高, MRS 表达无关; VAS 评分"
    >>> [t[a:b] for a, b in letter_symbol_spans(t, [(0, 4), (5, 9)])]
    ['AKT', 'JNK']
    """
    out = []
    for m in _LETTER_SYMBOL.finditer(text):
        group = 1 if m.group(1) else 2
        word, (a, b) = m.group(group), m.span(group)
        if word in _NOT_LETTER_SYMBOL or sum(c.isupper() for c in word) < MIN_SYMBOL_LETTERS:
            continue
        joined = any(t[1] == a - 1 and text[a - 1] == "/" or t[0] == b + 1 and text[b:b + 1] == "/"
                     for t in taken)
        if group == 1 or joined or _MOLECULAR_AFTER.match(text, b):
            out.append((a, b))
    return out


def ratio_spans(text: str) -> list[tuple[int, int]]:
    """Spans of metabolite ratios (``Glu/tCr``); units such as ``mg/Cr`` are not ratios."""
    return [m.span() for m in _RATIO.finditer(text) if m.group(1) not in _UNITS]


def name_start(text: str, head_start: int, taken: list[tuple[int, int]]) -> int:
    """Left edge of a Chinese name ending at ``head_start``: back over name characters to a stop word."""
    start = head_start
    floor = max(0, head_start - MAX_PREFIX)
    floor = max([floor, *(b for a, b in taken if b <= head_start)])
    while start > floor and _NAME_CHAR.match(text[start - 1]):
        start -= 1
    name = text[start:head_start]
    cut = max((name.rfind(w) + len(w) for w in _STOP_WORDS if w in name), default=0)
    start += cut
    while start < head_start and not re.match(r"[\u3400-\u9fff]", text[start]):
        start += 1   # a name starts with a Chinese character; Latin symbols are their own mentions
    return start


def head_name_spans(text: str, taken: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:  # type: ignore[assignment]
    """Spans of Chinese molecule names ending in a head word (``瞬时受体电位香草酸亚型1受体``).

    >>> t = "瞬时受体电位香草酸亚型1受体通过转录因子激活"
    >>> [t[a:b] for a, b in head_name_spans(t)]
    ['瞬时受体电位香草酸亚型1受体']
    """
    spans = []
    for m in re.finditer("|".join(sorted((*HEADS, *CHEMICAL_HEADS), key=len, reverse=True)), text):
        start = name_start(text, m.start(), list(taken))
        chemical = m.group() in CHEMICAL_HEADS
        if chemical:
            start = max(start, m.start() - MAX_CHEMICAL_PREFIX)
            while start < m.start() and not re.match(r"[\u3400-\u9fff]", text[start]):
                start += 1
        prefix = text[start:m.start()]
        name = text[start:m.end()]
        if chemical and (not prefix or name in _GENERIC_CHEMICAL
                         or any(w in text[m.start() - 1:m.end() + 1] for w in _NEVER_CHEMICAL)
                         or _RESIDUE_AFTER.match(text, m.end()) or text[start - 1:start] == "/"):
            continue
        if not chemical and (len(prefix) < MIN_PREFIX or prefix.endswith(_GENERIC) or prefix in _GENERIC):
            continue
        cjk = r"[\u3400-\u9fff]" if chemical else r"[\u3400-\u9fff]{2}"
        if not re.search(cjk, prefix) or text.startswith(_NOT_AFTER_HEAD, m.end()):
            continue
        tail = None if chemical else _HEAD_TAIL.match(text, m.end())
        spans.append((start, tail.end() if tail else m.end(), None))
    return [(a, b) for a, b, _ in resolve_overlaps(spans)]


def _mention(text: str, start: int, end: int, sentence_id: int, cls: str) -> Mention:
    surface = text[start:end]
    return Mention(sentence_id, start, end, surface, "molecule", surface, ID_PREFIX + slug(surface),
                   MATCHED_BY, cls)


def add_pattern_mentions(text: str, found: list[Mention], sentence_id: int = 0) -> list[Mention]:
    """``found`` plus pattern mentions in the gaps it leaves, in text order."""
    ratios = [r for r in ratio_spans(text) if all(_inside(m, r) or not _crosses(r, (m.start, m.end))
                                                   for m in found)]
    # A ratio replaces the entity mentions inside it (Glu and tCr of Glu/tCr).
    kept = [m for m in found if not any(_inside(m, r) for r in ratios)]
    taken = [(m.start, m.end) for m in kept] + ratios
    new = [(a, b, "symbol") for a, b in symbol_spans(text) if not any(_crosses((a, b), t) for t in taken)]
    near = taken + [(a, b) for a, b, _ in new]
    new += [(a, b, "symbol") for a, b in letter_symbol_spans(text, near) if not any(_crosses((a, b), t) for t in near)]
    # Symbols first: a Chinese name stops at one (CB1受体 is the symbol CB1, not a name around it).
    taken += [(a, b) for a, b, _ in new]
    new += [(a, b, "head_name") for a, b in head_name_spans(text, taken)
            if not any(_crosses((a, b), t) for t in taken)]
    out = kept + [_mention(text, a, b, sentence_id, c) for a, b, c in [*((a, b, "ratio") for a, b in ratios), *new]]
    return sorted(out, key=lambda m: (m.start, m.end))


def _crosses(a: tuple, b: tuple) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(m: Mention, span: tuple[int, int]) -> bool:
    """An entity mention lying within ``span`` (cues are never absorbed)."""
    return m.type != "direction" and span[0] <= m.start and m.end <= span[1]
