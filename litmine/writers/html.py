"""The evidence table as one self-contained, offline HTML report for curators.

Highlighted sentences come from spaCy's displaCy (which escapes the text); the table, the network
and the curation controls are drawn by a small script from a JSON payload, and every string from
the documents reaches the page as text. A Content-Security-Policy admits only that script.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
from spacy import displacy

from litmine import __version__
from litmine.aggregate import aggregate, evidence_ids
from litmine.resources import report_asset

TYPE_COLORS = {"molecule": "#4a90d9", "intervention": "#f4a300", "condition": "#e56b6f",
               "phenotype": "#9d4edd", "brain_region": "#40916c"}
ENT_TEMPLATE = ('<mark class="ent t-{label} role-{role}" title="{tip}">{text}'
                '<span class="lbl">{short}</span></mark>')
SHORT = {"molecule": "mol", "intervention": "int", "condition": "cond", "phenotype": "phen",
         "brain_region": "site", "direction": "cue"}
ROW_FIELDS = ("doc_id", "source", "page", "sentence_id", "subject", "subject_id", "subject_type",
              "subject_text", "subject_start", "subject_end", "direction", "object", "object_id",
              "object_type", "object_text", "object_start", "object_end", "region", "condition",
              "negated", "hedged", "confidence", "method", "citations", "section")
LABEL_MIN_DEGREE = 6


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of a sentence to mark, with its type (``direction`` for a cue)."""

    start: int
    end: int
    type: str
    tip: str = ""


def _value(v: Any) -> Any:
    """A JSON-safe cell: pandas' missing values become null, numpy scalars plain Python."""
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    return v.item() if hasattr(v, "item") else v


def _spans(ev: pd.DataFrame, extra: list[Highlight]) -> list[dict[str, Any]]:
    """displaCy spans for one sentence: the rows' subjects and objects first, then other mentions."""
    marks: dict[tuple[int, int], dict[str, Any]] = {}
    for r in ev.itertuples(index=False):
        for role, start, end, etype, name, cid in (
                ("subject", r.subject_start, r.subject_end, r.subject_type, r.subject, r.subject_id),
                ("object", r.object_start, r.object_end, r.object_type, r.object, r.object_id)):
            mark = marks.setdefault((int(start), int(end)), {"label": etype, "roles": set(), "tip": f"{name} ({cid})"})
            mark["roles"].add(role)
    for h in extra:
        marks.setdefault((h.start, h.end), {"label": h.type, "roles": {"mention"}, "tip": h.tip})
    chosen: list[dict[str, Any]] = []
    for (start, end), m in sorted(marks.items(), key=lambda kv: ("mention" in kv[1]["roles"], kv[0][0] - kv[0][1])):
        if all(end <= c["start"] or start >= c["end"] for c in chosen):
            chosen.append({"start": start, "end": end, "label": m["label"],
                           "params": {"role": " role-".join(sorted(m["roles"])), "tip": html.escape(m["tip"]),
                                      "short": SHORT.get(m["label"], m["label"])}})
    return sorted(chosen, key=lambda s: s["start"])


def highlighted(text: str, spans: list[dict[str, Any]]) -> str:
    """One sentence as HTML with its spans marked (displaCy escapes the text)."""
    return displacy.render({"text": text, "ents": spans, "title": None}, style="ent", manual=True,
                           options={"template": ENT_TEMPLATE}, page=False, jupyter=False)


