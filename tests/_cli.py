"""The installed ``cleantext`` console script, for the tests that run it as a process."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest


def cleantext_exe() -> str:
    """The console script beside the running interpreter, else the one on PATH."""
    beside = Path(sys.executable).with_name("cleantext")
    if beside.exists():
        return str(beside)
    found = shutil.which("cleantext")
    if found is None:
        pytest.skip("the cleantext console script is not installed", allow_module_level=True)
    return found
