"""The code base stays clean: lint (complexity included), formatting and types are part of the suite."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    executable = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if executable is None:
        pytest.fail(f"{name} is not installed; install the test extra: pip install -e '.[test]'")
    return subprocess.run([executable, *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_lint():
    # pyproject.toml selects C901 with max-complexity 10.
    result = tool("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = tool("ruff", "format", "--check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy():
    # pyproject.toml: nejat_crawler/ with disallow_untyped_defs.
    result = tool("mypy", "--no-incremental")
    assert result.returncode == 0, result.stdout + result.stderr
