"""PDF text extraction: pypdfium2 (litmine's reader) against pdfminer.six on corpus articles.

Run by hand from a checkout (``pip install -e '.[test,bench]'`` for reportlab and pdfminer.six):
``.venv/bin/python benchmarks/pdf_readers.py [--repeat 3]``.
Each bundled article is typeset to a one-column and a two-column PDF (reportlab, the built-in
STSong-Light CID font, as the tests do), then read by:

- ``pypdfium2 content order``: pdfium's text in content-stream order (litmine's reader before the
  layout step);
- ``pypdfium2 + layout``: litmine's reader (character boxes -> lines -> columns);
- ``pdfminer.six``: ``extract_text`` with its default layout analysis (LAParams).

For each it prints pages/s and two correctness figures against the source text, both with
whitespace removed: ``chars``, the multiset overlap of characters (CJK only, and all), and
``order``, the share of source lines (8+ characters) found verbatim in the extracted text, which
falls when columns are interleaved.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
MIN_LINE = 8


def _squash(text: str) -> str:
    return "".join(text.split())


def _cjk(text: str) -> str:
    from litmine.layout import CJK
    import re

    return "".join(re.findall(f"[{CJK}]", text))


def overlap(source: str, got: str) -> float:
    """Share of the source's characters found in ``got`` (multiset intersection)."""
    want, have = Counter(source), Counter(got)
    return sum((want & have).values()) / max(sum(want.values()), 1)


def line_order(source: str, got: str) -> float:
    """Share of the source's lines (whitespace removed, 8+ characters) found verbatim in ``got``."""
    flat = _squash(got)
    lines = [_squash(ln) for ln in source.splitlines() if len(_squash(ln)) >= MIN_LINE]
    return sum(ln in flat for ln in lines) / max(len(lines), 1)


def pdfium_content_order(path: Path) -> tuple[str, int]:
    """pdfium's text of every page in content-stream order."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()
    return "\n".join(pages), len(pages)


def pdfium_layout(path: Path) -> tuple[str, int]:
    """litmine's reader: lines in reading order, running headers dropped."""
    from litmine.readers.pdf import read_pdf

    doc = read_pdf(path)
    return doc.raw, len(doc.page_starts)


def pdfminer(path: Path) -> tuple[str, int]:
    """pdfminer.six with its default layout analysis."""
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    text = extract_text(str(path), laparams=LAParams())
    return text, text.count("\f") or 1


READERS: dict[str, Callable[[Path], tuple[str, int]]] = {
    "pypdfium2 content order": pdfium_content_order, "pypdfium2 + layout": pdfium_layout,
    "pdfminer.six": pdfminer,
}


def measure(pdfs: list[tuple[Path, str]], reader: Callable[[Path], tuple[str, int]],
            repeat: int) -> dict[str, float]:
    """Pages/s (best of ``repeat``) and mean correctness over the PDFs."""
    best, scores = float("inf"), []
    for _ in range(repeat):
        start, pages, texts = time.perf_counter(), 0, []
        for path, _source in pdfs:
            text, n = reader(path)
            pages += n
            texts.append(text)
        best = min(best, time.perf_counter() - start)
    for (_, source), text in zip(pdfs, texts):
        scores.append((overlap(_cjk(source), _cjk(text)), overlap(_squash(source), _squash(text)),
                       line_order(source, text)))
    n = len(scores)
    return {"pages_per_s": pages / best, "cjk": sum(s[0] for s in scores) / n,
            "chars": sum(s[1] for s in scores) / n, "order": sum(s[2] for s in scores) / n}


def main() -> None:
    """Render, read, print the table."""
    from tests.pdfs import render

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing runs; the best is kept")
    args = parser.parse_args()
    versions = {n: metadata.version(n) for n in ("pypdfium2", "pdfminer.six", "reportlab")}
    print(f"machine: {platform.processor() or platform.machine()}, python {platform.python_version()}, {versions}")
    with tempfile.TemporaryDirectory() as tmp:
        for columns in (1, 2):
            pdfs = []
            for src in SEEDS:
                text = src.read_text(encoding="utf-8")
                path = Path(tmp) / f"{src.stem}-{columns}.pdf"
                render(path, text, columns)
                pdfs.append((path, text))
            print(f"\n{columns}-column PDFs of the {len(SEEDS)} corpus articles")
            print(f"{'reader':<26} {'pages/s':>8} {'CJK chars':>10} {'all chars':>10} {'line order':>11}")
            for name, reader in READERS.items():
                m = measure(pdfs, reader, args.repeat)
                print(f"{name:<26} {m['pages_per_s']:>8.1f} {m['cjk']:>10.4f} {m['chars']:>10.4f} {m['order']:>11.4f}")


if __name__ == "__main__":
    main()
