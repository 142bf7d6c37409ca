"""Build hook: compile the message catalogs (.po → .mo) into the wheel.

Everything else about the package is declared in pyproject.toml. The .mo files are build
products (ignored by git); an editable install has none and compiles the .po in memory
instead (see dispatch_gen/i18n.py).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithCatalogs(build_py):
    """build_py, then a compiled .mo next to every .po of the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        # the package's own compiler, loaded by path: the package is not importable while it builds
        spec = importlib.util.spec_from_file_location(
            "_dispatch_gen_i18n", Path(self.build_lib, "dispatch_gen", "i18n.py")
        )
        assert spec is not None and spec.loader is not None
        i18n = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(i18n)
        for po in sorted(Path(self.build_lib, "dispatch_gen", "locale").glob("*/LC_MESSAGES/*.po")):
            po.with_suffix(".mo").write_bytes(i18n.compile_po(po))


setup(cmdclass={"build_py": BuildPyWithCatalogs})
