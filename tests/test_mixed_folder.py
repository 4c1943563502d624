"""End to end through the installed CLI: a folder of good and bad inputs of every kind."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd

from tests.conftest import SEEDS
from tests.pdfs import render

EXPECTED_REASONS = {"scans/scanned.pdf": "no text layer", "locked/encrypted.pdf": "encrypted PDF",
                    "broken/corrupt.pdf": "not a readable PDF", "data/binary.txt": "not a text file"}


def _folder(root):
    """Good text and PDF articles and one bad input of each kind, in subfolders."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    for sub in ("text", "text/more", "pdf", "scans", "locked", "broken", "data"):
        (root / sub).mkdir(parents=True)
    shutil.copy(SEEDS / "004_731658e62f6b5a86.txt", root / "text" / "a.txt")
    shutil.copy(SEEDS / "003_e574f4d6fa8d166e.txt", root / "text" / "more" / "b.md")
    render(root / "pdf" / "c.pdf", (SEEDS / "002_18e382974de4e15f.txt").read_text(encoding="utf-8"), 2)
    from PIL import Image, ImageDraw             # reportlab depends on Pillow
    from reportlab.lib.utils import ImageReader

    page = Image.new("L", (600, 840), 255)
    pen = ImageDraw.Draw(page)
    for k in range(40):                      # lines of "print" in a page image, no text layer
        pen.rectangle((40, 40 + 19 * k, 560 - 9 * (k % 5), 50 + 19 * k), fill=30)
    scan = canvas.Canvas(str(root / "scans" / "scanned.pdf"))
    for _ in range(2):
        scan.drawImage(ImageReader(page), 0, 0, width=595, height=842)
        scan.showPage()
    scan.save()
    locked = canvas.Canvas(str(root / "locked" / "encrypted.pdf"),
                           encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    locked.drawString(40, 800, "Metformin activates AMPK in dorsal root ganglion neurons.")
    locked.save()
    good = (root / "pdf" / "c.pdf").read_bytes()
    (root / "broken" / "corrupt.pdf").write_bytes(good[: len(good) // 3])     # a truncated download
    (root / "data" / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "data" / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))   # not an input type


def test_mixed_folder_good_rows_bad_errors(tmp_path):
    root = tmp_path / "in"
    _folder(root)
    out = tmp_path / "out" / "evidence.csv"
    out.parent.mkdir()
    done = subprocess.run([sys.executable, "-m", "litmine", "extract", str(root), "-o", str(out), "-j", "2"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr
    table = pd.read_csv(out)
    sources = {s.split("/in/", 1)[1] for s in table["source"]}
    assert sources == {"text/a.txt", "text/more/b.md", "pdf/c.pdf"}
    assert table.groupby("source").size().min() > 10
    assert table.loc[table["source"].str.endswith("c.pdf"), "page"].notna().all()
    errors = pd.read_csv(out.parent / "evidence.errors.csv")
    got = {p.split("/in/", 1)[1]: reason for p, reason in zip(errors["path"], errors["reason"])}
    assert set(got) == set(EXPECTED_REASONS) and set(errors["stage"]) == {"read"}
    for path, reason in EXPECTED_REASONS.items():
        assert reason in got[path], (path, got[path])
    # stderr is not a terminal: no progress bar, just one line per bad input
    lines = done.stderr.splitlines()
    assert len(lines) == len(EXPECTED_REASONS) and all(ln.startswith("litmine: ") for ln in lines)
    assert "\x1b[" not in done.stderr and "\r" not in done.stderr and done.stdout == ""
