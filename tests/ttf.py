"""Advance widths read straight from a TrueType font file: an oracle for render/textwidth.

Only what a width needs: the table directory, ``head`` (units per em), ``hhea`` (how many
long metrics), ``cmap`` (format 4, the Unicode BMP subtable) and ``hmtx``. No font library.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from functools import cache
from pathlib import Path

PT_TO_MM = 25.4 / 72


class Font:
    def __init__(self, path: Path) -> None:
        data = path.read_bytes()
        (num_tables,) = struct.unpack_from(">H", data, 4)
        tables = {}
        for i in range(num_tables):
            tag, _sum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            tables[tag.decode("latin-1")] = (offset, length)
        head = tables["head"][0]
        (self.units_per_em,) = struct.unpack_from(">H", data, head + 18)
        (n_long,) = struct.unpack_from(">H", data, tables["hhea"][0] + 34)
        hmtx = tables["hmtx"][0]
        self._advances = [struct.unpack_from(">H", data, hmtx + 4 * i)[0] for i in range(n_long)]
        self._cmap = self._read_cmap(data, tables["cmap"][0])

    @staticmethod
    def _read_cmap(data: bytes, base: int) -> dict[int, int]:
        (_version, count) = struct.unpack_from(">HH", data, base)
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", data, base + 4 + 8 * i)
            sub = base + offset
            if (platform, encoding) in ((3, 1), (0, 3)) and struct.unpack_from(">H", data, sub)[0] == 4:
                break
        else:
            raise ValueError("no format-4 Unicode cmap")
        seg2 = struct.unpack_from(">H", data, sub + 6)[0]
        ends = sub + 14
        starts = ends + seg2 + 2
        deltas = starts + seg2
        ranges = deltas + seg2
        out: dict[int, int] = {}
        for s in range(seg2 // 2):
            end, start = (struct.unpack_from(">H", data, p + 2 * s)[0] for p in (ends, starts))
            delta = struct.unpack_from(">h", data, deltas + 2 * s)[0]
            ro_at = ranges + 2 * s
            (ro,) = struct.unpack_from(">H", data, ro_at)
            for c in range(start, end + 1):
                if c == 0xFFFF:
                    continue
                if ro == 0:
                    g = (c + delta) & 0xFFFF
                else:
                    (g,) = struct.unpack_from(">H", data, ro_at + ro + 2 * (c - start))
                    g = (g + delta) & 0xFFFF if g else 0
                out[c] = g
        return out

    def advance(self, ch: str) -> int:
        """The advance width of ``ch`` in font units (``units_per_em`` to the em)."""
        glyph = self._cmap[ord(ch)]
        return self._advances[min(glyph, len(self._advances) - 1)]

    def width_mm(self, text: str, size_pt: float) -> float:
        return sum(self.advance(c) for c in text) / self.units_per_em * size_pt * PT_TO_MM


@cache
def liberation_serif(bold: bool = False, italic: bool = False) -> Font | None:
    """Liberation Serif (metric-compatible with Times New Roman), found with fc-match; None if absent."""
    if shutil.which("fc-match") is None:
        return None
    style = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic", (True, True): "Bold Italic"}
    style = style[(bold, italic)]
    out = subprocess.run(
        ["fc-match", "-f", "%{file}", f"Liberation Serif:style={style}"], capture_output=True, text=True, check=False
    ).stdout
    path = Path(out)
    if not out or "LiberationSerif" not in path.name or not path.is_file():
        return None
    return Font(path)
