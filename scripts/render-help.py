"""Re-render litmine/assets/help.txt from typer after the CLI's commands or options change."""

import os
import subprocess
import sys
from pathlib import Path

ASSET = Path(__file__).resolve().parent.parent / "litmine" / "assets" / "help.txt"


def render() -> str:
    """Typer's top-level help at 80 columns without colour."""
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}
    env.pop("FORCE_COLOR", None)
    probe = "from litmine.cli import app\napp(['--help'], prog_name='litmine')"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    return done.stdout


if __name__ == "__main__":
    ASSET.write_text(render(), encoding="utf-8")
    print(f"wrote {ASSET}")
