"""The fast paths of the dedupe step and the page model give what the full
walks give: each shortcut is checked against the slow path on texts built to
be *almost* caught by it (issue 13)."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import Config
from cleantext.pagemodel import _lines_of, _structure, line_keys
from cleantext.steps import Context
from cleantext.steps.dedupe import _analyse, _single_repeats, remove_duplicates

LONG = [
    "国务院总理在政府工作报告中说，今年发展主要预期目标是国内生产总值增长百分之五左右。",
    "报告提出，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。",
    "Redistribution and use in source and binary forms, with or without modification.",
]
SHORT = ["工具库", "（完）", "Home", "UnitTest", "记者 王政"]
#: Lines each structure test takes, lines that open or close its state, and
#: lines that look like them but are not.
TRICKY = [
    "# 标题",
    "#不是标题",
    "- 一项",
    "-不是列表",
    "1. 第一",
    "１. 全角",
    "| a | b |",
    "a\tb\tc",
    "a\tb",
    "+---+---+",
    "=====",
    "---",
    "Files: *",
    "License: MIT",
    "Copyright: 2020 某人",
    "Upstream-Name: x",
    "Sources: not a field",
    " continued line",
    "\tcontinued with a tab",
    "    indented code()",
    "    缩进的中文段落。",
    "```",
    "~~~",
    "",
    "   ",
    "\u3000",
    "plain prose line",
    "普通的一行文字。",
]
WHITESPACE = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())


def test_line_keys_are_the_lines_without_whitespace() -> None:
    text = "".join(f"a{c}b{c}\n" for c in WHITESPACE.replace("\n", "")) + " x \r\n\r\n\u3000y"
    expected = ["".join(x.split()) for x in text.split("\n")]
    assert line_keys(text) == expected
    assert line_keys(text + "\n") == expected
    assert line_keys("") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*WHITESPACE, "a", "中", "\r"]), max_size=40))
def test_line_keys_on_any_whitespace(text: str) -> None:
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    assert line_keys(text) == ["".join(x.split()) for x in lines]


def _both(text: str) -> None:
    """remove_duplicates (fast paths) == the full analysis, text and findings."""
    ctx_a, ctx_b = Context(config=Config()), Context(config=Config())
    ctx_a.page_text = ctx_b.page_text = text
    fast = remove_duplicates(text, ctx_a)
    full = _analyse(text, line_keys(text), ctx_b) if text else (text, [])
    assert fast == full, text


def test_dedupe_one_line_repeats_give_the_full_analysis() -> None:
    # Caught: long lines repeated alone, one right after itself (工具库 工具库).
    body = [f"第{i}行的内容各不相同，这是一段普通的文字，没有重复。" for i in range(30)]
    for text in (
        "\n".join([*body[:10], LONG[0], *body[10:15], LONG[0], *body[15:]]) + "\n",
        "\n".join([*body[:10], LONG[0], LONG[0], *body[10:]]) + "\n",
        "\n".join([*body[:10], SHORT[0], *body[10:15], SHORT[0], *body[15:]]) + "\n",
        "\n".join([*body[:10], "- " + LONG[0], *body[10:15], "- " + LONG[0], *body[15:]]),
        # Only the top is repeated (or only the end): no whole copy.
        "\n".join([LONG[0], *body[:5], LONG[0], *body[5:]]),
        "\n".join([*body[:20], LONG[0], *body[20:], LONG[0]]),
    ):
        ctx = Context(config=Config())
        assert _single_repeats(text, line_keys(text), ctx) is not None
        _both(text)
        assert ctx.page is None  # the page model was never asked


def test_dedupe_near_misses_take_the_full_analysis() -> None:
    body = [f"第{i}行的内容各不相同，这是一段普通的文字，没有重复。" for i in range(12)]
    for text in (
        # Two neighbours repeating earlier lines: a run of two.
        "\n".join([*body[:4], LONG[0], LONG[1], *body[4:8], LONG[0], LONG[1], *body[8:]]),
        # Two neighbours repeating two different earlier lines: a block of two.
        "\n".join([*body[:4], LONG[0], *body[4:6], LONG[1], *body[6:8], LONG[0], LONG[1]]),
        # A line near the top repeated near the end: maybe a whole copy.
        "\n".join([LONG[0], *body, LONG[0]]),
        # The same with blank lines between (content positions count).
        "\n\n".join([SHORT[1], *body, SHORT[1]]),
    ):
        assert _single_repeats(text, line_keys(text), Context(config=Config())) is None
        _both(text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(LONG + SHORT + TRICKY), max_size=30),
    st.sampled_from(["\n", "\r\n"]),
)
def test_dedupe_fast_paths_equal_the_full_analysis(lines: list[str], nl: str) -> None:
    _both(nl.join(lines))
    _both(nl.join(lines) + nl)


def _structures(text: str) -> None:
    lines = _lines_of(text)
    assert _structure(text, lines) == _structure(text, lines, sparse=False), text


def test_structure_sparse_walk_near_misses() -> None:
    for text in (
        # A stanza continued after a non-blank, non-field line, then closed.
        "License: MIT\nprose\n continued\n\n not continued\n",
        # A stanza's blank line inside a fence does not close it.
        "License: MIT\n```\n\n```\n continued\n",
        # Indented code after a structure line, and after prose.
        "- item\n    code()\nprose\n    not code()\n",
        # Candidates on the first line; two tabs on the first and last line.
        "    code()\nx",
        "a\tb\tc\nprose\nd\te\tf",
        # Setext underline under prose and under a blank line; CRLF.
        "Title\r\n=====\r\n\r\n=====\r\n",
        # A stanza open to the end of the text.
        "Files: *\n continued\nprose\n\tcontinued",
    ):
        _structures(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(TRICKY + SHORT), max_size=25), st.sampled_from(["\n", "\r\n"]))
def test_structure_sparse_walk_equals_the_walk_of_every_line(lines: list[str], nl: str) -> None:
    _structures(nl.join(lines))
    _structures(nl.join(lines) + nl)
