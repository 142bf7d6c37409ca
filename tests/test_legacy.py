"""input/legacy.py against the code charts written out by hand in tests/legacy_charts.py."""

from __future__ import annotations

import pytest

from dispatch_gen.input import legacy

from .legacy_charts import TCVN3_CHART, VNI_CHART, encode

CHARTS = {"TCVN3": TCVN3_CHART, "VNI": VNI_CHART}


@pytest.mark.parametrize("encoding", sorted(CHARTS))
def test_every_letter_of_the_chart_converts_both_ways(encoding):
    chart = CHARTS[encoding]
    wrong = {}
    for letter, code in chart.items():
        typed = code.decode("latin-1")
        back, there = legacy.to_unicode(typed, encoding), legacy.from_unicode(letter, encoding)
        if (back, there) != (letter, typed):
            wrong[letter] = (typed, back, there)
    assert wrong == {}
    assert len(chart) == (74 if encoding == "TCVN3" else 134)  # 67 small letters (+7 capitals)


@pytest.mark.parametrize(
    ("typed", "encoding", "expected"),
    [
        # "Việt Nam": ệ is D6 in TCVN3, e + E4 in VNI
        (b"Vi\xd6t Nam", "TCVN3", "Việt Nam"),
        (b"Vie\xe4t Nam", "VNI", "Việt Nam"),
        (b"Qu\xb6ng Ng\xb7i", "TCVN3", "Quảng Ngãi"),
        (b"Qua\xfbng Nga\xf5i", "VNI", "Quảng Ngãi"),
        (b"Huy\xd6n \xf1y B\xd7nh S\xacn", "TCVN3", "Huyện ủy Bình Sơn"),
        (b"Huye\xe4n u\xfby B\xecnh S\xf4n", "VNI", "Huyện ủy Bình Sơn"),
        (b"Th\xad\xeang tr\xf9c", "TCVN3", "Thường trực"),
        (b"Th\xf6\xf4\xf8ng tr\xf6\xefc", "VNI", "Thường trực"),
    ],
)
def test_sentences_from_the_chart_are_detected_and_fixed(typed, encoding, expected):
    found = legacy.detect(typed.decode("latin-1"))
    assert found is not None
    assert (found.encoding, found.fixed) == (encoding, expected)


def test_the_oracle_encoder_writes_toned_tcvn3_capitals_with_small_codes():
    assert encode("ĐẢNG", TCVN3_CHART).encode("latin-1") == b"\xa7\xb6NG"
    assert encode("ĐẢNG", VNI_CHART).encode("latin-1") == b"\xd1A\xdbNG"
