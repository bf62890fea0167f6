"""The CLI as a Unix tool: examples in every --help, --format json wherever a table is printed,
exit codes 0/1/2, results on stdout and errors on stderr, a progress bar only on a terminal and
never with --quiet; and the library's progress callbacks that feed the bar."""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from msckg.cli import main
from msckg.ctgov.importer import import_ctgov
from msckg.export import export
from msckg.store import create_store
from msckg.validate import validate_file
from tests.conftest import ROOT, edit_study

_BESIDE = Path(sys.executable).parent / "msckg"
EXE = str(_BESIDE) if _BESIDE.exists() else shutil.which("msckg")
ESC = "\x1b["  # every rich bar redraw (cursor, colour) starts with a CSI escape

# Commands that print a table, with arguments that make them print one from the seed build
# ({g}: its kg.nq; {tmp}: a scratch folder; {ctgov}: two registry records, one of them the SSc
# study's, so the build in {tmp}/build has conflicts between paper and registry).
TABLE_COMMANDS = {
    "build": ["build", "--out", "{tmp}/build", "--ctgov", "{ctgov}"],
    "import ctgov": ["import", "ctgov", "{ctgov}", "--out", "{tmp}/ctgov.nq"],
    "conflicts": ["conflicts", "--graph", "{tmp}/build/kg.nq"],
    "validate": ["validate", "{g}"],
    "query": ["query", "studies-overview", "--graph", "{g}"],
    "queries": ["queries"],
    "link": ["link", "SSc", "umbilical cord MSC"],
    "reason": ["reason", "--graph", "{g}"],
    "stats": ["stats", "--graph", "{g}"],
}


