"""The project's own Word templates pass docxtpl-lint, checked against the contexts they get.

The contexts are the real ones: each example is rendered with engine.render/render_body
recording what each template receives, and each recording is given to the linter as --data
(so a tag naming something the pipeline never provides is an error, DTL301). The filters and
tests are taken from dispatch-gen's own Jinja environment (--jinja-env); --autoescape says we
render with autoescaping on. `verify` renders each template with real docxtpl and sentinel
data and reports output docxtpl would silently drop. A broken copy of a template must fail,
so the test can fail.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dispatch_gen import pipeline
from dispatch_gen.render import engine

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "templates").glob("*/*.docx"))
#: the linter of this interpreter's environment (CI's venv is not on PATH)
LINT = [sys.executable, "-m", "docxtpl_lint"] if importlib.util.find_spec("docxtpl_lint") else None
COMMON = ["--format", "json", "--autoescape", "--jinja-env", "dispatch_gen.render.engine:environment", "--no-config"]
#: `{{r doan }}` prints a RawXml (a markupsafe.Markup, rendered raw as docxtpl's RichText is);
#: in JSON data it can only be a plain string, which the linter warns about (DTL307)
ALLOWED_WARNINGS = {"DTL307"}

pytestmark = pytest.mark.skipif(LINT is None, reason="docxtpl-lint is not installed (pip install docxtpl-lint)")


@pytest.fixture(scope="module")
def contexts(tmp_path_factory) -> dict[str, list[Path]]:
    """Template path → JSON files of the contexts the examples render it with."""
    folder = tmp_path_factory.mktemp("lint-data")
    seen: dict[str, list[dict]] = {}
    real_render, real_body = engine.render, getattr(engine, "render_body", None)

    def record(path, ctx):
        seen.setdefault(str(Path(path).resolve()), []).append(json.loads(json.dumps(ctx, default=str)))

    def render(tpl, ctx, path):
        record(path, ctx)
        return real_render(tpl, ctx, path)

    def render_body(path, ctx):
        record(path, ctx)
        return real_body(path, ctx)

    mp = pytest.MonkeyPatch()
    mp.setattr(engine, "render", render)
    if real_body is not None:
        mp.setattr(engine, "render_body", render_body)
    try:
        for example in sorted((ROOT / "examples").glob("*.yaml")):
            pipeline.render_file(example, folder / f"{example.stem}.docx")
        # the Party examples again under the other rule set, so its templates are linted too
        forced = tmp_path_factory.mktemp("dang-hd05")
        for f in (ROOT / "examples").iterdir():
            if f.is_file():
                shutil.copy(f, forced)
        for example in sorted(forced.glob("*.yaml")):
            text, n = re.subn(r"(?m)^the_thuc: dang\b(?!-)", "the_thuc: dang-hd05", example.read_text(encoding="utf-8"))
            if n:
                example.write_text(text, encoding="utf-8")
                pipeline.render_file(example, folder / f"{example.stem}-hd05.docx")
    finally:
        mp.undo()
    files: dict[str, list[Path]] = {}
    for n, (template, ctxs) in enumerate(sorted(seen.items())):
        for i, ctx in enumerate(ctxs):
            f = folder / f"{n}-{i}.json"
            f.write_text(json.dumps(ctx, ensure_ascii=False), encoding="utf-8")
            files.setdefault(template, []).append(f)
    return files


def lint(*args: str | Path) -> tuple[int, list[dict]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # --jinja-env imports dispatch_gen from this tree
    proc = subprocess.run([*LINT, *map(str, args)], capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    return proc.returncode, [issue for f in report["files"] for issue in f["issues"]]


def test_every_template_is_used_by_an_example(contexts):
    assert sorted(contexts) == [str(t.resolve()) for t in TEMPLATES]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_template_lints_clean_against_the_contexts_it_gets(template, contexts):
    data = [a for f in contexts[str(template.resolve())] for a in ("--data", f)]
    rc, issues = lint(*COMMON, *data, template)
    errors = [i for i in issues if i["severity"] == "error"]
    assert rc == 0 and errors == [], errors
    assert {i["rule"] for i in issues} <= ALLOWED_WARNINGS, issues


def test_templates_lose_no_output_when_docxtpl_renders_them():
    rc, issues = lint("verify", *COMMON, *TEMPLATES)
    assert rc == 0 and issues == [], issues


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    src = next(t for t in TEMPLATES if t.parent.name == "dang-hd36" and t.stem == "cong_van")
    out = tmp_path / "mau.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert old in xml
                data = xml.replace(old, new, 1).encode("utf-8")
            zout.writestr(item, data)
    return out


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        ("{%p endif %}", "", "DTL101"),  # an unclosed block
        ("{{ ky.ho_ten }}", "{{ ky.ho_tenn }}", "DTL301"),  # a name the pipeline never provides
        ("{{ so_ky_hieu }}", "{{ so_ky_hieu | khong_co }}", "DTL104"),  # a filter no environment has
    ],
)
def test_a_broken_template_fails_the_lint(old, new, rule, tmp_path, contexts):
    template = broken_copy(tmp_path, old, new)
    cong_van = next(t for t in TEMPLATES if t.parent.name == "dang-hd36" and t.stem == "cong_van")
    data = [a for f in contexts[str(cong_van.resolve())] for a in ("--data", f)]
    rc, issues = lint(*COMMON, *data, template)
    assert rc == 1 and rule in {i["rule"] for i in issues if i["severity"] == "error"}, issues
