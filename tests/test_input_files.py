"""Files as the clerk's ordinary tools save them, and hostile ones, read or refused in bounds (issue 23).

UTF-16/32 with a BOM (Excel's "Unicode Text", Windows editors) and Windows-1258 are read;
CSV with CR-only line ends or ";" is read; a field over 128 KB is located; a profile's
dimensions are bounded. The hostile .xlsx files (malformed XML, entities, a cell at
XFD1048576, a merge over the whole sheet, 15 million shared strings, a one-gigabyte string)
are generated here and read in a child process capped in time and memory: exit 1 with a
message, within the caps.
"""

from __future__ import annotations

import codecs
import unicodedata
import zipfile
from pathlib import Path

import pytest

from .capped import ROOT, run_capped
from .test_bad_inputs import docx_text, run, valid_text, write_case

UNITS = (
    "  don_vi:\n    - {ten: Đảng ủy xã Bình An, khoi: Xã, chi_tieu: 10, dat: 8}\n"
    "    - {ten: Đảng ủy xã Bình Hòa, khoi: Xã, chi_tieu: 6, dat: 2}\n"
)
CSV = "TT,Khối,Đơn vị,Chỉ tiêu,Đã kết nạp\n1,Xã,Đảng ủy xã Bình An,10,8\n2,Xã,Đảng ủy xã Bình Hòa,6,2\n"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: base letters with combining tone marks."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
            out += base.encode("cp1258") + "".join(c for c in d if c in TONES).encode("cp1258")
    return out


def sheet_case(tmp_path: Path, name: str, data: bytes) -> Path:
    (tmp_path / name).write_bytes(data)
    return write_case(tmp_path, valid_text(**{UNITS: f"  tep: {name}\n"}))


def rendered(capsys, p: Path) -> str:
    out = p.parent / "o.docx"
    rc, _out, err = run(capsys, "render", p, "-o", out)
    assert rc == 0, err
    return docx_text(out)


# --- encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
    ],
)
def test_unicode_with_a_bom_is_read_for_yaml_and_csv(bom, encoding, tmp_path, capsys):
    p = sheet_case(tmp_path, "so-lieu.csv", bom + CSV.replace(",", "\t").encode(encoding))  # Excel "Unicode Text"
    assert "10/16" in rendered(capsys, p) and "Đảng ủy xã Bình Hòa" in docx_text(tmp_path / "o.docx")
    text = valid_text(**{"trich_yeu: Đôn đốc kết nạp đảng viên": "trich_yeu: Đôn đốc kết nạp đảng viên mới"})
    y = tmp_path / "cv16.yaml"
    y.write_bytes(bom + text.encode(encoding))
    assert "Đôn đốc kết nạp đảng viên mới" in rendered(capsys, y)


def test_windows_1258_is_read_when_unambiguous(tmp_path, capsys):
    p = sheet_case(tmp_path, "so-lieu.csv", cp1258(CSV))
    body = rendered(capsys, p)
    assert "Đảng ủy xã Bình Hòa" in body and unicodedata.is_normalized("NFC", body)
    y = tmp_path / "cv1258.yaml"
    y.write_bytes(cp1258(valid_text()))
    assert "Đôn đốc kết nạp đảng viên" in rendered(capsys, y)


def test_latin_1_is_not_taken_for_windows_1258(tmp_path, capsys):
    p = sheet_case(tmp_path, "so-lieu.csv", CSV.replace("Bình An", "Café").encode().replace("é".encode(), b"\xe9"))
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert rc == 1, err
    assert "so-lieu.csv:2:1: tệp không phải mã UTF-8" in err and "CSV UTF-8 (Comma delimited)" in err


def test_a_binary_or_renamed_workbook_is_not_called_yaml(tmp_path, capsys):
    p = sheet_case(tmp_path, "so-lieu.csv", b"PK\x03\x04" + b"\x00" * 40)
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert rc == 1 and "so-lieu.csv:1:1: " in err and "YAML" not in err, err


# --- CSV -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("csv_text", [CSV.replace("\n", "\r"), CSV.replace("\n", "\r\n"), CSV.replace(",", ";")])
def test_cr_only_crlf_and_semicolons_are_read(csv_text, tmp_path, capsys):
    p = sheet_case(tmp_path, "so-lieu.csv", csv_text.encode())
    assert "10/16" in rendered(capsys, p)


def test_cr_only_file_locates_its_rows(tmp_path, capsys):
    p = sheet_case(tmp_path, "so-lieu.csv", CSV.replace("6,2", "sáu,2").replace("\n", "\r").encode())
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert rc == 1
    assert "so-lieu.csv:3:4: D3 (Chỉ tiêu): cần một số nguyên, không phải “sáu”" in err, err


