"""Random damage to a valid .docx never makes `check` fail with an internal error (exit 3).

A rendered dispatch is damaged at random: bytes of one of the XML parts the checker reads
deleted, inserted or replaced (then zipped again, so the damage reaches the XML reader),
or bytes of the zip itself overwritten. Whatever comes out, `check` ends with exit 0 or 1
and a message, never 3.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dispatch_gen import cli, pipeline

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "binh-son-ket-nap-dang-vien-2024.yaml"
NOISE = [
    b"<",
    b">",
    b"&",
    b'"',
    b"=",
    b"/>",
    b"</w:p>",
    b"<w:p>",
    b"nan",
    b"-1",
    b"\xff",
    b"\x00",
    b"<!DOCTYPE x>",
    b"abc",
]


@pytest.fixture(scope="module")
def valid(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("damage")
    out = folder / "cong-van.docx"
    pipeline.render_file(EXAMPLE, out)
    with zipfile.ZipFile(out) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    return folder, members


def run_check(path: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(["check", str(path)])
    return status, out.getvalue() + err.getvalue()


def xml_parts(members: dict[str, bytes]) -> list[str]:
    return sorted(n for n in members if n.endswith((".xml", ".rels")))


edits = st.lists(
    st.tuples(
        st.floats(0, 1),  # where, as a fraction of the part
        st.sampled_from(["delete", "insert", "replace"]),
        st.integers(1, 40),  # how many bytes to delete or replace
        st.one_of(st.sampled_from(NOISE), st.binary(min_size=1, max_size=8)),
    ),
    min_size=1,
    max_size=4,
)


def damage(data: bytes, changes: list[tuple[float, str, int, bytes]]) -> bytes:
    for where, kind, length, noise in changes:
        at = int(where * len(data))
        if kind == "delete":
            data = data[:at] + data[at + length :]
        elif kind == "insert":
            data = data[:at] + noise + data[at:]
        else:
            data = data[:at] + noise + data[at + length :]
    return data


def test_the_valid_document_is_read(valid):
    folder, members = valid
    path = folder / "intact.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    status, output = run_check(path)
    assert status == 0, output
    assert "word/document.xml" in xml_parts(members)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(part=st.integers(0, 10_000), changes=edits)
def test_damaged_xml_never_gives_an_internal_error(valid, part, changes):
    folder, members = valid
    names = xml_parts(members)
    name = names[part % len(names)]
    path = folder / "damaged.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, data in members.items():
            zf.writestr(member, damage(data, changes) if member == name else data)
    status, output = run_check(path)
    assert status in (cli.EXIT_OK, cli.EXIT_INPUT), (name, changes, output)
    assert "lỗi nội bộ" not in output, (name, changes, output)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=edits)
def test_damaged_zip_never_gives_an_internal_error(valid, changes):
    folder, members = valid
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, data in members.items():
            zf.writestr(member, data)
    path = folder / "damaged-zip.docx"
    path.write_bytes(damage(buffer.getvalue(), changes))
    status, output = run_check(path)
    assert status in (cli.EXIT_OK, cli.EXIT_INPUT), (changes, output)
    assert "lỗi nội bộ" not in output, (changes, output)
