"""Every bad input gets a clear, located message (exit 1), and nothing is lost.

The corpus in tests/bad/ holds one fault per file; tests/bad/expected.yaml says, for each,
the exit status, the place (FILE:LINE:COLUMN), the field and a key part of the message.
Each file goes through the CLI in-process for render, check and appendix: exit 1, the
located message, no traceback, no output file created, an earlier output byte-identical
and no temporary file left beside it. The cases that need generated files (a 50 MB file,
Excel sheets, broken templates, unwritable outputs) are made here in tmp_path.
"""

from __future__ import annotations

import errno
import os
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document
from lxml import etree

from dispatch_gen import cli
from dispatch_gen.output import save

from .docx_read import W, all_parts_parse

BAD = Path(__file__).parent / "bad"
VALID = BAD / "hop-le.yaml"
EXPECTED: dict[str, dict] = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))
TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "dang-hd36" / "cong_van.docx"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    rc = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def assert_clean_failure(rc: int, err: str) -> None:
    assert rc == 1, err
    assert "Traceback" not in err and "lỗi nội bộ" not in err, err


def docx_text(path: Path, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read(part))
    return "".join(t.text or "" for t in root.iter(f"{W}t"))


@pytest.fixture(scope="session")
def earlier(tmp_path_factory) -> bytes:
    """A good .docx that stands where the bad input's output would go."""
    out = tmp_path_factory.mktemp("earlier") / "cong-van.docx"
    assert cli.main(["render", str(VALID), "-o", str(out)]) == 0
    return out.read_bytes()


