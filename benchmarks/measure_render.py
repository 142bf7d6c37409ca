"""(a) the example, cold (whole process) and in-process; (b) per-unit letters in one process."""

from __future__ import annotations

import io
import json
import shutil
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import common
import data
import node
from common import Line, ratio
from markupsafe import Markup

BARE = common.HERE / "bare_docxtpl.py"


def plain(value: Any) -> Any:
    """A template context as JSON data: strings, numbers, lists, dicts; raw XML as ``{"__raw__": …}``."""
    if isinstance(value, Markup):
        return {"__raw__": str(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def example_context(ld: Any, unit: Any = None) -> dict[str, Any]:
    """The context dispatch-gen gives the dispatch template (a letter's when ``unit`` is given)."""
    from dispatch_gen import pipeline
    from dispatch_gen.render import context, footnotes

    if unit is not None:
        ld = replace(ld, dispatch=replace(ld.dispatch, recipients=[unit.address]))
    texts = pipeline._texts(ld, unit)
    return context.template_context(ld.dispatch, ld.profile, texts, footnotes.Footnotes())


def dispatch_command() -> list[str]:
    """What a clerk types: the console script when it is installed beside this interpreter."""
    exe = Path(sys.executable).with_name("dispatch-gen")
    if exe.exists():
        return [sys.executable, str(exe)]  # its own interpreter line would be the same
    return [sys.executable, "-m", "dispatch_gen"]


# --- (a) ----------------------------------------------------------------------------------


def bench_cold(work: Path, runs: int, with_node: bool) -> list[Line]:
    from dispatch_gen import pipeline
    from dispatch_gen.input import profile as profiles

    ld = pipeline.load(data.EXAMPLE)
    template = profiles.template_path(ld.dispatch.profile, "cong_van")
    ctx = work / "ctx.json"
    ctx.write_text(json.dumps(plain(example_context(ld)), ensure_ascii=False), encoding="utf-8")
    bare_out = work / "cold-docxtpl.docx"
    cmds: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "ours": ([*dispatch_command(), "render", str(data.EXAMPLE), "-o", str(work / "cold.docx"), "--ghi-de"], None),
        "docxtpl": ([sys.executable, str(BARE), "one", str(template), str(ctx), str(bare_out)], None),
        "python": ([sys.executable, "-c", "pass"], None),
    }
    if with_node:
        common.wall(cmds["docxtpl"][0])
        tagged = work / "cold-docxtemplater.docx"
        tags = node.tagged_template(bare_out, tagged)
        payload = work / "cold-docxtemplater-data.json"
        payload.write_text(json.dumps(node.data_of(node.texts_of(bare_out), tags), ensure_ascii=False), "utf-8")
        cmds["node"] = (node.command("one", tagged, payload, work / "cold-node.docx"), node.env(common.ENV))
    med = common.alternated(cmds, runs)
    nd = med.get("node")
    return [
        Line(
            f"(a) `render` ví dụ, cả tiến trình, lạnh (trung vị {runs}, xen kẽ)",
            f"{med['ours']:.3f} s",
            f"{med['docxtpl']:.3f} s",
            ratio(med["ours"], med["docxtpl"]),
            "≤ 1.15× docxtpl",
            med["ours"] / med["docxtpl"] <= 1.15,
            f"{nd:.3f} s" if nd else "",
            ratio(med["ours"], nd),
        ),
        Line("    trong đó: khởi động python trống", f"{med['python']:.3f} s", f"{med['python']:.3f} s"),
    ]


def bench_inprocess(runs: int) -> list[Line]:
    """The example in-process, imports done and caches warm: the work itself."""
    from docxtpl import DocxTemplate

    from dispatch_gen import pipeline
    from dispatch_gen.input import profile as profiles
    from dispatch_gen.output import save

    ld = pipeline.load(data.EXAMPLE)
    ctx = example_context(ld)
    template = profiles.template_path(ld.dispatch.profile, "cong_van")

    def bare() -> bytes:
        tpl = DocxTemplate(template)
        tpl.render(ctx, autoescape=True)
        buf = io.BytesIO()
        tpl.save(buf)
        return buf.getvalue()

    def ours() -> bytes:
        doc, _w = pipeline.build_dispatch(pipeline.load(data.EXAMPLE))
        return save.document_bytes(doc)

    t_bare = common.median_ms(bare, runs)
    t_ours = common.median_ms(ours, runs)
    t_load = common.median_ms(lambda: pipeline.load(data.EXAMPLE), runs)
    return [
        Line(
            "    trong tiến trình (đã nạp mô-đun): YAML → .docx",
            f"{t_ours:.1f} ms",
            f"{t_bare:.1f} ms",
            ratio(t_ours, t_bare),
        ),
        Line("    trong đó: đọc YAML + CSV + tính số liệu", f"{t_load:.1f} ms"),
    ]


# --- (b) ----------------------------------------------------------------------------------


def bench_letters(work: Path, n: int, repeat: int, with_node: bool) -> tuple[list[Line], list[Path]]:
    from dispatch_gen import batch
    from dispatch_gen.input import profile as profiles

    yaml_path = data.write_input(work / "batch", n, source=data.PER_UNIT)
    ld = batch.load_once(yaml_path)
    per_letter = []
    out = work / "letters"
    for k in range(repeat):
        folder = out / str(k)
        folder.mkdir(parents=True)
        jobs = batch.unit_jobs(ld, yaml_path, "tat_ca", folder)
        t = time.perf_counter()
        outcomes = batch.render_jobs(jobs, workers=1, force=True)
        per_letter.append((time.perf_counter() - t) / len(jobs) * 1000)
        assert all(o.ok for o in outcomes), [o.error or o.problems for o in outcomes if not o.ok][:1]
    ours = statistics.median(per_letter)
    written = sorted((out / "0").glob("*.docx"))
    # the same letters through bare docxtpl, one process, contexts prepared in advance
    contexts = [plain(example_context(ld, u)) for u in ld.figures.units]
    ctx = work / "letters-ctx.json"
    ctx.write_text(json.dumps(contexts, ensure_ascii=False), encoding="utf-8")
    template = profiles.template_path(ld.dispatch.profile, "cong_van")
    bare = []
    for k in range(repeat):
        folder = work / "letters-docxtpl" / str(k)
        folder.mkdir(parents=True)
        bare.append(
            common.json_run([sys.executable, str(BARE), "batch", str(template), str(ctx), str(folder)])["per_doc_ms"]
        )
    t_bare = statistics.median(bare)
    t_node = None
    if with_node:
        letters = sorted((work / "letters-docxtpl" / "0").glob("*.docx"))
        tagged = work / "letters-docxtemplater.docx"
        tags = node.tagged_template(letters[0], tagged)
        payload = [node.data_of(node.texts_of(p), tags) for p in letters]
        runs = []
        for k in range(repeat):
            folder = work / "letters-node" / str(k)
            folder.mkdir(parents=True)
            runs.append(node.run("batch", tagged, payload, folder, common.ENV)["per_doc_ms"])
        t_node = statistics.median(runs)
    lines = [
        Line(
            f"(b) {len(written)} công văn riêng từng đơn vị, MỘT tiến trình",
            f"{ours:.1f} ms/văn bản",
            f"{t_bare:.1f} ms",
            ratio(ours, t_bare),
            "≤ 7 ms/văn bản",
            ours <= 7,
            f"{t_node:.1f} ms" if t_node else "",
            ratio(ours, t_node),
        )
    ]
    lines += _letters_command(work, yaml_path)
    return lines, written


def _letters_command(work: Path, yaml_path: Path) -> list[Line]:
    """The whole ``render --moi-don-vi tat_ca`` command (its workers: the CPU count)."""
    import os

    out = work / "batch-out"
    cmd = [*dispatch_command(), "render", str(yaml_path), "--moi-don-vi", "tat_ca", "-o", str(out), "--ghi-de"]
    walls = [common.wall(cmd) for _ in range(3)]
    n = len(list(out.glob("*.docx")))
    seconds = statistics.median(walls)
    return [
        Line(
            f"    cả lệnh render --moi-don-vi ({os.cpu_count()} nhân)",
            f"{seconds / n * 1000:.1f} ms/văn bản",
            "",
            f"{seconds:.2f} s cả lệnh",
        )
    ]


def clean(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
