"""docxtemplater (Node) as a second baseline (``--docxtemplater``): installed by npm into a scratch
folder, run on templates made from dispatch-gen's own output so that both do the same work.

A docxtemplater template is a rendered document whose every text node became a tag
(``<w:t>{t17}</w:t>``), its data the texts themselves: the same package, the same XML to parse,
substitute and compress. The appendix table is a ``{#rows}…{/rows}`` row loop.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "docxtemplater.js"
#: kept between runs (npm is asked once); under the system's temporary folder
SCRATCH = Path(tempfile.gettempdir()) / "dispatch-gen-bench-node"
PACKAGES = ("docxtemplater", "pizzip")

_TEXT = re.compile(r"<w:t(\s[^>]*)?>([^<]*)</w:t>")


def install() -> Path | None:
    """The scratch folder's node_modules, installing docxtemplater + pizzip on first use; None without node/npm."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return None
    modules = SCRATCH / "node_modules"
    if all((modules / p / "package.json").exists() for p in PACKAGES):
        return modules
    SCRATCH.mkdir(parents=True, exist_ok=True)
    if not (SCRATCH / "package.json").exists():
        (SCRATCH / "package.json").write_text('{"private": true}\n', encoding="utf-8")
    run = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", *PACKAGES], cwd=SCRATCH, capture_output=True, text=True, check=False
    )
    if run.returncode != 0:
        print(f"npm install failed: {run.stderr.strip()[-500:]}")
        return None
    return modules


def version() -> str:
    meta = SCRATCH / "node_modules" / "docxtemplater" / "package.json"
    return json.loads(meta.read_text(encoding="utf-8"))["version"]


def texts_of(docx: Path) -> list[str]:
    """The text nodes of a document's body, in order."""
    with zipfile.ZipFile(docx) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    return [html.unescape(m.group(2)) for m in _TEXT.finditer(xml)]


def tagged_template(docx: Path, out: Path) -> int:
    """``docx`` with every body text node replaced by a tag ``{tN}``; returns the number of tags."""
    count = 0

    def tag(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"<w:t{m.group(1) or ''}>{{t{count - 1}}}</w:t>"

    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = _TEXT.sub(tag, data.decode("utf-8")).encode("utf-8")
            dst.writestr(item.filename, data)
    return count


def data_of(texts: list[str], tags: int) -> dict[str, str]:
    """The data of a tagged template from a document's texts (padded or cut to the template's tags)."""
    padded = (texts + [""] * tags)[:tags]
    return {f"t{i}": t for i, t in enumerate(padded)}


def table_template(path: Path, keys: list[str], docxtpl_template: Path, heading: dict[str, Any]) -> None:
    """The docxtpl table template with its heading filled in and its ``{%tr for %}`` rows replaced by a
    ``{#rows}`` row loop (its Jinja tags are not docxtemplater's)."""
    from docx import Document
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(docxtpl_template))
    tpl.render({"rows": [], **heading}, autoescape=True)
    tpl.save(str(path))
    doc = Document(str(path))
    table = doc.tables[-1]
    cells = table.add_row().cells
    for i, k in enumerate(keys):
        cells[i].text = ("{#rows}" if i == 0 else "") + "{" + k + "}" + ("{/rows}" if i == len(keys) - 1 else "")
    doc.save(str(path))


def command(mode: str, template: Path, data: Path, out: Path) -> list[str]:
    return [shutil.which("node") or "node", str(SCRIPT), mode, str(template), str(data), str(out)]


def env(base: dict[str, str]) -> dict[str, str]:
    return {**base, "NODE_PATH": str(SCRATCH / "node_modules")}


def run(mode: str, template: Path, payload: Any, out: Path, base_env: dict[str, str]) -> dict[str, Any]:
    """One node process; its JSON line plus ``wall`` (the whole process, seconds)."""
    data = out.parent / f"{out.stem}-data.json"
    data.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    t = time.perf_counter()
    done = subprocess.run(command(mode, template, data, out), env=env(base_env), capture_output=True, text=True)
    wall = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"docxtemplater failed: {done.stderr.strip()[-1000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result
