"""(c) appendices of many rows, each in its own process; (d) `check` of a long document and of a batch."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import common
import data
import node
from common import Line, ratio

RUN = common.HERE / "run.py"
BARE = common.HERE / "bare_docxtpl.py"
KEYS = ["tt", "ten", "chi_tieu", "dat", "ty_le", "ghi_chu"]


def run_child(*args: str) -> dict[str, Any]:
    return common.json_run([sys.executable, str(RUN), "--child", *args])


def docxtpl_table_template(path: Path) -> None:
    """The project's appendix template with its table marker replaced by a docxtpl ``{%tr for %}`` table."""
    from docx import Document

    from dispatch_gen.input import profile as profiles
    from dispatch_gen.wml.paragraphs import TABLE_MARKER

    doc = Document(str(profiles.template_path("dang", "phu_luc")))
    table = doc.add_table(rows=4, cols=len(KEYS))
    for i, k in enumerate(KEYS):
        table.cell(0, i).text = k.upper()
        table.cell(2, i).text = "{{ r." + k + " }}"
    table.cell(1, 0).text = "{%tr for r in rows %}"
    table.cell(3, 0).text = "{%tr endfor %}"
    marker = next(p for p in doc.paragraphs if p.text.strip() == TABLE_MARKER)
    marker._p.addnext(table._tbl)
    marker._p.getparent().remove(marker._p)
    doc.save(str(path))


def table_payload(yaml_path: Path) -> dict[str, Any]:
    """The same rows as dispatch-gen's appendix, as ready strings, and the heading context."""
    from dispatch_gen import pipeline, vn
    from dispatch_gen.compute import rows as appendix

    ld = pipeline.load(yaml_path)
    spec = ld.dispatch.appendices[0]
    rows = []
    for r in appendix.table_rows(spec, ld.figures):
        rate = vn.format_number(r.tally.rate, ld.figures.rounding.decimals) if r.tally.rate is not None else "-"
        note = "Chưa đạt 50%" if r.unit is not None and r.unit.lagging else ""
        values = [r.seq, r.label, vn.format_number(r.tally.quota), vn.format_number(r.tally.achieved), rate, note]
        rows.append(dict(zip(KEYS, (str(v) for v in values), strict=True)))
    return {"rows": rows, "pl": {"tieu_de": "PHỤ LỤC", "ten": spec.title, "kem_theo": "(kèm theo …)"}}


def bench_appendix(work: Path, sizes: list[int], with_node: bool) -> list[Line]:
    template = work / "docxtpl-bang.docx"
    docxtpl_table_template(template)
    node_template = work / "docxtemplater-bang.docx"
    lines = []
    for n in sizes:
        yaml_path = data.write_input(work / f"app-{n}", n)
        payload = table_payload(yaml_path)
        rows_json = work / f"rows-{n}.json"
        rows_json.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        if with_node and not node_template.exists():
            node.table_template(node_template, KEYS, template, {"pl": payload["pl"]})
        ours = run_child("appendix", str(yaml_path), str(work / f"phu-luc-{n}.docx"))
        bare = common.json_run(
            [sys.executable, str(BARE), "table", str(template), str(rows_json), str(work / f"t-{n}.docx")]
        )
        nd = node.run("one", node_template, payload, work / f"node-{n}.docx", common.ENV) if with_node else None
        big = n >= 10_000
        label = f"{n:,}".replace(",", ".")
        lines.append(
            Line(
                f"(c) phụ lục {label} dòng: YAML + CSV → .docx",
                f"{ours['seconds']:.2f} s",
                f"{bare['seconds']:.2f} s",
                ratio(ours["seconds"], bare["seconds"]),
                "≤ 0.5 s" if big else "",
                ours["seconds"] <= 0.5 if big else None,
                f"{nd['seconds']:.2f} s" if nd else "",
                ratio(ours["seconds"], nd["seconds"] if nd else None),
            )
        )
        lines.append(Line("    trong đó: đọc YAML + CSV + tính số liệu", f"{ours['load']:.2f} s"))
        lines.append(
            Line(
                "    trong đó: bảng + lưu (docxtpl, docxtemplater: bảng + lưu)",
                f"{ours['table']:.2f} s",
                f"{bare['seconds']:.2f} s",
                ratio(ours["table"], bare["seconds"]),
                dtpl=f"{nd['seconds']:.2f} s" if nd else "",
                dratio=ratio(ours["table"], nd["seconds"] if nd else None),
            )
        )
        lines.append(
            Line(
                "    bộ nhớ đỉnh (cả tiến trình)",
                f"{ours['maxrss_mb']:.0f} MB",
                f"{bare['maxrss_mb']:.0f} MB",
                ratio(ours["maxrss_mb"], bare["maxrss_mb"]),
                "≤ 120 MB" if big else "",
                ours["maxrss_mb"] <= 120 if big else None,
                f"{nd['maxrss_mb']:.0f} MB" if nd else "",
                ratio(ours["maxrss_mb"], nd["maxrss_mb"] if nd else None),
            )
        )
    return lines


