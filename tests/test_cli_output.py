"""Issue 14 through the real command line (subprocess): output levels, formats,
``--diff`` headers, ``.gitignore``, out-of-place output, configuration and
the small habits of black, ruff, pre-commit and OpenCC users."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cleantext

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e7e93553ca6a2c04.txt"


def _exe() -> str:
    beside = Path(sys.executable).with_name("cleantext")
    if beside.exists():
        return str(beside)
    found = shutil.which("cleantext")
    if found is None:
        pytest.skip("the cleantext console script is not installed")
    return found


EXE = _exe()
ENV = {
    k: v
    for k, v in os.environ.items()
    if k not in ("FORCE_COLOR", "CLEANTEXT_TRACEBACK", "PRE_COMMIT", "NO_COLOR")
}


def run(
    args: list[str],
    data: bytes | None = None,
    *,
    cwd: Path | None = None,
    exe: list[str] | None = None,
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [*(exe or [EXE]), *args],
        input=data if data is not None else b"",
        capture_output=True,
        timeout=120,
        env=ENV,
        cwd=cwd,
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


# -- small habits ---------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_flags(flag: str) -> None:
    r = run([flag])
    assert r.returncode == 0
    assert r.stdout == f"cleantext {cleantext.__version__}\n"


def test_python_dash_m(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes("區(qū)域\n".encode())
    r = run(["clean", str(page)], exe=[sys.executable, "-m", "cleantext"], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert page.read_bytes() == "區(qū)域\n".encode()  # one annotation: not a farm page
    r = run(["-V"], exe=[sys.executable, "-m", "cleantext"])
    assert r.stdout == f"cleantext {cleantext.__version__}\n"
    r = run(["--help"], exe=[sys.executable, "-m", "cleantext"])
    assert r.returncode == 0 and "Usage: cleantext" in r.stdout


def test_mixed_encoding_line_range_of_a_two_line_file(tmp_path: Path) -> None:
    page = tmp_path / "mixed.txt"
    page.write_bytes("中文\n".encode() + "中華民國\n".encode("big5"))
    r = run(["clean", "--check", "-v", str(page)])
    lines = [ln for ln in r.stderr.splitlines() if "decode:" in ln]
    assert lines == [
        f"{page}:2:1: decode: line 2 decoded as big5 (the file mixes encodings; most of it is big5)"
    ], r.stderr
    assert "lines 2-3" not in r.stderr
