"""Lexicon hold-out: how litmine does on an article whose own terms the lexicon never saw.

Run from a checkout: ``.venv/bin/python benchmarks/lexicon_holdout.py [--article 003_e574f4d6fa8d166e ...]``.
For each held-out article, every lexicon concept that only that article mentions (none of the other
four bundled articles does) is removed from a copy of the lexicon. The article is then read with

- ``full``: the shipped lexicon, no pattern mentions (reference);
- ``holdout``: the reduced lexicon alone;
- ``holdout+patterns``: plus pattern mentions (symbols, ratios, Chinese head-word names);
- ``holdout+learned``: plus the entries ``litmine lexicon learn`` proposes on the article itself
  (its ``accept`` column as proposed, no curator edits), added with ``litmine lexicon add``;
- ``holdout+learned+patterns``: both.

It reports mention recall (gold subject/object spans overlapped by a mention), triple P/R/F1
(as ``litmine evaluate``), and the recall of the gold relations that involve a removed concept.
Relations are classified by the shipped model, which was trained on all five articles (so the
absolute triple figures are optimistic; the differences between rows are the point).
Prints one JSON object; ``--proposals FILE`` also writes every new proposal of ``learn``, and
``--judged benchmarks/lexicon_learn_judged.tsv`` adds how many of them a curator accepted (the
judgements of that file, matched by article and names; unjudged proposals are counted as such).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from litmine.errors import LitmineError
from litmine.evaluate import prf, score_article
from litmine.learn import add_candidates, candidate_lines, learn
from litmine.lexicon import Lexicon, load
from litmine.pipeline import Processed, Settings, pairs_of, process
from litmine.readers import read
from litmine.relations import classify, load_model
from litmine.resources import lexicon_dir
from litmine.train import align, articles, corpora, gold_records, matches


def concepts_used(p: Processed, lex: Lexicon) -> set[str]:
    """Lexicon concepts mentioned in a processed article."""
    return {m.entity_id for ms in p.mentions.values() for m in ms if m.entity_id in lex.concepts}


def reduced_lexicon(source: Path, drop: set[str], target: Path) -> None:
    """A copy of the lexicon folder without the rows of the ``drop`` concepts."""
    target.mkdir(parents=True, exist_ok=True)
    for path in source.glob("*.tsv"):
        lines = path.read_text(encoding="utf-8").splitlines()
        kept = [x for x in lines if x.split("\t", 1)[0] not in drop]
        (target / path.name).write_text("\n".join(kept) + "\n", encoding="utf-8")


def removed_relations(p: Processed, article: str, drop: set[str],
                      types: set[str] | None = None) -> list[tuple[int, dict]]:
    """Gold relations with a subject or object span covered by a removed concept's mention (of ``types``)."""
    gold = align(p, gold_records(article))
    out = []
    for idx, rec in gold.items():
        spans = [(m.start, m.end) for m in p.mentions.get(idx, [])
                 if m.entity_id in drop and (types is None or m.type in types)]
        for rel in rec.get("relations", []):
            ends = [rel[k] for k in ("subject", "object") if rel.get(k)]
            if any(a < e["end"] and e["start"] < b for a, b in spans for e in ends):
                out.append((idx, rel))
    return out


def found(p: Processed, lex: Lexicon, clf, targets: list[tuple[int, dict]]) -> int:  # type: ignore[no-untyped-def]
    """How many target gold relations a predicted relation of the same direction matches."""
    rels = classify(pairs_of(p), lex, clf)
    hits = 0
    for idx, g in targets:
        ms = p.mentions.get(idx, [])
        hits += any(r.pair.sentence.index == idx and r.direction == g["direction"] and matches(r.pair, g, ms)
                    for r in rels)
    return hits


def scores(article: str, p: Processed, lex: Lexicon, clf, targets, molecules) -> dict:  # type: ignore[no-untyped-def]
    """Mention recall, triples and recall on removed-term relations for one reading."""
    counts: dict[str, Counter] = defaultdict(Counter)
    score_article(article, lex, clf, counts, p)
    zh_en = Counter()
    for lang in ("zh", "en"):
        zh_en.update(counts[lang])
    pattern = sum(m.matched_by == "pattern" for ms in p.mentions.values() for m in ms)
    return {"mention_recall": round(zh_en["spans_found"] / zh_en["gold_spans"], 3),
            "triples": prf(zh_en["tp"], zh_en["predicted"], zh_en["gold"]),
            "removed_term_relations_found": found(p, lex, clf, targets),
            "removed_molecule_relations_found": found(p, lex, clf, molecules), "pattern_mentions": pattern}


