"""``python -m dispatch_gen``."""

from .cli import run

run()
