"""Kinds of document (``loai``): number code, title block, Kính gửi / Kính trình, in each profile.

Expected values are written from the rules: HD 36 mục 1.3.1 b (codes), 1.5.1–1.5.2 (title
block, "-----"), 1.9.2 (Kính gửi only for a công văn and a tờ trình), Phụ lục 3 row 5 (title
15–16 bold, trích yếu 14–15 bold); NĐ 30 Phụ lục III Mục I (codes), Mẫu 1.4 ("Số: 05/BC-UBND"),
Phụ lục I II.5.b (title 13–14 bold, centred) and II.9.b; HD 05 as summarised (Kính trình, QĐ).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from dispatch_gen import cli, pipeline
from dispatch_gen.check import check_docx
from dispatch_gen.errors import InputError
from dispatch_gen.input import profile as profiles
from dispatch_gen.output import save

from .docx_read import Document, norm

PARTY_HEAD = """\
the_thuc: {the_thuc}
co_quan:
  cap_tren: ĐẢNG BỘ TỈNH QUẢNG NGÃI
  ten: ĐẢNG ỦY XÃ BÌNH SƠN
  ky_hieu: ĐU
ky:
  quyen_han: T/M BAN THƯỜNG VỤ
  chuc_vu: PHÓ BÍ THƯ
  ho_ten: Trần Văn Minh
"""
STATE_HEAD = """\
the_thuc: nha_nuoc
co_quan:
  cap_tren: ""
  ten: ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI
  ky_hieu: UBND
  don_vi_soan_thao: VP
ky:
  quyen_han: TM. ỦY BAN NHÂN DÂN
  chuc_vu: CHỦ TỊCH
  ho_ten: Nguyễn Văn A
"""
COMMON = """\
so: 5
loai: {loai}
dia_danh: Bình Sơn
ngay: 10/12/2026
trich_yeu: {trich_yeu}
noi_dung: |
  Tình hình kết nạp đảng viên 11 tháng năm 2026.

  Kết quả đạt được.
noi_nhan:
  - Ban Tổ chức Tỉnh ủy
  - Lưu VPĐU
