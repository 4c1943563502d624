"""``python -m litmine``."""

from litmine.console import entry

entry()
