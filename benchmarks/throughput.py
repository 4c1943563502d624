"""Throughput of the litmine pipeline against plain jieba segmentation of the same text.

Run by hand from a checkout: ``.venv/bin/python benchmarks/throughput.py [--mb 2] [--scaling] [--cli]``.
Prints, with the CPU and library versions:

- the one-off loading costs of a run (imports, lexicon, model, segmenter, first document);
- MB/s and documents/s of litmine and of ``jieba.lcut`` on the same documents, timed alternately
  document by document in this process on one core, and their ratio (litmine time / jieba time;
  the target of issue 6 is <= 0.5); alternating keeps the ratio fair when the machine is shared;
- where litmine's time goes by stage;
- the startup ratio: ``litmine --help`` against ``python -c pass`` (median of several runs);
- with ``--scaling``: time at 16x the corpus / time at 1x (linear: 16); 1x is ``--mb`` / 16, but
  at least the five bundled articles once each;
- with ``--cli``: ``litmine extract`` on folders of 1x and 16x files in fresh processes, peak RSS of
  each, and the throughput of ``--jobs 2`` against ``--jobs 1``.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
BIN = Path(sys.executable).parent
STAGES = ("clean+split+mentions", "pairs", "features", "classifier", "table")


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


def loading_costs() -> dict[str, float]:
    """Seconds of each one-off cost, in the order a run pays them (call first, in a fresh process)."""
    costs: dict[str, float] = {}
    t = time.perf_counter()
    from litmine.pipeline import Settings, evidence_of, lexicon_for, model_for, process_text
    from litmine.table import evidence_frame

    costs["import pipeline"] = time.perf_counter() - t
    t = time.perf_counter()
    lex = lexicon_for(Settings())
    _ = lex.automaton
    costs["lexicon + automaton"] = time.perf_counter() - t
    t = time.perf_counter()
    clf = model_for(Settings())
    costs["model"] = time.perf_counter() - t
    first = corpus(0.001)[0]
    t = time.perf_counter()
    evidence_frame(evidence_of(process_text(first, doc_id="first"), lex, clf))
    costs["first document (segmenter, spaCy)"] = time.perf_counter() - t
    t = time.perf_counter()
    evidence_frame(evidence_of(process_text(first, doc_id="again"), lex, clf))
    costs["same document again"] = time.perf_counter() - t
    evidence_of(process_text("Metformin activates AMPK in the DRG.", doc_id="en"), lex, clf)   # English tokenizer
    return costs


def litmine_stages(text: str, doc_id: str, times: dict[str, float]) -> int:
    """Run the pipeline on one text, adding each stage's seconds to ``times``; returns the row count."""
    from litmine.assemble import evidence_rows
    from litmine.cues import forget_texts
    from litmine.features import features_of
    from litmine.pipeline import Settings, lexicon_for, model_for, pairs_of, process_text
    from litmine.relations import predict_governed, relations_of
    from litmine.table import evidence_frame

    lex, clf = lexicon_for(Settings()), model_for(Settings())
    forget_texts()     # the corpus repeats its articles: no document may reuse another's memos
    marks = [time.perf_counter()]
    p = process_text(text, doc_id=doc_id)
    marks.append(time.perf_counter())
    pairs = pairs_of(p)
    marks.append(time.perf_counter())
    feats = features_of(pairs, lex, governed_only=True)
    marks.append(time.perf_counter())
    probs = predict_governed(clf, feats)
    marks.append(time.perf_counter())
    relations = relations_of(pairs, feats, probs, clf)
    rows = len(evidence_frame(list(evidence_rows(p.doc, relations))))
    marks.append(time.perf_counter())
    for stage, a, b in zip(STAGES, marks, marks[1:]):
        times[stage] = times.get(stage, 0.0) + b - a
    return rows


def side_by_side(docs: list[str]) -> tuple[float, float, int, dict[str, float]]:
    """Seconds of jieba.lcut and of litmine over ``docs``, alternating document by document."""
    import jieba

    jieba.setLogLevel(logging.WARNING)   # litmine no longer imports jieba, so its banner would show
    jieba.initialize()
    t_jieba = 0.0
    rows = 0
    stages: dict[str, float] = {}
    for i, text in enumerate(docs):
        t = time.perf_counter()
        jieba.lcut(text)
        t_jieba += time.perf_counter() - t
        rows += litmine_stages(text, f"bench{i}", stages)
    return t_jieba, sum(stages.values()), rows, stages


def time_litmine(docs: list[str]) -> float:
    """Seconds for the whole pipeline over ``docs``."""
    from litmine.cues import forget_texts
    from litmine.pipeline import Settings, evidence_of, lexicon_for, model_for, process_text
    from litmine.table import evidence_frame

    lex, clf = lexicon_for(Settings()), model_for(Settings())
    total = 0.0
    for i, text in enumerate(docs):
        forget_texts()     # as distinct documents would: no reuse of another document's memos
        start = time.perf_counter()
        evidence_frame(evidence_of(process_text(text, doc_id=f"s{i}"), lex, clf))
        total += time.perf_counter() - start
    return total


