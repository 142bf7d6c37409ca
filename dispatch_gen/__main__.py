"""``python -m dispatch_gen``."""

from dispatch_gen.cli import run

run()
