"""Moved to :mod:`dispatch_gen.textwidth` (the input stage measures the date line too, and
``check x.yaml`` imports nothing of ``dispatch_gen.render``); kept so that imports of this
name go on working."""

from dispatch_gen.textwidth import PT_TO_MM, width_mm, wrapped_width_mm

__all__ = ["PT_TO_MM", "width_mm", "wrapped_width_mm"]
