"""Measured quality: leave-one-article-out triples, mentions, and held-out direction-en pairs."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from litmine.features import features_of
from litmine.lexicon import Lexicon
from litmine.pipeline import Processed, Settings, lexicon_for, pairs_of
from litmine.records import Relation
from litmine.relations import classify
from litmine.train import (
    Example,
    align,
    articles,
    direction_en,
    fit,
    gold_examples,
    gold_records,
    matches,
    processed_article,
)

FOLDS = 5
SEED = 0


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "tp": tp, "predicted": n_pred, "gold": n_gold}


def _overlap(a: tuple[int, int], span: dict | None) -> bool:
    return bool(span) and a[0] < span["end"] and span["start"] < a[1]


def score_article(article: str, lex: Lexicon, clf: Any, counts: dict[str, Counter],
                  p: Processed | None = None, decided: list[Relation] | None = None) -> None:
    """Add one article's triple, region and mention counts (by language) to ``counts``.

    ``p``: the article already processed (e.g. with another lexicon or without pattern mentions);
    ``decided``: its relations already decided (``clf`` is then not used).
    """
    p = p or processed_article(article, lex)
    gold = align(p, gold_records(article))
    lang_of = {s.index: ("en" if s.lang == "en" else "zh") for s in p.sentences}
    for idx, rec in gold.items():
        c = counts[lang_of[idx]]
        rels = rec.get("relations", [])
        c["gold"] += len(rels)
        counts["by_kind"][f"{p.sentences[idx].kind}:gold"] += len(rels)
        spans = {(r[k]["start"], r[k]["end"]) for r in rels for k in ("subject", "object") if r.get(k)}
        found = [(m.start, m.end) for m in p.mentions.get(idx, []) if m.type != "direction"]
        c["gold_spans"] += len(spans)
        c["spans_found"] += sum(any(_overlap(f, {"start": a, "end": b}) for f in found) for a, b in spans)
        c["mentions"] += len(found)
        c["mentions_on_gold"] += sum(any(_overlap(f, {"start": a, "end": b}) for a, b in spans) for f in found)
    used: set[int] = set()
    pairs = pairs_of(p)
    for idx, rec in gold.items():
        for g in rec.get("relations", []):
            if not any(q.sentence.index == idx and matches(q, g, p.mentions.get(idx, [])) for q in pairs):
                counts["errors"]["missed: no candidate pair (mention not found or pair not formed)"] += 1
    for rel in classify(pairs, lex, clf) if decided is None else decided:
        s = rel.pair.sentence
        c = counts[lang_of[s.index]]
        c["predicted"] += 1
        counts["by_kind"][f"{s.kind}:predicted"] += 1
        all_gold = gold.get(s.index, {}).get("relations", [])
        gold_rels = [g for g in all_gold if id(g) not in used]
        mentions = p.mentions.get(s.index, [])
        hit = next((g for g in gold_rels if g["direction"] == rel.direction
                    and matches(rel.pair, g, mentions)), None)
        if hit is None:
            wrong_way = any(matches(rel.pair, g, mentions) for g in all_gold)
            counts["errors"]["false: entities of a gold relation, other direction or already counted" if wrong_way else
                             "false: pair not related in gold" if s.index in gold else
                             "false: sentence has no gold relation"] += 1
            continue
        used.add(id(hit))
        counts["by_kind"][f"{s.kind}:correct"] += 1
        c["tp"] += 1
        if hit.get("region"):
            c["gold_regions"] += 1
            region = rel.pair.region
            c["region_ok"] += bool(region and _overlap((region.start, region.end), hit["region"]))


def leave_one_article_out(settings: Settings = Settings(), en: list[Example] | None = None) -> dict[str, Any]:
    """Triple P/R/F1 per language: train on four articles (and direction-en), test on the fifth."""
    lex = lexicon_for(settings)
    names = articles()
    en = direction_en(lex) if en is None else en
    counts: dict[str, Counter] = defaultdict(Counter)
    per_article = {}
    for held in names:
        clf = fit(gold_examples(lex, [a for a in names if a != held]) + en, lex, SEED)
        fold: dict[str, Counter] = defaultdict(Counter)
        score_article(held, lex, clf, fold)
        per_article[held] = {lang: prf(c["tp"], c["predicted"], c["gold"]) for lang, c in fold.items()
                             if lang in ("zh", "en")}
        for lang, c in fold.items():
            counts[lang].update(c)
    result: dict[str, Any] = {"per_article": per_article, "errors": dict(counts.pop("errors", {})),
                              "by_sentence_kind": dict(sorted(counts.pop("by_kind", {}).items()))}
    for lang, c in sorted(counts.items()):
        result[lang] = {"triples": prf(c["tp"], c["predicted"], c["gold"]),
                        "region_accuracy": round(c["region_ok"] / c["gold_regions"], 3) if c["gold_regions"] else None,
                        "mention_recall": round(c["spans_found"] / c["gold_spans"], 3) if c["gold_spans"] else None,
                        "mention_precision_lower_bound": round(c["mentions_on_gold"] / c["mentions"], 3) if c["mentions"] else None}
    return result


def _macro_updown(gold: list[str], pred: list[str]) -> float:
    from sklearn.metrics import f1_score

    return round(float(f1_score(gold, pred, labels=["up", "down"], average="macro", zero_division=0)), 3)


def baseline_features(e: Example) -> str:
    """The plain baseline's text: words between and around the pair."""
    t, s, o = e.pair.sentence.text, e.pair.subj, e.pair.obj
    a, b = sorted((s, o), key=lambda m: m.start)
    return f"{t[max(0, a.start - 40):a.start]} [A] {t[a.end:b.start]} [B] {t[b.end:b.end + 40]}"


