"""The page in a real browser: Debian's chromium driven by Playwright, one browser for the module.

Open the page, edit a unit's figure in the form and see the sentence and the totals change,
make an error and see it at its field, fix it, preview the pages, download the .docx and read
it back; the same through the YAML editor; save, and a conflict when the file changed on disk.
With DISPATCH_GEN_SCREENSHOTS=1 the run saves the README's pictures into docs/images/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import Page, expect, sync_playwright

from dispatch_gen.output import pdf
from tests.web_case import NAME, Server, make_folder

CHROMIUM = "/usr/bin/chromium"
IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
SHOTS = os.environ.get("DISPATCH_GEN_SCREENSHOTS") == "1"
DAT = '[name="so_lieu.don_vi[1].dat"]'
DAT_FIELD = '.field[data-path="so_lieu.don_vi[1].dat"]'


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("trang")
    make_folder(folder)
    server = Server(folder)
    yield server, folder
    server.stop()


@pytest.fixture(scope="module")
def page(served):
    server, _folder = served
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(accept_downloads=True, viewport={"width": 1500, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(30_000)
        expect.set_options(timeout=30_000)
        page.goto(server.url)
        expect(page.locator("body[data-ready]")).to_have_count(1)
        yield page
        browser.close()


def body_text(path: Path) -> str:
    """Every paragraph's text, content controls (values from the data) included."""
    from docx.oxml.ns import qn

    body = Document(str(path)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


def download(page: Page, button: str, tmp: Path) -> Path:
    with page.expect_download() as info:
        page.click(button)
    target = tmp / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_the_page_opens_with_the_token_and_lists_the_folder(page, served):
    server, _folder = served
    assert page.url == server.base + "/"  # the token went into the cookie, out of the address bar
    expect(page.locator("#files a")).to_have_text([NAME, "khac/thu-hai.yaml"])
    expect(page.locator("#title")).to_have_text("Soạn công văn")
    expect(page.locator("#fig-total")).to_have_text("Tổng cộng: 10/16 (62,50%)")
    expect(page.locator("#fig-praised")).to_contain_text("Đảng ủy xã Bình An")
    expect(page.locator("#fig-lagging")).to_contain_text("Đảng ủy xã Bình Hòa")
    expect(page.locator('.field[data-path="co_quan.ten"] label')).to_have_text("Tên cơ quan ban hành, in hoa")


def test_a_figure_edited_in_the_form_changes_the_sentence_the_totals_and_the_yaml(page):
    page.fill(DAT, "5")
    expect(page.locator("#fig-total")).to_have_text("Tổng cộng: 13/16 (81,25%)")
    expect(page.locator("#body")).to_contain_text("có 13/16 đảng viên mới.")
    expect(page.locator("#fig-lagging")).to_have_text("Chậm tiến độ: không có")
    assert "- {ten: Đảng ủy xã Bình Hòa, khoi: Xã, chi_tieu: 6, dat: 5}" in page.input_value("#yaml")
    assert "# Công văn hợp lệ" in page.input_value("#yaml")  # the comments stay


def test_an_error_made_in_the_form_shows_at_its_field_until_fixed(page):
    page.fill(DAT, "năm")
    problem = page.locator(f"{DAT_FIELD} > .problem .error")
    expect(problem).to_be_visible()
    expect(problem).to_contain_text("số nguyên")
    expect(page.locator("#problems li.error code")).to_have_text("so_lieu.don_vi[1].dat")
    page.fill(DAT, "5")
    expect(problem).to_have_count(0)
    expect(page.locator("#fig-total")).to_have_text("Tổng cộng: 13/16 (81,25%)")


def test_the_preview_shows_the_pages(page):
    if not pdf.pdf_available():  # without LibreOffice the page says so and offers the .docx
        expect(page.locator("#preview-note")).to_contain_text("LibreOffice")
        return
    page.click("#preview-btn")
    # the fresh images, loaded: two pages at least (the dispatch and its appendix), each a real picture
    page.wait_for_function(
        """() => {
            const imgs = [...document.querySelectorAll('#pages img.page')];
            return !document.querySelector('#pages').classList.contains('stale') && imgs.length >= 2
                && imgs.every((i) => i.complete && i.naturalWidth > 300);
        }""",
        timeout=120_000,
    )
    if SHOTS:
        IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(IMAGES / "trang-web.png"))


def test_the_docx_downloaded_holds_the_edited_figures(page, tmp_path):
    path = download(page, "#dl-docx", tmp_path)
    assert path.name == "cong-van.docx"
    assert "có 13/16 đảng viên mới." in body_text(path)


