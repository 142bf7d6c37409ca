"""Kind data beyond the number and title (#17): the author line under the name, the signing forms.

HD 36 1.5.1: a cấp ủy or its Ban Thường vụ may name the author under the kind's name, shown as
"KẾT LUẬN / CỦA BAN THƯỜNG VỤ HUYỆN UỶ / về công tác cán bộ / -----"; the Party profile gives
it to the Kết luận. HD 36 1.7.1 and NĐ 30 Phụ lục I II.7.b give the signing forms by the body
that signs, not by the kind, so no shipped kind narrows them; an office's profile may.
"""

from __future__ import annotations

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from dispatch_gen import cli
from dispatch_gen.check import check_docx
from dispatch_gen.input import profile as profiles

from .docx_read import norm
from .test_kinds import _body_level, _render, _yaml


def _title(doc) -> list:
    paras = _body_level(doc)
    start = next(i for i, p in enumerate(paras) if norm(p.text) in ("KẾT LUẬN", "BÁO CÁO"))
    stop = next(i for i, p in enumerate(paras) if norm(p.text) == "-----")
    return paras[start : stop + 1]


def test_party_ket_luan_names_its_author_under_the_name(tmp_path):
    path = _yaml(tmp_path, "dang-hd36", "KL", None, subject="về công tác cán bộ")
    text = path.read_text(encoding="utf-8").replace(
        "  ky_hieu: ĐU\n", "  ky_hieu: ĐU\n  chu_the: Ban Thường vụ Đảng ủy xã\n"
    )
    path.write_text(text, encoding="utf-8")
    doc = Document(str(_render(path)))
    title = _title(doc)
    assert [norm(p.text) for p in title] == ["KẾT LUẬN", "CỦA BAN THƯỜNG VỤ ĐẢNG ỦY XÃ", "về công tác cán bộ", "-----"]
    author = title[1]
    assert author.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(r.bold for r in author.runs if r.text.strip())
    assert check_docx(path.with_suffix(".docx"), profiles.load("dang-hd36")) == []


def test_without_chu_the_the_author_is_the_issuer_and_other_kinds_have_none(tmp_path):
    doc = Document(str(_render(_yaml(tmp_path, "dang-hd36", "KL", None, subject="về công tác cán bộ"))))
    assert [norm(p.text) for p in _title(doc)][:2] == ["KẾT LUẬN", "CỦA ĐẢNG ỦY XÃ BÌNH SƠN"]
    doc = Document(str(_render(_yaml(tmp_path, "dang-hd36", "BC", None, subject="tiến độ"))))
    assert [norm(p.text) for p in _title(doc)] == ["BÁO CÁO", "tiến độ", "-----"]


def test_a_kind_narrowed_to_some_forms_refuses_the_others(tmp_path, capsys):
    (tmp_path / "van-phong.yaml").write_text(
        'ke_thua: dang-hd36\nname: van-phong\nkinds:\n  BC: {signature_forms: ["T/M"]}\n', encoding="utf-8"
    )
    path = _yaml(tmp_path, "van-phong.yaml", "BC", None)
    good = path.read_text(encoding="utf-8")
    assert cli.main(["check", str(path)]) == 0
    path.write_text(good.replace("quyen_han: T/M BAN THƯỜNG VỤ", "quyen_han: T/L BAN THƯỜNG VỤ"), encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["check", str(path)]) == cli.EXIT_INPUT
    err = capsys.readouterr().err
    assert f"{path}:7:3: ky.quyen_han: văn bản loại BC (Báo cáo) không ký “T/L”: dùng T/M hoặc ký trực tiếp" in err
    # a direct signature, with no form, is always allowed
    path.write_text(good.replace("  quyen_han: T/M BAN THƯỜNG VỤ\n", ""), encoding="utf-8")
    assert cli.main(["check", str(path)]) == 0


def test_readme_table_of_kinds_is_written_from_the_profiles():
    from pathlib import Path

    from dispatch_gen.input import kinds

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert kinds.readme_with_table(readme) == readme, "run: python -m dispatch_gen.input.kinds README.md"
    table = kinds.readme_table()
    # rows as the rules give them (HD 36 1.3.1 b, 1.5.1, 1.9.2; NĐ 30 PL III Mẫu 1.4, PL I II.9.b)
    assert "| dang-hd36 | `KL` | Kết luận | `Số 05-KL/ĐU` | có | không có | `CỦA {chu_the}` |" in table
    assert "| dang-hd36 | `CV` | Công văn | `Số 05-CV/ĐU` | không (trích yếu dưới số) | bắt buộc (Kính gửi) |" in table
    assert "| dang-hd05 | `TTr` | Tờ trình | `Số 05-TTr/ĐU` | có | bắt buộc (Kính trình) |" in table
    assert "| nha_nuoc | `BC` | Báo cáo | `Số: 05/BC-UBND` | có | tùy chọn (Kính gửi) |" in table
    assert "| nha_nuoc | `CV` | Công văn | `Số: 05/UBND-VP` |" in table
    assert "`KL`" not in table.split("| nha_nuoc |", 1)[1]  # no state Kết luận
    assert "| dang-hd05 | `BC` |" not in table  # HD 05 lists only what it changes


def test_signing_forms_by_the_body_that_signs(tmp_path, capsys):
    """HD36 1.7.1: an advisory body's head signs directly, never "T/M"; NĐ 30 PL I II.7.b: "KT."
    stands before the head's title ("KT. CHỦ TỊCH"), never before the body's name."""
    from .test_check import build

    party = profiles.load("dang-hd36")
    built = build(party, appendix=False)
    built.parts["authority"].runs[0].text = "T/M BAN TỔ CHỨC"
    found = [str(f) for f in check_docx(built.save(tmp_path / "tm.docx"), party)]
    assert found == ["chữ ký: không dùng “T/M” khi ký thay mặt BAN TỔ CHỨC (“T/M BAN TỔ CHỨC”)"]
    path = _yaml(tmp_path, "nha_nuoc", "KH", None)
    good = path.read_text(encoding="utf-8")
    assert cli.main(["check", str(path)]) == 0
    path.write_text(good.replace("quyen_han: TM. ỦY BAN NHÂN DÂN", "quyen_han: KT. ỦY BAN NHÂN DÂN"), encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["check", str(path)]) == cli.EXIT_INPUT
    assert "ky.quyen_han: “KT. ỦY BAN NHÂN DÂN” không phải thể thức đề ký hợp lệ" in capsys.readouterr().err
