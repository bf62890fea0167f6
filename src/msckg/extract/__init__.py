"""Draft study files from trial reports: `extract_file(path)` -> `Draft`, `draft_yaml`, `write_draft`.

Rules, not a model: the same text always gives the same draft, offline. See docs/extract.md.
Modules by job: sections (boilerplate), sentences (offsets), statistics and timepoints (numbers),
design, conditions, product, endpoints, results (placement), guard (format rules), draft
(assembly), writer (YAML), evaluate and measure (precision/recall against curated files).
"""

from msckg.extract.draft import extract_file, extract_text
from msckg.extract.model import Draft, ExtractError
from msckg.extract.writer import draft_yaml, write_draft

__all__ = ["Draft", "ExtractError", "draft_yaml", "extract_file", "extract_text", "write_draft"]
