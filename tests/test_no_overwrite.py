"""No input is ever overwritten; a file the tool did not make only with --ghi-de (issue 23).

Each case runs the real command on a working folder made by ``init`` (YAML, figures .xlsx) or
the example (YAML, figures .csv), then reads the files back: an input keeps its bytes, a refusal
is exit status 1 with the message naming the target and the input, nothing else is written.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from docx import Document

from dispatch_gen import cli, scaffold
from dispatch_gen.output import guard, pdf
from dispatch_gen.wml import properties

from .conftest import EXAMPLE

CSV = EXAMPLE.parent / "binh-son-don-vi-2024.csv"


def run(capsys, *argv: object) -> tuple[int, str, str]:
    rc = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "lỗi nội bộ" not in err, err
    return rc, out, err


@pytest.fixture
def folder(tmp_path) -> Path:
    """The example dispatch with its figures CSV, in a folder of its own."""
    (tmp_path / "cv.yaml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / CSV.name).write_bytes(CSV.read_bytes())
    return tmp_path


@pytest.fixture
def xlsx_folder(tmp_path) -> Path:
    """``init``'s working folder: cong-van.yaml and its figures so-lieu-don-vi.xlsx."""
    scaffold.create(tmp_path / "lam-viec")
    return tmp_path / "lam-viec"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def refused_as_input(rc: int, err: str, target: Path, option: str, what: str, source: Path) -> None:
    assert rc == 1, err
    assert f"{target}: {option} trùng với {what} “" in err, err
    assert f"{source.name}” của lần chạy này" in err, err


# --- an input of the run ---------------------------------------------------------------------


@pytest.mark.parametrize("force", [[], ["--ghi-de"]], ids=["plain", "ghi-de"])
def test_render_onto_its_own_yaml_is_refused_even_with_ghi_de(folder, capsys, force):
    before = snapshot(folder)
    yaml = folder / "cv.yaml"
    rc, _out, err = run(capsys, "render", yaml, "-o", yaml, *force)
    refused_as_input(rc, err, yaml, "-o", "tệp YAML", yaml)
    assert snapshot(folder) == before


def test_render_onto_the_figures_csv_is_refused(folder, capsys):
    before = snapshot(folder)
    target = folder / CSV.name
    rc, _out, err = run(capsys, "render", folder / "cv.yaml", "-o", target)
    refused_as_input(rc, err, target, "-o", "tệp số liệu", target)
    assert snapshot(folder) == before


def test_render_onto_its_template_is_refused(folder, capsys):
    template = folder / "mau.docx"
    assert run(capsys, "render", folder / "cv.yaml", "-o", template)[0] == 0  # an earlier output, as a template
    before = snapshot(folder)
    rc, _out, err = run(capsys, "render", folder / "cv.yaml", "-o", template, "--template", template, "--ghi-de")
    refused_as_input(rc, err, template, "-o", "mẫu --template", template)
    assert snapshot(folder) == before


def test_appendix_xlsx_onto_the_source_spreadsheet_is_refused(xlsx_folder, capsys):
    before = snapshot(xlsx_folder)
    source = xlsx_folder / "so-lieu-don-vi.xlsx"
    rc, _out, err = run(
        capsys, "appendix", xlsx_folder / "cong-van.yaml", "-o", xlsx_folder / "pl.docx", "--xlsx", source
    )
    refused_as_input(rc, err, source, "--xlsx", "tệp số liệu", source)
    assert snapshot(xlsx_folder) == before  # the .docx was not written either: checked before anything
    assert run(capsys, "render", xlsx_folder / "cong-van.yaml", "-o", xlsx_folder / "cv.docx")[0] == 0


def test_a_hard_link_of_the_yaml_as_the_output_is_refused(folder, capsys):
    yaml = folder / "cv.yaml"
    link = folder / "ban-sao.docx"
    os.link(yaml, link)
    before = snapshot(folder)
    rc, _out, err = run(capsys, "render", yaml, "-o", link, "--ghi-de")
    refused_as_input(rc, err, link, "-o", "tệp YAML", yaml)
    assert snapshot(folder) == before


