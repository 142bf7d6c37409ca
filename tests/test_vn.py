"""vn.fold: the two tone placements of oa, oe, uy fold to one key; nothing else does."""

import unicodedata

import pytest

from dispatch_gen.vn import fold

# (tone on the first vowel, tone on the second), written out: huyền, sắc, hỏi, ngã, nặng.
SAME = [
    ("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"),
    ("òe", "oè"), ("óe", "oé"), ("ỏe", "oẻ"), ("õe", "oẽ"), ("ọe", "oẹ"),
    ("ùy", "uỳ"), ("úy", "uý"), ("ủy", "uỷ"), ("ũy", "uỹ"), ("ụy", "uỵ"),
    ("ÒA", "OÀ"), ("ÓA", "OÁ"), ("ỎA", "OẢ"), ("ÕA", "OÃ"), ("ỌA", "OẠ"),
    ("ÒE", "OÈ"), ("ÓE", "OÉ"), ("ỎE", "OẺ"), ("ÕE", "OẼ"), ("ỌE", "OẸ"),
    ("ÙY", "UỲ"), ("ÚY", "UÝ"), ("ỦY", "UỶ"), ("ŨY", "UỸ"), ("ỤY", "UỴ"),
    ("Bình Hòa", "Bình Hoà"), ("Khóa", "Khoá"), ("Đảng ủy", "Đảng uỷ"), ("Thủy", "THUỶ"),
    ("khỏe", "khoẻ"), ("Hòa, Thủy.", "hoà, thuỷ."), ("Ủy ban", "Uỷ ban"),
]  # fmt: skip

# Words the rule must not touch: the rhyme does not end the word, or the u belongs to "qu",
# or the tones differ.
DIFFERENT = [
    ("hòan", "hoàn"), ("ngòai", "ngoài"), ("khủyu", "khuỷu"), ("qúy", "quý"),
    ("hòa", "hóa"), ("uỷ", "uý"), ("hoa", "hoà"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new"), SAME)
def test_both_tone_placements_fold_alike(old, new):
    assert fold(old) == fold(new)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_other_words_stay_apart(a, b):
    assert fold(a) != fold(b)


def test_decomposed_input_folds_like_composed():
    assert fold(unicodedata.normalize("NFD", "Bình Hòa")) == fold("bình hoà")


def test_the_folded_key_is_lower_case_with_the_tone_on_the_second_vowel():
    assert fold("Xã Bình Hòa, Đảng Ủy") == "xã bình hoà, đảng uỷ"
