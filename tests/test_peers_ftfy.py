"""ftfy's own test cases through our mojibake step (data in ../shared/peers/ftfy).

We run ftfy with a CJK-safe configuration (no quote uncurling, no width
folding, no NFC, no HTML unescaping), so the expected output is
``fixed-encoding`` (what ``ftfy.fix_encoding`` gives) or, where a case has
none, ``fixed`` -- the peer README says the two agree for those cases
except where ``fixed`` contains uncurled quotes or folded widths, and no
such case is in the four files run here.

``known-failures.json`` holds the cases ftfy itself gets wrong; upstream runs
them as strict xfails on ``fix_encoding`` and so do we.

Exceptions (cases we do not match): none at the moment. Any future one goes
in ``EXCEPTIONS`` with its reason and becomes a strict xfail.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from cleantext.steps import Context
from cleantext.steps.mojibake import fix_mojibake


def _peers() -> Path:
    for candidate in (
        os.environ.get("CLEANTEXT_PEERS", ""),
        str(Path(__file__).resolve().parents[2] / "shared" / "peers"),
        "/work/shared/peers",
    ):
        if candidate and (Path(candidate) / "ftfy").is_dir():
            return Path(candidate) / "ftfy"
    pytest.skip("the peer ftfy cases are not available", allow_module_level=True)
    raise AssertionError  # unreachable


PEERS = _peers()
FILES = ("in-the-wild.json", "synthetic.json", "negative.json", "language-names.json")

#: label -> reason, for cases whose expected output we deliberately differ from.
EXCEPTIONS: dict[str, str] = {}


def _cases(name: str) -> list[Any]:
    cases = json.loads((PEERS / name).read_text("utf-8"))
    out = []
    for i, case in enumerate(cases):
        marks = []
        if case["label"] in EXCEPTIONS:
            marks.append(pytest.mark.xfail(strict=True, reason=EXCEPTIONS[case["label"]]))
        out.append(pytest.param(case, id=f"{name.split('.')[0]}-{i:02d}", marks=marks))
    return out


def _expected(case: dict[str, str]) -> str:
    return case.get("fixed-encoding", case["fixed"])


@pytest.mark.parametrize("case", [c for name in FILES for c in _cases(name)])
def test_ftfy_case(case: dict[str, str]) -> None:
    assert case["expect"] == "pass"
    out, findings = fix_mojibake(case["original"], Context())
    assert out == _expected(case), case["label"]
    if out == case["original"]:
        assert not [f for f in findings if f.fixed]
    else:
        assert [f for f in findings if f.fixed], "a change without a finding"


@pytest.mark.parametrize("case", [c for name in FILES for c in _cases(name)])
def test_ftfy_case_idempotent(case: dict[str, str]) -> None:
    once, _ = fix_mojibake(case["original"], Context())
    twice, findings = fix_mojibake(once, Context())
    assert twice == once
    assert not [f for f in findings if f.fixed]


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            c,
            id=f"known-failures-{i:02d}",
            marks=pytest.mark.xfail(strict=True, reason=c.get("comment", "")),
        )
        for i, c in enumerate(json.loads((PEERS / "known-failures.json").read_text("utf-8")))
    ],
)
def test_ftfy_known_failure(case: dict[str, str]) -> None:
    assert fix_mojibake(case["original"], Context())[0] == _expected(case)


def test_findings_replay_to_the_output() -> None:
    """Applying each finding's (col, original -> replacement) to the input
    gives the step's output: the findings explain every change."""
    for name in FILES:
        for case in json.loads((PEERS / name).read_text("utf-8")):
            text = case["original"]
            out, findings = fix_mojibake(text, Context())
            lines = text.split("\n")
            # columns are in the input: apply from the right
            for f in sorted(findings, key=lambda f: (f.line, -f.col)):
                if not f.fixed:
                    continue
                line = lines[f.line - 1]
                start = f.col - 1
                assert line[start : start + len(f.original)] == f.original, case["label"]
                lines[f.line - 1] = (
                    line[:start] + (f.replacement or "") + line[start + len(f.original) :]
                )
            assert "\n".join(lines) == out, case["label"]
