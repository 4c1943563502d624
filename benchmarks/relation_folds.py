"""Leave-one-article-out triples for model variants, with each pair's features computed once.

Run from a checkout: ``.venv/bin/python benchmarks/relation_folds.py [--variant NAME ...]``.
``litmine evaluate --part articles`` measures the shipped configuration; this script measures
variants of it under the same protocol (train on four articles and direction-en, relation
threshold by grouped CV inside the training data, score the fifth article's triples exactly as
``litmine evaluate`` does) and prints one line per variant. Features are computed once per run, so
a variant costs only its fits (about 7 minutes each on one core). Variants:

- ``shipped``: the configuration ``litmine train`` builds;
- ``no-patient-rule``: without the patient-finding rule's rows;
- ``no-coordination``: without the rows that list propagation adds (``relations.coordination_links``);
- ``C=<value>``: another inverse regularisation strength for the logistic regression.

``--pairs FILE`` writes every held-out candidate pair of the (last) variant as JSON lines: its
article, sentence, subject and object (text, type, class), the gold label of the pair, the label
extraction gives it (``none`` when no row) and the model's up+down probability; the script also
prints, per object type, how many of the pairs extraction links are gold links.

Set ``OMP_NUM_THREADS=1`` to compare runs: the figure moves by about 0.01 with the BLAS thread count.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from typing import Any

from litmine import relations
from litmine.evaluate import SEED, prf, score_article
from litmine.features import features_of
from litmine.pipeline import Settings, lexicon_for, pairs_of
from litmine.relations import Classifier, relations_of
from litmine.train import Example, align, articles, direction_en, fit, gold_records, label_of, processed_article

SHIPPED_C = relations.C


def prepared() -> tuple[Any, dict[str, dict[str, Any]], list[Example]]:
    """Lexicon, each article's processed text, pairs, features and labels, and direction-en."""
    lex = lexicon_for(Settings())
    data = {}
    for name in articles():
        p = processed_article(name, lex)
        gold = align(p, gold_records(name))
        pairs = pairs_of(p)
        labels = [label_of(q, gold.get(q.sentence.index), p.mentions.get(q.sentence.index, [])) for q in pairs]
        data[name] = {"p": p, "pairs": pairs, "feats": features_of(pairs, lex), "labels": labels}
    return lex, data, direction_en(lex)


def pair_record(held: str, q: Any, gold: str, final: str, probs: dict[str, float]) -> dict[str, Any]:
    """One held-out candidate pair, its gold label and what extraction made of it."""
    side = {f"{k}_{a}": getattr(getattr(q, k), a) for k in ("subj", "obj") for a in ("text", "type", "cls", "start")}
    return {"article": held[:3], "sentence": q.sentence.index, **side, "gold": gold, "extracted": final,
            "p_linked": round(probs.get("up", 0.0) + probs.get("down", 0.0), 4)}


def run(variant: str, lex: Any, data: dict[str, dict[str, Any]], en: list[Example],
        en_feats: list[dict], records: list[dict] | None = None) -> dict[str, Any]:
    """Pooled zh/en triple figures and per-article zh F1 of one variant (``records``: add each pair)."""
    relations.C = float(variant.split("=", 1)[1]) if variant.startswith("C=") else SHIPPED_C
    counts: dict[str, Counter] = defaultdict(Counter)
    per_article = {}
    for held in data:
        others = [(name, d) for name, d in data.items() if name != held]
        train = [Example(q, y, name) for name, d in others for q, y in zip(d["pairs"], d["labels"])]
        feats = [f for _, d in others for f in d["feats"]] + en_feats
        clf: Classifier = fit(train + en, lex, SEED, feats)
        if variant == "no-patient-rule":
            clf.parts.pop("rule_precision", None)
        if variant == "no-coordination":
            clf.parts.pop("coordination_precision", None)
        d = data[held]
        probs = clf.predict(d["feats"])
        rels = relations_of(d["pairs"], d["feats"], probs, clf)
        if records is not None:
            final = {id(r.pair): r.direction for r in rels}
            records.extend(pair_record(held, q, y, final.get(id(q), "none"), pr)
                           for q, y, pr in zip(d["pairs"], d["labels"], probs))
        fold: dict[str, Counter] = defaultdict(Counter)
        score_article(held, lex, None, fold, d["p"], rels)
        per_article[held[:3]] = prf(fold["zh"]["tp"], fold["zh"]["predicted"], fold["zh"]["gold"])["f1"]
        for lang in ("zh", "en"):
            counts[lang].update(fold[lang])
    return {lang: prf(c["tp"], c["predicted"], c["gold"]) for lang, c in counts.items()} | {"per_article": per_article}


def main() -> None:
    """Parse arguments, prepare the features once, print one line per variant."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variant", action="append", help="shipped, no-patient-rule, no-coordination or C=<value> (repeatable)")
    ap.add_argument("--pairs", help="write the held-out candidate pairs of the last variant here (JSON lines)")
    args = ap.parse_args()
    lex, data, en = prepared()
    en_feats = features_of([e.pair for e in en], lex)
    for variant in args.variant or ["shipped", "no-patient-rule"]:
        t = time.perf_counter()
        records: list[dict] = []
        r = run(variant, lex, data, en, en_feats, records)
        zh = r["zh"]
        print(f"{variant:18s} zh P {zh['precision']:.3f} R {zh['recall']:.3f} F1 {zh['f1']:.3f} "
              f"({zh['tp']}/{zh['predicted']}/{zh['gold']})  en F1 {r['en']['f1']:.3f}  "
              f"per article {r['per_article']}  {time.perf_counter() - t:.0f} s", flush=True)
        print("  linked pairs by object type (gold link / extracted):", linked_by_object_type(records), flush=True)
    if args.pairs:
        with open(args.pairs, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(rec, ensure_ascii=False) + "\n" for rec in records)


def linked_by_object_type(records: list[dict]) -> dict[str, str]:
    """Per object type: extracted pairs whose direction the gold gives / extracted pairs."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for rec in records:
        if rec["extracted"] != "none":
            c = counts[rec["obj_type"]]
            c["extracted"] += 1
            c["gold"] += rec["extracted"] == rec["gold"]
    return {kind: f"{c['gold']}/{c['extracted']}" for kind, c in sorted(counts.items())}


if __name__ == "__main__":
    main()
