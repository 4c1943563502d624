"""Session fixtures: the shipped lexicon, the bundled articles and their processed forms."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# Compiled artefacts (the relation model as a pickle) go to a throwaway cache, not the user's.
os.environ.setdefault("LITMINE_CACHE", tempfile.mkdtemp(prefix="litmine-test-cache-"))

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


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@pytest.fixture(scope="session")
def postgres_url():
    """A throwaway PostgreSQL server on loopback (Debian's postgresql package; .ci/run installs it)."""
    import os
    import shutil
    import socket
    import tempfile

    bindir = _pg_bin()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed (apt-get install postgresql)")
        pytest.skip("PostgreSQL is not installed here (apt-get install postgresql)")
    data = Path(tempfile.mkdtemp(prefix="litmine-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:   # initdb refuses to run as root
        shutil.chown(data, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    run = lambda *cmd: subprocess.run([*as_user, *cmd], check=True, capture_output=True)  # noqa: E731
    run(str(bindir / "initdb"), "-D", str(data / "db"), "-A", "trust", "-U", "postgres", "-E", "UTF8")
    run(str(bindir / "pg_ctl"), "-D", str(data / "db"), "-w", "-l", str(data / "log"), "-o",
        f"-p {port} -k {data} -c listen_addresses=127.0.0.1", "start")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data / "db"), "-m", "fast", "stop")
        shutil.rmtree(data, ignore_errors=True)