def _table(header: list[str], rows: list[list[Any]], cls: str = "summary") -> str:
    """A small HTML table; every cell escaped, numbers right-aligned."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(
        f'<td class="n">{v}</td>' if isinstance(v, (int, float)) else f"<td>{html.escape(str(v))}</td>"
        for v in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _top(ev: pd.DataFrame, n: int) -> str:
    """The entities named most often as subject or object, with their counts."""
    top = Counter(list(ev["subject"]) + list(ev["object"])).most_common(n)
    return ", ".join(f"{name} ({k})" for name, k in top)


def _counts(ev: pd.DataFrame) -> list[int]:
    """Rows, ↑, ↓, negated and hedged counts."""
    return [len(ev), int((ev["direction"] == "↑").sum()), int((ev["direction"] == "↓").sum()),
            int(ev["negated"].sum()), int(ev["hedged"].sum())]


def summary_html(ev: pd.DataFrame, triples: pd.DataFrame) -> str:
    """Figures for the corpus (counts, by entity type and direction, top entities) and per document."""
    conflicts = int(triples["conflict"].sum()) if len(triples) else 0
    corpus = _table(["documents", "evidence rows", "↑", "↓", "negated", "hedged", "unique triples",
                     "conflicting triples"], [[int(ev["doc_id"].nunique()), *_counts(ev), len(triples), conflicts]])
    by_type = []
    for role in ("subject", "object"):
        for etype, rows in ev.groupby(f"{role}_type", sort=True):
            by_type.append([f"{role}: {etype}", *_counts(rows)[:3]])
    types = _table(["entity type", "rows", "↑", "↓"], by_type)
    docs = []
    for doc_id, rows in ev.groupby("doc_id", sort=False):
        n_triples = len(rows.drop_duplicates(["subject_id", "direction", "object_id", "region_id"]))
        docs.append([str(rows["source"].iloc[0]), *_counts(rows), n_triples, _top(rows, 5)])
    per_doc = _table(["document", "rows", "↑", "↓", "negated", "hedged", "triples", "top entities"], docs)
    return (f"<h3>Corpus</h3>{corpus}<p><b>Top entities:</b> {html.escape(_top(ev, 12))}</p>{types}"
            f"<h3>Per document</h3>{per_doc}")


def _relation_line(r: Any) -> str:
    """One relation under its sentence: subject → ↑/↓ → object, confidence, citations, page."""
    cls = "dir-up" if r.direction == "↑" else "dir-down"
    extra = [f"confidence {r.confidence:.2f}"]
    if _value(r.region):
        extra.append(f"in {r.region}")
    if _value(r.citations):
        extra.append(f"[{r.citations}]")
    if _value(r.page) is not None:
        extra.append(f"p. {int(r.page)}")
    flags = [f for f, on in (("negated", r.negated), ("hedged", r.hedged)) if bool(on)]
    return (f'<li data-eid="{html.escape(r.eid)}">{html.escape(r.subject)} → <span class="{cls}">'
            f'{html.escape(r.direction)}</span> → {html.escape(r.object)} '
            f'<span class="where">{html.escape(" · ".join(extra + flags))}</span></li>')


def documents_html(ev: pd.DataFrame, highlights: dict[tuple[str, int], list[Highlight]]) -> str:
    """Per document, its evidence sentences highlighted, each with the relations it gives."""
    parts = []
    for doc_id, rows in ev.groupby("doc_id", sort=False):
        parts.append(f'<article class="doc" data-doc="{html.escape(str(doc_id))}">'
                     f"<h3>{html.escape(str(rows['source'].iloc[0]))}</h3>")
        for sid, sent_rows in rows.groupby("sentence_id", sort=True):
            first = sent_rows.iloc[0]
            where = [w for w in (_value(first["section"]), f"sentence {sid}",
                                 f"p. {int(first['page'])}" if _value(first["page"]) is not None else None) if w]
            spans = _spans(sent_rows, highlights.get((str(doc_id), int(sid)), []))
            lines = "".join(_relation_line(r) for r in sent_rows.itertuples(index=False))
            parts.append(f'<div class="sent"><div class="where">{html.escape(" · ".join(map(str, where)))}</div>'
                         f"{highlighted(str(first['sentence']), spans)}<ul>{lines}</ul></div>")
        parts.append("</article>")
    return "\n".join(parts)


def _scaler(values: list[float], low: float, size: float):  # type: ignore[no-untyped-def]
    """Map coordinates onto [low, low + size], the 2nd-98th percentile spread filling it, outliers clamped."""
    ordered = sorted(values)
    lo, hi = ordered[int(0.02 * (len(ordered) - 1))], ordered[int(0.98 * (len(ordered) - 1))]
    spread = (hi - lo) or 1.0
    return lambda v: round(low + size * min(max((v - lo) / spread, -0.02), 1.02), 1)


def network(triples: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """Nodes placed by a seeded spring layout and one edge per aggregated triple."""
    graph = nx.MultiDiGraph()
    names: dict[str, tuple[str, str]] = {}
    for t in triples.itertuples(index=False):
        names.setdefault(t.subject_id, (t.subject, t.subject_type))
        names.setdefault(t.object_id, (t.object, t.object_type))
        graph.add_edge(t.subject_id, t.object_id)
    if not names:
        return [], []
    pos = nx.spring_layout(nx.Graph(graph), seed=0, k=2.5 / math.sqrt(len(names)), iterations=100)
    degree = dict(nx.Graph(graph).degree())
    # scale by the 2nd-98th percentile box so that a few far-flung small components don't shrink the rest
    x_of = _scaler([p[0] for p in pos.values()], 40, 880)
    y_of = _scaler([p[1] for p in pos.values()], 30, 660)
    nodes = [{"id": cid, "name": name, "type": etype, "color": TYPE_COLORS.get(etype, "#888"),
              "x": x_of(pos[cid][0]), "y": y_of(pos[cid][1]),
              "r": round(3 + 1.5 * math.sqrt(degree[cid]), 1), "label": degree[cid] >= LABEL_MIN_DEGREE}
             for cid, (name, etype) in names.items()]
    seen: Counter[tuple[str, str]] = Counter()
    edges = []
    for t in triples.itertuples(index=False):
        pair = tuple(sorted((t.subject_id, t.object_id)))
        seen[pair] += 1
        n = seen[pair]
        edges.append({"key": f"{t.subject_id}|{t.direction}|{t.object_id}|{_value(t.region_id) or ''}",
                      "s": t.subject_id, "o": t.object_id, "subject": t.subject, "object": t.object,
                      "direction": t.direction, "region": _value(t.region), "conflict": bool(t.conflict),
                      "bend": (n // 2) * (1 if n % 2 else -1) if n > 1 else 0,
                      "eids": t.evidence_ids.split(";")})
    return nodes, edges


def payload(ev: pd.DataFrame, triples: pd.DataFrame) -> dict[str, Any]:
    """The data the page's script draws: rows, their sentences, documents and the network."""
    sentences: dict[tuple[str, int], int] = {}
    sent_list: list[dict[str, Any]] = []
    rows = []
    for r in ev.to_dict("records"):
        key = (str(r["doc_id"]), int(r["sentence_id"]))
        if key not in sentences:
            sentences[key] = len(sent_list)
            sent_list.append({"text": r["sentence"], "lang": r["lang"]})
        row = {f: _value(r[f]) for f in ROW_FIELDS}
        row.update(eid=r["eid"], sent=sentences[key], confidence=float(r["confidence"]))
        rows.append(row)
    docs = [{"doc_id": str(d), "source": str(g["source"].iloc[0])} for d, g in ev.groupby("doc_id", sort=False)]
    nodes, edges = network(triples)
    return {"rows": rows, "sentences": sent_list, "documents": docs, "nodes": nodes, "edges": edges}


