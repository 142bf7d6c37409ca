"""The bare docxtpl baseline, a script of its own so that its whole process can be timed.

    python bare_docxtpl.py one   TEMPLATE CONTEXT.json OUT.docx     one document
    python bare_docxtpl.py batch TEMPLATE CONTEXTS.json FOLDER      one document per context
    python bare_docxtpl.py table TEMPLATE ROWS.json OUT.docx        a {%tr for %} table (appendix)

Contexts are prepared in advance by dispatch-gen (benchmarks/measure_render.py): strings, and
``{"__raw__": xml}`` for the WordprocessingML it prints as is. Prints one JSON line: seconds
(after the imports), per_doc_ms, maxrss_mb.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from docxtpl import DocxTemplate
from markupsafe import Markup


def _hook(d: dict) -> object:
    return Markup(d["__raw__"]) if len(d) == 1 and "__raw__" in d else d


def main() -> None:
    mode, template, data, out = sys.argv[1:5]
    t = time.perf_counter()
    payload = json.loads(Path(data).read_text(encoding="utf-8"), object_hook=_hook)
    contexts = payload if mode == "batch" else [payload]
    for i, ctx in enumerate(contexts, 1):
        tpl = DocxTemplate(template)
        tpl.render(ctx, autoescape=True)
        tpl.save(str(Path(out) / f"thu-{i:03d}.docx") if mode == "batch" else out)
    seconds = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "per_doc_ms": seconds / len(contexts) * 1000, "maxrss_mb": rss}))


if __name__ == "__main__":
    main()