def test_a_field_over_128_kb_is_located(tmp_path, capsys):
    text = CSV.replace("Đảng ủy xã Bình Hòa", '"' + "x" * (130 * 1024) + '"')
    p = sheet_case(tmp_path, "so-lieu.csv", text.encode())
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert rc == 1 and "Traceback" not in err
    assert "so-lieu.csv:3:1: một ô dài quá 128 KB" in err, err


def test_a_quoted_field_on_two_lines_keeps_the_lines_after_it_located(tmp_path, capsys):
    text = 'TT,Đơn vị,Chỉ tiêu,Đã kết nạp\n1,"Đảng ủy xã\nBình An",10,8\n2,Đảng ủy xã Bình Hòa,sáu,2\n'
    p = sheet_case(tmp_path, "so-lieu.csv", text.encode())
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert rc == 1
    assert "so-lieu.csv:4:3: C3 (Chỉ tiêu): cần một số nguyên" in err, err


def test_legacy_text_after_a_two_line_field_is_reported_at_its_line(tmp_path, capsys):
    text = 'TT,Đơn vị,Chỉ tiêu,Đã kết nạp\n1,"Đảng ủy xã\nBình An",10,8\n2,§¶ng ñy x· B×nh Hßa,6,2\n'
    p = sheet_case(tmp_path, "so-lieu.csv", text.encode())
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert rc == 1
    assert "so-lieu.csv:4:2: B3: “§¶ng ñy x· B×nh Hßa” có vẻ là mã TCVN3 cũ" in err, err


# --- a profile's dimensions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("page:\n  left_mm", "-5", "cần một số ≥ 0"),
        ("page:\n  left_mm", "250", "cần một số từ 0 đến 100 mm"),
        ("body:\n  size", "1.0e+308", "cần một số từ 4 đến 96 pt"),
        ("body:\n  size", "2", "cần một số từ 4 đến 96 pt"),
        ("body:\n  first_line_mm", "900", "cần một số từ 0 đến 600 mm"),
        ("appendix:\n  column_widths_mm:\n    tt", "0.5", "cần một số từ 1 đến 400 mm"),
    ],
)
def test_a_profile_dimension_out_of_range_is_located(key, value, message, tmp_path, capsys):
    (tmp_path / "ho-so.yaml").write_text(f"ke_thua: dang-hd36\n{key}: {value}\n", encoding="utf-8")
    p = write_case(tmp_path, valid_text(**{"the_thuc: dang": "the_thuc: ho-so.yaml"}))
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert rc == 1, err
    line = key.count("\n") + 2
    field = key.replace(":\n", ".").replace(" ", "")
    want = f"{tmp_path / 'ho-so.yaml'}:{line}:"
    assert any(ln.startswith(want) and f"{field}: {message}" in ln for ln in err.splitlines()), err


def test_margins_that_leave_no_room_for_text_are_refused(tmp_path, capsys):
    """Each margin within 0–100 mm, yet together wider than the paper: tables would be wider than the page."""
    text = "ke_thua: dang-hd36\npage:\n  width_mm: 60\n  left_mm: 30\n  right_mm: 30\n"
    (tmp_path / "ho-so.yaml").write_text(text, encoding="utf-8")
    p = write_case(tmp_path, valid_text(**{"the_thuc: dang": "the_thuc: ho-so.yaml"}))
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert rc == 1, err
    want = (
        f"{tmp_path / 'ho-so.yaml'}:2:1: page: left_mm + right_mm = 60 mm để lại dưới 20 mm cho chữ trên khổ giấy 60 mm"
    )
    assert want in err, err


# --- hostile workbooks, in a child process with time and memory caps ----------------------------------

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
TIME_CAP = 60  # seconds


def workbook(path: Path, sheet: str | bytes, shared: bytes | None = None, big_shared: int = 0) -> None:
    """A minimal .xlsx: one sheet "Số liệu", with the given sheet XML and shared strings."""
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    wb = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Số liệu" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    wb_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("xl/workbook.xml", wb)
        zf.writestr("xl/_rels/workbook.xml.rels", wb_rels)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        if big_shared:  # one string of that many bytes
            with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
                fh.write(f'<sst {NS} count="1" uniqueCount="1"><si><t>'.encode())
                chunk = b"a" * (1 << 20)
                for _ in range(big_shared >> 20):
                    fh.write(chunk)
                fh.write(b"</t></si></sst>")
        else:
            zf.writestr("xl/sharedStrings.xml", shared or f"<sst {NS}/>".encode())


