"""Fixtures shared by the test modules: the repository and the seed page.

The seed page (``seeds/000_e7e93553ca6a2c04.txt``) is a real scraped page
with every kind of damage the default pipeline repairs; its expected
output, written by hand, is ``fixtures/seed-000.out.txt``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout's top folder."""
    return ROOT


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed page (read it, copy it; never write to it)."""
    return ROOT / "seeds" / "000_e7e93553ca6a2c04.txt"


@pytest.fixture(scope="session")
def seed_bytes(seed_path: Path) -> bytes:
    return seed_path.read_bytes()


@pytest.fixture(scope="session")
def seed_text(seed_bytes: bytes) -> str:
    return seed_bytes.decode("utf-8")


@pytest.fixture(scope="session")
def seed_out(repo_root: Path) -> bytes:
    """What ``cleantext clean`` makes of the seed page, as bytes."""
    return (repo_root / "fixtures" / "seed-000.out.txt").read_bytes()


@pytest.fixture(scope="session")
def seed_lines(seed_text: str) -> list[str]:
    """The seed page split on ``\\n`` (the last item is the empty rest)."""
    return seed_text.split("\n")
