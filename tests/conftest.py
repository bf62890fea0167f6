"""Shared fixtures. Tests write only under pytest's tmp_path / tmp_path_factory."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from msckg.builder.build import build
from msckg.queries import load_dataset
from msckg.resources import bundled_studies_dir

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# Real parameter values for every parameterised named query on the seed build; a test checks
# that a new parameterised query is added here (tests/test_store.py).
NAMED_QUERY_PARAMS = {
    "endpoint-trajectory": {"study": "NCT00962923", "endpoint": "mRSS"},
    "facts-by-source": {"study": "ssc-umsct-5y", "source": "https://w3id.org/msckg/graph/study/ssc-umsct-5y"},
    "products-for-disease": {"disease": "MONDO:0005100"},
    "studies-by-cell-source": {"tissue": "UBERON:0002331"},
    "studies-by-disease-class": {"class": "MONDO:0007179"},
    "study-by-registration": {"nct": "NCT00962923"},
}


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared when present; with CI=true its absence fails instead of skipping."""
    if SHARED.is_dir():
        return SHARED
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {SHARED} is missing: tests that read ../shared must run in CI")
    pytest.skip("../shared is not beside the project (tests that read it run in CI)")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled studies built once per session; returns the output folder."""
    out = tmp_path_factory.mktemp("build")
    summary = build(None, out)
    assert summary.ok, summary.report.violations
    return out


@pytest.fixture(scope="session")
def dataset(built: Path):  # type: ignore[no-untyped-def]
    return load_dataset(built / "kg.nq")


@pytest.fixture
def studies_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled study files, for tests that break one on purpose."""
    dest = tmp_path / "studies"
    shutil.copytree(bundled_studies_dir(), dest)
    return dest


def edit_study(folder: Path, name: str, change) -> Path:  # type: ignore[no-untyped-def]
    """Load a study YAML as plain data, let `change` mutate it, write it back."""
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