def valid_text(**replace: str) -> str:
    text = VALID.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def write_case(tmp_path: Path, text: str, name: str = "cong-van.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# --- the corpus --------------------------------------------------------------------------


def test_corpus_is_complete_and_large_enough():
    files = {p.name for p in BAD.glob("*.yaml")} - {"expected.yaml", VALID.name}
    assert files == set(EXPECTED)
    assert len(EXPECTED) >= 60
    for name, e in EXPECTED.items():
        assert e["exit"] == 1 and e["message"] and e["mo_ta"], name


def test_the_valid_base_renders(tmp_path, capsys):
    """Each bad file is this one with one fault: the fault, not the rest, is refused."""
    out = tmp_path / "cv.docx"
    rc, _out, err = run(capsys, "render", VALID, "-o", out)
    assert rc == 0, err
    all_parts_parse(out)


def located(name: str, e: dict) -> str:
    """The head of the expected message line: FILE:LINE:COLUMN: field:"""
    file = e.get("file", name)
    if e["line"] is None:
        return f"{file}:"
    if e["line"] == 0:
        return f"{file}: " + (f"{e['field']}: " if e["field"] else "")
    return f"{file}:{e['line']}:{e['column']}: " + (f"{e['field']}: " if e["field"] else "")


@pytest.mark.parametrize("command", ["render", "check", "appendix"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_is_refused_with_a_located_message(name, command, tmp_path, capsys, monkeypatch, earlier):
    e = EXPECTED[name]
    monkeypatch.chdir(BAD)  # file names as the user types them
    out = tmp_path / "cong-van.docx"
    argv = [command, name]
    if command == "appendix":
        out.write_bytes(earlier)  # a good earlier output must survive byte for byte
    if command != "check":
        argv += ["-o", out]
    rc, _stdout, err = run(capsys, *argv)
    assert rc == e["exit"], err
    assert "Traceback" not in err and "lỗi nội bộ" not in err, err
    lines = [ln for ln in err.splitlines() if ln.startswith(located(name, e)) and e["message"] in ln]
    assert lines, f"want {located(name, e)} … {e['message']}\ngot:\n{err}"
    if command == "appendix":
        assert out.read_bytes() == earlier
        assert sorted(p.name for p in tmp_path.iterdir()) == ["cong-van.docx"]
    else:
        assert not out.exists() and not list(tmp_path.iterdir())


# --- sizes --------------------------------------------------------------------------------


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path, capsys):
    big = tmp_path / "lon.yaml"
    line = b"- Dong ke tiep cua mot danh sach rat dai, dan nham tu dau do\n"
    with big.open("wb") as fh:
        fh.write(b"kinh_gui:\n")
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size >= 50 * 1024 * 1024
    rc, _out, err = run(capsys, "render", big, "-o", tmp_path / "o.docx")
    assert_clean_failure(rc, err)
    assert f"{big}: tệp quá lớn (50.0 MB, tối đa 2 MB)" in err
    assert not (tmp_path / "o.docx").exists()


def test_a_text_over_the_limit_is_refused_at_its_field(tmp_path, capsys):
    p = write_case(tmp_path, valid_text(**{"trich_yeu: Đôn đốc kết nạp đảng viên": "trich_yeu: " + "dài " * 25001}))
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert_clean_failure(rc, err)
    assert f"{p}:11:1: trich_yeu: nội dung quá dài (100003 ký tự, tối đa 100000)" in err


def test_long_texts_within_the_limit_render_to_a_valid_document(tmp_path, capsys):
    name = "Đảng ủy xã " + "Bình An rất dài " * 40
    body = "\n\n".join("Đoạn " + "văn bản dài & <dài> " * 200 for _ in range(12))
    text = valid_text(
        **{
            "trich_yeu: Đôn đốc kết nạp đảng viên": "trich_yeu: " + "Đôn đốc kết nạp đảng viên " * 80,
            "Đảng ủy xã Bình An": name.strip(),
            "  Đề nghị các đơn vị khẩn trương thực hiện.": "  " + body.replace("\n\n", "\n\n  "),
        }
    )
    p = write_case(tmp_path, text)
    out = tmp_path / "o.docx"
    rc, _out, err = run(capsys, "render", p, "-o", out)
    assert rc == 0, err
    all_parts_parse(out)
    assert name.strip() in docx_text(out)


# --- legacy encodings ---------------------------------------------------------------------


LEGACY = {
    "cap_tren": "ĐẢNG BỘ TỈNH QUẢNG NGÃI",
    "ho_ten": "Nguyễn Văn Thái",
    "don_vi": "Đảng ủy xã Bình Hòa",
    "noi_dung": "Đề nghị các đơn vị khẩn trương thực hiện.",
}

#: The same four texts as an old font wrote them, byte by byte from the published code charts
#: (independent of dispatch_gen.input.legacy's tables), read as Latin-1 like a pasted text.
#: TCVN3 (TCVN 5712:1993 VN3, ".VnTime"): one byte per letter; Đ A7, đ AE, ă A8, ơ AC, ư AD;
#: à B5 ả B6 ã B7 á B8 ạ B9, ẩ C8, ề D2, ễ D4, ệ D6, ì D7, ỉ D8, ị DE, ò DF, ộ E9, ủ F1, ự F9.
#: It has no toned capitals: "ĐẢNG" is typed with the small ả (B6), the ".VnTimeH" font
#: drawing it as a capital.
#: VNI Windows: a letter, then a mark byte; sắc F9, huyền F8, hỏi FB, ngã F5, nặng EF (capitals
#: D9 D8 DB D5 CF); â/ê/ô + tone: E1 E0 E5 E3 E4 (capital C4 for nặng); ă = a EA; ơ F4, ư F6;
#: đ F1, Đ D1; the i's are one byte: ì EC, ỉ E6 (capital C6), ị F2.
CODED = {
    "TCVN3": {
        "cap_tren": b"\xa7\xb6NG B\xe9 T\xd8NH QU\xb6NG NG\xb7I",
        "ho_ten": b"Nguy\xd4n V\xa8n Th\xb8i",
        "don_vi": b"\xa7\xb6ng \xf1y x\xb7 B\xd7nh H\xdfa",
        "noi_dung": b"\xa7\xd2 ngh\xde c\xb8c \xae\xacn v\xde kh\xc8n tr\xad\xacng th\xf9c hi\xd6n.",
    },
    "VNI": {
        "cap_tren": b"\xd1A\xdbNG BO\xc4 T\xc6NH QUA\xdbNG NGA\xd5I",
        "ho_ten": b"Nguye\xe3n Va\xean Tha\xf9i",
        "don_vi": b"\xd1a\xfbng u\xfby xa\xf5 B\xecnh Ho\xf8a",
        "noi_dung": b"\xd1e\xe0 ngh\xf2 ca\xf9c \xf1\xf4n v\xf2 kha\xe5n tr\xf6\xf4ng th\xf6\xefc hie\xe4n.",
    },
}


def legacy_case(tmp_path: Path, encoding: str) -> Path:
    enc = {k: v.decode("latin-1") for k, v in CODED[encoding].items()}
    text = valid_text(
        **{
            "  cap_tren: ĐẢNG BỘ TỈNH QUẢNG NGÃI": "  cap_tren: " + enc["cap_tren"],
            "  ho_ten: Nguyễn Văn Thái": "  ho_ten: " + enc["ho_ten"],
            "{ten: Đảng ủy xã Bình Hòa,": "{ten: " + enc["don_vi"] + ",",
            "  Đề nghị các đơn vị khẩn trương thực hiện.": "  " + enc["noi_dung"],
        }
    )
    return write_case(tmp_path, text)


@pytest.mark.parametrize("encoding", ["TCVN3", "VNI"])
def test_legacy_text_is_reported_at_each_field(encoding, tmp_path, capsys):
    p = legacy_case(tmp_path, encoding)
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert_clean_failure(rc, err)
    for head in (
        f"{p}:4:13: co_quan.cap_tren: ",
        f"{p}:18:1: noi_dung: ",
        f"{p}:27:11: ky.ho_ten: ",
        f"{p}:32:13: so_lieu.don_vi[1].ten: ",
    ):
        line = next((ln for ln in err.splitlines() if ln.startswith(head)), "")
        assert f"có vẻ là mã {encoding} cũ" in line and "--chuyen-ma-cu" in line, err
    assert "nghĩa là “Nguyễn Văn Thái”" in err
    assert not (tmp_path / "o.docx").exists()


@pytest.mark.parametrize("option", ["--chuyen-ma-cu", "--convert-legacy"])
@pytest.mark.parametrize("encoding", ["TCVN3", "VNI"])
def test_legacy_text_is_converted_on_request(encoding, option, tmp_path, capsys):
    p = legacy_case(tmp_path, encoding)
    out = tmp_path / "o.docx"
    rc, _out, err = run(capsys, "render", p, "-o", out, option)
    assert rc == 0, err
    assert err.count(f"đã chuyển chữ mã {encoding} cũ sang Unicode") == 4
    text = docx_text(out)
    for word in LEGACY.values():
        assert word in text
    assert not set("¶·¸µ®§ñûõù") & set(text.replace("Đ", ""))
    rc, _out, err = run(capsys, "check", p, option)
    assert rc == 0, err
    rc, _out, err = run(capsys, "appendix", p, "-o", tmp_path / "pl.docx", option)
    assert rc == 0, err
    assert "Đảng ủy xã Bình Hòa" in docx_text(tmp_path / "pl.docx")


def test_legacy_text_in_a_spreadsheet_cell_is_converted_on_request(tmp_path, capsys):
    shutil.copytree(BAD / "so-lieu", tmp_path / "so-lieu")
    shutil.copy(BAD / "csv-tcvn3.yaml", tmp_path / "cv.yaml")
    out = tmp_path / "o.docx"
    rc, _out, err = run(capsys, "render", tmp_path / "cv.yaml", "-o", out)
    assert_clean_failure(rc, err)
    assert "tcvn3.csv:3:3: C3: “§¶ng ñy x· B×nh Hßa” có vẻ là mã TCVN3 cũ" in err
    rc, _out, err = run(capsys, "render", tmp_path / "cv.yaml", "-o", out, "--chuyen-ma-cu")
    assert rc == 0, err
    assert "tcvn3.csv:3:3: cảnh báo: C3: đã chuyển chữ mã TCVN3 cũ" in err
    assert "Đảng ủy xã Bình Hòa" in docx_text(out)


# --- text hygiene ---------------------------------------------------------------------------


def test_decomposed_text_is_normalised_silently(tmp_path, capsys):
    nfd = unicodedata.normalize("NFD", "Đôn đốc kết nạp đảng viên")
    assert nfd != "Đôn đốc kết nạp đảng viên"
    p = write_case(tmp_path, valid_text(**{"trich_yeu: Đôn đốc kết nạp đảng viên": "trich_yeu: " + nfd}))
    out = tmp_path / "o.docx"
    rc, _out, err = run(capsys, "render", p, "-o", out)
    assert rc == 0 and "trich_yeu" not in err, err
    text = docx_text(out)
    assert "Đôn đốc kết nạp đảng viên" in text and unicodedata.is_normalized("NFC", text)


def test_control_characters_are_removed_with_a_warning_naming_the_field(tmp_path, capsys):
    """Raw (pasted from Word, which PyYAML refuses to read) and escaped ("\\v") alike."""
    text = valid_text(
        **{
            "trich_yeu: Đôn đốc kết nạp đảng viên": "trich_yeu: Đôn đốc\x0b kết\x07 nạp đảng viên",
            "  - Ban Tổ chức Huyện ủy": '  - "Ban Tổ chức\\v Huyện ủy\\x1b"',
            "  Đề nghị các đơn vị": "  Đề\x1f nghị\ufffe các đơn vị",
        }
    )
    p = write_case(tmp_path, text)
    out = tmp_path / "o.docx"
    rc, _out, err = run(capsys, "render", p, "-o", out)
    assert rc == 0, err
    for head in (
        f"{p}:11:12: cảnh báo: trich_yeu: ",
        f"{p}:14:5: cảnh báo: kinh_gui[1]: ",
        f"{p}:15:11: cảnh báo: noi_dung: ",
    ):
        assert any(ln.startswith(head) and "ký tự điều khiển" in ln for ln in err.splitlines()), err
    all_parts_parse(out)
    body = docx_text(out)
    assert "Đôn đốc kết nạp đảng viên" in body and "Ban Tổ chức Huyện ủy" in body and "Đề nghị các đơn vị" in body
    assert not any(unicodedata.category(c) == "Cc" for c in body)


def test_escaped_surrogates_pair_up_or_are_removed(tmp_path, capsys):
    """An escaped pair "\\ud83d\\ude00" is one emoji; a lone "\\ud99e" cannot be in XML (it broke the render)."""
    text = valid_text(
        **{
            "dia_danh: Bình Sơn": 'dia_danh: "Bình \\ud99e Sơn"',
            "trich_yeu: Đôn đốc kết nạp đảng viên": 'trich_yeu: "Đôn đốc \\ud83d\\ude00 kết nạp"',
        }
    )
    p = write_case(tmp_path, text)
    out = tmp_path / "o.docx"
    rc, _out, err = run(capsys, "render", p, "-o", out)
    assert rc == 0, err
    assert f"{p}:9:11: cảnh báo: dia_danh: đã bỏ các ký tự điều khiển" in err and "trich_yeu" not in err
    all_parts_parse(out)
    body = docx_text(out)
    assert "Bình  Sơn" in body and "Đôn đốc \U0001f600 kết nạp" in body


SPECIAL = "<&> \"x\" 'y'"


def test_ampersand_and_angle_brackets_show_in_every_kind_of_text(tmp_path, capsys):
    def q(s: str) -> str:
        return '"' + s.replace('"', '\\"') + '"'

    text = valid_text(
        **{
            "  cap_tren: ĐẢNG BỘ TỈNH QUẢNG NGÃI": f"  cap_tren: {q('ĐẢNG BỘ ' + SPECIAL)}",
            "  ten: HUYỆN ỦY BÌNH SƠN": f"  ten: {q('HUYỆN ỦY ' + SPECIAL)}",
            "  ky_hieu: HU": f"  ky_hieu: {q('H&U<>')}",
            "dia_danh: Bình Sơn": f"dia_danh: {q('Bình Sơn ' + SPECIAL)}",
            "trich_yeu: Đôn đốc kết nạp đảng viên": f"trich_yeu: {q('Trích yếu ' + SPECIAL)}",
            "  - Ban Tổ chức Huyện ủy": f"  - {q('Kính gửi ' + SPECIAL)}",
            "  Đề nghị các đơn vị khẩn trương thực hiện.": "  Nội dung <a> & b > c.",
            "  a: Theo báo cáo của các đơn vị.": f"  a: {q('Chú thích ' + SPECIAL)}",
            "  - Lưu VPHU": f"  - {q('Nơi nhận ' + SPECIAL)}",
            "  quyen_han: T/M BAN THƯỜNG VỤ": f"  quyen_han: {q('T/M BAN ' + SPECIAL)}",
            "  chuc_vu: PHÓ BÍ THƯ": f"  chuc_vu: {q('PHÓ ' + SPECIAL)}",
            "  ho_ten: Nguyễn Văn Thái": f"  ho_ten: {q('Người ký ' + SPECIAL)}",
            "{ten: Đảng ủy xã Bình An, khoi: Xã,": f"{{ten: {q('Đơn vị ' + SPECIAL)}, khoi: {q('Khối ' + SPECIAL)}, "
            f"ghi_chu: {q('Ghi chú ' + SPECIAL)},",
            "  - ten: KẾT QUẢ KẾT NẠP ĐẢNG VIÊN": f"  - ten: {q('PHỤ LỤC ' + SPECIAL)}\n"
            f"    dong_tong: {q('Tổng ' + SPECIAL)}",
            "so: 12": f"so: 12\ndau_muc_do: [{q('KHẨN ' + SPECIAL)}]",
        }
    )
    p = write_case(tmp_path, text)
    out = tmp_path / "o.docx"
    rc, _out, err = run(capsys, "render", p, "-o", out)
    assert rc == 0, err
    all_parts_parse(out)
    Document(str(out))
    body, notes = docx_text(out), docx_text(out, "word/footnotes.xml")
    for label in ("ĐẢNG BỘ", "HUYỆN ỦY", "Bình Sơn", "Trích yếu", "Kính gửi", "Nơi nhận", "T/M BAN", "PHÓ", "Người ký"):
        assert f"{label} {SPECIAL}" in body, label
    for label in ("Đơn vị", "Khối", "Ghi chú", "PHỤ LỤC", "Tổng", "KHẨN"):
        assert f"{label} {SPECIAL}" in body, label
    assert "H&U<>" in body and "Nội dung <a> & b > c." in body
    assert f"Chú thích {SPECIAL}" in notes


def test_jinja_in_plain_fields_is_printed_as_written(tmp_path, capsys):
    """A unit's name is data: printed as written. A recipient and the signer's name are text
    fields (issue 16 item 6): their {{ … }} are evaluated."""
    tag = "{{ 7*7 }} {% if true %}x{% endif %}"
    text = valid_text(
        **{
            "  - Ban Tổ chức Huyện ủy": f'  - "Ban {tag}"',
            "  ho_ten: Nguyễn Văn Thái": f'  ho_ten: "Thái {tag}"',
            "{ten: Đảng ủy xã Bình An,": f'{{ten: "Bình An {tag}",',
        }
    )
    p = write_case(tmp_path, text)
    out = tmp_path / "o.docx"
    rc, _out, err = run(capsys, "render", p, "-o", out)
    assert rc == 0, err
    body = docx_text(out)
    assert f"Bình An {tag}" in body
    assert "Ban 49 x" in body and "Thái 49 x" in body and f"Ban {tag}" not in body


def test_sandbox_refuses_python_internals_everywhere_it_evaluates(tmp_path, capsys):
    for field, old, new in (
        ("noi_dung", "  Đề nghị các đơn vị khẩn trương thực hiện.", "  {{ ''.__class__.__mro__[1].__subclasses__() }}"),
        ("chu_thich.a", "  a: Theo báo cáo của các đơn vị.", '  a: "{{ cycler.__init__.__globals__.os }}"'),
        ("noi_dung", "  Đề nghị các đơn vị khẩn trương thực hiện.", "  {{ tong.items.__self__.__class__ }}"),
    ):
        p = write_case(tmp_path, valid_text(**{old: new}))
        rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
        assert_clean_failure(rc, err)
        assert f": {field}: " in err and ("không được phép" in err or "chưa có" in err), err
        assert "<class" not in err
        assert not (tmp_path / "o.docx").exists()


# --- referenced spreadsheets -------------------------------------------------------------------

UNITS = (
    "  don_vi:\n    - {ten: Đảng ủy xã Bình An, khoi: Xã, chi_tieu: 10, dat: 8}\n"
    "    - {ten: Đảng ủy xã Bình Hòa, khoi: Xã, chi_tieu: 6, dat: 2}\n"
)


def sheet_case(tmp_path: Path, sheet_ref: str) -> Path:
    return write_case(tmp_path, valid_text(**{UNITS: f"  tep: {sheet_ref}\n"}))


def make_xlsx(path: Path, rows: list[list], merge: list[str] = (), title: str = "Số liệu") -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for rng in merge:
        ws.merge_cells(rng)
    wb.save(path)


def test_xlsx_with_merged_group_cells_renders(tmp_path, capsys):
    make_xlsx(
        tmp_path / "so-lieu.xlsx",
        [
            ["BẢNG SỐ LIỆU KẾT NẠP ĐẢNG VIÊN", None, None, None],
            [],
            ["Khối", "Đơn vị", "Chỉ tiêu", "Đã kết nạp"],
            ["Xã, thị trấn", "Đảng ủy xã Bình An", 10, 8],
            [None, "Đảng ủy xã Bình Hòa", 6, 2],
            [None, None, None, None],
            ["Cơ quan", "Chi bộ Văn phòng", 2, 2],
        ],
        merge=["A1:D1", "A4:A5"],
    )
    p = sheet_case(tmp_path, "so-lieu.xlsx")
    out = tmp_path / "o.docx"
    rc, _out, err = run(capsys, "render", p, "-o", out)
    assert rc == 0, err
    body = docx_text(out)
    assert "12/18" in body  # the empty row is skipped, the merged "Khối" filled down
    assert "Xã, thị trấn" in body and "Cơ quan" in body


def test_xlsx_empty_cell_wrong_sheet_and_broken_file_are_located(tmp_path, capsys):
    make_xlsx(
        tmp_path / "so-lieu.xlsx",
        [["Đơn vị", "Chỉ tiêu", "Đã kết nạp"], ["Đảng ủy xã Bình An", 10, 8], ["Đảng ủy xã Bình Hòa", None, 2]],
    )
    p = sheet_case(tmp_path, "so-lieu.xlsx")
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert_clean_failure(rc, err)
    assert "so-lieu.xlsx:3:2: Số liệu!B3 (Chỉ tiêu): còn trống; cần một số nguyên" in err

    p = write_case(tmp_path, valid_text(**{UNITS: "  tep: so-lieu.xlsx\n  trang: So lieu\n"}))
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert_clean_failure(rc, err)
    assert "không có trang tính “So lieu”; các trang: Số liệu (có phải “Số liệu”?)" in err

    (tmp_path / "hong.xlsx").write_text("không phải tệp Excel", encoding="utf-8")
    p = sheet_case(tmp_path, "hong.xlsx")
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert_clean_failure(rc, err)
    assert "hong.xlsx: không mở được tệp Excel" in err
    assert not (tmp_path / "o.docx").exists()


def test_a_link_out_of_the_yaml_folder_is_refused_like_a_path(tmp_path, capsys):
    """The rule "beside the YAML, never outside it" holds through a symbolic link too."""
    outside = tmp_path / "ngoai.csv"
    shutil.copy(BAD / "so-lieu" / "dung.csv", outside)
    folder = tmp_path / "cong-van"
    folder.mkdir()
    (folder / "so-lieu.csv").symlink_to(outside)
    p = write_case(folder, valid_text(**{UNITS: "  tep: so-lieu.csv\n"}))
    rc, _out, err = run(capsys, "render", p, "-o", folder / "o.docx")
    assert_clean_failure(rc, err)
    assert f"{p}:30:3: so_lieu.tep: tệp “so-lieu.csv” nằm ngoài thư mục của tệp YAML" in err


def test_a_spreadsheet_in_a_subfolder_is_accepted(tmp_path, capsys):
    shutil.copytree(BAD / "so-lieu", tmp_path / "so-lieu")
    p = sheet_case(tmp_path, "so-lieu/dung.csv")
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert rc == 0, err


# --- input and output paths -----------------------------------------------------------------


def test_input_that_is_missing_or_a_folder(tmp_path, capsys):
    rc, _out, err = run(capsys, "render", tmp_path / "khong-co.yaml")
    assert_clean_failure(rc, err)
    assert "khong-co.yaml: không tìm thấy tệp" in err
    rc, _out, err = run(capsys, "render", tmp_path)
    assert_clean_failure(rc, err)
    assert f"{tmp_path}: đây là một thư mục" in err


def test_output_in_a_missing_folder_or_onto_a_folder(tmp_path, capsys):
    rc, _out, err = run(capsys, "render", VALID, "-o", tmp_path / "chua-co" / "o.docx")
    assert_clean_failure(rc, err)
    assert "thư mục" in err and "không tồn tại" in err
    assert not (tmp_path / "chua-co").exists()
    (tmp_path / "o.docx").mkdir()
    rc, _out, err = run(capsys, "render", VALID, "-o", tmp_path / "o.docx")
    assert_clean_failure(rc, err)
    assert "đây là một thư mục, cần tên tệp" in err


def test_output_onto_a_pipe_is_refused_not_replaced(tmp_path, capsys):
    fifo = tmp_path / "ong.docx"
    os.mkfifo(fifo)
    rc, _out, err = run(capsys, "render", VALID, "-o", fifo)
    assert_clean_failure(rc, err)
    assert "không phải tệp thường" in err
    assert fifo.is_fifo()


def test_output_without_permission(tmp_path, capsys, monkeypatch, earlier):
    out = tmp_path / "o.docx"
    out.write_bytes(earlier)
    if os.geteuid() == 0:  # root writes anywhere: make the temp file refuse instead

        def refuse(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr("dispatch_gen.output.save.create_temp", refuse)
    else:
        tmp_path.chmod(0o500)
    try:
        rc, _out, err = run(capsys, "render", VALID, "-o", out)
    finally:
        tmp_path.chmod(0o700)
    assert_clean_failure(rc, err)
    assert f"{out}: không có quyền ghi vào thư mục" in err
    assert out.read_bytes() == earlier
    assert [p.name for p in tmp_path.iterdir()] == ["o.docx"]


def test_a_full_disk_leaves_the_earlier_file_and_no_temp_file(tmp_path, capsys, monkeypatch, earlier):
    out = tmp_path / "o.docx"
    out.write_bytes(earlier)

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    rc, _out, err = run(capsys, "render", VALID, "-o", out)
    assert_clean_failure(rc, err)
    assert f"{out}: không ghi được (No space left on device)" in err
    assert out.read_bytes() == earlier
    assert [p.name for p in tmp_path.iterdir()] == ["o.docx"]


def test_a_symlinked_output_replaces_its_target_and_keeps_the_link(tmp_path, capsys):
    target = tmp_path / "that.docx"
    target.write_bytes(b"old")
    link = tmp_path / "link.docx"
    link.symlink_to(target)
    rc, _out, err = run(capsys, "render", VALID, "-o", link, "--ghi-de")  # "old" is no earlier output
    assert rc == 0, err
    assert link.is_symlink() and zipfile.is_zipfile(target)


def test_unknown_profile_for_check_is_a_located_usage_error(tmp_path, capsys, earlier):
    out = tmp_path / "o.docx"
    out.write_bytes(earlier)
    rc, _out, err = run(capsys, "check", out, "--profile", "dangg")
    assert_clean_failure(rc, err)
    assert f"{out}: --profile: không có hồ sơ thể thức “dangg”" in err and "có phải “dang”?" in err


# --- user templates ---------------------------------------------------------------------------


def template_variant(path: Path, old: str, new: str) -> Path:
    with zipfile.ZipFile(TEMPLATE) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert old in xml, old
                data = xml.replace(old, new, 1).encode("utf-8")
            zout.writestr(item, data)
    return path


@pytest.mark.parametrize(
    ("old", "new", "place", "why"),
    [
        ("{{ ky.ho_ten }}", "{{ ky.ho_ten }", "bảng 2, hàng 1, ô 2", "thẻ mở chưa được đóng bằng “}}”"),
        ("{{ so_ky_hieu }}", "{{ so ky hieu }}", "bảng 1, hàng 2, ô 1", "expected token 'end of print statement'"),
        ("{%p endif %}", "", "bảng 1, hàng 1, ô 1", "khối “if” mở ở đây chưa được đóng bằng “endif”"),
        ("{%p endif %}", "{%p endiff %}", "bảng 1, hàng 1, ô 1", "“endiff” không khớp với khối đang mở"),
        ("{{ trich_yeu_in }}", "{{ trich_yeu_inn }}", "bảng 1, hàng 2, ô 1", "'trich_yeu_inn' is undefined"),
        ("{{ ky.chuc_vu }}", "{{ ky.chuc_vu + 1 }}", "bảng 2, hàng 1, ô 2", "can only concatenate str"),
        ("{{ ky.chuc_vu }}", "{{ ky.__class__.__mro__ }}", "bảng 2, hàng 1, ô 2", "unsafe"),
    ],
)
def test_broken_template_tag_is_named_by_part_and_cell(old, new, place, why, tmp_path, capsys):
    tpl = template_variant(tmp_path / "mau.docx", old, new)
    out = tmp_path / "o.docx"
    rc, _out, err = run(capsys, "render", VALID, "-o", out, "--template", tpl)
    assert_clean_failure(rc, err)
    line = next((ln for ln in err.splitlines() if ln.startswith(f"{tpl}: word/document.xml, {place}: ")), "")
    assert "lỗi thẻ Jinja" in line and why in line and f"(“{new}" in line, err
    assert not out.exists()


def test_template_that_is_no_docx_or_a_zip_bomb(tmp_path, capsys):
    for name, make, message in (
        ("van-ban.docx", lambda p: p.write_text("không phải Word", encoding="utf-8"), "không phải tệp Word .docx"),
        ("thieu.docx", lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "x"), "thiếu word/document.xml"),
        ("bom.docx", make_zip_bomb, "bom zip"),
    ):
        tpl = tmp_path / name
        make(tpl)
        rc, _out, err = run(capsys, "render", VALID, "-o", tmp_path / "o.docx", "--template", tpl)
        assert_clean_failure(rc, err)
        assert f"{tpl}: " in err and message in err, err
        assert not (tmp_path / "o.docx").exists()


def make_zip_bomb(path: Path) -> None:
    """A 200 KB .docx whose document.xml unpacks to 210 MB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(210):
                fh.write(chunk)


def test_save_removes_stale_temp_files_of_its_target_only(tmp_path, earlier):
    out = tmp_path / "o.docx"
    alive = os.getppid()  # a running process: only the age of its temp file decides
    stale = tmp_path / f".o.docx.dispatch-gen-{alive}-abc123.tmp"
    fresh = tmp_path / f".o.docx.dispatch-gen-{alive}-def456.tmp"  # another save, still running
    other = tmp_path / f".khac.docx.dispatch-gen-{alive}-abc123.tmp"
    for p in (stale, fresh, other):
        p.write_bytes(b"partial")
    old = os.stat(stale).st_mtime - save.STALE_TEMP_SECONDS - 1
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    save.write_bytes(out, earlier)
    assert out.read_bytes() == earlier
    assert not stale.exists() and fresh.exists() and other.exists()
