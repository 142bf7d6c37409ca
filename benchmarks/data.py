"""Benchmark inputs made from the project's own example: the same YAML, N units of data.

The units are the example's 39 units repeated as "Chi bộ <k> – <unit>" with seeded figures,
so every benchmark renders the real templates, texts and appendix of the example.
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "binh-son-ket-nap-dang-vien-2024.yaml"
PER_UNIT = EXAMPLES / "binh-son-nhac-nho-don-vi-cham-2024.yaml"
UNITS_CSV = EXAMPLES / "binh-son-don-vi-2024.csv"


def example_units() -> list[dict[str, str]]:
    with UNITS_CSV.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write_units(path: Path, n: int, seed: int = 2024) -> None:
    """A CSV of ``n`` units with the example's columns; the first 39 are the example's own."""
    rng = random.Random(seed)
    base = example_units()
    fields = list(base[0].keys())
    rows = []
    for i in range(n):
        src = dict(base[i % len(base)])
        if i >= len(base):
            quota = rng.randint(1, 12)
            src["Đơn vị"] = f"Chi bộ {i // len(base) + 1} – {src['Đơn vị']}"
            src["Chỉ tiêu"] = str(quota)
            src["Đã kết nạp"] = str(rng.randint(0, quota))
        src["TT"] = str(i + 1)
        rows.append(src)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


def write_input(folder: Path, n: int, source: Path = EXAMPLE) -> Path:
    """``source`` with its data file replaced by ``n`` units (stated totals dropped); returns the YAML."""
    folder.mkdir(parents=True, exist_ok=True)
    csv_name = f"don-vi-{n}.csv"
    write_units(folder / csv_name, n)
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s*tep:\s*).*$", rf"\g<1>{csv_name}", text)
    text = re.sub(r"(?m)^\s*tong_(chi_tieu|dat):.*\n", "", text)
    out = folder / f"{source.stem}-{n}.yaml"
    out.write_text(text, encoding="utf-8")
    return out


def write_long(folder: Path, repeat: int, n: int) -> Path:
    """The example with its body said ``repeat`` times and ``n`` units: a long document for ``check``.

    Repeats after the first leave the footnote reference out (a note is referenced once).
    """
    path = write_input(folder, n)
    text = path.read_text(encoding="utf-8")
    m = re.search(r"(?ms)^noi_dung: \|\n(.*?)(?=^\S)", text)
    assert m, "the example has a noi_dung block"
    body = m.group(1)
    again = re.sub(r"\[\^\w+\]", "", body)
    text = text[: m.start(1)] + body + ("\n" + again) * (repeat - 1) + text[m.end(1) :]
    out = folder / f"dai-{repeat}-{n}.yaml"
    out.write_text(text, encoding="utf-8")
    return out
