"""``spec``: a model field with its YAML key, its Vietnamese description and its default.

Shared by :mod:`dispatch_gen.input.model` and :mod:`dispatch_gen.input.unit_model`; the
validator and the JSON Schema read the same metadata.
"""

from __future__ import annotations

from dataclasses import MISSING, field
from typing import Any


def spec(key: str, doc: str, default: Any = MISSING, factory: Any = MISSING, **extra: Any) -> Any:
    """A model field: its YAML key, its Vietnamese description, and its default."""
    meta = {"key": key, "doc": doc, **extra}
    if factory is not MISSING:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)
