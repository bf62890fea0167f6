"""The installed `msckg` command, run as a user would: exit codes, stdout and stderr."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# the console script installed beside this interpreter (a venv's bin/), else the one on PATH
_BESIDE = Path(sys.executable).parent / "msckg"
EXE = str(_BESIDE) if _BESIDE.exists() else shutil.which("msckg")


def msckg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert EXE, "the msckg console script is not installed"
    return subprocess.run([EXE, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cwd = tmp_path_factory.mktemp("cli")
    run = msckg("build", cwd=cwd)
    assert run.returncode == 0, run.stderr
    assert "studies: 4" in run.stderr and "violations: 0" in run.stderr
    return cwd


def test_worked_example_from_readme(workdir: Path) -> None:
    run = msckg("query", "endpoint-trajectory", "--param", "study=NCT00962923",
                "--param", "endpoint=mRSS", "--format", "csv", cwd=workdir)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("timepoint,timepoint_label,statistic,value,bound,unit,n,arm")
    means = [line.split(",")[:7] for line in lines[1:] if ",mean," in line]
    assert [(m[0], m[3], m[6]) for m in means] == [
        ("PT0S", "18.68", "41"), ("P1Y", "13.95", "41"), ("P3Y", "13.29", "38"), ("P5Y", "12.39", "38")]


def test_json_format(workdir: Path) -> None:
    import json

    run = msckg("query", "study-by-registration", "-p", "nct=NCT00962923", "--format", "json", cwd=workdir)
    assert run.returncode == 0, run.stderr
    records = json.loads(run.stdout)
    assert records[0]["doi"] == "10.1007/s10067-024-06865-z"


def test_validate_ok_and_bad_file(workdir: Path, tmp_path: Path) -> None:
    ok = msckg("validate", "build/kg.nq", cwd=workdir)
    assert ok.returncode == 0 and "conforms" in ok.stderr
    text = (workdir / "build" / "kg.nq").read_text()
    bad = tmp_path / "bad.nq"
    bad.write_text(text.replace('"NCT00962923"', '"NCT123"'))
    run = msckg("validate", str(bad), cwd=workdir)
    assert run.returncode == 1
    assert "NCT followed by 8 digits" in run.stderr and "ssc-umsct-5y" in run.stderr


def test_bad_study_file_gives_one_clear_line(tmp_path: Path) -> None:
    studies = tmp_path / "studies"
    studies.mkdir()
    (studies / "x.yaml").write_text("id: x\ntitle: t\nunknown_field: 1\n")
    run = msckg("build", "--studies", str(studies), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert run.returncode == 1
    assert "x.yaml" in run.stderr and "field" in run.stderr
    assert not (tmp_path / "out").exists()


def test_usage_errors_exit_2(workdir: Path) -> None:
    assert msckg("query", cwd=workdir).returncode == 2
    assert msckg("query", "studies-overview", "--format", "xml", cwd=workdir).returncode == 2
    missing = msckg("query", "endpoint-trajectory", cwd=workdir)
    assert missing.returncode == 1 and "missing parameter" in missing.stderr


def test_missing_graph_file(tmp_path: Path) -> None:
    run = msckg("query", "studies-overview", cwd=tmp_path)
    assert run.returncode == 1 and "msckg build" in run.stderr


def test_help_has_examples(workdir: Path) -> None:
    for cmd in ("build", "validate", "query", "queries"):
        run = msckg(cmd, "--help", cwd=workdir)
        assert run.returncode == 0 and "Example" in run.stdout, cmd
