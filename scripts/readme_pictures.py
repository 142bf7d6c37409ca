"""Regenerate the README pictures from the seed example: its first page and its appendix's first page.

    python scripts/readme_pictures.py            # writes docs/images/trang-1.png and phu-luc.png

The example is rendered with this checkout's code, converted by LibreOffice (one start), and
the two pages are drawn by poppler's ``pdftoppm`` at 60 dpi (an A4 page is 497 x 702 pixels).
The appendix page is found in the printed text (the first page whose first line is "Phụ lục").
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dispatch_gen import pipeline  # noqa: E402
from dispatch_gen.check.printed import read_pdf  # noqa: E402
from dispatch_gen.output import pdf  # noqa: E402

EXAMPLE = ROOT / "examples" / "binh-son-ket-nap-dang-vien-2024.yaml"
IMAGES = ROOT / "docs" / "images"
DPI = 60


def appendix_page(pdf_path: Path) -> int:
    """The number of the first printed page that starts with "Phụ lục"."""
    for page in read_pdf(pdf_path):
        rows = page.content()
        if rows and rows[0][0].text.casefold() == "phụ":
            return page.number
    raise SystemExit(f"{pdf_path}: no page starts with “Phụ lục”")


def draw(pdf_path: Path, page: int, target: Path) -> None:
    """Page ``page`` of ``pdf_path`` as a PNG at :data:`DPI`."""
    binary = shutil.which("pdftoppm")
    if binary is None:
        raise SystemExit("pdftoppm (poppler-utils) is needed: sudo apt-get install poppler-utils")
    stem = target.with_suffix("")
    cmd = [binary, "-png", "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile", str(pdf_path), str(stem)]
    subprocess.run(cmd, check=True, timeout=120)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=IMAGES, help="folder of the pictures (docs/images)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dispatch-gen-pictures-") as folder:
        docx = Path(folder) / "cong-van.docx"
        pipeline.render_file(EXAMPLE, docx)
        (printed,) = pdf.convert_to_pdf([docx])
        args.out.mkdir(parents=True, exist_ok=True)
        draw(printed, 1, args.out / "trang-1.png")
        draw(printed, appendix_page(printed), args.out / "phu-luc.png")
    for name in ("trang-1.png", "phu-luc.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
