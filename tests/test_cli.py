"""The `hadath` command itself: start-up cost, the command table, Ctrl-C and closed pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hadath import cli
from hadath.commands import COMMANDS
from interchange_helpers import FIXTURE, REPO

HEAVY = ("datasets", "mlcroissant", "scipy", "sklearn", "pyarrow")


def _python(code: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO,
                          timeout=120, **kwargs)


def test_the_table_names_every_command_module_and_its_help():
    modules = {p.stem for p in (REPO / "hadath" / "commands").glob("*.py")} - {"__init__"}
    assert set(COMMANDS) == modules
    for name in COMMANDS:
        module = __import__(f"hadath.commands.{name}", fromlist=["HELP"])
        assert module.HELP == COMMANDS[name]


def test_help_imports_no_command_module():
    result = _python("import sys\nfrom hadath.cli import main\n"
                     "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
                     "print(sorted(m for m in sys.modules if m.startswith('hadath.commands.')"
                     f" or m.split('.')[0] in {HEAVY!r}))")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert all(name in result.stdout for name in COMMANDS)


def test_a_command_imports_only_its_own_module():
    result = _python("import sys\nfrom hadath.cli import main\n"
                     f"main(['validate', {str(FIXTURE)!r}])\n"
                     "print(sorted(m for m in sys.modules if m.startswith('hadath.commands.')"
                     f" or m.split('.')[0] in {HEAVY!r}))")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['hadath.commands.validate']"


def test_start_up_costs_at_most_ten_times_a_bare_interpreter():
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import startup
    finally:
        sys.path.pop(0)
    figures = startup.measure(5, ["--help"])
    assert figures["ratio"] <= 10, figures


def test_ctrl_c_during_start_up_is_one_line(monkeypatch, capsys):
    def interrupted(name):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.importlib, "import_module", interrupted)
    assert cli.main(["validate", str(FIXTURE)]) == 130
    assert capsys.readouterr().err == "hadath: interrupted\n"


@pytest.mark.parametrize("argv", [["lint", str(FIXTURE)], ["crosscheck", "--help"], ["--help"]])
def test_a_closed_pipe_ends_the_command_quietly(argv):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "hadath", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=REPO)
    proc.stdout.close()  # as `| head` does once it has read enough
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert err == ""