def direction_en_heldout(settings: Settings = Settings()) -> dict[str, Any]:
    """Macro-F1 over up/down on direction-en, split by PubMed id (GroupKFold), ours and a baseline."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
    from sklearn.pipeline import make_pipeline

    lex = lexicon_for(settings)
    data = direction_en(lex)
    labels = [e.label for e in data]
    groups = [e.group for e in data]
    ours, base = [""] * len(data), [""] * len(data)
    for train_idx, test_idx in GroupKFold(n_splits=FOLDS).split(data, labels, groups):
        clf = fit([data[i] for i in train_idx], lex, SEED)
        probs = clf.predict(features_of([data[i].pair for i in test_idx], lex))
        for i, pr in zip(test_idx, probs):
            ours[i] = clf.label(pr)
        bl = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                           LogisticRegression(max_iter=2000, class_weight="balanced"))
        bl.fit([baseline_features(data[i]) for i in train_idx], [labels[i] for i in train_idx])
        for i, pr in zip(test_idx, bl.predict([baseline_features(data[i]) for i in test_idx])):
            base[i] = pr
    return {"pairs": len(data), "folds": FOLDS, "ours_macro_f1_updown": _macro_updown(labels, ours),
            "baseline_macro_f1_updown": _macro_updown(labels, base),
            "confusion": dict(Counter(f"{g}->{p}" for g, p in zip(labels, ours)))}


def evaluate(part: str = "all", settings: Settings = Settings()) -> dict[str, Any]:
    """The figures of docs/quality.md: ``articles``, ``direction-en`` or ``all``."""
    from litmine.errors import LitmineError

    if part not in ("all", "articles", "direction-en"):
        raise LitmineError("--part", f"unknown part {part!r}; use articles, direction-en or all")
    out: dict[str, Any] = {}
    if part in ("all", "articles"):
        out["leave_one_article_out"] = leave_one_article_out(settings)
    if part in ("all", "direction-en"):
        out["direction_en_by_pmid"] = direction_en_heldout(settings)
    return out
