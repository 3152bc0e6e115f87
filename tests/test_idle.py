"""The repair steps' idle tests and the pinyin fast path give the answers of
the code they stand in for.

An idle test says a step has nothing to do without running it
(:mod:`cleantext.idle`): when it says so, the step's own code (past
the test) must return the text unchanged with no finding. The farm page's
fast path (:func:`cleantext.steps.pinyin._strip_farm`) must return exactly
what the general path returns, or decline.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.config import Config
from cleantext.idle import ENTITY_NAMES, entities_idle, pinyin_idle
from cleantext.readings import PINYIN_LETTERS
from cleantext.steps import STEPS, Context
from cleantext.steps import entities as entities_step
from cleantext.steps import pinyin as pinyin_step
from cleantext.textutil import HAN_CLASS


def _ctx(text: str, **options: object) -> Context:
    ctx = Context(config=Config.from_options(**options))
    ctx.line_map = [2 * i + 1 for i in range(text.count("\n") + 1)]
    return ctx


def test_the_registry_uses_the_idle_tests() -> None:
    assert STEPS["pinyin"].idle is pinyin_idle
    assert STEPS["entities"].idle is entities_idle


def test_idle_patterns_agree_with_the_steps_tables() -> None:
    assert ENTITY_NAMES == list(entities_step.ENTITIES)
    assert pinyin_step._PY == f"[{PINYIN_LETTERS}:]{{1,8}}[0-5]?"


@pytest.mark.parametrize(
    "text",
    [
        "高新區(qū)",
        "高新區（qū）",
        "會(huì )",
        "產(ch",
        "區( qu1)",
        "中(:)",
        "?zhí)",
        "蛟龍？(zhí)",
        "\ufffdzhí)",
        "a ?zhí) b",
    ],
)
def test_pinyin_not_idle(text: str) -> None:
    assert not pinyin_idle(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain ASCII (qu) with ?(zhi)",
        "中文(1)（注）沒有注音。",
        "（记者王行增）",
        "北京(Beijing)"[:3] + "1998",
        "區 (qū)",  # a space between the character and the bracket
        "他問？好",
        "區(",
    ],
)
def test_pinyin_idle(text: str) -> None:
    assert pinyin_idle(text)
    assert pinyin_step._strip(text, _ctx(text)) == (text, [])


@pytest.mark.parametrize(
    "text",
    [
        "a&ldquo",
        "＆rdquo",
        "他?rdquo;好",
        "?#8220;",
        "?amp;quot;",
        "號rdquo;",
        "中&amp;",
        "&#x",
        "&#8",
        "#82;",
        "#x20；",
        "hellip；",
        "&amp",
    ],
)
def test_entities_not_idle(text: str) -> None:
    assert not entities_idle(text)


@pytest.mark.parametrize(
    "text",
    # near misses of each clause: '&' before no name, a name cut short, a
    # numeric form too short, a semicolon after a word or a space
    ["", "他說“好”；走了", "；開頭", "是嗎?好", "? rdquo", "中文；", "a&b", "＆", "x;"]
    + ["R&D 研發", "=A1&B1;", "&rdqu", "&#", "&#;", "#8;", "#x2;", "rdquo ;", "Number; Degree"]
    + ["&RDQUO;", "?Rdquo;", "ldqu;", "mdas；"],
)
def test_entities_idle(text: str) -> None:
    assert entities_idle(text)
    assert entities_step.fix_entities(text, _ctx(text)) == (text, [])


_PINYIN_PIECES = st.one_of(
    st.sampled_from(list("區業產創發中文字乾著於高新園a Z?？\ufffd(（)）:\n\r\u3000")),
    st.sampled_from(["(qū)", "（yè）", "(qian2)", "(1)", "(注)", "(ch", "zhí)", "qu", "ü", "1"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PINYIN_PIECES, max_size=40).map("".join))
def test_pinyin_idle_means_nothing_to_do(text: str) -> None:
    if pinyin_idle(text):
        assert pinyin_step._strip(text, _ctx(text)) == (text, [])


_ENTITY_PIECES = st.one_of(
    st.sampled_from(list("中文號“”；;&＆?？#x0123abq \n|")),
    st.sampled_from([*ENTITY_NAMES, "amp;", "#8220", "#x201D"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ENTITY_PIECES, max_size=30).map("".join))
def test_entities_idle_means_nothing_to_do(text: str) -> None:
    if entities_idle(text):
        assert entities_step.fix_entities(text, _ctx(text)) == (text, [])


def _general_and_fast(text: str) -> None:
    """The fast path, when it answers, answers as the general path does:
    the text, the findings and the reading hints left for convert (the
    step takes it only when no lost character's remnant is about, which
    the general path alone handles); with no hints asked for (the fast path
    then looks for none), the same text and findings, and no hints."""
    fast_ctx = _ctx(text)
    fast = pinyin_step._strip(text, fast_ctx)
    general_ctx = _ctx(text)
    general = pinyin_step._strip(text, general_ctx, fast=False)
    assert fast[0] == general[0]
    assert [f.to_dict() for f in fast[1]] == [f.to_dict() for f in general[1]]
    assert fast_ctx.readings == general_ctx.readings
    if not any(c in text for c in "?？\ufffd"):
        farm_ctx = _ctx(text)
        farm = pinyin_step._strip_farm(text, farm_ctx)
        unhinted_ctx = _ctx(text)
        unhinted_ctx.keep_readings = False
        unhinted = pinyin_step._strip_farm(text, unhinted_ctx)
        assert (unhinted is None) == (farm is None)
        if farm is not None:
            assert farm[0] == general[0]
            assert [f.to_dict() for f in farm[1]] == [f.to_dict() for f in general[1]]
            assert farm_ctx.readings == general_ctx.readings
            assert unhinted is not None
            assert unhinted[0] == general[0]
            assert [f.to_dict() for f in unhinted[1]] == [f.to_dict() for f in general[1]]
            assert unhinted_ctx.readings == {}


_FARM_PIECES = st.one_of(
    st.sampled_from(list("區業產創發中文字乾著於高新園，。 \n")),
    st.sampled_from(
        ["(qū)", "（qū）", "(qu1)", "(yè)", "（chǎn）", "(qián)", "(gān)", "(zhe)", "(zhuó)"]
        + ["(yú)", "( qu)", "(qū )", "區(qū)", "乾(qián)", "著(zhe)", "於(yú)", "(1)"]
    ),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_FARM_PIECES, min_size=1, max_size=80).map("".join))
def test_farm_fast_path_answers_as_the_general_path(text: str) -> None:
    _general_and_fast(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(_FARM_PIECES, min_size=1, max_size=400).map("".join))
def test_farm_fast_path_in_blocks(text: str) -> None:
    # A long text is read a block of lines at a time and its candidates are
    # not kept: the same answers with tiny blocks.
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pinyin_step, "SUB_BLOCK", 7)
        _general_and_fast(text)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(_FARM_PIECES, max_size=12).map("".join), min_size=1, max_size=4),
    st.lists(st.integers(0, 3), min_size=1, max_size=40),
)
def test_farm_fast_path_lines_met_again(lines: list[str], order: list[int]) -> None:
    # A few lines, each met again and again, in blocks of every size: a
    # line met again (in its block or an earlier one) gives what its first
    # occurrence gave, at its own place.
    # (And with a memo that lets go of them after every few characters.)
    text = "\n".join(lines[i % len(lines)] for i in order)
    for size, memo in ((None, None), (7, None), (40, None), (None, 20), (7, 1), (40, 30)):
        with pytest.MonkeyPatch.context() as mp:
            if size is not None:
                mp.setattr(pinyin_step, "SUB_BLOCK", size)
            if memo is not None:
                mp.setattr(pinyin_step, "FARM_MEMO_CHARS", memo)
            _general_and_fast(text)


# Near misses of the fast path's own tests: a bracket right after an
# annotation (a copy, or the opening of a parenthesis), an annotation cut
# off at the end of a line (before a CR too), a syllable that reads nothing
# here, a bracket that closes nothing, code.
_NEAR_FARM_PIECES = st.one_of(
    _FARM_PIECES,
    st.sampled_from(
        ["(qū)(qū)", "(qū)（qū）", "）（", ")(", "（記", "(ch", "(qu", "\r", "\r\n", "(", "）"]
        + ["(IDE)", "(1)", "`", "    ", "中(zhong)(zhong)", "區(yè)", "區( qū )", "?"]
    ),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_NEAR_FARM_PIECES, min_size=1, max_size=80).map("".join))
def test_farm_fast_path_near_misses(text: str) -> None:
    _general_and_fast(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pinyin_step, "SUB_BLOCK", 5)
        _general_and_fast(text)


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        ("區(qū)區(qū)", True),
        ("區(qū)區(qū)（中國）", True),  # a parenthesis after an annotation, not a copy
        ("區(qū)(qū)區(qū)", False),  # a copy: the general path takes both
        ("區(qū)區(qū)區(qū", False),  # cut off at the end of the line
        ("區(qū)區(qū)區(qū\r\n", False),
        ("區(qū)區(qū)區(qū)", True),
        ("區(qū)區(qū)區(IDE)", False),  # not a reading of 區
        ("區(qū)區(qū)\r", False),  # a last line ending in a lone CR
        ("`區(qū)`區(qū)區(qū)", False),  # Markdown code
    ],
)
def test_farm_fast_path_declines_what_it_cannot_answer(text: str, answers: bool) -> None:
    assert (pinyin_step._strip_farm(text, _ctx(text)) is not None) == answers
    _general_and_fast(text)


def test_farm_page_takes_the_fast_path() -> None:
    line = "青島高新區(qū)打造“一區(qū)多園”，乾(qián)坤著(zhe)於(yú)此"
    # more distinct annotations on one line than a grouped finding names
    many = "區(qū)業(yè)產(chǎn)乾(qián)著(zhe)於(yú)園(yuán)高(gāo)新(xīn)區（qū）"
    text = "\n".join([line, "", line.replace("青島", "園(yuán)區(qū)"), many] * 3) + "\n"
    assert pinyin_step._strip_farm(text, _ctx(text)) is not None
    _general_and_fast(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pinyin_step, "SUB_BLOCK", 16)
        _general_and_fast(text)


def test_cut_off_annotation_line_ends() -> None:
    # The fast path searches a line for an annotation cut off at its end
    # only when its last character can end one: every character that can
    # is in _CUT_ENDS (near misses: each one right after a letter, or alone).
    cut = pinyin_step._cut_off
    for cp in [*range(0xD800), *range(0xE000, 0x10000)]:
        c = chr(cp)
        ends = cut("區(a" + c) or cut("區( " + c) or cut("區(" + c)
        assert (c in pinyin_step._CUT_ENDS) == ends, repr(c)


_CUT_PIECES = st.sampled_from(
    ["區", "𠀀", "〇", "，", "a", "ü", "\u0304", "1", "5", "9", ":", " ", "\u3000", "\r", "\n"]
    + ["(", "（", ")", "）", "(ch", "（qū", "(qu1 ", "區(", "a(", "(abcdefghi", "?"]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_CUT_PIECES, max_size=12).map("".join))
def test_cut_off_as_the_pattern_with_its_han_class(end: str) -> None:
    # _cut_off looks at the character before _cut's one match: the answer
    # of the pattern with a Han class before its bracket, on line ends built
    # to be almost cut off (a bracket after no Han character, two brackets,
    # a syllable too long, closed, or followed by more).
    full = re.compile(f"[{HAN_CLASS}]" + pinyin_step._cut().pattern)
    assert pinyin_step._cut_off(end) == bool(full.search(end))


# markup.protected_for: a few tests at C speed stand in for detecting the
# markup and scanning the whole text for protected spans.

_MARKUP_PIECES = st.one_of(
    st.sampled_from(list("甲區`~ \t\n<>!-[]")),
    st.sampled_from(
        ["```", "~~~", "    ", "\n\n", "\n \n", "<!--", "-->", "<pre>", "</pre>", "<PRE x>"]
        + ["<![CDATA[", "]]>", "<code>", "<b>", "``", "<!DOCTYPE html>", "區(qū)", "?(zhí)"]
    ),
)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(_MARKUP_PIECES, max_size=40).map("".join),
    st.sampled_from([{}, {"context": "markdown"}, {"context": "html"}, {"filename": "a.md"}]),
    st.data(),
)
def test_protected_for_answers_as_the_whole_scan(
    text: str, options: dict[str, str], data: st.DataObject
) -> None:
    from cleantext.markup import Protected, detect, protected_for, protected_spans

    config = Config.from_options(**options)
    # spans within one line, as the steps ask about
    spans = []
    for _ in range(data.draw(st.integers(0, 3))):
        lo = data.draw(st.integers(0, len(text)))
        end = text.find("\n", lo)
        end = len(text) if end < 0 else end
        if lo < end:
            spans.append((lo, data.draw(st.integers(lo + 1, end))))
    whole = Protected(protected_spans(text, detect(text, config)))
    quick = protected_for(text, config, spans)
    for lo, hi in spans:
        assert quick.covers(lo, hi) == whole.covers(lo, hi), (lo, hi)


@pytest.mark.parametrize("text", [" ```", "   ~~~x", "ab\n  ```\ncode", "甲\n ```\n區(qū)\n```"])
@pytest.mark.parametrize("options", [{}, {"context": "markdown"}, {"filename": "a.md"}])
def test_protected_for_fence_indentation(text: str, options: dict[str, str]) -> None:
    # A fence's span opens at the start of its line: a span in the indentation
    # before the marker is covered (the property test above found ' ```', 0-1).
    from cleantext.markup import Protected, detect, protected_for, protected_spans

    config = Config.from_options(**options)
    whole = Protected(protected_spans(text, detect(text, config)))
    asked = 0
    for lo in range(len(text)):
        for hi in range(lo + 1, len(text) + 1):
            if "\n" not in text[lo:hi]:
                asked += 1
                assert protected_for(text, config, [(lo, hi)]).covers(lo, hi) == whole.covers(
                    lo, hi
                ), (lo, hi)
    assert whole.covers(0 if text[0] == " " else text.index(" "), text.index(" ") + 1)
    assert asked


@pytest.mark.parametrize(
    ("text", "may_cover"),
    [
        ("甲區(qū)乙", False),
        ("`x` 甲區(qū)乙 `y`", True),  # between two backticks of one paragraph: may be a span
        ("`x`\n甲區(qū)乙 `y`", True),  # a line break is no blank line
        ("`x`\n\n甲區(qū)乙 `y`", False),  # a blank line between it and any backtick before
        ("`x`\n \n甲區(qū)乙 `y`", False),
        ("`x` 甲區(qū)乙\n\n`y`", False),  # ... or after
        ("```\n甲區(qū)乙\n", True),  # an unclosed fence runs to the end
        ("甲區(qū)乙\n```\n", False),  # a fence after it
        ("    甲區(qū)乙\n", True),  # an indented line
        ("   甲區(qū)乙\n", False),
        ("<!-- 甲區(qū)乙", True),
        ("<b>甲區(qū)乙</b>", False),
        ("甲區(qū)乙<pre>", False),
    ],
)
def test_protected_for_near_misses(text: str, may_cover: bool) -> None:
    # (empty when the tests prove the span clear; else the whole scan's spans)
    from cleantext.markup import protected_for

    lo = text.index("區")
    spans = [(lo, lo + 5)]
    assert bool(protected_for(text, Config(context="markdown"), spans)) == may_cover


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(_PINYIN_PIECES, _NEAR_FARM_PIECES), max_size=60).map("".join))
def test_few_places_find_what_the_scans_find(text: str) -> None:
    # pinyin._few matches the remnant and candidate patterns at the idle
    # test's places only: the same matches as their own scans of the text.
    few = pinyin_step._few(text)
    if few is None:
        return
    lost, found = few
    assert _spans(lost) == _spans(pinyin_step._LOST.finditer(text))
    assert _spans(found) == _spans(pinyin_step._candidate().finditer(text))


@pytest.mark.parametrize(
    "text",
    [
        "?(zhí)區(qū)",
        "區?(zhí)",
        "區(qū)?zhí)(zhí)",
        "產(ch\n區(",
        "區( qū )（yè）?",
        "？（qū）",
        "a(qū)區(1)",
        "?(zhe)",  # all ASCII: found by hypothesis, missed while places skipped ASCII text
    ],
)
def test_few_places_near_misses(text: str) -> None:
    lost, found = pinyin_step._few(text) or ([], [])
    assert _spans(lost) == _spans(pinyin_step._LOST.finditer(text))
    assert _spans(found) == _spans(pinyin_step._candidate().finditer(text))


# --- the places of a long text, and the fast path's early refusal -------------------------


@settings(max_examples=400, deadline=None)
@given(st.lists(_NEAR_FARM_PIECES, min_size=1, max_size=80).map("".join))
def test_may_be_farm_refuses_only_what_the_fast_path_refuses(text: str) -> None:
    # pinyin._may_be_farm is a necessary condition of the fast path's answer.
    candidates = list(pinyin_step._candidate().finditer(text))
    if not pinyin_step._may_be_farm(text, candidates):
        assert pinyin_step._strip_farm(text, _ctx(text)) is None


@pytest.mark.parametrize(
    ("text", "may_be"),
    [
        ("區(qū)區(qū)區(IDE)", False),  # a bracketed word: the fast path gives up on it
        ("區(qū)區(qū)區(yè)", False),  # a syllable that does not read 區
        ("區(qū)區(qū)區(qū)", True),
        ("區(qū)區(qū)區(qū", True),  # cut off: the fast path's own test refuses it
        ("區(qū)區(qū)(IDE)", True),  # after a bracket, not a Han character: no candidate
        ("區(qū)區(qū)區 (IDE)", True),  # a space before the bracket: no candidate
    ],
)
def test_may_be_farm_near_misses(text: str, may_be: bool) -> None:
    candidates = list(pinyin_step._candidate().finditer(text))
    assert pinyin_step._may_be_farm(text, candidates) == may_be
    if not may_be:
        assert pinyin_step._strip_farm(text, _ctx(text)) is None
    _general_and_fast(text)


def _long(pieces: list[str], filler: str) -> str:
    return "".join(p + filler for p in pieces)


@pytest.mark.parametrize(
    "text",
    [
        # more places than FARM_PROBE, but at most one per 1,024 characters:
        # served by the places; a farm page (dense among few Han characters)
        # tried on the fast path, the rest on the general path
        _long(["區(qū)"] * 100, "x" * 1100 + "\n"),
        _long(["區(qū)"] * 99 + ["環境(IDE)"], "x" * 1100 + "\n"),
        _long(["區(qū)"] * 99 + ["?(zhí)"], "x" * 1100 + "\n"),
        _long(["陂(bēi)", "用(A1)", "加(a)"] * 30, "這是一段沒有注音的文字，" * 100 + "\n"),
        # one place more than the limit: the scans
        _long(["區(qū)"] * 100, "x" * 1000 + "\n"),
    ],
)
def test_many_places_in_a_long_text(text: str) -> None:
    few = pinyin_step._few(text)
    places = len(list(pinyin_step.pinyin_places(text)))
    assert (few is not None) == (places <= pinyin_step.few_places(text))
    assert places > pinyin_step.FARM_PROBE
    if few is not None:
        lost, found = few
        assert _spans(lost) == _spans(pinyin_step._LOST.finditer(text))
        assert _spans(found) == _spans(pinyin_step._candidate().finditer(text))
    _general_and_fast(text)


def test_a_long_farm_page_with_few_places_takes_the_fast_path() -> None:
    text = _long(["區(qū)"] * 100, "x" * 1100 + "\n")
    assert pinyin_step._few(text) is not None
    calls: list[str] = []
    original = pinyin_step._strip_farm

    def spy(text: str, ctx: Context) -> object:
        calls.append(text)
        return original(text, ctx)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pinyin_step, "_strip_farm", spy)
        out, findings = pinyin_step._strip(text, _ctx(text))
        assert calls == [text]
        assert "(qū)" not in out and len(findings) == 100
        calls.clear()
        # a page with a bracketed word is refused before the pass over its lines
        refused = _long(["區(qū)"] * 99 + ["環境(IDE)"], "x" * 1100 + "\n")
        pinyin_step._strip(refused, _ctx(refused))
        assert calls == []


# --- the fast path serves a line met again from its first occurrence ----------------------


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(_NEAR_FARM_PIECES, min_size=1, max_size=12).map("".join), max_size=4),
    st.lists(st.integers(0, 3), min_size=1, max_size=14),
)
def test_farm_fast_path_with_repeated_lines(pool: list[str], order: list[int]) -> None:
    # Lines drawn from a small pool, so that most come again (the second
    # copy of an article): the same answers as the general path, whether
    # the copies fall in one block or in two.
    pool = [x.replace("\n", "") for x in pool] or ["區(qū)"]
    text = "\n".join(pool[i % len(pool)] for i in order) + "\n"
    _general_and_fast(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pinyin_step, "SUB_BLOCK", 9)
        _general_and_fast(text)


def test_a_repeated_line_gets_its_own_finding_and_hints() -> None:
    many = "乾(qián)坤著(zhe)於(yú)區(qū)區(qū)"
    one = "青島高新區(qū)"
    near = "青島高新區(qū)。"  # one character more: not the same line
    text = "\n".join([many, one, "", many, near, one, many]) + "\n"
    farm_ctx = _ctx(text)
    farm = pinyin_step._strip_farm(text, farm_ctx)
    assert farm is not None
    assert [f.line for f in farm[1]] == [1, 2, 4, 5, 6, 7]
    # each copy of `many` leaves its hints at its own (original) line
    assert sorted(farm_ctx.readings) == [1, 7, 13]
    assert farm_ctx.readings[1] == farm_ctx.readings[13]
    _general_and_fast(text)