"""


def _yaml(tmp_path: Path, profile: str, loai: str, kinh_gui: list[str] | None, subject: str = "Đẩy nhanh") -> Path:
    head = STATE_HEAD if profile == "nha_nuoc" else PARTY_HEAD.format(the_thuc=profile)
    text = head + COMMON.format(loai=loai, trich_yeu=subject)
    if kinh_gui:
        text += "kinh_gui:\n" + "".join(f"  - {x}\n" for x in kinh_gui)
    path = tmp_path / f"{profile}-{loai}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _render(path: Path) -> Path:
    out = path.with_suffix(".docx")
    doc, _warnings = pipeline.build_dispatch(pipeline.load(path))
    save.save_document(doc, out)
    return out


def _body_level(doc) -> list:
    return [p for p in doc.paragraphs if p.text.strip()]


def _left_cell(doc) -> list[str]:
    return [norm(p.text) for p in doc.tables[0].rows[1].cells[0].paragraphs if p.text.strip()]


def _size(p) -> float:
    sizes = {r.font.size.pt for r in p.runs if r.text.strip()}
    assert len(sizes) == 1, sizes
    return sizes.pop()


def _bold(p) -> bool:
    return all(r.font.bold for r in p.runs if r.text.strip())


# --- the number code of each kind -------------------------------------------------------

NUMBERS = [
    ("dang-hd36", "CV", "Số 05-CV/ĐU"),
    ("dang-hd36", "BC", "Số 05-BC/ĐU"),
    ("dang-hd36", "TB", "Số 05-TB/ĐU"),
    ("dang-hd36", "KH", "Số 05-KH/ĐU"),
    ("dang-hd36", "KL", "Số 05-KL/ĐU"),
    ("dang-hd36", "TTr", "Số 05-TTr/ĐU"),
    ("dang-hd36", "CTr", "Số 05-CTr/ĐU"),
    ("dang-hd36", "GM", "Số 05-GM/ĐU"),
    ("dang-hd36", "QĐ", "Số 05-QĐ/ĐU"),
    ("dang-hd36", "QĐi", "Số 05-QĐi/ĐU"),  # Quy định HD36 1.3.1 b
    ("dang-hd36", "NQ", "Số 05-NQ/ĐU"),
    ("dang-hd05", "QĐi", "Số 05-QĐ/ĐU"),  # HD 05: a Quy định takes QĐ
    ("dang-hd05", "BC", "Số 05-BC/ĐU"),
    ("dang-hd05", "Báo cáo", "Số 05-BC/ĐU"),  # by its name
    ("nha_nuoc", "CV", "Số: 05/UBND-VP"),  # a state công văn has no code
    ("nha_nuoc", "BC", "Số: 05/BC-UBND"),  # NĐ 30 Mẫu 1.4
    ("nha_nuoc", "TB", "Số: 05/TB-UBND"),
    ("nha_nuoc", "KH", "Số: 05/KH-UBND"),
    ("nha_nuoc", "TTr", "Số: 05/TTr-UBND"),
    ("nha_nuoc", "CTr", "Số: 05/CTr-UBND"),
    ("nha_nuoc", "GM", "Số: 05/GM-UBND"),
    ("nha_nuoc", "QĐ", "Số: 05/QĐ-UBND"),
    ("nha_nuoc", "NQ", "Số: 05/NQ-UBND"),
]
#: the kinds that take an addressee in the rules (HD36 1.9.2; NĐ 30 II.9.b)
ADDRESSED = {"CV", "TTr"}


@pytest.mark.parametrize(("profile", "loai", "number"), NUMBERS, ids=[f"{p}-{k}" for p, k, _n in NUMBERS])
def test_number_code_per_kind(tmp_path, profile, loai, number):
    kinh_gui = ["Ban Thường vụ Tỉnh ủy"] if loai in ADDRESSED else None
    doc = Document(str(_render(_yaml(tmp_path, profile, loai, kinh_gui))))
    assert _left_cell(doc)[0] == number


# --- the title block --------------------------------------------------------------------


@pytest.mark.parametrize("profile", ["dang-hd36", "dang-hd05"])
def test_party_report_has_its_title_block_and_no_kinh_gui(tmp_path, profile):
    path = _render(_yaml(tmp_path, profile, "BC", None, "tiến độ kết nạp đảng viên năm 2026"))
    doc = Document(str(path))
    name, subject, rule = _body_level(doc)[:3]
    assert norm(name.text) == "BÁO CÁO"
    assert name.alignment == WD_ALIGN_PARAGRAPH.CENTER and _size(name) == 15 and _bold(name)
    assert norm(subject.text) == "tiến độ kết nạp đảng viên năm 2026"
    assert subject.alignment == WD_ALIGN_PARAGRAPH.CENTER and _size(subject) == 14 and _bold(subject)
    assert norm(rule.text) == "-----" and rule.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert not any(p.text.startswith("Kính") for p in doc.paragraphs)
    assert _left_cell(doc) == ["Số 05-BC/ĐU"]  # the trích yếu is not under the number
    assert check_docx(path, profiles.load(profile)) == []


def test_party_kinds_with_a_title_pass_check(tmp_path):
    for loai in ("TB", "KH", "KL", "CTr", "GM", "NQ"):
        path = _render(_yaml(tmp_path, "dang-hd05", loai, None, "về công tác cán bộ"))
        doc = Document(str(path))
        names = {"TB": "THÔNG BÁO", "KH": "KẾ HOẠCH", "KL": "KẾT LUẬN", "CTr": "CHƯƠNG TRÌNH", "GM": "GIẤY MỜI"}
        assert norm(_body_level(doc)[0].text) == names.get(loai, "NGHỊ QUYẾT")
        assert check_docx(path, profiles.load("dang-hd05")) == [], loai


def test_cong_van_keeps_its_layout(tmp_path):
    doc = Document(str(_render(_yaml(tmp_path, "dang-hd36", "CV", ["Ban Thường vụ Tỉnh ủy"]))))
    assert _left_cell(doc) == ["Số 05-CV/ĐU", "Đẩy nhanh"]
    assert norm(_body_level(doc)[0].text) == "Kính gửi: Ban Thường vụ Tỉnh ủy."
    assert not any(norm(p.text) == "CÔNG VĂN" for p in doc.paragraphs)


@pytest.mark.parametrize(("profile", "label"), [("dang-hd36", "Kính gửi:"), ("dang-hd05", "Kính trình:")])
def test_to_trinh_addressee_under_the_title(tmp_path, profile, label):
    path = _render(_yaml(tmp_path, profile, "TTr", ["Ban Thường vụ Tỉnh ủy"], "đề nghị kết nạp đảng viên"))
    doc = Document(str(path))
    lines = [norm(p.text) for p in _body_level(doc)[:4]]
    assert lines == ["TỜ TRÌNH", "đề nghị kết nạp đảng viên", "-----", f"{label} Ban Thường vụ Tỉnh ủy."]
    assert check_docx(path, profiles.load(profile)) == []


@pytest.mark.parametrize("loai", ["BC", "KH", "TTr"])
def test_state_title_block(tmp_path, loai):
    kinh_gui = ["Bộ Nội vụ"] if loai == "TTr" else None
    path = _render(_yaml(tmp_path, "nha_nuoc", loai, kinh_gui, "Kết quả cấp căn cước năm 2026"))
    doc = Document(str(path))
    name, subject = _body_level(doc)[:2]
    assert norm(name.text) == {"BC": "BÁO CÁO", "KH": "KẾ HOẠCH", "TTr": "TỜ TRÌNH"}[loai]
    assert name.alignment == WD_ALIGN_PARAGRAPH.CENTER and _size(name) == 14 and _bold(name)  # N1 II.5.b
    assert norm(subject.text) == "Kết quả cấp căn cước năm 2026" and _size(subject) == 14 and _bold(subject)
    assert not subject.text.startswith("V/v")  # "V/v" is the công văn's alone
    assert check_docx(path, profiles.load("nha_nuoc")) == []


def test_state_report_may_have_kinh_gui(tmp_path):
    doc = Document(str(_render(_yaml(tmp_path, "nha_nuoc", "BC", ["Bộ Nội vụ"]))))
    assert any(norm(p.text) == "Kính gửi: Bộ Nội vụ." for p in doc.paragraphs)


def test_check_flags_a_title_that_is_not_centred(tmp_path):
    path = _render(_yaml(tmp_path, "dang-hd36", "BC", None, "tiến độ"))
    doc = Document(str(path))
    _body_level(doc)[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    doc.save(str(path))
    assert [f.message for f in check_docx(path, profiles.load("dang-hd36"))] == ["tên loại và trích yếu cần căn giữa"]


def test_appendix_caption_names_the_kind(tmp_path):
    from dispatch_gen.render import context

    ld = pipeline.load(_yaml(tmp_path, "dang-hd36", "BC", None))
    assert context.reference_line(ld.dispatch, ld.profile).startswith("(kèm theo Báo cáo số 05-BC/ĐU, ngày 10/12/2026")


# --- what each kind requires ------------------------------------------------------------


def _problem(path: Path) -> str:
    with pytest.raises(InputError) as exc:
        pipeline.load(path)
    assert len(exc.value.problems) == 1
    return str(exc.value.problems[0])


def test_kinh_gui_on_a_party_report_is_refused_naming_the_kind(tmp_path):
    path = _yaml(tmp_path, "dang-hd36", "BC", ["Ban Thường vụ Tỉnh ủy"])
    assert "kinh_gui: văn bản loại BC (Báo cáo) không có phần Kính gửi theo hồ sơ “dang-hd36”" in _problem(path)


def test_cong_van_and_to_trinh_need_kinh_gui(tmp_path):
    assert "loại CV (Công văn) cần phần “Kính gửi”" in _problem(_yaml(tmp_path, "dang-hd36", "CV", None))
    assert "loại TTr (Tờ trình) cần phần “Kính trình”" in _problem(_yaml(tmp_path, "dang-hd05", "TTr", None))
    assert "loại TTr (Tờ trình) cần phần “Kính gửi”" in _problem(_yaml(tmp_path, "nha_nuoc", "TTr", None))


def test_unknown_kind_lists_the_kinds_and_suggests_one(tmp_path):
    problem = _problem(_yaml(tmp_path, "dang-hd36", "BCC", None))
    assert "loai: không có loại văn bản “BCC” trong hồ sơ “dang-hd36”" in problem
    assert "; chọn một trong: CV (Công văn), BC (Báo cáo), TB (Thông báo)" in problem
    assert problem.endswith("(có phải “BC”?)")
    # a state body issues no Kết luận (NĐ 30 Phụ lục III): a Thông báo kết luận instead
    assert "không có loại văn bản “KL” trong hồ sơ “nha_nuoc”" in _problem(_yaml(tmp_path, "nha_nuoc", "KL", None))


def test_kind_messages_in_english(tmp_path, capsys):
    path = _yaml(tmp_path, "dang-hd36", "BC", ["Ban Thường vụ Tỉnh ủy"])
    assert cli.main(["--lang", "en", "render", str(path)]) == cli.EXIT_INPUT
    err = capsys.readouterr().err
    assert "a document of kind BC (Báo cáo) has no addressee part in the profile “dang-hd36”: remove “kinh_gui”" in err


# --- the Party report example -----------------------------------------------------------


def test_report_example_is_a_party_bao_cao_from_the_cong_vans_figures(tmp_path):
    from .conftest import EXAMPLES

    report, letter = (
        EXAMPLES / "binh-son-xa-bao-cao-ket-nap-dang-vien-2026.yaml",
        EXAMPLES / "binh-son-xa-ket-nap-dang-vien-2026.yaml",
    )
    out = tmp_path / "bao-cao.docx"
    pipeline.render_file(report, out)
    doc = Document(str(out))
    lines = [norm(p.text) for p in _body_level(doc)]
    assert lines[:3] == ["BÁO CÁO", "kết quả kết nạp đảng viên 11 tháng năm 2026", "-----"]
    assert not any(line.startswith("Kính gửi") for line in lines)
    assert "I. KẾT QUẢ THỰC HIỆN" in lines and "III. NHIỆM VỤ TRONG THỜI GIAN TỚI" in lines
    assert any("toàn Đảng bộ xã kết nạp 28/41 đảng viên (đạt 68,29% chỉ tiêu năm)" in line for line in lines)
    assert any(line.startswith("(kèm theo Báo cáo số") and "-BC/ĐU" in line for line in lines)
    assert _left_cell(doc)[0].replace("\u00a0", " ").split() == ["Số", "-BC/ĐU"]
    # the same figures as the công văn: one CSV, the same totals
    a, b = pipeline.load(report).figures, pipeline.load(letter).figures
    assert (a.total.achieved, a.total.quota) == (b.total.achieved, b.total.quota) == (28, 41)


@pytest.mark.parametrize(("size", "found"), [(16, []), (18, ["tên loại “BÁO CÁO”: cỡ chữ 18 pt (cần 15–16 pt)"])])
def test_title_size_is_checked_against_the_rules_range(tmp_path, size, found):
    """HD 36 Phụ lục 3 row 5: the kind's name 15–16 pt."""
    from docx.shared import Pt

    path = _render(_yaml(tmp_path, "dang-hd36", "BC", None, "tiến độ"))
    doc = Document(str(path))
    for run in _body_level(doc)[0].runs:
        run.font.size = Pt(size)
    doc.save(str(path))
    assert [f.message for f in check_docx(path, profiles.load("dang-hd36"))] == found