def test_a_symbolic_link_to_the_figures_as_the_output_is_refused(folder, capsys):
    link = folder / "lien-ket.docx"
    link.symlink_to(folder / CSV.name)
    rc, _out, err = run(capsys, "render", folder / "cv.yaml", "-o", link)
    refused_as_input(rc, err, link, "-o", "tệp số liệu", folder / CSV.name)
    assert (folder / CSV.name).read_bytes() == CSV.read_bytes()


def test_a_yaml_saved_as_docx_rendered_without_o_does_not_overwrite_itself(folder, capsys):
    yaml = folder / "cv.docx"
    yaml.write_bytes(EXAMPLE.read_bytes())
    rc, _out, err = run(capsys, "render", yaml)
    refused_as_input(rc, err, yaml, "tên tệp ra mặc định (đổi bằng -o)", "tệp YAML", yaml)
    assert yaml.read_bytes() == EXAMPLE.read_bytes()


def test_a_pdf_target_that_is_an_input_is_refused_before_the_docx_is_written(folder, capsys):
    os.link(folder / "cv.yaml", folder / "ra.pdf")  # the PDF of ra.docx would replace the YAML
    rc, _out, err = run(capsys, "render", folder / "cv.yaml", "-o", folder / "ra.docx", "--pdf")
    refused_as_input(rc, err, folder / "ra.pdf", "--pdf", "tệp YAML", folder / "cv.yaml")
    assert not (folder / "ra.docx").exists()


def test_a_profile_file_of_ones_own_is_an_input(folder, capsys):
    (folder / "rieng.yaml").write_text("ke_thua: dang-hd36\nname: rieng\n", encoding="utf-8")
    yaml = folder / "cv.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("the_thuc: dang", "the_thuc: rieng.yaml"), "utf-8")
    assert "the_thuc: rieng.yaml" in yaml.read_text(encoding="utf-8")
    rc, _out, err = run(capsys, "render", yaml, "-o", folder / "rieng.yaml", "--ghi-de")
    refused_as_input(rc, err, folder / "rieng.yaml", "-o", "tệp hồ sơ thể thức", folder / "rieng.yaml")


def test_the_shipped_template_is_an_input_even_with_ghi_de(folder, capsys):
    from dispatch_gen.input import profile as profiles

    shipped = profiles.template_path("dang-hd36", "cong_van")
    before = shipped.read_bytes()
    rc, _out, err = run(capsys, "render", folder / "cv.yaml", "-o", shipped, "--ghi-de")
    refused_as_input(rc, err, shipped, "-o", "mẫu có sẵn", shipped)
    assert shipped.read_bytes() == before


def test_two_targets_of_one_run_may_not_be_one_file(folder, capsys):
    out = folder / "a.docx"
    rc, _out, err = run(capsys, "appendix", folder / "cv.yaml", "-o", out, "--xlsx", out)
    assert rc == 1 and f"{out}: --xlsx và -o cùng chỉ một tệp" in err, err
    assert not out.exists()


# --- a file the tool did not make ------------------------------------------------------------


def word_file_of_the_office(path: Path) -> bytes:
    """A real .docx made by another program (python-docx here): not an output of the tool."""
    doc = Document()
    doc.add_paragraph("Báo cáo của văn phòng, không phải do dispatch-gen tạo")
    doc.save(str(path))
    return path.read_bytes()


def test_an_unrelated_docx_is_refused_without_ghi_de_and_replaced_with_it(folder, capsys):
    target = folder / "bao-cao.docx"
    theirs = word_file_of_the_office(target)
    rc, _out, err = run(capsys, "render", folder / "cv.yaml", "-o", target)
    assert rc == 1, err
    assert f"{target}: tệp đã có và không phải do dispatch-gen tạo ra; thêm --ghi-de (--force)" in err
    assert target.read_bytes() == theirs
    rc, out, err = run(capsys, "render", folder / "cv.yaml", "-o", target, "--ghi-de")
    assert rc == 0, err
    assert f"Đã ghi {target}" in out
    assert properties.read(target) == {"dispatch-gen:the_thuc": "dang-hd36"}
    assert run(capsys, "render", folder / "cv.yaml", "-o", target, "--force")[0] == 0  # the English alias


