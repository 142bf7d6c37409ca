"""Every part dispatch-gen writes keeps WordprocessingML's element order and multiplicity.

The order lists are written out here from ECMA-376 Part 1 (wml.xsd, 5th edition), not taken
from the code under test: CT_PPrBase/CT_PPr, EG_RPrBase/CT_RPr/CT_ParaRPr, CT_TblPr,
CT_SectPr, CT_TcPr and CT_TrPr. Word refuses, or silently repairs, a file that breaks them.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from dispatch_gen import pipeline
from dispatch_gen.input import profile as profiles
from dispatch_gen.output import save
from dispatch_gen.render import appendix
from dispatch_gen.wml import paragraphs

from .conftest import EXAMPLE, EXAMPLES, ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: CT_PPr = CT_PPrBase, then rPr, sectPr, pPrChange (17.3.1.26); a style's pPr (CT_PPrGeneral) is a prefix-subset
PPR = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
#: CT_ParaRPr (the paragraph mark) starts with ins, del, moveFrom, moveTo; CT_RPr = EG_RPrBase, then rPrChange
RPR = (
    "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
    "vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
).split()
#: CT_TblPr (17.4.60)
TBLPR = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing tblInd "
    "tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange"
).split()
#: CT_SectPr (17.6.17): EG_HdrFtrReferences (up to three of each, any order), then EG_SectPrContents
SECTPR = (
    "headerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType cols formProt "
    "vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange"
).split()
#: CT_TcPr (17.4.70)
TCPR = (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark "
    "headers cellIns cellDel cellMerge tcPrChange"
).split()
#: CT_TrPr (17.4.82): CT_TrPrBase is a choice, taken here in its listed order (as Word writes it), then ins, del
TRPR = (
    "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing jc hidden "
    "ins del trPrChange"
).split()

ORDERS = {"pPr": PPR, "rPr": RPR, "tblPr": TBLPR, "sectPr": SECTPR, "tcPr": TCPR, "trPr": TRPR}
#: children that may repeat (everything else in the lists above is at most once)
REPEATABLE = {("sectPr", "headerReference"), ("sectPr", "footerReference")}
#: an element and the one properties child it may hold, which must come first
FIRST_CHILD = {"p": "pPr", "r": "rPr", "tbl": "tblPr", "tr": "trPr", "tc": "tcPr"}
PARTS = ("word/document.xml", "word/footnotes.xml", "word/styles.xml", "word/header", "word/footer")


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def problems(xml: bytes) -> list[str]:
    """Every breach of order or multiplicity in one part, as ``parent/child: why`` lines."""
    found = []
    for el in etree.fromstring(xml).iter(f"{W}*"):
        name = _local(el)
        kids = [_local(k) for k in el if isinstance(k.tag, str) and k.tag.startswith(W)]
        first = FIRST_CHILD.get(name)
        if first is not None:
            if kids.count(first) > 1:
                found.append(f"{name}: {kids.count(first)} × {first}")
            elif first in kids and kids[0] != first:
                found.append(f"{name}: {first} is not the first child ({kids})")
        order = ORDERS.get(name)
        if order is None:
            continue
        rank = {k: i for i, k in enumerate(order)}
        if name == "sectPr":
            rank["footerReference"] = rank["headerReference"]
        unknown = [k for k in kids if k not in rank]
        if unknown:
            found.append(f"{name}: children outside the schema {unknown}")
            continue
        for k in set(kids):
            limit = 3 if (name, k) in REPEATABLE else 1
            if kids.count(k) > limit:
                found.append(f"{name}: {kids.count(k)} × {k}")
        ranks = [rank[k] for k in kids]
        if ranks != sorted(ranks):
            found.append(f"{name}: children out of schema order {kids}")
    return found


def _part_problems(docx: Path) -> list[str]:
    out = []
    with zipfile.ZipFile(docx) as z:
        names = [n for n in z.namelist() if n.startswith(PARTS) and n.endswith(".xml")]
        assert "word/document.xml" in names and "word/styles.xml" in names
        for n in names:
            out += [f"{docx.name}:{n}: {p}" for p in problems(z.read(n))]
    return out


# --- the checker itself catches what it claims to ------------------------------------------

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ("<w:r><w:rPr><w:b/></w:rPr><w:rPr><w:sz/></w:rPr></w:r>", "r: 2 × rPr"),
        ("<w:p><w:r/><w:pPr/></w:p>", "p: pPr is not the first child"),
        ("<w:tblPr><w:tblLayout/><w:tblLayout/></w:tblPr>", "tblPr: 2 × tblLayout"),
        ("<w:pPr><w:jc/><w:spacing/></w:pPr>", "pPr: children out of schema order"),
        ("<w:rPr><w:sz/><w:b/></w:rPr>", "rPr: children out of schema order"),
        ("<w:sectPr><w:titlePg/><w:pgSz/></w:sectPr>", "sectPr: children out of schema order"),
        ("<w:tcPr><w:vAlign/><w:tcW/></w:tcPr>", "tcPr: children out of schema order"),
        ("<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>", "trPr: children out of schema order"),
        ("<w:pPr><w:bogus/></w:pPr>", "pPr: children outside the schema"),
    ],
)
def test_the_check_finds_each_breach(xml: str, expected: str) -> None:
    found = problems(f"<w:body {_NS}>{xml}</w:body>".encode())
    assert len(found) == 1 and found[0].startswith(expected), found


def test_the_check_accepts_valid_order() -> None:
    xml = (
        "<w:p><w:pPr><w:pStyle/><w:spacing/><w:jc/><w:rPr><w:sz/></w:rPr></w:pPr>"
        "<w:r><w:rPr><w:rStyle/><w:b/><w:sz/><w:szCs/><w:vertAlign/></w:rPr><w:t/></w:r></w:p>"
        "<w:sectPr><w:headerReference/><w:headerReference/><w:footerReference/><w:pgSz/><w:pgMar/>"
        "<w:pgNumType/><w:cols/><w:titlePg/><w:docGrid/></w:sectPr>"
    )
    assert problems(f"<w:body {_NS}>{xml}</w:body>".encode()) == []


# --- what dispatch-gen writes ---------------------------------------------------------------

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[e.stem for e in EXAMPLE_FILES])
def test_every_part_of_every_example_keeps_schema_order(example: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{example.stem}.docx"
    pipeline.render_file(example, out)
    assert _part_problems(out) == []
    ld = pipeline.load(example)
    if ld.dispatch.appendices:  # the appendices alone (dispatch-gen appendix)
        alone = tmp_path / f"{example.stem}-phu-luc.docx"
        save.save_document(pipeline.build_appendices(ld), alone)
        assert _part_problems(alone) == []


TEMPLATES = sorted((ROOT / "templates").glob("*/*.docx"))


@pytest.mark.parametrize("template", TEMPLATES, ids=[f"{t.parent.name}-{t.stem}" for t in TEMPLATES])
def test_shipped_templates_keep_schema_order(template: Path) -> None:
    assert _part_problems(template) == []


def test_shipped_templates_exist() -> None:
    assert {t.parent.name for t in TEMPLATES} == set(profiles.shipped())


def test_appendix_without_a_cell_style_gives_each_run_one_rpr(tmp_path: Path, monkeypatch) -> None:
    """A user's template without the "Table Cell" style: sizes go on the runs, each in its one rPr."""
    monkeypatch.setattr(appendix, "_style_id", lambda *args: None)
    out = tmp_path / "khong-kieu.docx"
    pipeline.render_file(EXAMPLE, out)
    assert _part_problems(out) == []
    with zipfile.ZipFile(out) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    table = root.findall(f".//{W}tbl")[-1]
    size = profiles.load("dang")["appendix"]["table_size"]
    runs = [r for r in table.iter(f"{W}r") if r.find(f"{W}t") is not None]
    assert runs
    assert {r.find(f"{W}rPr/{W}sz").get(f"{W}val") for r in runs} == {str(int(size * 2))}