def median_seconds(cmd: list[str], runs: int = 15) -> float:
    """Median wall time of a command (output discarded)."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run_child(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if status != 0:
        raise SystemExit(f"throughput: {' '.join(cmd)} failed: {proc.stderr.read().decode()[-500:]}")
    return wall, usage.ru_maxrss / 1024


def cli_figures(megabytes: float) -> None:
    """``litmine extract`` in fresh processes: 1x vs 16x peak RSS, --jobs 2 vs --jobs 1 throughput."""
    work = Path(tempfile.mkdtemp(prefix="litmine-bench-"))
    try:
        for name, mb in (("x1", megabytes / 16), ("x16", megabytes)):
            folder = work / name
            folder.mkdir()
            for i, text in enumerate(corpus(mb)):
                (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        exe = str(BIN / "litmine")
        figures = {}
        for name, jobs in (("x1", 1), ("x16", 1), ("x16", 2)):
            figures[(name, jobs)] = run_child([exe, "extract", str(work / name), "-o", str(work / f"{name}-{jobs}.csv"),
                                               "--jobs", str(jobs), "--quiet"])
        (t1, rss1), (t16, rss16), (t16j2, _) = figures[("x1", 1)], figures[("x16", 1)], figures[("x16", 2)]
        print(f"cli extract --jobs 1: 1x {t1:.1f} s, {rss1:.0f} MB peak; 16x {t16:.1f} s, {rss16:.0f} MB peak "
              f"(time 16x/1x = {t16 / t1:.1f} with the one-off loading in both; RSS 16x/1x = {rss16 / rss1:.2f}, "
              f"target <= 1.2)")
        print(f"cli extract 16x: --jobs 2 {t16j2:.1f} s, throughput --jobs 2 / --jobs 1 = {t16 / t16j2:.2f} "
              f"(target >= 1.8 on 2 free cores)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def machine() -> str:
    """CPU model, core count, Python and library versions."""
    cpu = platform.processor() or platform.machine()
    info = Path("/proc/cpuinfo")
    if info.is_file():
        cpu = next((line.split(":", 1)[1].strip() for line in info.read_text().splitlines()
                    if line.startswith("model name")), cpu)
    versions = {name: metadata.version(name) for name in ("litmine", "jieba", "rjieba", "spacy", "scikit-learn", "typer")}
    load = ", load average %.1f" % os.getloadavg()[0] if hasattr(os, "getloadavg") else ""
    return f"machine: {cpu}, {os.cpu_count()} cores{load}, python {platform.python_version()}, {versions}"


def report(megabytes: float, scaling: bool, cli: bool) -> None:
    """Print the figures."""
    print(machine())
    costs = loading_costs()
    print("one-off costs: " + ", ".join(f"{k} {v:.2f} s" for k, v in costs.items()))
    docs = corpus(megabytes)
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    t_jieba, t_lit, rows, stages = side_by_side(docs)
    print(f"corpus: {len(docs)} documents, {size:.2f} MB, {rows} evidence rows")
    print(f"jieba.lcut : {size / t_jieba:6.2f} MB/s  {len(docs) / t_jieba:6.2f} docs/s")
    print(f"litmine    : {size / t_lit:6.2f} MB/s  {len(docs) / t_lit:6.2f} docs/s")
    print(f"ratio litmine/jieba time: {t_lit / t_jieba:.2f} (target <= 0.5)")
    print("litmine by stage (x jieba time): " + ", ".join(f"{k} {v / t_jieba:.2f}" for k, v in stages.items()))
    if scaling:
        # 1x is at least the five bundled articles once each, so its time is not a few documents' noise
        small = corpus(megabytes / 16)
        if len(small) < len(SEEDS):
            small = [p.read_text(encoding="utf-8") for p in SEEDS]
        # the short run is the noisy one: timed three times before and three times after the long
        # run, so a change of the machine's load during the measurement moves both sides
        before = [time_litmine(small) for _ in range(3)]
        copies = [time_litmine(small) for _ in range(16)]      # the 16x corpus, one copy after another
        t1 = statistics.median(before + [time_litmine(small) for _ in range(3)])
        print(f"scaling: time at 16x / time at 1x = {sum(copies) / t1:.1f} (linear: 16); seconds per copy "
              f"in the 16x run: first four {statistics.median(copies[:4]):.2f}, last four "
              f"{statistics.median(copies[-4:]):.2f} (median; 1x {t1:.2f})")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss:.0f} MB")
    bare = median_seconds([sys.executable, "-c", "pass"])
    helped = median_seconds([str(BIN / "litmine"), "--help"])
    print(f"startup: litmine --help {helped * 1000:.0f} ms, python -c pass {bare * 1000:.0f} ms, "
          f"ratio {helped / bare:.1f} (target < 3)")
    if cli:
        cli_figures(megabytes)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size in MB (default 2)")
    parser.add_argument("--scaling", action="store_true", help="also time 1x against 16x")
    parser.add_argument("--cli", action="store_true", help="also run litmine extract: peak RSS 1x/16x, --jobs 2/1")
    args = parser.parse_args()
    report(args.mb, args.scaling, args.cli)
