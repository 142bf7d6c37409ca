"""The stress corpus of the layout check (#18): dispatches built from extreme content, as YAML.

Each case draws one value from each axis the issue names, so that together the cases cover the
ends and the middle of every axis: issuing bodies and place names of 2 to 12 words, 1 to 40
recipients, bodies of 1 to 60 paragraphs of varied length (so the signature block lands at
every height of its page), 0 to 500 units in the appendix, signature titles of 1 to 3 lines,
the three rule sets (``dang`` before and after 27/5/2026, ``nha_nuoc``) and every kind of each.
The expected outcome is the rules themselves: no printed finding (``check --ban-in``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dispatch_gen.input import profile as profiles

# (profile name, the_thuc, the date that selects it)
RULE_SETS = (
    ("dang-hd36", "dang", "12/3/2024"),
    ("dang-hd05", "dang", "15/9/2026"),
    ("nha_nuoc", "nha_nuoc", "05/3/2024"),
)

# Issuing bodies and place names of 2 to 12 words (index: the number of words), as offices write them.
BODIES = {
    2: "ĐẢNG ỦY",
    3: "BAN TUYÊN GIÁO",
    4: "HUYỆN ỦY BÌNH SƠN",
    5: "ĐẢNG ỦY XÃ BÌNH SƠN",
    6: "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
    7: "ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN",
    8: "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
    9: "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN BÌNH SƠN",
    10: "BAN TUYÊN GIÁO VÀ DÂN VẬN THÀNH ỦY HẢI PHÒNG",
    11: "SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ HỒ CHÍ MINH",
    12: "BAN CHẤP HÀNH ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH QUẢNG NGÃI",
}
PLACES = {
    2: "Bình Sơn",
    3: "xã Bình Minh",
    4: "Thị trấn Châu Ổ",
    5: "Thành phố Hồ Chí Minh",
    6: "xã Bình Minh huyện Bình Sơn",
    7: "thị trấn Châu Ổ huyện Bình Sơn",
    8: "phường Lê Hồng Phong thành phố Quảng Ngãi",
    9: "xã Bình Minh huyện Bình Sơn tỉnh Quảng Ngãi",
    10: "thị trấn Châu Ổ huyện Bình Sơn tỉnh Quảng Ngãi",
    11: "phường Lê Hồng Phong thành phố Quảng Ngãi tỉnh Quảng Ngãi",
    12: "thị trấn Châu Ổ huyện Bình Sơn tỉnh Quảng Ngãi Việt Nam",
}
# A place of 6 words or more is an address, not one administrative unit's name (NĐ 30 PL I Phần I
# Mục II.4.a, HD 36 1.4.1.a): render warns at dia_danh. Up to 10 words the layout still prints it
# (the place, then the day under it); the places of 11-12 words are wider than any right column even
# alone, so the printed check takes what the clerk writes once warned: the unit's own name.
PRINTED_PLACES = {
    11: "Phường Lê Hồng Phong",
    12: "Thị trấn Châu Ổ",
}
SENTENCE = (
    "Các chi, đảng bộ trực thuộc tập trung chỉ đạo thực hiện tốt công tác tạo nguồn, kết nạp đảng viên",
    "tăng cường kiểm tra, đôn đốc và gửi hồ sơ về Ban Tổ chức trước ngày 30/11",
    "chú trọng xây dựng nguồn trong lực lượng dân quân tự vệ và dự bị động viên ở cơ sở",
    "đẩy mạnh tuyên truyền, vận động quần chúng ưu tú phấn đấu vào Đảng",
)
RECIPIENTS = (
    "Các chi, đảng bộ trực thuộc",
    "Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
    "Ban Tổ chức",
    "Các đồng chí ủy viên Ban Chấp hành",
    "Văn phòng",
    "Phòng Giáo dục và Đào tạo",
)
# Signature titles of one, two and three lines, in each family's own forms (T/M, K/T; TM., KT.)
SIGNERS = {
    "dang": (
        {"chuc_vu": "BÍ THƯ", "ho_ten": "Nguyễn Văn An"},
        {"quyen_han": "T/M BAN THƯỜNG VỤ", "chuc_vu": "PHÓ BÍ THƯ", "ho_ten": "Trần Thị Bình"},
        {"quyen_han": "K/T BÍ THƯ", "chuc_vu": "PHÓ BÍ THƯ\nTHƯỜNG TRỰC", "ho_ten": "Lê Văn Cường"},
    ),
    "nha_nuoc": (
        {"chuc_vu": "CHỦ TỊCH", "ho_ten": "Nguyễn Văn An"},
        {"quyen_han": "TM. ỦY BAN NHÂN DÂN", "chuc_vu": "CHỦ TỊCH", "ho_ten": "Trần Thị Bình"},
        {"quyen_han": "KT. CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH\nTHƯỜNG TRỰC", "ho_ten": "Lê Văn Cường"},
    ),
}
BLOCKS = ("Xã, thị trấn", "Cơ quan", "Trường học", "Y tế")


@dataclass(frozen=True)
class Case:
    """One stress document: its name and the axes it stands for."""

    name: str
    profile: str
    kind: str
    name_words: int
    place_words: int
    recipients: int
    paragraphs: int
    units: int
    title_lines: int

    def label(self) -> str:
        return (
            f"{self.name}: {self.profile} {self.kind}, tên {self.name_words} chữ, địa danh {self.place_words} chữ, "
            f"{self.recipients} nơi nhận, {self.paragraphs} đoạn, {self.units} đơn vị, chức vụ {self.title_lines} dòng"
        )


def spread(i: int, n: int, low: int, high: int) -> int:
    """The i-th of n values spread evenly from ``low`` to ``high`` (both ends reached)."""
    return low if n < 2 else low + round((high - low) * i / (n - 1))


def cases() -> list[Case]:
    """One case per (rule set, kind); the axes spread over them, each reaching both its ends."""
    pairs = [(name, kind) for name, _t, _d in RULE_SETS for kind in profiles.load(name)["kinds"]]
    n = len(pairs)
    rng = random.Random(18)
    order = {axis: rng.sample(range(n), n) for axis in ("name", "place", "rec", "par", "title")}
    unit_counts = [0] * n
    for i, count in zip(rng.sample(range(n), 6), (500, 120, 39, 12, 3, 1), strict=True):
        unit_counts[i] = count
    out = []
    for i, (profile, kind) in enumerate(pairs):
        out.append(
            Case(
                name=f"s{i:02d}-{profile}-{kind}",
                profile=profile,
                kind=kind,
                name_words=spread(order["name"][i], n, 2, 12),
                place_words=spread(order["place"][i], n, 2, 12),
                recipients=spread(order["rec"][i], n, 1, 40),
                paragraphs=spread(order["par"][i], n, 1, 60),
                units=unit_counts[i],
                title_lines=1 + order["title"][i] % 3,
            )
        )
    return out


def document(case: Case, printed: bool = False) -> dict[str, Any]:
    """The YAML mapping of ``case``; ``printed``: with the place the printed check takes
    (:data:`PRINTED_PLACES`)."""
    prof = profiles.load(case.profile)
    the_thuc, date = next((t, d) for name, t, d in RULE_SETS if name == case.profile)
    kind = prof["kinds"][case.kind]
    rng = random.Random(case.name)
    issuer = BODIES[case.name_words]
    doc: dict[str, Any] = {
        "the_thuc": the_thuc,
        "loai": case.kind,
        "co_quan": {
            "cap_tren": BODIES[2 + (case.name_words + 4) % 11],
            "ten": issuer,
            "ky_hieu": "HU",
            "chu_the": "Ban Thường vụ",
        },
        "so": 12,
        "dia_danh": (PRINTED_PLACES if printed else PLACES).get(case.place_words, PLACES[case.place_words]),
        "ngay": date,
        "trich_yeu": "tiếp tục tăng cường lãnh đạo công tác kết nạp đảng viên trong năm",
        "noi_dung": "\n\n".join(_paragraph(rng, k) for k in range(case.paragraphs)),
        "noi_nhan": [
            "Như trên",
            *(f"{RECIPIENTS[k % len(RECIPIENTS)]} {k + 1}" for k in range(case.recipients // 4)),
            "Lưu VP",
        ],
        "ky": dict(SIGNERS[the_thuc][case.title_lines - 1]),
    }
    if kind["addressee"] != "khong":
        doc["kinh_gui"] = [f"{RECIPIENTS[k % len(RECIPIENTS)]} {k + 1}" for k in range(case.recipients)]
    if case.units:
        doc["so_lieu"] = {
            "tinh_den": date,
            "don_vi": [
                {
                    "ten": f"Đảng ủy {'xã' if k % 3 else 'Trường THPT'} Bình {k + 1}",
                    "khoi": BLOCKS[k * len(BLOCKS) // case.units],
                    "chi_tieu": 5 + k % 9,
                    "dat": (k * 7) % (6 + k % 9),
                }
                for k in range(case.units)
            ],
        }
        doc["phu_luc"] = [
            {
                "ten": "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN",
                "cot": [
                    {"truong": "tt", "tieu_de": "TT"},
                    {"truong": "ten", "tieu_de": "Chi, đảng bộ"},
                    {"truong": "chi_tieu", "tieu_de": "Chỉ tiêu"},
                    {"truong": "dat", "tieu_de": "Đã kết nạp"},
                    {"truong": "ty_le", "tieu_de": "Tỷ lệ (%)"},
                    {"truong": "ghi_chu", "tieu_de": "Ghi chú"},
                ],
            }
        ]
    return doc


def _paragraph(rng: random.Random, k: int) -> str:
    """A body paragraph of one to six clauses (one line to most of a page's width many times)."""
    clauses = [SENTENCE[(k + j) % len(SENTENCE)] for j in range(rng.randint(1, 6))]
    text = "; ".join(clauses) + "."
    return text[0].upper() + text[1:]


def write(case: Case, folder: Path, printed: bool = False) -> Path:
    """Write the YAML of ``case`` (see :func:`document`) into ``folder``; return its path."""
    path = folder / f"{case.name}.yaml"
    text = yaml.safe_dump(document(case, printed), allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path