def walk(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every command and group under `command`, itself first, by their paths of names."""
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            found += walk(command.commands[name], (*path, name))
    return found


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without the variables that make rich draw (or not draw) regardless of the tty."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "LINES")}
    return {**env, "TERM": "xterm-256color", **extra}


def on_terminal(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run msckg with stderr on a pseudo-terminal: (exit code, stdout, what the terminal got)."""
    assert EXE, "the msckg console script is not installed"
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    out = cwd / "terminal-stdout"
    with out.open("wb") as stdout:
        proc = subprocess.Popen([EXE, *args], cwd=cwd, stdin=subprocess.DEVNULL, stdout=stdout, stderr=follower,
                                env=clean_env())
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert proc.wait(timeout=120) is not None
    return proc.returncode, out.read_text(encoding="utf-8"), seen.decode("utf-8", "replace")


def piped(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    assert EXE, "the msckg console script is not installed"
    return subprocess.run([EXE, *args], check=False, cwd=cwd, capture_output=True, text=True, timeout=120,
                          env=clean_env())


@pytest.fixture(scope="module")
def ctgov_sample(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two records of the shared registry file: the first, and the SSc seed study's."""
    path = tmp_path_factory.mktemp("ctgov") / "two.jsonl.gz"
    with gzip.open(shared_dir / "ctgov" / "ctgov-msc-studyfields-dev.jsonl.gz", "rt", encoding="utf-8") as src:
        lines = list(src)
    ssc = [line for line in lines if '"NCTId": ["NCT00962923"]' in line]
    assert len(ssc) == 1
    with gzip.open(path, "wt", encoding="utf-8") as dst:
        dst.writelines([lines[0], *ssc])
    return path


# ------------------------------------------------------------------------------------ --help
def test_every_command_and_group_has_examples() -> None:
    commands = walk(main)
    # main, 15 commands, the import group and its ctgov command: a filter must not hide one
    assert len(commands) == 17, [" ".join(p) for p, _ in commands]
    runner = CliRunner()
    for path, _command in commands:
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Examples:" in result.stdout, f"msckg {' '.join(path)} --help has no Examples: block"
    top = runner.invoke(main, ["--help"]).stdout
    assert "Exit codes:" in top and "0  ok" in top and "2  usage" in top


def test_readme_commands_table_has_a_row_per_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Commands", 1)[1].split("\n## ", 1)[0]
    leaves = [" ".join(path) for path, cmd in walk(main) if path and not isinstance(cmd, click.Group)]
    assert len(leaves) == 15
    missing = [name for name in leaves if f"| `msckg {name}" not in table]
    assert not missing, f"README Commands table has no row for {missing}"
    assert "Exit codes: 0 ok; 1 validation or data errors" in table and "2 usage errors" in table


# ------------------------------------------------------------------------------- --format json
def test_every_format_option_offers_json() -> None:
    with_format = {" ".join(path) for path, cmd in walk(main)
                   if any(isinstance(p, click.Option) and "--format" in p.opts for p in cmd.params)}
    assert with_format == set(TABLE_COMMANDS)  # a table printer without --format fails here
    for path, cmd in walk(main):
        for param in cmd.params:
            if isinstance(param, click.Option) and "--format" in param.opts:
                assert "json" in param.type.choices, path  # type: ignore[attr-defined]


def test_table_commands_print_json_on_stdout(built: Path, tmp_path: Path, ctgov_sample: Path) -> None:
    runner = CliRunner()
    fill = {"g": str(built / "kg.nq"), "tmp": str(tmp_path), "ctgov": str(ctgov_sample)}
    for name, args in TABLE_COMMANDS.items():
        result = runner.invoke(main, [a.format(**fill) for a in args] + ["--format", "json"])
        assert result.exit_code == 0, (name, result.stderr)
        data = json.loads(result.stdout)  # nothing but JSON on stdout
        assert isinstance(data, (list, dict)), name
        if name in ("build", "import ctgov"):
            assert data["ok"] is True and data["violations"] == [] and data["outputs"], name
            assert all(Path(p).is_file() for p in data["outputs"])
        elif name == "validate":
            assert data == []  # no violations
        elif name == "stats":
            assert data
        else:
            assert data and all(isinstance(row, dict) for row in data), name


# ----------------------------------------------------------------------- progress bar and --quiet
def _quads(path: Path) -> int:
    """The graph's quads, one per N-Quads line: the figure the summary and the bar must report."""
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#"))


def test_piped_stderr_gets_a_summary_and_no_bar(built: Path, tmp_path: Path) -> None:
    graph = str(built / "kg.nq")
    quads = _quads(built / "kg.nq")
    for args, summary in ((["export", "nquads", "--graph", graph, "--out", str(tmp_path / "x.nq")], "wrote"),
                          (["load", "--graph", graph, "--store", str(tmp_path / "store")], f"loaded {quads} quads"),
                          (["validate", graph], "conforms")):
        run = piped(args, tmp_path)
        assert run.returncode == 0, run.stderr
        assert summary in run.stderr and ESC not in run.stderr, (args, run.stderr)
        assert run.stdout == ""
    quiet = piped(["validate", graph, "--quiet"], tmp_path)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_terminal_gets_a_bar_unless_quiet(built: Path, tmp_path: Path) -> None:
    args = ["export", "nquads", "--graph", str(built / "kg.nq"), "--out", str(tmp_path / "x.nq")]
    code, stdout, terminal = on_terminal(args, tmp_path)
    assert code == 0 and stdout == ""
    quads = _quads(built / "kg.nq")
    assert ESC in terminal and "exporting nquads" in terminal and f"{quads}/{quads}" in terminal  # the bar, at its end
    assert "wrote" in terminal  # and the summary after it
    code, stdout, terminal = on_terminal([*args, "-q"], tmp_path)
    assert (code, stdout, terminal) == (0, "", "")
    assert (tmp_path / "x.nq").read_bytes() == (built / "kg.nq").read_bytes()


# ------------------------------------------------------------------------------------ exit codes
@pytest.mark.parametrize("args", [
    ["nosuchcommand"],
    ["query"],  # NAME missing
    ["export", "yaml", "--out", "x"],  # unknown FORMAT
    ["build", "--format", "xml"],
    ["load", "--graph", "kg.nq"],  # neither --endpoint nor --store
    ["validate", "kg.nq", "--engine", "fast"],
])
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and ("Usage:" in result.stderr or "Error:" in result.stderr)


def test_data_errors_exit_1_on_stderr_only(tmp_path: Path, studies_copy: Path) -> None:
    bad = tmp_path / "bad.nq"
    bad.write_text("<urn:a> <urn:b> oops .\n", encoding="utf-8")
    missing = str(tmp_path / "missing.nq")
    edit_study(studies_copy, "ssc-umsct-5y.yaml", lambda d: d["registrations"][0].update(id="NCT123"))
    runner = CliRunner()
    for args, words in (
        (["query", "studies-overview", "--graph", missing, "--format", "json"], ["missing.nq", "msckg build"]),
        (["validate", str(bad), "--format", "json"], ["bad.nq"]),
        (["export", "nquads", "--graph", missing, "--out", str(tmp_path / "x.nq"), "--quiet"], ["missing.nq"]),
        (["load", "--graph", missing, "--store", str(tmp_path / "store"), "-q"], ["missing.nq"]),
        (["build", "--studies", str(studies_copy), "--out", str(tmp_path / "b"), "--format", "json"],
         ["ssc-umsct-5y.yaml", "registrations[0]"]),
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stdout == "", args
        assert "error:" in result.stderr and all(w in result.stderr for w in words), (args, result.stderr)
    assert not (tmp_path / "x.nq").exists() and not (tmp_path / "store").exists()


# ------------------------------------------------------------------------ the library callbacks
class Calls(list[tuple[int, int]]):
    def __call__(self, done: int, total: int) -> None:
        self.append((done, total))

    def check(self) -> tuple[int, int]:
        """Counts only grow, never past the total; returns the last call."""
        assert self, "progress was never called"
        assert all(d <= t for d, t in self) and [d for d, _ in self] == sorted(d for d, _ in self)
        return self[-1]


def test_library_functions_report_progress(built: Path, tmp_path: Path, ctgov_sample: Path) -> None:
    graph = built / "kg.nq"
    quads = sum(1 for _ in graph.open(encoding="utf-8"))

    calls = Calls()
    report = export("nquads", graph, tmp_path / "x.nq", progress=calls)
    assert calls.check() == (quads, quads) == (report.statements, report.statements)

    calls = Calls()
    export("neo4j", graph, tmp_path / "neo4j", progress=calls)
    done, total = calls.check()
    assert done == total == 4 * quads  # sort into subject order, then index, schema and records passes

    calls = Calls()
    report = validate_file(graph, progress=calls)
    assert report.conforms and calls.check() == (4, 4) and report.graphs == 4  # the four seed studies

    calls = Calls()
    assert create_store(graph, tmp_path / "store", progress=calls) == quads
    assert calls.check() == (graph.stat().st_size,) * 2

    calls = Calls()
    summary = import_ctgov([ctgov_sample], progress=calls)
    assert summary.imported == 2 and calls.check() == (2, 2)

    assert export("nquads", graph, tmp_path / "y.nq").statements == quads  # and all work without one
