"""The spam step reads head, tail and the middle's candidate lines from the
text's two ends and by one pattern, without splitting the text
(:func:`cleantext.steps.spam._outline`): the same lines, with the same
numbers, as the split text gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.spamlex import Lexicon, lexicon
from cleantext.steps import spam
from cleantext.steps.spam import (
    _STOP,
    ANCHOR_CHARS,
    MIDDLE_MAX_CHARS,
    _is_body,
    _outline,
)

LEX = lexicon(())


def by_split(text: str, lex: Lexicon) -> tuple[int, int, int, list[int]]:
    """What remove_spam computed on ``text.split("\\n")`` before _outline."""
    parts = text.split("\n")
    n = len(parts) - (parts[-1] == "")

    def anchored(i: int, step: int) -> bool:
        if not _is_body(parts[i], lex):
            return False
        if len(parts[i].strip()) >= ANCHOR_CHARS:
            return True
        j = i + step
        while 0 <= j < n and not parts[j].strip():
            j += step
        return 0 <= j < n and _is_body(parts[j], lex)

    head_end = next((i for i in range(n) if anchored(i, 1)), n)
    tail_start = n
    for i in range(n - 1, head_end - 1, -1):
        if anchored(i, -1):
            tail_start = i + 1
            break
    middle = [
        i
        for i in range(head_end, tail_start)
        if 4 <= len(parts[i]) <= MIDDLE_MAX_CHARS and not _STOP.search(parts[i])
    ]
    return n, head_end, tail_start, middle


def check(text: str) -> None:
    parts = text.split("\n")
    n, head_end, tail_start, middle = by_split(text, LEX)
    got = _outline(text, LEX)
    numbers = got.numbers(list(range(len(got.rows))))
    assert (got.n, got.head_end, got.tail_start, numbers) == (n, head_end, tail_start, middle)
    assert got.rows == [parts[i] for i in middle]
    # The rows are kept joined, and cut from the text when asked.
    assert got.joined == "\n".join(got.rows)
    assert got.rows_at(range(len(got.rows))) == got.rows
    assert got.rows_at(range(len(got.rows) - 1, -1, -2)) == got.rows[::-2]
    for row, at in zip(got.rows, got.where, strict=True):
        assert text[at + 1 : at + 1 + len(row)] == row
    # Numbered a few at a time (the rows the lexicon keeps), the same numbers.
    assert got.numbers(list(range(0, len(got.rows), 3))) == middle[::3]
    for i in [*range(head_end), *range(tail_start, n)]:
        assert got.lines[i] == parts[i]
    for i, line in got.lines.items():
        assert line == parts[i]


BODY = "国务院总理在政府工作报告中说，今年发展主要预期目标是国内生产总值增长百分之五左右。"
PIECES = [
    BODY,
    BODY * 5,  # longer than MIDDLE_MAX_CHARS
    "报告提出要坚持稳中求进。",  # a short sentence: body only next to another
    "The committee met on Tuesday and agreed on the budget for next year.",
    "最新澳门六合彩开奖结果 六合彩资料大全",  # spam terms, no full stop
    "www.example.com 联系电话 13800138000",
    "相关文章",
    "short line",
    "abc",
    "x" * MIDDLE_MAX_CHARS,
    "y" * (MIDDLE_MAX_CHARS + 1),
    "z" * (MIDDLE_MAX_CHARS - 1) + "!",  # a full stop at the bound
    "z" * MIDDLE_MAX_CHARS + "？",
    "ab?c",
    "标题！",
    "",
    "   ",
    "\r",
    "a\rb\rc",  # a carriage return alone does not end a line
    "```",
    "𠀀𠀁𠀂 astral 𠀃",
]


@st.composite
def texts(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=40))
    ends = draw(st.lists(st.sampled_from(["\n", "\r\n"]), min_size=len(lines), max_size=len(lines)))
    text = "".join(a + b for a, b in zip(lines, ends, strict=True))
    if draw(st.booleans()) and text:
        text = text[:-1]  # no line end after the last line (or "\r" left)
    return text


@settings(max_examples=400, deadline=None)
@given(texts())
def test_outline_is_the_split_texts(text: str) -> None:
    if text:
        check(text)


def test_outline_edge_cases() -> None:
    for text in [
        "a",
        "\n",
        "\n\n\n",
        "\r\n",
        "\r",
        "one line without an end",
        BODY,
        BODY + "\n",
        "abcd\n" + BODY + "\nefgh",
        "相关文章\n" + BODY + "\n短行一\n短行二\n" + BODY + "\n热门推荐",
        "\r\n".join([BODY, "短行一", "", "六合彩资料大全", BODY, "联系我们"]) + "\r\n",
    ]:
        check(text)


def test_outline_rows_joined_a_few_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    # (ROWS_AT_ONCE rows are joined at once: parts of one row, a few, and
    # a part that ends at the last row)
    texts = [
        "相关文章\n" + BODY + "\n短行一\n短行二\n短行三\n短行四\n" + BODY + "\n热门推荐",
        "\r\n".join([BODY, "短行一", "", "六合彩资料大全", BODY, "联系我们"]) + "\r\n",
        "\n".join([BODY, *["短行", "abcd", "\r"] * 7, BODY]),
    ]
    for size in (1, 2, 3, 4):
        monkeypatch.setattr(spam, "ROWS_AT_ONCE", size)
        for text in texts:
            check(text)


def test_outline_on_a_long_text() -> None:
    # Thousands of middle lines between a head and a tail of spam lines.
    middle = [BODY, "短行一", "", "六合彩资料大全 最新开奖", "y" * 200, "\r", "小标题"] * 3000
    text = "\n".join(["最新澳门六合彩开奖结果", "", *middle, "www.example.com 联系电话", ""])
    check(text)
    check(text.replace("\n", "\r\n"))
    check(text.rstrip("\n"))
