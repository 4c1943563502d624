"""Agreement between two annotations of the same articles (inter-annotator agreement).

Run from a checkout: ``.venv/bin/python benchmarks/agreement.py [FOLDER] [--pairs FILE]``.
FOLDER (default ``corpora/annotations/second``) holds a second, independent annotation of some of
the bundled articles, one ``<article>.jsonl`` per article in the gold format (docs/annotation.md).
For each article the script compares it with the gold file of the same name and prints, per
language (zh body, en abstracts):

- relations of each annotation, and the F1 of one against the other (symmetric: 2 x matched /
  (first + second)), matching relations as ``litmine evaluate`` matches a row to a gold relation:
  same sentence, subjects naming the same concept (overlapping spans, or spans on mentions of the
  same lexicon entry), objects likewise, same direction; each relation is matched at most once;
- the same F1 ignoring direction (do the annotators link the same pairs?), and of the pairs both
  link, how often they give the same direction;
- with ``--pairs FILE`` (the held-out pairs ``benchmarks/relation_folds.py --pairs`` writes):
  litmine's held-out rows scored against each annotation in the same way, so the system's F1
  against the gold can be read next to the second annotator's.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from litmine.pipeline import Settings, lexicon_for
from litmine.records import Mention
from litmine.train import align, gold_records, processed_article

ROOT = Path(__file__).resolve().parent.parent


def _hits(m: Mention, span: dict) -> bool:
    return m.start < span["end"] and span["start"] < m.end


def same_concept(a: dict, b: dict, mentions: list[Mention]) -> bool:
    """Two spans of one sentence name the same concept."""
    if a["start"] < b["end"] and b["start"] < a["end"]:
        return True
    ids_a = {m.entity_id for m in mentions if _hits(m, a)}
    return any(m.entity_id in ids_a for m in mentions if _hits(m, b))


def same_pair(r: dict, g: dict, mentions: list[Mention]) -> bool:
    """Two relations link the same subject and object concepts."""
    return same_concept(r["subject"], g["subject"], mentions) and same_concept(r["object"], g["object"], mentions)


def matched(first: list[dict], second: list[dict], mentions: list[Mention], directed: bool) -> int:
    """Relations of ``second`` matched one to one with relations of ``first``."""
    used: set[int] = set()
    n = 0
    for r in second:
        hit = next((i for i, g in enumerate(first) if i not in used and same_pair(r, g, mentions)
                    and (not directed or r["direction"] == g["direction"])), None)
        if hit is not None:
            used.add(hit)
            n += 1
    return n


def f1(n_match: int, n_first: int, n_second: int) -> float:
    """Symmetric F1 of two annotations."""
    return 2 * n_match / (n_first + n_second) if n_first + n_second else 1.0


def system_rows(path: Path, article: str) -> dict[int, list[dict]]:
    """litmine's held-out rows of one article, as relations keyed by sentence index."""
    out: dict[int, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["article"] == article[:3] and rec["extracted"] != "none":
            out.setdefault(rec["sentence"], []).append({
                "subject": {"start": rec["subj_start"], "end": rec["subj_start"] + len(rec["subj_text"])},
                "object": {"start": rec["obj_start"], "end": rec["obj_start"] + len(rec["obj_text"])},
                "direction": rec["extracted"]})
    return out


def compare(folder: Path, pairs: Path | None) -> dict[str, Counter]:
    """Counts of both annotations (and litmine's rows) per language over the articles in ``folder``."""
    lex = lexicon_for(Settings())
    counts: dict[str, Counter] = {}
    for path in sorted(folder.glob("*.jsonl")):
        article = path.stem
        p = processed_article(article, lex)
        first = align(p, gold_records(article))
        records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        second = align(p, records)
        if len(second) != len(records):
            raise SystemExit(f"{path}: {len(records) - len(second)} sentences not found in the cleaned article")
        system = system_rows(pairs, article) if pairs else {}
        for idx in sorted(set(first) | set(second)):
            lang = "en" if p.sentences[idx].lang == "en" else "zh"
            c = counts.setdefault(lang, Counter())
            a = first.get(idx, {}).get("relations", [])
            b = second.get(idx, {}).get("relations", [])
            mentions = p.mentions.get(idx, [])
            c["first"] += len(a)
            c["second"] += len(b)
            c["match"] += matched(a, b, mentions, directed=True)
            c["pair_match"] += matched(a, b, mentions, directed=False)
            if pairs:
                rows = system.get(idx, [])
                c["system"] += len(rows)
                c["system_first"] += matched(a, rows, mentions, directed=True)
                c["system_second"] += matched(b, rows, mentions, directed=True)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "corpora" / "annotations" / "second")
    parser.add_argument("--pairs", type=Path, help="held-out pairs written by relation_folds.py --pairs")
    args = parser.parse_args()
    counts = compare(args.folder, args.pairs)
    print("articles:", ", ".join(p.stem for p in sorted(args.folder.glob("*.jsonl"))))
    for lang, c in sorted(counts.items(), reverse=True):
        print(f"{lang}: gold {c['first']} relations, second annotation {c['second']}; "
              f"agreement F1 {f1(c['match'], c['first'], c['second']):.3f} "
              f"(pairs only {f1(c['pair_match'], c['first'], c['second']):.3f}; "
              f"same direction on {c['match']} of {c['pair_match']} shared pairs)")
        if args.pairs:
            print(f"{lang}: litmine held out {c['system']} rows; F1 against gold "
                  f"{f1(c['system_first'], c['first'], c['system']):.3f}, against the second annotation "
                  f"{f1(c['system_second'], c['second'], c['system']):.3f}")


if __name__ == "__main__":
    main()
