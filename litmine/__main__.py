"""``python -m litmine``."""

from litmine.cli import run

run()
