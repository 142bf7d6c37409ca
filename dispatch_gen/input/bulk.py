"""Work over every unit of a big sheet, with Python's cycle collector paused while it runs.

Reading 10,000 units, computing their figures and writing their table make a million small
objects that live on (records, units, cells, rows); the cycle collector scans all of them
again each time their number grows by a quarter: a fifth of the time of a 10,000-row
appendix, to find nothing (these objects hold no cycles: they are freed by their counts as
ever). :func:`paused` runs a function with it off and turns it back on after, unless it was
off already (a paused function calling another).
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def paused(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn`` run with the cycle collector off (see the module's docstring)."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        was = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if was:
                gc.enable()

    return run
