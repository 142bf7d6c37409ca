"""Word in: a dispatch typed in Word (or rendered by dispatch-gen) back to the YAML.

``dispatch-gen import`` (:mod:`dispatch_gen.commands.importer`) calls
:func:`~dispatch_gen.wordin.document.import_docx` and writes :func:`~dispatch_gen.wordin.yamlout.dump`'s
text. The document is read by the checker's reader (``check/reader.py``, ``locate.py``): one
reader of Word files in the project; this package only turns what it located into YAML values.
"""

from dispatch_gen.wordin.document import Imported, import_docx

__all__ = ["Imported", "import_docx"]
