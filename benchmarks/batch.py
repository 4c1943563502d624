"""Batch throughput of ``litmine extract`` and the cost of reading PDFs, from a checkout.

Run by hand: ``.venv/bin/python benchmarks/batch.py [--copies 4] [--dask]``.

1. The five bundled articles are copied ``--copies`` times into a temporary folder, each copy
   with distinct bytes (a trailing line) so the duplicate check does not skip it, and the real CLI
   (``python -m litmine extract DIR -o OUT.csv -q``) is timed with ``--jobs 1`` and ``--jobs 2``
   (and ``--engine dask -j 2`` with ``--dask``): documents/s, MB/s, the speed-up over one job and
   the CPU seconds of all its processes. Times include start-up and warm-up (lexicon, model,
   segmenters: a few seconds, paid once before the workers fork), as a user sees them. The tables
   must be identical. Then the steady rate: in a fresh interpreter, the warm-up is timed on its
   own, then documents/s of the whole batch (pool start included), i.e. throughput with the
   one-off cost reported apart, as issue 6 asks.
2. Flat memory: the peak RSS of ``--jobs 1`` on 1x and on ``--copies``x the corpus.
3. PDF cost: one article typeset to PDF (tests/pdfs.py), the time to read it per page against the
   time the text pipeline spends on the same article per page.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
ARTICLE = ROOT / "corpora" / "seeds" / "000_d005d3bca0b121f2.txt"


def make_corpus(folder: Path, copies: int) -> tuple[int, float]:
    """Write ``copies`` distinct copies of every article; returns documents and megabytes."""
    folder.mkdir(parents=True)
    size = 0
    for k in range(copies):
        for src in SEEDS:
            data = src.read_bytes() + f"\n{k}\n".encode()
            (folder / f"{k:03d}_{src.name}").write_bytes(data)
            size += len(data)
    return copies * len(SEEDS), size / 1e6


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cli(folder: Path, out: Path, *options: str) -> tuple[float, float]:
    """Wall seconds and CPU seconds (all processes) of one ``litmine extract`` run."""
    cpu = _cpu()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "litmine", "extract", str(folder), "-o", str(out), "-q",
                           *options], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"litmine extract failed: {done.stderr.strip()}")
    return seconds, _cpu() - cpu


def peak_rss_of(folder: Path, out: Path) -> float:
    """Peak RSS (MB) of ``--jobs 1`` in a fresh interpreter (the RUSAGE_CHILDREN peak is per parent)."""
    code = ("import resource, subprocess, sys; subprocess.run([sys.executable, '-m', 'litmine', 'extract', "
            f"{str(folder)!r}, '-o', {str(out)!r}, '-q', '-j', '1'], check=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def steady_rate(folder: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Seconds of the one-off warm-up, then documents/s of the whole batch after it, in-process."""
    from litmine.batch import Engine, extract_to_file, unique_inputs
    from litmine.pipeline import warm_up

    start = time.perf_counter()
    warm_up()       # what the first document pays; with --jobs 2 the workers fork after it
    warm = time.perf_counter() - start
    files = unique_inputs([folder])
    start = time.perf_counter()
    extract_to_file(files, str(out), engine=Engine("local", jobs))
    return warm, len(files) / (time.perf_counter() - start)


def steady(copies: int) -> None:
    """Throughput once every process is warm: what --jobs buys on a long batch."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        docs, _ = make_corpus(folder, copies)
        rates = {}
        for jobs in (1, 2):
            # a fresh interpreter per run, so the second never finds the first one's warm caches
            code = (f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); from batch import steady_rate; "
                    f"from pathlib import Path; print(*steady_rate(Path({str(folder)!r}), Path({tmp!r}) / 'o.csv', {jobs}))")
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
            warm, rate = map(float, done.stdout.split())
            rates[jobs] = rate
            print(f"steady --jobs {jobs}: warm-up {warm:.1f} s once, then {rate:.2f} docs/s")
        print(f"steady speed-up of --jobs 2: {rates[2] / rates[1]:.2f}x ({docs} documents, warm-up excluded)")


def throughput(copies: int, use_dask: bool) -> None:
    """Section 1 and 2."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        docs, mb = make_corpus(folder, copies)
        print(f"corpus: {docs} documents, {mb:.2f} MB ({copies} copies of the {len(SEEDS)} articles)")
        runs = [("--jobs 1", ["-j", "1"]), ("--jobs 2", ["-j", "2"])]
        if use_dask:
            runs.append(("--engine dask -j 2", ["--engine", "dask", "-j", "2"]))
        base, tables = None, []
        print(f"{'run':<20} {'seconds':>8} {'docs/s':>7} {'MB/s':>7} {'speed-up':>9} {'CPU s':>6}")
        for name, options in runs:
            out = Path(tmp) / f"{len(tables)}.csv"
            seconds, cpu = run_cli(folder, out, *options)
            base = base or seconds
            tables.append(out.read_bytes())
            print(f"{name:<20} {seconds:>8.1f} {docs / seconds:>7.2f} {mb / seconds:>7.3f} {base / seconds:>8.2f}x {cpu:>6.1f}")
        print(f"tables identical: {all(t == tables[0] for t in tables)}")
        one = Path(tmp) / "one"
        one.mkdir()
        for src in SEEDS:
            shutil.copy(src, one / src.name)
        small = peak_rss_of(one, Path(tmp) / "small.csv")
        large = peak_rss_of(folder, Path(tmp) / "large.csv")
        print(f"peak RSS --jobs 1: {small:.0f} MB on 1x, {large:.0f} MB on {copies}x the corpus")


def pdf_cost() -> None:
    """Section 3."""
    from litmine.pipeline import Settings, evidence_of, lexicon_for, model_for, process
    from litmine.readers import read
    from litmine.readers.pdf import read_pdf
    from tests.pdfs import render

    lex, clf = lexicon_for(Settings()), model_for(Settings())
    evidence_of(process(read(ARTICLE), lex), lex, clf)          # warm-up
    with tempfile.TemporaryDirectory() as tmp:
        for columns in (1, 2):
            pdf = Path(tmp) / f"a{columns}.pdf"
            pages = render(pdf, ARTICLE.read_text(encoding="utf-8"), columns)
            start = time.perf_counter()
            for _ in range(5):
                read_pdf(pdf)
            t_pdf = (time.perf_counter() - start) / 5
            start = time.perf_counter()
            evidence_of(process(read(ARTICLE), lex), lex, clf)
            t_text = time.perf_counter() - start
            print(f"{columns}-column PDF, {pages} pages: reading {1000 * t_pdf / pages:.1f} ms/page, text pipeline "
                  f"{1000 * t_text / pages:.0f} ms/page of the same article; reading adds {100 * t_pdf / t_text:.1f} %")


def main() -> None:
    """Print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4, help="copies of the bundled corpus")
    parser.add_argument("--dask", action="store_true", help="also time --engine dask (needs litmine[dask])")
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} (other work skews the times)")
    throughput(args.copies, args.dask)
    steady(args.copies)
    pdf_cost()
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