def test_the_renderer_does_not_import_the_template_builder() -> None:
    """Rules and the table marker live in the XML layer; rendering never loads build_templates."""
    code = (
        "import sys, dispatch_gen.pipeline, dispatch_gen.render.appendix, dispatch_gen.render.context; "
        "print('dispatch_gen.build_templates' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_rule_sized_on_rendering_is_the_template_builders_rule() -> None:
    """The rule under the national motto (built into the template) and one built for ``{{p … }}`` agree."""
    prof = profiles.load("dang")
    h = prof["header"]
    with zipfile.ZipFile(profiles.template_path("dang", "cong_van")) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    built = [
        etree.tostring(p, method="c14n", exclusive=True)
        for p in root.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pBdr") is not None
    ]
    rule = etree.fromstring(paragraphs.rule_xml(h["national_rule_mm"], h["right_width_mm"]))
    made = etree.tostring(rule, method="c14n", exclusive=True)
    assert made in built
    # 2 pt run and mark; indents of half the box left over, in twips (1 mm = 56.7 twips)
    p = etree.fromstring(made)
    side = (h["right_width_mm"] - h["national_rule_mm"]) / 2
    assert abs(int(p.find(f"{W}pPr/{W}ind").get(f"{W}left")) - side * 1440 / 25.4) <= 1
    assert p.find(f"{W}pPr/{W}rPr/{W}sz").get(f"{W}val") == "4"
    assert problems(made) == []