def test_the_same_through_the_yaml_editor(page, tmp_path):
    page.click("#tab-yaml")
    text = page.input_value("#yaml")
    page.fill("#yaml", text.replace("chi_tieu: 6, dat: 5}", "chi_tieu: 6, dat: 7}"))
    expect(page.locator("#fig-total")).to_have_text("Tổng cộng: 15/16 (93,75%)")
    expect(page.locator("#body")).to_contain_text("có 15/16 đảng viên mới.")
    page.fill("#yaml", text.replace("chi_tieu: 6, dat: 5}", "chi_tieu: 6, dat: bảy}"))
    expect(page.locator('#gutter .ln.error[data-line="32"]')).to_have_count(1)
    expect(page.locator('#problems li.error[data-line="32"]')).to_contain_text("so_lieu.don_vi[1].dat")
    if SHOTS:
        page.screenshot(path=str(IMAGES / "trang-web-yaml.png"))
    page.fill("#yaml", text.replace("chi_tieu: 6, dat: 5}", "chi_tieu: 6, dat: 7}"))
    expect(page.locator("#gutter .ln.error")).to_have_count(0)
    expect(page.locator("#problems li.error")).to_have_count(0)
    path = download(page, "#dl-docx", tmp_path)
    assert "có 15/16 đảng viên mới." in body_text(path)
    page.click("#tab-form")
    expect(page.locator(DAT)).to_have_value("7")


def test_save_writes_the_file_and_a_change_on_disk_is_a_conflict(page, served):
    _server, folder = served
    expect(page.locator("#save-state")).to_have_text("Chưa lưu")
    page.click("#save")
    expect(page.locator("#save-state")).to_have_text("Đã lưu")
    on_disk = (folder / NAME).read_text(encoding="utf-8")
    assert "- {ten: Đảng ủy xã Bình Hòa, khoi: Xã, chi_tieu: 6, dat: 7}" in on_disk
    (folder / NAME).write_text(on_disk.replace("so: 12", "so: 99"), encoding="utf-8")  # another program
    page.fill('[name="so"]', "14")
    page.click("#save")
    expect(page.locator("#conflict")).to_be_visible()
    assert "so: 99" in (folder / NAME).read_text(encoding="utf-8")
    page.click("#overwrite")
    expect(page.locator("#save-state")).to_have_text("Đã lưu")
    assert "so: 14" in (folder / NAME).read_text(encoding="utf-8")


def test_the_appendix_and_the_letters_download(page, tmp_path):
    import zipfile

    from openpyxl import load_workbook

    xlsx = download(page, "#dl-appendix-xlsx", tmp_path)
    assert xlsx.name == "cong-van-phu-luc.xlsx"
    cells = [c for row in load_workbook(xlsx).active.iter_rows(values_only=True) for c in row if c is not None]
    assert "Đảng ủy xã Bình Hòa" in cells
    appendix = download(page, "#dl-appendix-docx", tmp_path)
    assert "Đảng ủy xã Bình An" in body_text(appendix)  # a cell of its table
    page.select_option("#letters-sel", "tat_ca")
    letters = download(page, "#dl-letters", tmp_path)
    with zipfile.ZipFile(letters) as zf:
        names = sorted(zf.namelist())
    assert names == ["cong-van-01-dang-uy-xa-binh-an.docx", "cong-van-02-dang-uy-xa-binh-hoa.docx"]


def test_check_of_an_uploaded_word_file_shows_its_findings_and_pages(page, tmp_path):
    docx = download(page, "#dl-docx", tmp_path)
    page.set_input_files("#check-input", str(docx))
    result = page.locator("#check-result")
    expect(result).to_contain_text("cong-van.docx: Hồ sơ thể thức: dang", timeout=120_000)
    expect(result.locator("p.ok")).to_have_text("Đúng thể thức “dang-hd36”.")
    if pdf.pdf_available():
        expect(result.locator("img.page").first).to_be_visible()


def test_a_new_dispatch_from_the_example_and_its_sheet_replaced(page, served, tmp_path):
    _server, folder = served
    page.once("dialog", lambda d: d.accept("moi.yaml"))
    page.click("#new-file")
    expect(page.locator("#doc-name")).to_have_text("moi.yaml")
    expect(page.locator("#fig-total")).to_have_text("Tổng cộng: 28/41 (68,29%)")  # init's 19 units
    sheet = tmp_path / "so-lieu-moi.csv"
    sheet.write_text(
        "TT,Khối,Đơn vị,Chỉ tiêu,Đã kết nạp,Chỉ tiêu tôn giáo,Đã kết nạp tôn giáo\n"
        "1,Thôn,Chi bộ thôn A,4,4,,\n2,Thôn,Chi bộ thôn B,4,1,1,0\n",
        encoding="utf-8",
    )
    page.set_input_files("#sheet-input", str(sheet))
    expect(page.locator("#sheet-state")).to_have_text("Đã lưu bảng số liệu so-lieu-moi.csv")
    expect(page.locator("#fig-total")).to_have_text("Tổng cộng: 5/8 (62,50%)")
    assert (folder / "so-lieu-moi.csv").read_text(encoding="utf-8").startswith("TT,Khối")
    assert "  tep: so-lieu-moi.csv " in page.input_value("#yaml")
