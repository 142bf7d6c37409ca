"""Summary of a .docx: every paragraph's text, paragraph and run properties, tables' grids, sections."""

from __future__ import annotations

import re
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(t):
    return f"{{{W}}}{t}"


def props(el):
    if el is None:
        return ""
    el = etree.fromstring(etree.tostring(el))
    for e in el.iter():
        for k in list(e.attrib):
            if "rsid" in k:
                del e.attrib[k]
    return re.sub(r' xmlns(:\w+)?="[^"]*"', "", etree.tostring(el, method="c14n").decode())


def part(root):
    out = []
    for el in root.iter(q("p"), q("tblGrid"), q("sectPr"), q("trPr"), q("tcPr")):
        if el.tag == q("p"):
            runs = []
            for r in el.iter(q("r")):
                text = "".join(
                    (t.text or "")
                    if t.tag == q("t")
                    else "\t"
                    if t.tag == q("tab")
                    else "\n"
                    if t.tag == q("br")
                    else ""
                    for t in r
                )
                ref = r.find(q("footnoteReference"))
                if ref is not None:
                    text += "[^]"
                if text:
                    runs.append([text, props(r.find(q("rPr")))])
            out.append({"p": props(el.find(q("pPr"))), "runs": runs})
        else:
            out.append({el.tag.split("}")[1]: props(el)})
    return out


def summary(path):
    z = zipfile.ZipFile(path)
    res = {}
    for n in sorted(z.namelist()):
        if re.match(r"word/(document|header\d*|footer\d*|footnotes)\.xml$", n):
            res[n] = part(etree.fromstring(z.read(n)))
    return res