def add_until_valid(cand_file: Path, folder: Path) -> int:
    """``lexicon add``, rejecting each row validation names (as a curator would), until it passes."""
    for _ in range(100):
        try:
            return sum(add_candidates(cand_file, folder).values())
        except LitmineError as exc:
            line = int(exc.path.rsplit(":", 1)[1])
            lines = cand_file.read_text(encoding="utf-8").splitlines()
            lines[line - 1] = "no" + lines[line - 1][lines[line - 1].index("\t"):]
            cand_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


def run(names: list[str], proposals: Path | None, judgements: Path | None = None) -> dict:
    """The hold-out figures of every article in ``names``."""
    full = load(lexicon_dir())
    clf = load_model()
    docs = {a: read(corpora() / "seeds" / f"{a}.txt") for a in articles()}
    used = {a: concepts_used(process(d, full, patterns=False), full) for a, d in docs.items()}
    out, all_props = {}, []
    for article in names:
        drop = used[article] - set().union(*(used[a] for a in docs if a != article))
        with tempfile.TemporaryDirectory(prefix="litmine-holdout-") as tmp:
            reduced, learned = Path(tmp) / "reduced", Path(tmp) / "learned"
            reduced_lexicon(lexicon_dir(), drop, reduced)
            cands, _ = learn([corpora() / "seeds" / f"{article}.txt"], Settings(lexicons=str(reduced)))
            new = [c for c in cands if not c.known_id]
            all_props += [(article, line) for line in candidate_lines(new)[1:]]
            shutil.copytree(reduced, learned)
            cand_file = Path(tmp) / "candidates.tsv"
            cand_file.write_text("\n".join(candidate_lines(cands)) + "\n", encoding="utf-8")
            added = add_until_valid(cand_file, learned) if any(c.accept for c in new) else 0
            lex_r, lex_l = load(reduced), load(learned)
            reference = process(docs[article], full, patterns=False)
            targets = removed_relations(reference, article, drop)
            molecules = removed_relations(reference, article, drop, {"molecule"})
            rows = {"full": (full, False), "holdout": (lex_r, False), "holdout+patterns": (lex_r, True),
                    "holdout+learned": (lex_l, False), "holdout+learned+patterns": (lex_l, True)}
            out[article] = {"removed_concepts": len(drop), "proposals_new": len(new),
                            "proposals_accepted_by_default": sum(c.accept for c in new), "entries_added": added,
                            "removed_term_relations": len(targets), "removed_molecule_relations": len(molecules),
                            **{name: scores(article, process(docs[article], lex, patterns=pat), lex, clf, targets, molecules)
                               for name, (lex, pat) in rows.items()}}
    if judgements is not None:
        out["learn_proposals_judged"] = judged(all_props, judgements)
    if proposals is not None:
        proposals.write_text("article\t" + "\t".join(candidate_lines([])[0].split("\t")) + "\n" +
                             "".join(f"{a}\t{line}\n" for a, line in all_props), encoding="utf-8")
    return out


def judged(proposals: list[tuple[str, str]], path: Path) -> dict[str, int]:
    """Counts of (proposed accept, curator verdict) over the proposals, from a judgement file."""
    verdicts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if not line.startswith("#") and cells[0] != "article":
            verdicts[tuple(cells[:4])] = cells[5]
    counts: Counter[str] = Counter()
    for article, line in proposals:
        cells = dict(zip(candidate_lines([])[0].split("\t"), line.split("\t")))
        verdict = verdicts.get((article, cells["name"], cells["zh"], cells["abbreviation"]), "unjudged")
        counts[f"proposed {cells['accept']}: {verdict}"] += 1
    return dict(sorted(counts.items()))


def main() -> None:
    """Command line: articles to hold out (default: all five)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--article", action="append", help="held-out article stem (repeatable)")
    ap.add_argument("--proposals", type=Path, help="write the new learn proposals here (TSV)")
    ap.add_argument("--judged", type=Path, help="curator judgements of the proposals (TSV)")
    args = ap.parse_args()
    print(json.dumps(run(args.article or articles(), args.proposals, args.judged), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