def test_thong_bao_ket_luan_and_state_ke_hoach_examples(tmp_path):
    from .conftest import EXAMPLES

    tb = tmp_path / "tb.docx"
    pipeline.render_file(EXAMPLES / "binh-son-xa-thong-bao-ket-luan-2026.yaml", tb)
    doc = Document(str(tb))
    assert [norm(p.text) for p in _body_level(doc)[:3]] == [
        "THÔNG BÁO",
        "kết luận của Ban Thường vụ Đảng ủy xã về công tác kết nạp đảng viên năm 2026",
        "-----",
    ]
    assert _left_cell(doc)[0].replace("\u00a0", " ").split() == ["Số", "-TB/ĐU"]
    kh = tmp_path / "kh.docx"
    pipeline.render_file(EXAMPLES / "binh-son-ubnd-xa-ke-hoach-2026.yaml", kh)
    doc = Document(str(kh))
    name, subject = _body_level(doc)[:2]
    assert norm(name.text) == "KẾ HOẠCH" and _size(name) == 14 and _bold(name)
    assert norm(subject.text).startswith("Cấp căn cước") and _size(subject) == 14 and _bold(subject)
    assert _left_cell(doc) == ["Số: 05/KH-UBND"]
    assert not any(p.text.startswith("Kính gửi") for p in doc.paragraphs)


def test_per_unit_letters_of_a_kind_without_kinh_gui_are_refused(tmp_path, capsys):
    from .conftest import EXAMPLES

    for name in ("binh-son-xa-bao-cao-ket-nap-dang-vien-2026.yaml", "binh-son-xa-don-vi-2026.csv"):
        (tmp_path / name).write_bytes((EXAMPLES / name).read_bytes())
    path = tmp_path / "binh-son-xa-bao-cao-ket-nap-dang-vien-2026.yaml"
    assert cli.main(["render", str(path), "--moi-don-vi", "cham", "-o", str(tmp_path / "ra")]) == cli.EXIT_INPUT
    err = capsys.readouterr().err
    assert f"{path}:12:1: loai: gửi riêng từng đơn vị (--moi-don-vi) ghi tên đơn vị ở phần Kính gửi" in err
    assert "văn bản loại BC (Báo cáo) không có phần đó" in err
