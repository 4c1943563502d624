"""Line roles in PDF-extracted text: headings, captions, table rows, front matter, noise.

The text of these journals comes out of PDF extraction one visual line at a time. Before lines
can be joined into sentences we need to know which lines are running headers to drop, which are
headings, captions or table rows that stand alone, and which are title, author or abstract lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CN_NUM = "一二三四五六七八九十"
TERMINAL = "。！？；!?.．"
MAX_HEADING_CHARS = 40
MIN_PROSE_CHARS = 60

_HEADING = re.compile(
    rf"^(?:[{_CN_NUM}]+[、.．]|[（(][{_CN_NUM}\d]+[)）]|\d+(?:\.\d+)*\.?\s+|\d+(?:\.\d+)+\.?\s*)\S")
_BARE_HEADINGS = {"前言", "引言", "结语", "小结", "讨论", "结论", "展望", "总结", "参考文献",
                  "introduction", "conclusion", "conclusions", "discussion", "references"}
_NOISE = [
    re.compile(r"^\s*\d{1,5}\s*$"),                                  # page number
    re.compile(r"^\s*\d{0,5}\s*[·•]\s*\S{1,8}\s*[·•]\s*\d{0,5}\s*$"),  # • 特约综述 •, 3348 · 综述 ·
    re.compile(r"^\s*(?:DOI|doi)[:：]?\s*\S+\s*$"),
]
_ABSTRACT = re.compile(r"^\s*(?:【?摘\s*要】?|Abstract)\s*[:：]?(?:\s+|$|(?<=[】：:]))", re.IGNORECASE)
_TABLE_CAPTION = re.compile(r"^\s*(?:表\s*\d+|Table\s*\d+)")
_FIGURE_CAPTION = re.compile(r"^\s*(?:图\s*\d+|Fig(?:ure)?\.?\s*\d+)")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
IDEOGRAPH = re.compile("[\u3400-\u9fff\uf900-\ufaff]")   # the ideographs is_cjk accepts
_NOTE = re.compile(r"^\s*(?:注|Note)\s*[:：]")
_CITATION_END = re.compile(r"\[\d+(?:[,，~～\-–]\s*\d+)*\]\s*$")
_AFFILIATION = re.compile(
    r"(?:大学|医院|学院|研究所|研究院|University|Hospital|Department|Institute|College)")
_POSTCODE = re.compile(r"\d{6}")
_LATIN_AUTHORS = re.compile(r"^\s*(?:[A-Z][A-Za-z]+(?:\s+[A-Z][a-z]+)*\*?\d*\s*[,，]?\s*){1,8}$")
_CJK_AUTHORS = re.compile(rf"^\s*(?:[{CJK}](?:\s*[{CJK}]){{1,3}}\s*[\d*△,，]*\s+){{1,12}}[{CJK}]*\s*[\d*△]*\s*$")


@dataclass(frozen=True, slots=True)
class Line:
    """One raw line and the role it plays."""

    start: int
    end: int
    text: str
    role: str  # blank noise heading abstract title front text table figure note


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph."""
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


def script_of(text: str) -> str:
    """'zh' when CJK ideographs dominate the letters of ``text``, else 'en'."""
    cjk = len(IDEOGRAPH.findall(text))
    words = len(_LATIN_WORD.findall(text))
    return "zh" if cjk and cjk >= words else "en"


def _basic_role(text: str) -> str:
    """Role of a line judged on its own text."""
    stripped = text.strip()
    if not stripped:
        return "blank"
    if any(p.match(stripped) for p in _NOISE):
        return "noise"
    if _ABSTRACT.match(stripped):
        return "abstract"
    if _TABLE_CAPTION.match(stripped) and not stripped.endswith("。"):
        return "table"
    if _FIGURE_CAPTION.match(stripped) and len(stripped) < 120 and "[" not in stripped[:8]:
        return "figure"
    if _NOTE.match(stripped):
        return "note"
    if stripped.lower().rstrip(":：") in _BARE_HEADINGS:
        return "heading"
    if (_HEADING.match(stripped) and len(stripped) <= MAX_HEADING_CHARS
            and not re.search("[，,。；]", stripped[:-1]) and stripped[-1] not in TERMINAL + "，,、"
            and "[" not in stripped):
        return "heading"
    return "text"


def split_lines(text: str) -> list[Line]:
    """Split ``text`` into lines with offsets and their own roles."""
    lines, pos = [], 0
    for chunk in text.split("\n"):
        lines.append(Line(pos, pos + len(chunk), chunk, _basic_role(chunk)))
        pos += len(chunk) + 1
    return lines


def _with_role(line: Line, role: str) -> Line:
    return Line(line.start, line.end, line.text, role)


def _is_front(text: str) -> bool:
    """Author and affiliation lines of the front matter."""
    s = text.strip()
    if _AFFILIATION.search(s) and (_POSTCODE.search(s) or s[:1] in "（(" or len(s) < 80):
        return True
    return bool(_LATIN_AUTHORS.match(s) and len(s) < 60) or bool(_CJK_AUTHORS.match(s))


def _mark_tables(lines: list[Line]) -> list[Line]:
    """Lines after a table caption are table rows until body text resumes."""
    out, in_table = [], False
    for i, line in enumerate(lines):
        role = line.role
        if role == "table":
            in_table = True
        elif in_table:
            if role in ("heading", "noise", "figure", "abstract"):
                in_table = False
            elif role == "note":
                pass
            elif role == "text":
                resumed = line.text[:1].isspace() and i > 0 and out[-1].role != "table"
                if resumed:
                    in_table = False
                else:
                    role = "row"
        out.append(_with_role(line, role))
    return out


def _mark_front(lines: list[Line]) -> list[Line]:
    """Title, authors and abstracts at the top of an article; the body starts with Chinese prose."""
    out = list(lines)
    content = [i for i, ln in enumerate(out) if ln.role not in ("blank", "noise")]
    if not content:
        return out
    first = content[0]
    head = out[first].text.strip()
    if out[first].role == "text" and len(head) < 100 and not re.search("[。！？；]|[.!?]$", head):
        out[first] = _with_role(out[first], "title")
    script, prev_terminal, seen = None, False, False
    for i in content:
        line, stripped = out[i], out[i].text.strip()
        if line.role == "abstract":
            body = _ABSTRACT.sub("", stripped, count=1)
            script, seen = (script_of(body) if body else ""), True
            prev_terminal = stripped[-1:] in TERMINAL
            continue
        if line.role == "heading":
            break
        if line.role != "text":
            continue
        here = script_of(stripped)
        if script is not None:
            script = script or here
            if here == script and not (line.text[:1].isspace() and prev_terminal):
                out[i] = _with_role(line, "abstract")
                prev_terminal = stripped[-1:] in TERMINAL
                continue
            script = None
        if _is_front(stripped) or (here == "en" and len(stripped) < MIN_PROSE_CHARS
                                   and stripped[-1:] not in TERMINAL):
            out[i] = _with_role(line, "front")
        elif here == "en" and seen:
            out[i] = _with_role(line, "abstract")
            script, prev_terminal = "en", stripped[-1:] in TERMINAL
        else:
            break
    return out


def classify(text: str) -> list[Line]:
    """Lines of ``text`` with their roles in the article layout."""
    return _mark_front(_mark_tables(split_lines(text)))


def ends_with_citation(text: str) -> bool:
    """True when a line ends with a reference marker such as ``[46]``."""
    return bool(_CITATION_END.search(text))
