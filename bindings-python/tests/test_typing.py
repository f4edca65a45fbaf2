"""mypy --strict on code written against the installed package: event narrowing and closed
request types type-check (typing/narrowing.py), and the mistakes a closed type must catch
are caught, each on its own line (typing/misspelt.py)."""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).parent / "typing"


def _mypy(path: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.11", str(path)],
        capture_output=True, text=True,
    )


def test_narrowing_and_closed_types_type_check() -> None:
    result = _mypy(HERE / "narrowing.py")
    assert result.returncode == 0, result.stdout


def test_misspelt_fields_and_values_are_type_errors() -> None:
    result = _mypy(HERE / "misspelt.py")
    assert result.returncode == 1, result.stdout
    expected = {i + 1 for i, line in enumerate((HERE / "misspelt.py").read_text().splitlines()) if "# error:" in line}
    reported = {int(n) for n in re.findall(r"misspelt\.py:(\d+): error", result.stdout)}
    assert expected <= reported, result.stdout
