"""The bounds on Jinja (compute/jinjalimits.py) hold in a user's ``--template`` too.

docxtpl renders a template with the environment it is given: engine.environment() is the
bounded sandbox. Each case is a tag added to a copy of the shipped template, rendered in a
subprocess with an address-space limit and a timeout: it must end in exit 1, located at the
template's part and paragraph, within the time bound.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from dispatch_gen.input import profile as profiles

from .capped import run_capped

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "bad" / "hop-le.yaml"
SECONDS = 60  # the wall-clock bound of the subprocess (the machine is shared)
WANT_SECONDS = 20  # what a bounded case must stay under
ANCHOR = b"{{ co_quan.ten }}"

CASES = {
    "string-repeat": "{{ 'x' * 10**9 }}",
    "range": "{% for i in range(10**9) %}{% endfor %}",
    "nested-range": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "power": "{{ 2 ** (10**8) }}",
    "list-repeat": "{{ [0] * 10**9 }}",
}


def _template_with(tmp_path: Path, tag: str) -> Path:
    shipped = profiles.template_path("dang-hd36", "cong_van")
    out = tmp_path / "mau.docx"
    with zipfile.ZipFile(shipped) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                assert data.count(ANCHOR) == 1
                data = data.replace(ANCHOR, ANCHOR + tag.replace("'", "&apos;").encode())
            zout.writestr(item, data)
    return out


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_costly_tag_in_a_user_template_is_refused_quickly(name, tmp_path):
    template = _template_with(tmp_path, CASES[name])
    out = tmp_path / "cv.docx"
    proc, elapsed = run_capped(["render", str(VALID), "--template", str(template), "-o", str(out)], tmp_path, SECONDS)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    # located: the template, its part and the paragraph of the tag
    assert proc.stderr.startswith(f"{template}: word/document.xml, bảng 1, hàng 1, ô 1: lỗi thẻ Jinja: "), proc.stderr
    assert "biểu thức quá lớn / quá sâu" in proc.stderr, proc.stderr
    assert not out.exists()
    assert elapsed < WANT_SECONDS, elapsed
