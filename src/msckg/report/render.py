"""HTML pages from the package's Jinja2 templates (autoescaped; read through msckg.resources)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import jinja2

from msckg.report.gather import design_summary
from msckg.resources import report_templates_dir


def anchor(text: str) -> str:
    """An HTML id / file-name-safe form of an identifier."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(text)).strip("-") or "x"


def _load(name: str) -> str:
    entry = report_templates_dir() / name
    if not entry.is_file():
        raise jinja2.TemplateNotFound(name)
    return entry.read_text(encoding="utf-8")


def _version() -> str:
    try:
        return version("msckg")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "dev"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["anchor"] = anchor
    env.globals["design_summary"] = design_summary
    env.globals["version"] = _version()
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def stylesheet() -> str:
    return _load("report.css")