# --- (d) check ----------------------------------------------------------------------------


def long_document(work: Path) -> Path:
    """A document of about 100 pages: the example's body 6 times and an appendix of 1.300 units."""
    from dispatch_gen import pipeline
    from dispatch_gen.output import save

    yaml_path = data.write_long(work / "dai", 6, 1300)
    out = work / "dai" / "dai.docx"
    doc, _w = pipeline.build_dispatch(pipeline.load(yaml_path))
    save.save_document(doc, out)
    return out


def pages_of(docx: Path, work: Path) -> int | None:
    """Its pages as LibreOffice prints them (None without LibreOffice or pdfinfo)."""
    import shutil

    from dispatch_gen.errors import DispatchError
    from dispatch_gen.output import pdf

    if not pdf.pdf_available() or not shutil.which("pdfinfo"):
        return None
    (work / "dai-pdf").mkdir(exist_ok=True)
    try:
        (printed,) = pdf.convert_to_pdf([docx], work / "dai-pdf")
    except DispatchError:
        return None
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True, check=False).stdout
    return next((int(x.split()[1]) for x in info.splitlines() if x.startswith("Pages:")), None)


def bench_check(work: Path, runs: int, letters: list[Path], printed: bool) -> list[Line]:
    from dispatch_gen.check.rules import judge_file
    from dispatch_gen.input import profile as profiles

    doc = long_document(work)
    pages = pages_of(doc, work) if printed else None
    t_in = common.median_ms(lambda: judge_file(doc, profiles.names()), runs, warmup=1) / 1000
    cmd = [sys.executable, "-m", "dispatch_gen", "check", str(doc)]
    t_cmd = common.alternated({"check": (cmd, None)}, max(3, runs // 3))["check"]
    label = f"{pages} trang" if pages else "≈ 100 trang"
    lines = [
        Line(f"(d) check một văn bản {label}, trong tiến trình", f"{t_in:.2f} s", "", "", "≤ 0.5 s", t_in <= 0.5),
        Line("    cả lệnh check (tiến trình lạnh)", f"{t_cmd:.2f} s"),
    ]
    if printed and letters:
        from dispatch_gen.output import pdf

        if not pdf.pdf_available():
            return [*lines, Line("    check --ban-in", "LibreOffice không có: bỏ qua")]
        batch = letters[:10]
        one = common.wall([sys.executable, "-m", "dispatch_gen", "check", "--ban-in", str(batch[0])])
        many = common.wall([sys.executable, "-m", "dispatch_gen", "check", "--ban-in", *map(str, batch)])
        lines.append(
            Line(
                f"    check --ban-in {len(batch)} văn bản, một lần khởi động LibreOffice",
                f"{many / len(batch):.2f} s/văn bản",
                "",
                f"{many:.1f} s cả lệnh; 1 văn bản: {one:.1f} s",
                "một lần khởi động",
                None,
            )
        )
    return lines


def child_appendix(yaml_path: str, out: str) -> None:
    """In a fresh process: the ``appendix`` command's work, timed from the YAML (imports done)."""
    import resource
    import time

    from dispatch_gen import pipeline
    from dispatch_gen.output import save

    t = time.perf_counter()
    ld = pipeline.load(Path(yaml_path))
    loaded = time.perf_counter()
    save.save_document(pipeline.build_appendices(ld), Path(out))
    end = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": end - t, "load": loaded - t, "table": end - loaded, "maxrss_mb": rss}))


def median(values: list[float]) -> float:
    return statistics.median(values)
