#!/usr/bin/env python3
"""dispatch-gen's benchmark, in one run, on the project's own templates and data (issue #21).

    python benchmarks/run.py                  the whole run (PDF of 100 documents: a few minutes)
    python benchmarks/run.py --quick          fewer repetitions, PDF of 20 documents
    python benchmarks/run.py --no-pdf         without LibreOffice (no --ban-in, preview, PDF)
    python benchmarks/run.py --docxtemplater  also docxtemplater (Node): npm installs it into a scratch folder
    python benchmarks/run.py --markdown       also the table as Markdown (the README's)

Each measure against its baseline in the same run — bare docxtpl with the context prepared in
advance (benchmarks/bare_docxtpl.py) and, with ``--docxtemplater``, docxtemplater on a template
made from the same output (benchmarks/node.py, docxtemplater.js):

(a) a cold ``dispatch-gen render`` of the example, whole process, vs a bare docxtpl script
    doing the same render (medians of alternated runs); the same in-process;
(b) 100 per-unit letters in ONE process, ms per letter; and the whole ``--moi-don-vi`` command;
(c) appendices of 1.000 and 10.000 rows, YAML + CSV → .docx, seconds and peak memory, each in
    a fresh process;
(d) ``check`` of a document of about 100 pages; ``check --ban-in`` of 10 letters (one
    LibreOffice start);
(e) the local web page through its API: figures and errors after an edit, the page preview;
(f) PDF conversion of 100 documents (20 with ``--quick``) in one LibreOffice process.

Not a test: timings depend on the machine, so nothing here asserts; pytest does not collect
this folder. The load average is printed with the result: a shared machine is noisy.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import common  # noqa: E402  (benchmarks/common.py)
from common import Line  # noqa: E402


def bench_pdf(work: Path, docs: list[Path], n: int) -> list[Line]:
    from dispatch_gen.output import pdf

    if not pdf.pdf_available():
        return [Line("(f) PDF", "LibreOffice không có: bỏ qua")]
    chosen = docs[:n]
    folder = work / "pdf"
    folder.mkdir()
    t = time.perf_counter()
    pdf.convert_to_pdf(chosen, folder)
    per_doc = (time.perf_counter() - t) / len(chosen)
    return [
        Line(
            f"(f) PDF {len(chosen)} văn bản, một lần gọi LibreOffice",
            f"{per_doc:.2f} s/văn bản",
            "",
            "",
            "≤ 0.3 s/văn bản",
            per_doc <= 0.3,
        )
    ]


# --- report -------------------------------------------------------------------------------

HEAD = ("Phép đo", "dispatch-gen", "docxtpl", "tỷ lệ / ghi chú", "docxtemplater", "tỷ lệ", "mục tiêu", "")


def _cells(x: Line, met_word: str) -> tuple[str, ...]:
    met = "" if x.met is None else ("đạt" if x.met else met_word)
    return (x.name, x.ours, x.docxtpl, x.ratio, x.dtpl, x.dratio, x.target, met)


def table(lines: list[Line]) -> str:
    rows = [HEAD] + [_cells(x, "CHƯA ĐẠT") for x in lines]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEAD))]
    out = []
    for i, r in enumerate(rows):
        out.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if i == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def markdown(lines: list[Line]) -> str:
    out = ["| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
    for x in lines:
        cells = _cells(x, "**chưa đạt**")
        out.append("| " + " | ".join((cells[0].strip(), *cells[1:])) + " |")
    return "\n".join(out)


def machine() -> str:
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPU, "
        f"{platform.system()} {platform.release()}; tải (load average 1/5/15 phút): {load}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions; PDF of 20 documents")
    parser.add_argument("--no-pdf", action="store_true", help="skip what needs LibreOffice")
    parser.add_argument("--docxtemplater", action="store_true", help="also docxtemplater (Node), installed by npm")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown (for the README)")
    parser.add_argument("--only", help="run only these measures, e.g. 'ab' or 'c'")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        import measure_big

        kind, *rest = args.child
        {"appendix": measure_big.child_appendix}[kind](*rest)
        return 0
    import measure_big
    import measure_render
    import measure_web
    import node

    with_node = False
    if args.docxtemplater:
        with_node = node.install() is not None
        if not with_node:
            print("docxtemplater: node/npm missing or npm install failed; measured without it", file=sys.stderr)
    runs = 10 if args.quick else 30
    cold_runs = 7 if args.quick else 15
    repeat = 1 if args.quick else 3
    print(f"dispatch-gen benchmark — {machine()}", flush=True)
    if with_node:
        print(f"docxtemplater {node.version()} (Node {os.popen('node --version').read().strip()})", flush=True)
    lines: list[Line] = []
    with tempfile.TemporaryDirectory(prefix="dispatch-gen-bench-") as tmp:
        work = Path(tmp)
        common.ENV.clear()
        common.ENV.update(common.child_env(work / "pycache"))
        letters: list[Path] = []

        def letters_step() -> list[Line]:
            result, written = measure_render.bench_letters(work, 100, repeat, with_node)
            letters.extend(written)
            return result

        steps: list[tuple[str, Callable[[], list[Line]]]] = [
            ("a", lambda: measure_render.bench_cold(work, cold_runs, with_node) + measure_render.bench_inprocess(runs)),
            ("b", letters_step),
            ("c", lambda: measure_big.bench_appendix(work, [1000, 10_000], with_node)),
            ("d", lambda: measure_big.bench_check(work, max(3, runs // 3), letters, not args.no_pdf)),
            ("e", lambda: measure_web.bench_web(work, runs, not args.no_pdf)),
        ]
        if not args.no_pdf:
            steps.append(("f", lambda: bench_pdf(work, letters, 20 if args.quick else 100) if letters else []))
        for name, step in steps:
            if args.only and name not in args.only:
                continue
            print(f"  ({name}) …", file=sys.stderr, flush=True)
            lines += step()
    print(table(lines))
    print(f"sau khi đo — {machine()}")
    if args.markdown:
        print()
        print(markdown(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