def rows_xml(extra: str = "", dimension: str = "A1:E3", merge: str = "") -> str:
    def c(ref: str, v: object) -> str:
        if isinstance(v, int):
            return f'<c r="{ref}"><v>{v}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'

    rows = [["TT", "Khối", "Đơn vị", "Chỉ tiêu", "Đã kết nạp"], [1, "Xã", "Đảng ủy xã Bình An", 10, 8]]
    rows.append([2, "Xã", "Đảng ủy xã Bình Hòa", 6, 2])
    body = "".join(
        f'<row r="{r + 1}">' + "".join(c(f"{'ABCDE'[i]}{r + 1}", v) for i, v in enumerate(row)) + "</row>"
        for r, row in enumerate(rows)
    )
    merged = f'<mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells>' if merge else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><dimension ref="{dimension}"/>'
        f"<sheetData>{body}{extra}</sheetData>{merged}</worksheet>"
    )


def capped_render(tmp_path: Path, name: str) -> tuple[int, str]:
    p = write_case(tmp_path, valid_text(**{UNITS: f"  tep: {name}\n"}))
    proc, _elapsed = run_capped(["render", str(p), "-o", str(tmp_path / "o.docx")], ROOT, TIME_CAP)
    return proc.returncode, proc.stderr


def test_the_generated_workbook_is_valid_to_begin_with(tmp_path):
    workbook(tmp_path / "so-lieu.xlsx", rows_xml())
    rc, err = capped_render(tmp_path, "so-lieu.xlsx")
    assert rc == 0, err


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("malformed", "không đọc được trang tính “Số liệu”"),
        ("entities", "DOCTYPE/ENTITY"),
        ("shared-strings", "giải nén ra 243 MB"),
        ("gigabyte-string", "giải nén ra 1024 MB"),
    ],
)
def test_a_hostile_workbook_is_refused_within_time_and_memory(case, message, tmp_path):
    path = tmp_path / "so-lieu.xlsx"
    if case == "malformed":
        workbook(path, rows_xml().replace("</sheetData>", "<row><c r=", 1))
    elif case == "entities":
        lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
        doctype = f'<!DOCTYPE sst [<!ENTITY l0 "lol">{lol}]>'
        workbook(
            path, rows_xml(), shared=f"<?xml version='1.0'?>{doctype}<sst {NS}><si><t>&l9;</t></si></sst>".encode()
        )
    elif case == "shared-strings":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            zf.writestr("xl/worksheets/sheet1.xml", rows_xml())
            with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
                fh.write(f"<sst {NS}>".encode())
                chunk = b"<si><t>a</t></si>" * 100_000
                for _ in range(150):  # 15 million strings
                    fh.write(chunk)
                fh.write(b"</sst>")
    else:
        workbook(path, rows_xml(), big_shared=1 << 30)
    rc, err = capped_render(tmp_path, "so-lieu.xlsx")
    assert rc == 1, err
    assert "Traceback" not in err and "lỗi nội bộ" not in err, err
    assert "so-lieu.xlsx: " in err and message in err, err
    assert not (tmp_path / "o.docx").exists()


@pytest.mark.parametrize(
    "case",
    ["far-cell", "whole-merge"],
)
def test_a_sheet_that_claims_the_whole_grid_is_read_within_bounds(case, tmp_path):
    """A cell at XFD1048576, a merge over the whole sheet: only the used range is read."""
    if case == "far-cell":
        xml = rows_xml('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', dimension="A1:XFD1048576")
    else:
        xml = rows_xml(dimension="A1:XFD1048576", merge="F1:XFD1048576")
    workbook(tmp_path / "so-lieu.xlsx", xml)
    rc, err = capped_render(tmp_path, "so-lieu.xlsx")
    assert rc == 0, err
    assert "10/16" in docx_text(tmp_path / "o.docx")


def test_a_value_below_the_row_limit_is_refused(tmp_path):
    workbook(tmp_path / "so-lieu.xlsx", rows_xml('<row r="20001"><c r="A20001"><v>1</v></c></row>'))
    rc, err = capped_render(tmp_path, "so-lieu.xlsx")
    assert rc == 1 and "Traceback" not in err, err
    assert "so-lieu.xlsx:20001:1: Số liệu: có dữ liệu ở dòng 20001; bảng số liệu tối đa 20000 dòng" in err, err


def test_duplicate_headings_in_a_workbook_are_refused_naming_both_cells(tmp_path, capsys):
    xml = rows_xml().replace("<t>Khối</t>", "<t>Đơn vị</t>", 1)
    workbook(tmp_path / "so-lieu.xlsx", xml)
    p = write_case(tmp_path, valid_text(**{UNITS: "  tep: so-lieu.xlsx\n"}))
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert rc == 1, err
    assert (
        "so-lieu.xlsx:1:3: Số liệu!C1: cột “Đơn vị” trùng với cột “Đơn vị” ở Số liệu!B1 (" in err
        and "so-lieu.xlsx:1:2)" in err
    ), err
