"""The JSON Schema stays in step with the data model, and the committed copy with the code."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from dispatch_gen import cli
from dispatch_gen.errors import InputError
from dispatch_gen.input import model, schema, source

from .conftest import EXAMPLE, EXAMPLES, ROOT

COMMITTED = ROOT / "schema" / schema.SCHEMA_FILE
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


class _Yaml12Loader(yaml.SafeLoader):
    """YAML as an editor's language server reads it: 05/8/2024 and 2024-08-05 stay text."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_as_editor(path: Path) -> object:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)


@pytest.fixture(scope="module")
def committed() -> dict:
    return json.loads(COMMITTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(committed) -> jsonschema.Draft202012Validator:
    """The schema users' editors load: the committed file, not a fresh generation."""
    jsonschema.Draft202012Validator.check_schema(committed)
    return jsonschema.Draft202012Validator(committed)


def test_committed_schema_is_a_fresh_generation():
    assert COMMITTED.read_text(encoding="utf-8") == schema.schema_text(), (
        "schema/dispatch-gen.schema.json is stale: run  dispatch-gen schema -o schema/dispatch-gen.schema.json"
    )


def test_schema_is_valid_draft_2020_12():
    sch = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert sch["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(sch)


def _objects(data: object, path: str = "") -> list[tuple[str, dict]]:
    """Every mapping in ``data`` with its path (``phu_luc/0/cot/1``)."""
    found: list[tuple[str, dict]] = []
    if isinstance(data, dict):
        found.append((path, data))
        items = list(data.items())
    elif isinstance(data, list):
        items = list(enumerate(data))
    else:
        return found
    for key, value in items:
        found += _objects(value, f"{path}/{key}" if path else str(key))
    return found


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_an_unknown_key_is_refused_at_every_level_of_a_real_example(path, validator):
    """A typo anywhere (top level, co_quan, so_lieu.khen, a column of phu_luc…) is an editor error.

    Only free-form mappings (han: names of deadlines, chu_thich: names of footnotes,
    chi_so_phu: names of measures, per-unit measures; cot_them and them: names of further figures;
    bang: names of the body's units tables) take any key."""
    data = load_as_editor(path)
    free = ("han", "chu_thich", "chi_so_phu", "cot_them", "them", "bang")
    checked = 0
    for where, obj in _objects(data):
        if where.split("/")[-1] in free or "/chi_so_phu/" in f"/{where}/":
            continue
        obj["khoa_go_nham"] = "x"
        errors = [e for e in validator.iter_errors(data) if "khoa_go_nham" in e.message]
        del obj["khoa_go_nham"]
        assert errors, f"{where or '(top)'}: an unknown key is accepted"
        checked += 1
    assert checked >= 3


def test_literals_become_enums(committed):
    sch = committed
    assert sch["$defs"]["Rounding"]["properties"]["cach"]["enum"] == ["nua_len", "chan", "cat_bo"]
    huong = sch["$defs"]["AppendixSpec"]["properties"]["huong"]
    assert {"type": "string", "enum": ["doc", "ngang"]} in huong["anyOf"]


def test_number_of_a_dispatch_is_int_or_text(committed):
    so = committed["properties"]["so"]
    assert so["type"] == ["integer", "string", "null"]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_every_example_is_valid_and_points_to_the_committed_schema(path, validator):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/dispatch-gen.schema.json"
    assert (path.parent / "../schema/dispatch-gen.schema.json").resolve() == COMMITTED.resolve()
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(load_as_editor(path))
    ]
    assert errors == []


def _model_accepts(data: dict) -> bool:
    try:
        model.parse_dispatch(source.Located(data, "t.yaml"))
    except InputError:
        return False
    return True


def _edit(data: dict, path: str, value: object) -> dict:
    data = copy.deepcopy(data)
    *parents, last = path.split(".")
    target = data
    for p in parents:
        target = target[int(p)] if p.isdigit() else target[p]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    return data


_DELETE = object()

# (field path, new value): the schema and the validator must both turn each of these down
REJECTED = [
    ("khoa_la", "x"),  # unknown key
    ("co_quan.ten_goi", "x"),  # unknown nested key
    ("trich_yeu", _DELETE),  # missing required key
    ("co_quan.ky_hieu", _DELETE),
    ("kinh_gui", "một chuỗi"),
    ("nam", 1800),  # minimum
    ("nam", "2024"),
    ("ngay", "5-8-2024"),  # neither dd/mm/yyyy nor yyyy-mm-dd
    ("so_lieu.lam_tron", {"cach": "len"}),  # enum
    ("so_lieu.lam_tron", {"chu_so": 9}),  # maximum
    ("so_lieu.khen", {"dung_dau": 0}),
    ("so_lieu.khen", {"ty_le_tu": "tám mươi"}),
    ("so", 1.5),
    ("phu_luc.0.nhom_theo_khoi", "có"),
    ("han", ["25/10/2024"]),
]
# … and accept each of these
ACCEPTED = [
    ("ngay", "05/8/2024"),
    ("ngay", "2024-08-05"),
    ("so", 123),
    ("so", "05"),
    ("co_quan.ky_hieu", 123),  # a number where text is expected is kept as text
    ("so_lieu.khen", {"ty_le_tu": "62,5"}),
    ("so_lieu.khen", {"ty_le_tu": 62.5}),
    ("tien_to_trich_yeu", None),
    ("kinh_gui", []),  # required or absent by the kind (loai): checked once the profile is known
]


@pytest.fixture(scope="module")
def example_data() -> dict:
    data = load_as_editor(EXAMPLE)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(("path", "value"), REJECTED, ids=[p for p, _v in REJECTED])
def test_schema_and_model_reject_the_same_mistakes(path, value, example_data, validator):
    data = _edit(example_data, path, value)
    assert not validator.is_valid(data), "the schema accepts it"
    assert not _model_accepts(data), "the model accepts it"


@pytest.mark.parametrize(("path", "value"), ACCEPTED, ids=[f"{p}={v!r}" for p, v in ACCEPTED])
def test_schema_and_model_accept_the_same_forms(path, value, example_data, validator):
    data = _edit(example_data, path, value)
    assert list(validator.iter_errors(data)) == []
    assert _model_accepts(data)


def test_schema_command_writes_stdout_and_file(tmp_path, capsys):
    assert cli.main(["schema"]) == 0
    assert capsys.readouterr().out == schema.schema_text()
    out = tmp_path / "s.json"
    assert cli.main(["schema", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == schema.build_schema()


def test_markdown_reference_lists_every_key(committed):
    """The README reference names every object and every key of the committed schema."""
    ref = schema.markdown_reference()
    assert ref.strip() in (ROOT / "README.md").read_text(encoding="utf-8")
    for name, obj in [("Dispatch", committed), *committed["$defs"].items()]:
        assert f"#### {name}\n" in ref
        for key in obj["properties"]:
            assert f"| `{key}` |" in ref, (name, key)
    # a description's Markdown is shown as written, not applied
    assert r"\*\*đậm\*\*" in ref
