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

#: Known failures, kept as strict xfails (ftfy's convention): the expected
#: output is what the text should say; the reason says why we do not get it.
KNOWN_FAILURES = {
    ("seed-000", "t2s"): (
        "the page writes the particle zhe as 著 (Taiwan usage); OpenCC's t2s treats 著 as "
        "already standard and keeps it (its own test case 慰藉著 -> 慰藉著), so 帶著 becomes "
        "带著, not 带着. --convert tw2s gets it right (fixture seed-000.tw2s)."
    ),
}


def _params() -> list[object]:
    params = []
    for case, convert in CASES:
        marks = []
        if (case, convert) in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(reason=KNOWN_FAILURES[case, convert], strict=True))
        params.append(pytest.param(case, convert, marks=marks, id=f"{case}-{convert or 'default'}"))
    return params


def test_fixtures_exist() -> None:
    assert ("seed-000", None) in CASES
    assert ("seed-000", "t2s") in CASES
    assert ("seed-000", "tw2s") in CASES


@pytest.mark.parametrize(("case", "convert"), _params())
def test_golden(case: str, convert: str | None) -> None:
    data = (FIXTURES / f"{case}.in.txt").read_bytes()
    suffix = f".{convert}" if convert else ""
    expected = (FIXTURES / f"{case}{suffix}.out.txt").read_bytes()
    result = cleantext.clean(data, convert=convert)
    assert result.data.decode("utf-8") == expected.decode("utf-8")
    assert result.data == expected


@pytest.mark.parametrize(
    ("case", "convert"), CASES, ids=[f"{c}-{v or 'default'}" for c, v in CASES]
)
def test_idempotent(case: str, convert: str | None) -> None:
    data = (FIXTURES / f"{case}.in.txt").read_bytes()
    once = cleantext.clean(data, convert=convert)
    twice = cleantext.clean(once.data, convert=convert)
    assert twice.data == once.data
    assert not twice.changed
    assert [f for f in twice.findings if f.fixed] == []
