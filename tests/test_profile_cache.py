"""The validated profiles kept on disk (input/profile.py): a later process reads them back
without importing pydantic, gets exactly the validated dict, and a fault is still found."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from dispatch_gen import pipeline
from dispatch_gen.errors import InputError
from dispatch_gen.input import profile as profiles

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "binh-son-ket-nap-dang-vien-2024.yaml"

PROBE = """
import json, sys
from dispatch_gen.input import profile
loaded = {name: profile.load(name) for name in profile.names()}
print(json.dumps({"pydantic": "pydantic" in sys.modules, "profiles": loaded}, ensure_ascii=False, sort_keys=True))
"""


def _probe(cache: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), DISPATCH_GEN_CACHE=str(cache))
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    import json

    return json.loads(done.stdout)


def test_a_second_process_reads_the_validated_profiles_without_pydantic(tmp_path):
    cache = tmp_path / "cache"
    first = _probe(cache)
    assert first["pydantic"] is True  # validated: nothing cached yet
    assert len(list(cache.glob("profile-*.marshal"))) == len(profiles.names()) - 1  # dang is dang-hd36
    second = _probe(cache)
    assert second["pydantic"] is False
    assert second["profiles"] == first["profiles"]
    assert second["profiles"]["dang-hd36"]["name"] == "dang-hd36"


def test_an_empty_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DISPATCH_GEN_CACHE", "")
    assert profiles._cache_key({"name": "x"}) is None


def test_a_damaged_cache_file_means_validating_again(tmp_path, monkeypatch):
    monkeypatch.setenv("DISPATCH_GEN_CACHE", str(tmp_path))
    profiles._load_file.cache_clear()
    try:
        good = profiles.load("nha_nuoc")
        (file,) = tmp_path.glob("profile-*.marshal")
        file.write_bytes(b"\x00 not marshal")
        profiles._load_file.cache_clear()
        assert profiles.load("nha_nuoc") == good
    finally:
        profiles._load_file.cache_clear()


def _users_case(tmp_path: Path, monkeypatch, the_thuc: str) -> None:
    """The example in ``tmp_path`` as cv.yaml with its sheet, naming the profile file ``the_thuc``."""
    monkeypatch.setenv("DISPATCH_GEN_CACHE", str(tmp_path / "cache"))
    text = EXAMPLE.read_text(encoding="utf-8").replace("the_thuc: dang ", f"the_thuc: {the_thuc} ", 1)
    (tmp_path / "cv.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "binh-son-don-vi-2024.csv").write_bytes((EXAMPLE.parent / "binh-son-don-vi-2024.csv").read_bytes())


def test_a_fault_in_a_users_profile_is_found_after_its_good_version_was_cached(tmp_path, monkeypatch):
    _users_case(tmp_path, monkeypatch, "ho-so.yaml")
    profile_file = tmp_path / "ho-so.yaml"
    profile_file.write_text("ke_thua: dang-hd36\nnoi_nhan:\n  separator: ';'\n", encoding="utf-8")
    profiles._load_file.cache_clear()
    try:
        assert pipeline.load(tmp_path / "cv.yaml").profile["noi_nhan"]["separator"] == ";"
        assert list((tmp_path / "cache").glob("profile-*.marshal"))
        profile_file.write_text("ke_thua: dang-hd36\nnoi_nhan:\n  separater: ';'\n", encoding="utf-8")
        profiles._load_file.cache_clear()
        try:
            pipeline.load(tmp_path / "cv.yaml")
        except InputError as exc:
            assert [str(p) for p in exc.problems] == [
                f"{profile_file}:3:3: noi_nhan.separater: "
                "khóa “separater” không có trong hồ sơ thể thức (có phải “separator”?)"
            ]
        else:
            raise AssertionError("the fault was not found")
    finally:
        profiles._load_file.cache_clear()


def test_a_kept_profile_is_read_back_without_parsing_its_yaml(tmp_path, monkeypatch):
    monkeypatch.setenv("DISPATCH_GEN_CACHE", str(tmp_path))
    profiles._load_file.cache_clear()
    try:
        first = profiles.load("dang-hd05")  # inherits dang-hd36: two files
        assert len(list(tmp_path.glob("profile_files-*.marshal"))) == 1
        profiles._load_file.cache_clear()

        def parsed(*_args, **_kwargs):
            raise AssertionError("the profile's YAML was parsed again")

        monkeypatch.setattr(profiles.source, "load_yaml", parsed)
        assert profiles.load("dang-hd05") == first
    finally:
        profiles._load_file.cache_clear()


def test_a_change_in_an_inherited_file_is_seen(tmp_path, monkeypatch):
    _users_case(tmp_path, monkeypatch, "con.yaml")
    (tmp_path / "con.yaml").write_text("ke_thua: cha.yaml\nname: con\n", encoding="utf-8")
    parent = tmp_path / "cha.yaml"
    parent.write_text("ke_thua: dang-hd36\nnoi_nhan:\n  separator: ';'\n", encoding="utf-8")
    profiles._load_file.cache_clear()
    try:
        assert pipeline.load(tmp_path / "cv.yaml").profile["noi_nhan"]["separator"] == ";"
        parent.write_text("ke_thua: dang-hd36\nnoi_nhan:\n  separator: ' -'\n", encoding="utf-8")
        profiles._load_file.cache_clear()
        assert pipeline.load(tmp_path / "cv.yaml").profile["noi_nhan"]["separator"] == " -"
        parent.write_text("ke_thua: dang-hd36\nnoi_nhan:\n  separater: ';'\n", encoding="utf-8")
        profiles._load_file.cache_clear()
        try:
            pipeline.load(tmp_path / "cv.yaml")
        except InputError as exc:
            assert str(exc.problems[0]).startswith(f"{parent}:3:3: noi_nhan.separater: "), exc.problems
        else:
            raise AssertionError("the fault in the inherited file was not found")
    finally:
        profiles._load_file.cache_clear()
