"""Throughput of the litmine pipeline against plain jieba segmentation of the same text.

Run by hand from a checkout: ``.venv/bin/python benchmarks/throughput.py [--mb 2] [--scaling]``.
Prints MB/s and documents/s for both, their ratio (litmine time / jieba time; the target of issue 6
is <= 0.5), optional scaling figures (1x vs 16x) and peak RSS, with the CPU and library versions.
Times are measured side by side in one process on one core; absolute numbers are noise on shared
machines, the ratio is the figure to compare.
"""

from __future__ import annotations

import argparse
import platform
import resource
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))


def corpus(megabytes: float) -> list[str]:
    """The bundled articles repeated until their UTF-8 size reaches ``megabytes``."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    out, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        text = texts[i % len(texts)] + f"\n{i}\n"      # distinct bytes: no document is skipped as a duplicate
        out.append(text)
        size += len(text.encode("utf-8"))
        i += 1
    return out


def time_jieba(docs: list[str]) -> float:
    """Seconds for jieba.lcut (precise mode) over every document, dictionary already loaded."""
    import jieba

    jieba.initialize()
    start = time.perf_counter()
    for text in docs:
        jieba.lcut(text)
    return time.perf_counter() - start


def time_litmine(docs: list[str]) -> tuple[float, int]:
    """Seconds for the whole pipeline (clean, split, mentions, pairs, classify, table) and row count."""
    from litmine.pipeline import Settings, evidence_of, lexicon_for, model_for, process_text
    from litmine.table import evidence_frame

    settings = Settings()
    lex, clf = lexicon_for(settings), model_for(settings)
    rows = 0
    start = time.perf_counter()
    for i, text in enumerate(docs):
        p = process_text(text, doc_id=f"bench{i}", settings=settings)
        rows += len(evidence_frame(evidence_of(p, lex, clf)))
    return time.perf_counter() - start, rows


def warm_up() -> float:
    """Seconds to load the lexicon, the model and the segmenter (paid once per process)."""
    from litmine.pipeline import Settings, evidence_of, lexicon_for, model_for, process_text

    start = time.perf_counter()
    lex, clf = lexicon_for(Settings()), model_for(Settings())
    evidence_of(process_text("二甲双胍可激活 AMPK。", doc_id="warm"), lex, clf)
    return time.perf_counter() - start


def report(megabytes: float, scaling: bool) -> None:
    """Print the figures."""
    versions = {name: metadata.version(name) for name in ("litmine", "jieba", "spacy", "scikit-learn")}
    print(f"machine: {platform.processor() or platform.machine()}, python {platform.python_version()}, {versions}")
    print(f"warm-up (lexicon, model, segmenter): {warm_up():.2f} s")
    docs = corpus(megabytes)
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    t_jieba = time_jieba(docs)
    t_lit, rows = time_litmine(docs)
    print(f"corpus: {len(docs)} documents, {size:.2f} MB, {rows} evidence rows")
    print(f"jieba.lcut : {size / t_jieba:6.2f} MB/s  {len(docs) / t_jieba:6.2f} docs/s")
    print(f"litmine    : {size / t_lit:6.2f} MB/s  {len(docs) / t_lit:6.2f} docs/s")
    print(f"ratio litmine/jieba time: {t_lit / t_jieba:.2f} (target <= 0.5)")
    if scaling:
        small = corpus(megabytes / 16)
        t1, _ = time_litmine(small)
        t16, _ = time_litmine(small * 16)
        print(f"scaling: time at 16x / time at 1x = {t16 / t1:.1f} (linear: 16)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size in MB (default 2)")
    parser.add_argument("--scaling", action="store_true", help="also time 1x against 16x")
    args = parser.parse_args()
    report(args.mb, args.scaling)