def _script_json(data: dict[str, Any]) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(evidence: pd.DataFrame, highlights: dict[tuple[str, int], list[Highlight]] | None = None,
           title: str = "litmine evidence report") -> str:
    """The whole report as one HTML string."""
    ev = evidence.reset_index(drop=True).assign(eid=evidence_ids(evidence).to_numpy() if len(evidence) else [])
    triples = aggregate(evidence)
    data = payload(ev, triples)
    data["report_id"] = hashlib.sha256(_script_json(data).encode()).hexdigest()[:16]
    script = report_asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    legend = "".join(f'<span class="swatch" style="background:{c}"></span>{html.escape(t.replace("_", " "))}'
                     for t, c in TYPE_COLORS.items())
    meta = (f"{ev['doc_id'].nunique()} documents · {len(ev)} evidence rows · {len(triples)} triples · "
            f"litmine {__version__}")
    fill = {"title": html.escape(title), "version": html.escape(__version__), "meta": html.escape(meta),
            "css": report_asset("report.css"), "summary": summary_html(ev, triples) if len(ev) else "<p>No evidence.</p>",
            "legend": legend, "documents": documents_html(ev, highlights or {}),
            "data": _script_json(data), "script_hash": f"sha256-{digest}", "script": script}
    # one pass, so text inserted for one placeholder is never read as another
    return re.sub(r"\{\{(\w+)\}\}", lambda m: fill[m.group(1)], report_asset("report.html"))


def write_report(evidence: pd.DataFrame, path: Path,
                 highlights: dict[tuple[str, int], list[Highlight]] | None = None,
                 title: str = "litmine evidence report") -> None:
    """Write the report to ``path`` (the caller makes it atomic)."""
    path.write_text(render(evidence, highlights, title), encoding="utf-8")
