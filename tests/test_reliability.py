"""Reliability under hostile input and hostile surroundings (issue 12).

Each case runs through the installed ``cleantext`` command (a real
process, real files) or through :func:`cleantext.clean`. Nothing here
asserts on speed: cases that used to take minutes run in a subprocess whose
``timeout`` is only a hang guard (tens of seconds for work that now takes
milliseconds); the figures are in ``bench/bench_adversarial.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _exe() -> str:
    beside = Path(sys.executable).with_name("cleantext")
    if beside.exists():
        return str(beside)
    found = shutil.which("cleantext")
    if found is None:
        pytest.skip("the cleantext console script is not installed")
    return found


EXE = _exe()
ENV = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLEANTEXT_TRACEBACK")}
#: A hang guard, not a speed limit: the work below takes well under a second.
HANG = 120


def run(
    args: list[str], data: bytes | None = None, **kw: object
) -> subprocess.CompletedProcess[bytes]:
    kw.setdefault("env", ENV)
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [EXE, *args], input=data, capture_output=True, timeout=HANG, **kw
    )


# -- recursion and super-linear regexes --------------------------------------


def test_long_spam_term_does_not_crash(tmp_path: Path) -> None:
    terms = tmp_path / "terms.txt"
    # One very long term and a chain of terms that are prefixes of each other.
    terms.write_text("x" * 600 + "\n" + "\n".join("y" * k for k in range(1, 400)) + "\n")
    r = run(["clean", "--spam-terms", str(terms)], "正文第一行。\n正文第二行。\n".encode())
    assert r.returncode == 0, r.stderr
    assert r.stdout == "正文第一行。\n正文第二行。\n".encode()


def test_trie_pattern_matches_longest_term_at_any_depth() -> None:
    import re

    from cleantext.spamlex import trie_pattern

    assert re.fullmatch(trie_pattern(["a" * 2000]), "a" * 2000)
    deep = re.compile(trie_pattern(["b" * k for k in range(1, 500)]))
    m = deep.match("b" * 700)
    assert m is not None and m.end() == 499
    assert re.compile(trie_pattern(["ab", "abc", "b"])).findall("abcab b") == ["abc", "ab", "b"]


def test_hit_counter_line_with_long_blank_run_is_linear() -> None:
    # 2,000 counter-like lines of 196 characters: the old counter regex took
    # about 0.1 s per line (cubic in the run of spaces).
    page = "正文一行。\n" + ("views" + " " * 190 + "x\n") * 2000
    r = run(["clean", "--enable", "boilerplate"], page.encode())
    assert r.returncode == 0, r.stderr
    assert r.stdout == page.encode()  # no counter here: nothing to remove


def test_hit_counter_still_found() -> None:
    from cleantext.steps.boilerplate import _COUNTER

    for line, found in [
        ("作者：张三   浏览次数：123", "   浏览次数：123"),
        ("发布时间 2020-01-01 | 点击: 45 次", " | 点击: 45 次"),
        ("阅读量 [ 12 ]", None),
        ("阅读:[ 12 ] 来源", "阅读:[ 12 ]"),
        ("views" + " " * 5000 + "x", None),
    ]:
        m = _COUNTER.search(line)
        assert (m.group() if m else None) == found, line