def test_an_empty_file_has_nothing_to_lose(folder, capsys):
    target = folder / "tmp123.docx"  # as mktemp makes it
    target.touch()
    assert run(capsys, "render", folder / "cv.yaml", "-o", target)[0] == 0
    assert guard.previous_output(target)


def test_a_previous_output_is_replaced_silently(folder, capsys):
    target = folder / "cv.docx"
    assert run(capsys, "render", folder / "cv.yaml", "-o", target)[0] == 0
    yaml = folder / "cv.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("Tiếp tục tăng cường", "Bản sửa, tăng cường"), "utf-8")
    rc, _out, err = run(capsys, "render", yaml)  # cv.docx again, no option
    assert rc == 0, err
    assert "tệp đã có" not in err
    assert Document(str(target)).core_properties.title.startswith("Bản sửa, tăng cường")


def test_appendix_docx_and_xlsx_are_recognised_as_earlier_outputs(folder, capsys):
    argv = ["appendix", folder / "cv.yaml", "-o", folder / "pl.docx", "--xlsx", folder / "pl.xlsx"]
    assert run(capsys, *argv)[0] == 0
    assert guard.previous_output(folder / "pl.docx") and guard.previous_output(folder / "pl.xlsx")
    assert run(capsys, *argv)[0] == 0


def test_an_unrelated_xlsx_is_refused_without_ghi_de(folder, capsys):
    from openpyxl import Workbook

    target = folder / "so-lieu-khac.xlsx"
    wb = Workbook()
    wb.active["A1"] = "bảng của văn phòng"
    wb.save(target)
    theirs = target.read_bytes()
    rc, _out, err = run(capsys, "appendix", folder / "cv.yaml", "-o", folder / "pl.docx", "--xlsx", target)
    assert rc == 1 and f"{target}: tệp đã có và không phải do dispatch-gen tạo ra" in err, err
    assert target.read_bytes() == theirs and not (folder / "pl.docx").exists()


def test_batch_into_a_folder_refuses_a_strangers_file_and_writes_the_others(folder, capsys):
    second = folder / "cv2.yaml"
    second.write_bytes((folder / "cv.yaml").read_bytes())
    out = folder / "ra"
    out.mkdir()
    theirs = word_file_of_the_office(out / "cv.docx")
    rc, _out, err = run(capsys, "render", folder / "cv.yaml", second, "-o", out)
    assert rc == 1 and f"{out / 'cv.docx'}: tệp đã có và không phải do dispatch-gen tạo ra" in err, err
    assert (out / "cv.docx").read_bytes() == theirs
    assert guard.previous_output(out / "cv2.docx")
    assert run(capsys, "render", folder / "cv.yaml", second, "-o", out, "--ghi-de")[0] == 0
    assert guard.previous_output(out / "cv.docx")


def test_batch_never_writes_over_one_of_its_yamls(folder, capsys):
    yaml_as_docx = folder / "b.docx"  # a YAML whose name ends in .docx: its output is itself
    yaml_as_docx.write_bytes((folder / "cv.yaml").read_bytes())
    before = snapshot(folder)
    rc, _out, err = run(capsys, "render", folder / "cv.yaml", yaml_as_docx, "-o", folder, "--ghi-de")
    refused_as_input(rc, err, yaml_as_docx, "-o", "tệp YAML", yaml_as_docx)
    assert snapshot(folder) == before


def test_per_unit_letters_refuse_a_strangers_file(tmp_path, capsys):
    src = EXAMPLE.parent / "binh-son-nhac-nho-don-vi-cham-2024.yaml"
    (tmp_path / src.name).write_bytes(src.read_bytes())
    (tmp_path / CSV.name).write_bytes(CSV.read_bytes())
    out = tmp_path / "thu"
    assert run(capsys, "render", tmp_path / src.name, "--moi-don-vi", "cham", "-o", out)[0] == 0
    letters = sorted(out.iterdir())
    assert letters
    assert run(capsys, "render", tmp_path / src.name, "--moi-don-vi", "cham", "-o", out)[0] == 0  # ours: again
    theirs = word_file_of_the_office(letters[0])
    rc, _out, err = run(capsys, "render", tmp_path / src.name, "--moi-don-vi", "cham", "-o", out)
    assert rc == 1 and f"{letters[0]}: tệp đã có và không phải do dispatch-gen tạo ra" in err, err
    assert letters[0].read_bytes() == theirs


