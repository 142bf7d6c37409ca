"""Every package of the source tree is installed by a plain ``pip install .`` (not only editable):
the import and serve commands once went missing from a non-editable install because their
packages were not listed in pyproject.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "dispatch_gen").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found, "no package found: the test would pass on anything"
    assert found - listed == set(), "packages missing from [tool.setuptools] packages in pyproject.toml"
