"""dispatch-gen: Vietnamese official dispatches (Công văn) from YAML to print-ready Word files."""

__version__ = "0.1.0"
