"""Golden pairs in fixtures/: <case>.in.txt gives <case>.out.txt under the
default pipeline and <case>.<convert>.out.txt with that OpenCC conversion.

Expected outputs were written by hand from what the page should say and
checked by eye; each case is also checked for idempotence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cleantext

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _cases() -> list[tuple[str, str | None]]:
    cases = []
    for inp in sorted(FIXTURES.glob("*.in.txt")):
        case = inp.name[: -len(".in.txt")]
        for out in sorted(FIXTURES.glob(f"{case}.*out.txt")):
            middle = out.name[len(case) + 1 : -len("out.txt")].rstrip(".")
            cases.append((case, middle or None))
    return cases


CASES = _cases()


def test_fixtures_exist() -> None:
    assert ("seed-000", None) in CASES
    assert ("seed-000", "t2s") in CASES


@pytest.mark.parametrize(("case", "convert"), CASES, ids=[f"{c}-{v or 'default'}" for c, v in CASES])
def test_golden(case: str, convert: str | None) -> None:
    data = (FIXTURES / f"{case}.in.txt").read_bytes()
    suffix = f".{convert}" if convert else ""
    expected = (FIXTURES / f"{case}{suffix}.out.txt").read_bytes()
    result = cleantext.clean(data, convert=convert)
    assert result.data.decode("utf-8") == expected.decode("utf-8")
    assert result.data == expected


@pytest.mark.parametrize(("case", "convert"), CASES, ids=[f"{c}-{v or 'default'}" for c, v in CASES])
def test_idempotent(case: str, convert: str | None) -> None:
    data = (FIXTURES / f"{case}.in.txt").read_bytes()
    once = cleantext.clean(data, convert=convert)
    twice = cleantext.clean(once.data, convert=convert)
    assert twice.data == once.data
    assert not twice.changed
    assert [f for f in twice.findings if f.fixed] == []
