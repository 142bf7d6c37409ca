"""File confinement that holds: a referenced file is read from the real YAML's folder, opened
as it was checked, regular and bounded, even while someone swaps it for a link."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from dispatch_gen import cli, pipeline
from dispatch_gen.errors import InputError
from dispatch_gen.input import files

from .test_atomic import body_text

BAD = Path(__file__).parent / "bad"
VALID = BAD / "hop-le.yaml"
UNITS = (
    "  don_vi:\n    - {ten: Đảng ủy xã Bình An, khoi: Xã, chi_tieu: 10, dat: 8}\n"
    "    - {ten: Đảng ủy xã Bình Hòa, khoi: Xã, chi_tieu: 6, dat: 2}\n"
)
GOOD_CSV = "TT,Khối,Đơn vị,Chỉ tiêu,Đã kết nạp\n1,Xã,Đảng ủy xã Bình An,10,8\n2,Xã,Đảng ủy xã Bình Hòa,6,2\n"
SECRET_CSV = "TT,Khối,Đơn vị,Chỉ tiêu,Đã kết nạp\n1,Xã,BÍ MẬT của văn phòng khác,10,8\n2,Xã,BÍ MẬT thứ hai,6,2\n"

needs_links = pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="POSIX links")


def yaml_naming(folder: Path, ref: str, name: str = "cv.yaml") -> Path:
    text = VALID.read_text(encoding="utf-8")
    assert text.count(UNITS) == 1
    p = folder / name
    p.write_text(text.replace(UNITS, f"  tep: {ref}\n"), encoding="utf-8")
    return p


@pytest.fixture
def secret(tmp_path) -> Path:
    p = tmp_path / "van-phong-khac" / "bi-mat.csv"
    p.parent.mkdir()
    p.write_text(SECRET_CSV, encoding="utf-8")
    return p


@needs_links
def test_a_linked_yaml_reads_beside_the_file_it_points_to_never_beside_the_link(tmp_path, secret, capsys):
    a, b = tmp_path / "A", tmp_path / "B"
    a.mkdir()
    b.mkdir()
    real = yaml_naming(b, "data.csv")
    (b / "data.csv").write_text(GOOD_CSV, encoding="utf-8")
    (a / "cv.yaml").symlink_to(real)
    (a / "data.csv").symlink_to(secret)  # the link beside the linked YAML
    out = tmp_path / "o.docx"
    assert cli.main(["render", str(a / "cv.yaml"), "-o", str(out)]) == 0, capsys.readouterr().err
    text = body_text(out)
    assert "Đảng ủy xã Bình An" in text or "Bình An" in text
    assert "BÍ MẬT" not in text

    # and the real folder's own link out is refused, located at the YAML's so_lieu.tep
    (b / "data.csv").unlink()
    (b / "data.csv").symlink_to(secret)
    assert cli.main(["render", str(a / "cv.yaml"), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "so_lieu.tep: tệp “data.csv” nằm ngoài thư mục của tệp YAML" in err
    assert "BÍ MẬT" not in err


@needs_links
def test_a_link_inside_the_folder_to_a_file_inside_is_followed(tmp_path, capsys):
    (tmp_path / "2024.csv").write_text(GOOD_CSV, encoding="utf-8")
    (tmp_path / "data.csv").symlink_to("2024.csv")
    ld = pipeline.load(yaml_naming(tmp_path, "data.csv"))
    assert [u.name for u in ld.figures.units] == ["Đảng ủy xã Bình An", "Đảng ủy xã Bình Hòa"]


@pytest.mark.parametrize("kind", ["fifo", "folder", "too-big"])
def test_what_is_not_a_sane_regular_file_is_refused_with_a_located_message(tmp_path, kind, capsys, monkeypatch):
    target = tmp_path / "data.csv"
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFO here")
        os.mkfifo(target)  # reading it would wait forever for a writer
        want = "không phải tệp thường"
    elif kind == "folder":
        target.mkdir()
        want = "đây là một thư mục"
    else:
        target.write_text(GOOD_CSV, encoding="utf-8")
        monkeypatch.setattr("dispatch_gen.input.sheets.MAX_SHEET_BYTES", 50)
        want = "tệp số liệu quá lớn"
    p = yaml_naming(tmp_path, "data.csv")
    assert cli.main(["render", str(p), "-o", str(tmp_path / "o.docx")]) == 1
    err = capsys.readouterr().err
    assert f"{target}: {want}" in err, err
    assert "Traceback" not in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_never_read():
    with pytest.raises(InputError) as info:
        files.read_file(Path("/dev/zero"), 1024)
    assert "không phải tệp thường" in str(info.value.problems[0].message)


def test_a_name_that_climbs_out_is_outside(tmp_path):
    (tmp_path / "a").mkdir()
    with pytest.raises(files.Outside):
        files.resolve_inside(tmp_path / "a", "../x.csv")
    with pytest.raises(files.Outside):
        files.resolve_inside(tmp_path / "a", "/etc/passwd")


RACE_RENDERS = 500
RACE_SECONDS = 120


@needs_links
def test_a_file_swapped_for_a_link_while_rendering_never_lets_the_outside_in(tmp_path, secret):
    """A thread flips data.csv between a regular file and a link to a file outside while the
    figures are read over and over: each read gives the file inside or a clean refusal."""
    folder = tmp_path / "cong-van"
    folder.mkdir()
    data = folder / "data.csv"
    data.write_text(GOOD_CSV, encoding="utf-8")
    yaml_path = yaml_naming(folder, "data.csv")
    stop = threading.Event()
    flips = [0]

    def flip() -> None:
        while not stop.is_set():
            link = folder / ".link"
            os.symlink(secret, link)
            os.replace(link, data)
            regular = folder / ".regular"
            regular.write_text(GOOD_CSV, encoding="utf-8")
            os.replace(regular, data)
            flips[0] += 1

    thread = threading.Thread(target=flip, daemon=True)
    thread.start()
    read = refused = 0
    escapes: list[str] = []
    deadline = time.monotonic() + RACE_SECONDS
    try:
        for _ in range(RACE_RENDERS):
            assert time.monotonic() < deadline, f"only {read + refused} renders in {RACE_SECONDS} s"
            try:
                ld = pipeline.load(yaml_path)
            except InputError as err:
                refused += 1
                assert "BÍ MẬT" not in str(err)
                continue
            read += 1
            names = [u.name for u in ld.figures.units]
            if names != ["Đảng ủy xã Bình An", "Đảng ủy xã Bình Hòa"]:
                escapes.append(", ".join(names))
    finally:
        stop.set()
        thread.join()
    assert escapes == []
    assert read + refused == RACE_RENDERS
    assert refused > 0 and read > 0 and flips[0] > 50  # the race did happen both ways
    shutil.rmtree(folder)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFO here")
def test_a_fifo_named_as_the_yaml_is_refused_not_waited_on(tmp_path, capsys):
    fifo = tmp_path / "cv.yaml"
    os.mkfifo(fifo)  # a plain read would wait forever for a writer
    assert cli.main(["render", str(fifo), "-o", str(tmp_path / "o.docx")]) == 1
    err = capsys.readouterr().err
    assert f"{fifo}: " in err and "không phải tệp thường" in err, err
    assert not (tmp_path / "o.docx").exists()
