"""What the renderer skips when it can: the template's zip read once per process, and docxtpl's
``resolve_listing`` passed over when there is nothing for it to rewrite."""

from __future__ import annotations

import io

import docx
from docxtpl import DocxTemplate

from dispatch_gen.input import profile as profiles
from dispatch_gen.wml import ooxml, package

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_each_document_opened_from_the_kept_package_is_fresh():
    data = profiles.template_path("dang-hd36", "cong_van").read_bytes()
    first = package.open_document(data, "test-key-1")
    before = [p.text for p in first.paragraphs]
    first.add_paragraph("THÊM VÀO BẢN THỨ NHẤT")
    first.core_properties.title = "đã sửa"
    second = package.open_document(data, "test-key-1")
    assert [p.text for p in second.paragraphs] == before
    assert second.core_properties.title != "đã sửa"
    plain = docx.Document(io.BytesIO(data))  # as python-docx opens it
    assert [p.text for p in plain.paragraphs] == before
    assert sorted(str(p.partname) for p in second.part.package.iter_parts()) == sorted(
        str(p.partname) for p in plain.part.package.iter_parts()
    )


def test_a_listing_character_is_seen_only_inside_text():
    assert ooxml.has_listing(f"<w:p {W}><w:r><w:t>a\tb</w:t></w:r></w:p>")
    assert ooxml.has_listing('<w:p><w:r><w:t xml:space="preserve">dòng 1\ndòng 2</w:t></w:r></w:p>')
    assert ooxml.has_listing("<w:p><w:r><w:t>trang\f</w:t></w:r></w:p>")
    assert ooxml.has_listing("<w:p><w:r><w:t>đoạn\a</w:t></w:r></w:p>")
    assert not ooxml.has_listing("<w:p>\n<w:r>\t<w:t>a b</w:t></w:r></w:p>\n<w:p><w:r><w:tab/></w:r></w:p>")
    assert not ooxml.has_listing("<w:p><w:r><w:tbl>\t</w:tbl><w:t>x</w:t></w:r></w:p>")


def test_without_a_listing_character_resolve_listing_changes_nothing():
    # the shortcut's premise, on docxtpl itself: XML with tabs and breaks between the tags only
    tpl = DocxTemplate(io.BytesIO(profiles.template_path("dang-hd36", "cong_van").read_bytes()))
    xml = '<w:p>\n<w:pPr><w:jc w:val="both"/></w:pPr>\t<w:r><w:rPr><w:b/></w:rPr><w:t>Kính gửi</w:t></w:r></w:p>\n'
    assert not ooxml.has_listing(xml)
    assert tpl.resolve_listing(xml) == xml
    with_tab = xml.replace("Kính gửi", "Kính\tgửi")
    assert ooxml.has_listing(with_tab) and tpl.resolve_listing(with_tab) != with_tab


def test_listing_resolved_paragraph_by_paragraph_is_docxtpl_s_whole():
    tpl = DocxTemplate(io.BytesIO(profiles.template_path("dang-hd36", "cong_van").read_bytes()))
    xml = (
        '<w:body><w:p><w:r><w:t>Kính gửi</w:t></w:r></w:p>\n<w:tbl><w:tc><w:p w:rsidR="1"><w:pPr><w:jc w:val="center"/>'
        '</w:pPr><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Tiếp tục\ncông tác</w:t></w:r></w:p>'
        "</w:tc></w:tbl>"
        "<w:p><w:r><w:t>a\tb</w:t></w:r><w:r><w:t>c\fd\ae</w:t></w:r></w:p><w:p><w:r><w:t>hết</w:t></w:r></w:p></w:body>"
    )
    whole = tpl.resolve_listing(xml)
    assert whole != xml and "<w:br/>" in whole and "<w:tab/>" in whole
    assert ooxml.resolve_listing(xml, tpl.resolve_listing) == whole
    plain = xml.replace("\n", " ").replace("\t", " ").replace("\f", " ").replace("\a", " ")
    assert ooxml.resolve_listing(plain, tpl.resolve_listing) == plain == tpl.resolve_listing(plain)
