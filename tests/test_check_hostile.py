"""`check` on any .docx ends in bounded time and memory, truthfully (issues #13, #23).

Each hostile file is generated here (tests/hostile_docx.py: parts as XML strings, a small zip
writer). Each runs `dispatch-gen check` in a subprocess with an address-space limit and a
timeout, and must end with exit 1 and the message written out below: a refusal naming the
file and part, or the finding that names the unreadable value. Never exit 3, never a pass.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import hostile_docx as h

from .capped import run_capped

SECONDS = 90  # the wall-clock bound of the subprocess (the machine is shared)
WANT_SECONDS = 30  # what a bounded case must stay under
DTD = '<!DOCTYPE w:document [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    '<!DOCTYPE w:styles [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + "]>"
)


def run_check(path: Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], float]:
    return run_capped(["check", str(path), *extra], path.parent, SECONDS)


def styled(styles: str, pstyle: str = "A") -> dict[str, str | bytes]:
    return h.parts(body=h.para("Kính gửi: Ban Tổ chức", ppr=f'<w:pStyle w:val="{pstyle}"/>'), styles=styles)


def chain(length: int) -> str:
    """Paragraph styles s0 → s1 → … → s{length-1}, each based on the next."""
    return (
        "".join(
            f'<w:style w:type="paragraph" w:styleId="s{i}"><w:basedOn w:val="s{i + 1}"/><w:rPr><w:b/></w:rPr></w:style>'
            for i in range(length - 1)
        )
        + f'<w:style w:type="paragraph" w:styleId="s{length - 1}"/>'
    )


def cell_paragraphs(count: int) -> dict[str, str | bytes]:
    paras = "<w:p><w:r><w:t>x</w:t></w:r></w:p>" * count
    return h.parts(body=f"<w:tbl><w:tr><w:tc>{paras}</w:tc></w:tr></w:tbl>")


NOT_ZIP = "không phải tệp Word .docx (không phải tệp nén zip)"
OLE = (
    "đây là tệp Word cũ (.doc) hoặc tệp .docx đặt mật khẩu: hãy mở bằng Word, bỏ mật khẩu nếu có, "
    "rồi lưu dạng “Word Document (.docx)”"
)
DTD_REFUSED = "phần XML có khai báo DTD hoặc thực thể (<!DOCTYPE>), Word không ghi như vậy: không đọc"
FINDING = "{name}: {part}: {message}"

# name → (parts or raw bytes, the line expected in the output, exit status)
CASES: dict[str, tuple[Callable[[], dict[str, str | bytes | h.Member] | bytes], str]] = {
    "not-a-zip": (lambda: b"Day la mot tep van ban, khong phai Word.\n", "{path}: " + NOT_ZIP),
    "empty-file": (lambda: b"", "{path}: " + NOT_ZIP),
    "ole-doc": (lambda: h.OLE + b"\0" * 1024, "{path}: " + OLE),
    "zip-without-document": (
        lambda: {"[Content_Types].xml": h.CT},
        "{path}: thiếu phần word/document.xml: tệp không phải văn bản Word",
    ),
    "truncated-zip": (
        lambda: h.zip_bytes(h.parts())[:300],
        "{path}: tệp .docx hỏng, không mở được (tệp nén zip lỗi: no end record)",
    ),
    "wrong-root": (
        lambda: h.parts(document=f"<w:hdr {h.NS}><w:p/></w:hdr>"),
        "{path}:word/document.xml: phần chính không phải văn bản Word (gốc là <hdr>, cần <w:document>)",
    ),
    "no-body": (
        lambda: h.parts(document=f"<w:document {h.NS}/>"),
        "{path}:word/document.xml: văn bản không có phần thân (<w:body>)",
    ),
    "empty-document": (lambda: h.parts(document=""), "{path}:word/document.xml: phần XML này trống"),
    "malformed-footnotes": (
        lambda: h.parts(footnotes=f"<w:footnotes {h.NS}><w:footnote>"),
        "{path}:word/footnotes.xml:1:",
    ),
    "empty-footnotes": (lambda: h.parts(footnotes=""), "{path}:word/footnotes.xml: phần XML này trống"),
    "empty-theme": (lambda: h.parts(theme=b""), "{path}:word/theme/theme1.xml: phần XML này trống"),
    "malformed-theme": (lambda: h.parts(theme="<a:theme"), "{path}:word/theme/theme1.xml:1:"),
    "malformed-header": (lambda: h.parts(header=f"<w:hdr {h.NS}><w:p></w:hdr>"), "{path}:word/header1.xml:1:"),
    "external-entity": (
        lambda: h.parts(document=h.document(h.para("&e;")).replace("?><w:document", "?>" + DTD + "<w:document")),
        "{path}:word/document.xml: " + DTD_REFUSED,
    ),
    "entity-expansion": (
        lambda: h.parts(styles_xml=LAUGHS + h.STYLES.format(extra="").replace("<w:docDefaults>", "&i;<w:docDefaults>")),
        "{path}:word/styles.xml: " + DTD_REFUSED,
    ),
    "comment-part-2gb": (
        lambda: {**h.parts(), "word/comments.xml": h.zeros_member(2048)},
        "{path}: hồ sơ thể thức “dang”",  # checked as usual: the comments part is never inflated
    ),
    "image-3gb": (
        lambda: {**h.parts(), "word/media/image1.png": h.zeros_member(3072)},
        "{path}: hồ sơ thể thức “dang”",
    ),
    "document-100mb": (
        lambda: {**h.parts(document=None), "word/document.xml": h.big_document(100)},
        "{path}:word/document.xml: phần này 100 MB khi giải nén, quá giới hạn 16 MB của lệnh check",
    ),
    "styles-lie-about-size": (
        lambda: {**h.parts(styles_xml=None), "word/styles.xml": h.Member(h.zeros_member(64).data, 1000, 0)},
        "{path}:word/styles.xml: phần này hỏng trong tệp nén, không giải nén được",
    ),
    "size-nan": (
        lambda: h.parts(body=h.para("Kính gửi: Ban Tổ chức", rpr='<w:sz w:val="nan"/>')),
        "{path}: word/document.xml: đoạn 1: cỡ chữ (w:sz) ghi “nan”, không đọc được (cần một số)",
    ),
    "size-inf-in-style": (
        lambda: h.parts(
            styles_xml=h.STYLES.format(extra="")
            .replace("</w:name>", "")
            .replace('<w:name w:val="Normal"/>', '<w:rPr><w:sz w:val="inf"/></w:rPr>')
        ),
        "{path}: word/styles.xml: kiểu “Normal”: cỡ chữ (w:sz) ghi “inf”, không đọc được (cần một số)",
    ),
    "margin-abc": (
        lambda: h.parts(
            document=h.document(h.para("Kính gửi: Ban Tổ chức"), h.SECT.replace('w:top="1134"', 'w:top="abc"'))
        ),
        "{path}: word/document.xml: lề trang (w:pgMar w:top) ghi “abc”, không đọc được (cần một số)",
    ),
    "huge-number": (
        lambda: h.parts(
            document=h.document(
                h.para("Kính gửi: Ban Tổ chức"), h.SECT.replace('w:w="11906"', 'w:w="' + "9" * 5000 + '"')
            )
        ),
        "{path}: word/document.xml: khổ giấy (w:pgSz w:w) ghi “99999999999999999999999…”, không đọc được (cần một số)",
    ),
    "grid-span-abc": (
        lambda: h.parts(
            body='<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="abc"/></w:tcPr>'
            + h.para("Kính gửi: Ban Tổ chức")
            + "</w:tc></w:tr></w:tbl>"
        ),
        "{path}: word/document.xml: đoạn 1: số cột gộp của ô (w:gridSpan) ghi “abc”, không đọc được "
        "(cần một số nguyên dương)",
    ),
    "bold-toggle-abc": (
        lambda: h.parts(body=h.para("Kính gửi: Ban Tổ chức", rpr='<w:b w:val="abc"/>')),
        "{path}: word/document.xml: đoạn 1: in đậm (w:b) ghi “abc”, không đọc được (cần true/false, 1/0 hoặc on/off)",
    ),
    "style-cycle": (
        lambda: styled(
            '<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>'
            '<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>'
        ),
        "{path}: word/styles.xml: kiểu “A”: chuỗi kiểu kế thừa (basedOn) quay vòng về kiểu “A”",
    ),
    "style-self-based": (
        lambda: styled('<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="A"/></w:style>'),
        "{path}: word/styles.xml: kiểu “A”: chuỗi kiểu kế thừa (basedOn) quay vòng về kiểu “A”",
    ),
    "style-chain-20000": (
        lambda: styled(chain(20000), pstyle="s0"),
        "{path}: word/styles.xml: kiểu “s0”: chuỗi kiểu kế thừa (basedOn) dài quá 50 bậc",
    ),
    "nesting-5000-deep": (
        lambda: h.parts(body="<w:sdt><w:sdtContent>" * 5000 + h.para("x") + "</w:sdtContent></w:sdt>" * 5000),
        "{path}:word/document.xml:1:2898: các thẻ XML lồng nhau quá 256 lớp, quá giới hạn của lệnh check",
    ),
    "paragraphs-in-one-cell-40000": (lambda: cell_paragraphs(40000), "{path}: kính gửi: thiếu “Kính gửi:”"),
    "paragraphs-over-limit": (
        lambda: cell_paragraphs(100_001),
        "{path}:word/document.xml: văn bản có quá 100000 đoạn hoặc 500000 run, quá giới hạn của lệnh check",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_docx_ends_in_exit_1_with_its_message(name, tmp_path):
    make, expected = CASES[name]
    path = tmp_path / "x.docx"
    content = make()
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        h.write(path, content)
    proc, elapsed = run_check(path)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output[-3000:]
    assert expected.format(path=path) in output, output[-3000:]
    assert "lỗi nội bộ" not in output and "Traceback" not in output
    assert "đúng thể thức" not in output
    assert elapsed < WANT_SECONDS, elapsed
