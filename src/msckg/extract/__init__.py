"""Draft study files from trial reports: `extract_file(path)` -> `Draft`, `draft_yaml`, `write_draft`.

Rules, not a model: the same text always gives the same draft, offline. See docs/extract.md.
"""

from msckg.extract.draft import (
    Draft,
    ExtractError,
    draft_yaml,
    extract_file,
    extract_text,
    write_draft,
)

__all__ = ["Draft", "ExtractError", "draft_yaml", "extract_file", "extract_text", "write_draft"]
