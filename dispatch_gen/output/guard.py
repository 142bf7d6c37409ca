"""Before anything is written: never over an input, never over a stranger's file.

Two rules, checked for every target of a run (``-o``, the default ``<yaml>.docx``, ``--xlsx``,
each PDF, each document of a batch, ``schema -o``) before the first byte is written:

1. A target that is one of the run's inputs — the YAML, the figures CSV/XLSX, the
   ``--template`` (or the shipped templates it uses), a profile file of one's own (and the files
   it inherits from) — is refused,
   whatever the options: by resolved path (a link, ``..``) or by identity (``st_dev`` and
   ``st_ino``: a hard link). Two targets of one run that are the same file are refused too.
2. An existing target (a regular file that is not empty) that is not an earlier output of the tool is refused unless
   ``--ghi-de``/``--force`` is given. An earlier output is recognised by what the tool writes
   into it, read within fixed bounds:

   - .docx and .xlsx: the custom property ``dispatch-gen:the_thuc`` in ``docProps/custom.xml``
     (only that part inflated, at most 64 KB; :func:`dispatch_gen.wml.properties.read`);
   - PDF: the keyword ``dispatch-gen`` in its ``/Keywords`` (LibreOffice copies the .docx's
     core-property keywords there), looked for in the last :data:`PDF_TAIL_BYTES` bytes, where
     LibreOffice writes the document information;
   - the JSON Schema: its title, starting ``dispatch-gen``, in the first 1 KB.

The name of a file says nothing: a YAML saved as ``cv.docx`` is an input, a Word file of the
office named ``cong-van.docx`` is not ours.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dispatch_gen.errors import OutputError
from dispatch_gen.i18n import _
from dispatch_gen.wml import properties

if TYPE_CHECKING:
    from dispatch_gen.pipeline import Loaded

#: how much of a PDF's end is searched for the keyword
PDF_TAIL_BYTES = 1024 * 1024
_PDF_MARKS = (
    b"/Keywords(" + properties.KEYWORD.encode("ascii"),
    b"/Keywords<FEFF" + properties.KEYWORD.encode("utf-16-be").hex().upper().encode("ascii"),
)
_SCHEMA_MARK = b'"title": "dispatch-gen'


@dataclass(frozen=True)
class Input:
    """A file the run reads, and what it is to the user (for the message)."""

    path: Path
    what: str


def inputs_of(ld: Loaded, template: Path | None = None) -> list[Input]:
    """Every file a loaded dispatch was made from, and the ``--template`` it is rendered with."""
    from dispatch_gen.input import files, source
    from dispatch_gen.input import profile as profiles

    yaml_path = Path(ld.src.file)
    found = [Input(yaml_path, _("tệp YAML"))]
    spec = ld.dispatch.figures
    if spec is not None and spec.file:
        found.append(Input(files.real_folder(yaml_path) / spec.file, _("tệp số liệu")))
    for ap in ld.dispatch.appendices:  # a plain table appendix's sheet
        if ap.file:
            found.append(Input(files.real_folder(yaml_path) / ap.file, _("tệp số liệu")))
    if template is not None:
        found.append(Input(template, _("mẫu --template")))
    if not profiles.is_user_file(ld.rule_set or ld.dispatch.profile):  # the shipped templates it renders with
        for kind in ("cong_van", "phu_luc"):
            found.append(Input(profiles.template_path(ld.rule_set or ld.dispatch.profile, kind), _("mẫu có sẵn")))
    name, folder = ld.dispatch.profile, yaml_path.resolve().parent
    for _depth in range(profiles.MAX_INHERITANCE + 1):  # a profile of one's own and those it inherits from
        if not profiles.is_user_file(name):
            break
        path = (folder / name).resolve()
        found.append(Input(path, _("tệp hồ sơ thể thức")))
        try:
            parent = source.load_yaml(path).data.get(profiles.INHERIT_KEY)
        except Exception:  # already read once by load(); a file changed since is not an input to follow
            break
        if not isinstance(parent, str):
            break
        name, folder = parent, path.parent
    return found


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name one file: the same resolved path, or the same inode."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def previous_output(path: Path) -> bool:
    """True when the existing file at ``path`` carries the mark of an earlier output of the tool."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
            if head.startswith(b"PK\x03\x04"):
                return properties.RULE_SET in properties.read(path)
            if head.startswith(b"%PDF-"):
                size = os.fstat(fh.fileno()).st_size
                fh.seek(max(0, size - PDF_TAIL_BYTES))
                tail = fh.read(PDF_TAIL_BYTES).upper()
                return any(mark.upper() in tail for mark in _PDF_MARKS)
    except OSError:
        return False
    return head.lstrip().startswith(b"{") and _SCHEMA_MARK in head


def _holds_data(path: Path) -> bool:
    """True for an existing regular file with content (an empty one, as ``mktemp`` makes, has none to lose)."""
    try:
        return os.path.isfile(path) and os.path.getsize(path) > 0
    except OSError:
        return False


def check(targets: Iterable[tuple[Path, str]], inputs: Iterable[Input], force: bool) -> None:
    """Refuse (:class:`OutputError`, exit status 1) a target that would destroy a file.

    ``targets``: each path with the option that names it (``-o``, ``--xlsx``, ``--pdf``);
    ``force``: ``--ghi-de`` given, so a stranger's file may be replaced (never an input).
    """
    inputs = list(inputs)
    seen: list[tuple[Path, str]] = []
    for target, option in targets:
        for inp in inputs:
            if same_file(target, inp.path):
                raise OutputError(
                    _(
                        "{path}: {option} trùng với {what} “{input}” của lần chạy này; ghi vào đó sẽ mất tệp "
                        "đó, hãy chọn một tên tệp khác",
                        path=target,
                        option=option,
                        what=inp.what,
                        input=inp.path,
                    )
                )
        for other, other_option in seen:
            if same_file(target, other):
                raise OutputError(
                    _(
                        "{path}: {option} và {other} cùng chỉ một tệp; hãy chọn hai tên khác nhau",
                        path=target,
                        option=option,
                        other=other_option,
                    )
                )
        seen.append((target, option))
        if not force and _holds_data(target) and not previous_output(target):
            raise OutputError(
                _(
                    "{path}: tệp đã có và không phải do dispatch-gen tạo ra; thêm --ghi-de (--force) để ghi "
                    "đè, hoặc chọn một tên tệp khác",
                    path=target,
                )
            )


def pdf_target(docx: Path) -> Path:
    """Where the PDF of ``docx`` goes (beside it, as :func:`dispatch_gen.output.pdf.convert_to_pdf` puts it)."""
    return docx.parent / (docx.stem + ".pdf")
