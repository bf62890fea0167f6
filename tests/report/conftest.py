"""The seed report, rendered once per session from the seed build (tests/conftest.py `built`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from msckg.report import ReportSummary, report


@pytest.fixture(scope="session")
def seed_report(built: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ReportSummary]:
    out = tmp_path_factory.mktemp("seed-report") / "report"
    summary = report(out, graph=built / "kg.nq")
    return out, summary
