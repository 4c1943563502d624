"""Session fixtures: the shipped lexicon, the bundled articles and their processed forms."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpora" / "seeds"
CONTRACT = ROOT.parent / "shared" / "tools" / "check_contract.py"
ARTICLES = sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def lex():
    from litmine.lexicon import default_lexicon

    return default_lexicon()


@pytest.fixture(scope="session")
def seed_text():
    return {name: (SEEDS / f"{name}.txt").read_text(encoding="utf-8") for name in ARTICLES}


@pytest.fixture(scope="session")
def processed(lex):
    from litmine.pipeline import process
    from litmine.readers import read

    return {name: process(read(SEEDS / f"{name}.txt"), lex) for name in ARTICLES}


def check_contract(path: Path, mentions: bool = False) -> str:
    """Run the shared contract checker on a table; returns its last line (fails the test if not ok)."""
    if not CONTRACT.is_file():
        pytest.skip("../shared/tools/check_contract.py is not present")
    args = [sys.executable, str(CONTRACT), str(path)] + (["--mentions"] if mentions else [])
    done = subprocess.run(args, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:]
    return done.stdout.strip().splitlines()[-1]
