"""The form's edits applied to the YAML text: in place, the comments and the layout kept."""

from __future__ import annotations

from dispatch_gen.web import yamledit

TEXT = """\
# Công văn mẫu
so:                     # để trống khi chờ ký
trich_yeu: Đôn đốc      # trích yếu
kinh_gui:
  - Các chi bộ
  - Ban Tổ chức
noi_dung: |
  Đoạn một.

  Đoạn hai.
so_lieu:
  tinh_den: 05/8/2024
  don_vi:
    - {ten: Xã A, chi_tieu: 10, dat: 8}
    - {ten: Xã B, chi_tieu: 6, dat: 2}
ky:
  ho_ten: Trần Văn Minh
"""


def edited(*ops: dict) -> str:
    text, kept = yamledit.apply(TEXT, list(ops))
    assert kept
    return text


def test_a_figure_in_a_flow_mapping_changes_alone():
    new = edited({"op": "set", "path": ["so_lieu", "don_vi", 1, "dat"], "value": 5})
    assert new == TEXT.replace("{ten: Xã B, chi_tieu: 6, dat: 2}", "{ten: Xã B, chi_tieu: 6, dat: 5}")


def test_an_empty_value_is_filled_and_its_comment_keeps_its_column():
    new = edited({"op": "set", "path": ["so"], "value": 15})
    assert new.splitlines()[1] == "so: 15                  # để trống khi chờ ký"


def test_a_text_with_a_colon_is_quoted_and_the_comment_stays():
    new = edited({"op": "set", "path": ["trich_yeu"], "value": "V/v: kết nạp"})
    assert new.splitlines()[2] == "trich_yeu: 'V/v: kết nạp'      # trích yếu"


def test_a_text_in_a_flow_mapping_with_a_comma_is_quoted():
    new = edited({"op": "set", "path": ["so_lieu", "don_vi", 0, "ten"], "value": "Xã A, B"})
    assert '    - {ten: "Xã A, B", chi_tieu: 10, dat: 8}\n' in new


def test_the_body_stays_a_block_text():
    new = edited({"op": "set", "path": ["noi_dung"], "value": "Một.\n\nHai {{ tong.dat }}.\n"})
    assert "noi_dung: |\n  Một.\n\n  Hai {{ tong.dat }}.\nso_lieu:\n" in new


def test_list_items_are_added_and_removed_in_place():
    new = edited({"op": "append", "path": ["kinh_gui"], "value": "Văn phòng"})
    assert "kinh_gui:\n  - Các chi bộ\n  - Ban Tổ chức\n  - Văn phòng\nnoi_dung:" in new
    new = edited({"op": "remove", "path": ["kinh_gui", 0]})
    assert "kinh_gui:\n  - Ban Tổ chức\nnoi_dung:" in new
    new = edited({"op": "append", "path": ["so_lieu", "don_vi"], "value": {"ten": "Xã C", "chi_tieu": 3, "dat": 1}})
    assert "    - {ten: Xã B, chi_tieu: 6, dat: 2}\n    - ten: Xã C\n      chi_tieu: 3\n      dat: 1\nky:" in new


def test_a_key_is_added_at_the_end_of_its_mapping_and_removed():
    new = edited({"op": "set", "path": ["ky", "chuc_vu"], "value": "PHÓ BÍ THƯ"})
    assert new.endswith("ky:\n  ho_ten: Trần Văn Minh\n  chuc_vu: PHÓ BÍ THƯ\n")
    new = edited({"op": "remove", "path": ["trich_yeu"]})
    assert new == TEXT.replace("trich_yeu: Đôn đốc      # trích yếu\n", "")
    assert new.startswith("# Công văn mẫu\n")


def test_what_cannot_be_done_in_place_is_written_whole_and_said():
    text, kept = yamledit.apply(TEXT, [{"op": "set", "path": ["ky"], "value": "không phải bảng"}])
    assert kept is False
    assert "ky: không phải bảng\n" in text
    text, kept = yamledit.apply("a: [1, 2]\n", [{"op": "remove", "path": ["a", 0]}])
    assert text == "a:\n- 2\n"
    assert kept is False


def test_text_that_is_not_yaml_is_refused():
    import pytest

    with pytest.raises(ValueError):
        yamledit.apply("a: [1, 2\n", [{"op": "set", "path": ["a"], "value": 1}])
    with pytest.raises(ValueError):
        yamledit.apply(TEXT, [{"op": "set", "path": ["khong_co", "x"], "value": 1}])