def test_schema_o_refuses_a_strangers_file_and_replaces_its_own(tmp_path, capsys):
    target = tmp_path / "schema.json"
    target.write_text('{"title": "một tệp JSON khác"}', encoding="utf-8")
    assert run(capsys, "schema", "-o", target)[0] == 1
    assert target.read_text(encoding="utf-8") == '{"title": "một tệp JSON khác"}'
    assert run(capsys, "schema", "-o", target, "--ghi-de")[0] == 0
    assert run(capsys, "schema", "-o", target)[0] == 0


# --- how an earlier output is recognised ---------------------------------------------------


def test_a_pdf_is_known_by_its_keyword_not_its_name(tmp_path):
    ours = tmp_path / "a.pdf"
    keyword = "dispatch-gen".encode("utf-16-be").hex().upper()
    ours.write_bytes(b"%PDF-1.6\n" + b"x" * 5000 + f"<</Keywords<FEFF{keyword}>/Producer(LO)>>".encode() + b"\n%%EOF")
    theirs = tmp_path / "b.pdf"
    theirs.write_bytes(b"%PDF-1.6\n<</Keywords(bao cao)/Producer(dispatch-gen)>>\n%%EOF")
    assert guard.previous_output(ours)
    assert not guard.previous_output(theirs)


@pytest.mark.skipif(not pdf.pdf_available(), reason="LibreOffice not installed")
def test_a_pdf_written_by_render_is_recognised_and_replaced(folder, capsys):
    rc, _out, err = run(capsys, "render", folder / "cv.yaml", "-o", folder / "cv.docx", "--pdf")
    assert rc == 0, err
    assert guard.previous_output(folder / "cv.pdf")
    assert run(capsys, "render", folder / "cv.yaml", "-o", folder / "cv.docx", "--pdf")[0] == 0


def test_reading_the_mark_inflates_only_a_bounded_custom_part(tmp_path):
    """A zip whose custom.xml inflates to 200 MB is not read: the declared size is over the cap."""
    import tracemalloc

    bomb = tmp_path / "bom.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("docProps/custom.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _i in range(200):
                fh.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    tracemalloc.start()
    try:
        assert properties.read(bomb) == {}
        assert not guard.previous_output(bomb)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000, peak


def test_a_lying_size_does_not_make_the_reader_inflate_more(tmp_path):
    """The central directory says 300 bytes; the data inflates to 10 MB: at most 64 KB is read."""
    data = b'<?xml version="1.0"?><Properties>' + b" " * 10_000_000
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("docProps/custom.xml", data)
    raw = bytearray(buf.getvalue())
    size = len(data).to_bytes(4, "little")
    for header in (b"PK\x03\x04", b"PK\x01\x02"):  # local and central headers: uncompressed size field
        at = raw.find(header)
        offset = 22 if header == b"PK\x03\x04" else 24
        assert raw[at + offset : at + offset + 4] == size
        raw[at + offset : at + offset + 4] = (300).to_bytes(4, "little")
    liar = tmp_path / "liar.xlsx"
    liar.write_bytes(bytes(raw))
    assert properties.read(liar) == {}


def test_a_zip_of_a_million_entries_is_not_listed(tmp_path):
    """The end record announces a 46 MB central directory: refused from the record, never read."""
    import tracemalloc

    many = tmp_path / "nhieu.docx"
    entry = b"PK\x01\x02" + b"\x00" * 42  # a central directory entry with an empty name
    count = 1_000_000
    with open(many, "wb") as fh:
        fh.write(entry * count)
        end = b"PK\x05\x06" + b"\x00" * 4 + (0xFFFE).to_bytes(2, "little") * 2
        fh.write(end + (len(entry) * count).to_bytes(4, "little") + (0).to_bytes(4, "little") + b"\x00\x00")
    tracemalloc.start()
    try:
        assert properties.read(many) == {}
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000, peak
