"""The installed `msckg` command, run as a user would (as in tests/test_cli.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

# the console script installed beside this interpreter (a venv's bin/), else the one on PATH
_BESIDE = Path(sys.executable).parent / "msckg"
EXE = str(_BESIDE) if _BESIDE.exists() else shutil.which("msckg")


def msckg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    assert EXE, "the msckg console script is not installed"
    return subprocess.run([EXE, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False)
