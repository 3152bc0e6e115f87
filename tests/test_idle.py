"""The repair steps' idle tests and the pinyin fast path give the answers of
the code they stand in for.

An idle test says a step has nothing to do without running it
(:mod:`cleantext.idle`): when it says so, the step's own code (past
the test) must return the text unchanged with no finding. The farm page's
fast path (:func:`cleantext.steps.pinyin._strip_farm`) must return exactly
what the general path returns, or decline.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.config import Config
from cleantext.idle import ENTITY_NAMES, entities_idle, pinyin_idle
from cleantext.readings import PINYIN_LETTERS
from cleantext.steps import STEPS, Context
from cleantext.steps import entities as entities_step
from cleantext.steps import pinyin as pinyin_step


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
    ["a&b", "＆", "他?rdquo;好", "?#8220;", "?amp;quot;", "x;", "號rdquo;", "中&amp;"],
)
def test_entities_not_idle(text: str) -> None:
    assert not entities_idle(text)


@pytest.mark.parametrize(
    "text",
    ["", "他說“好”；走了", "；開頭", "是嗎?好", "? rdquo", "中文；"],
)
def test_entities_idle(text: str) -> None:
    assert entities_idle(text)
    assert entities_step._fix(text, _ctx(text)) == (text, [])


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
        assert entities_step._fix(text, _ctx(text)) == (text, [])


def _general_and_fast(text: str) -> None:
    """The fast path, when it answers, answers as the general path does:
    the text, the findings and the reading hints left for convert."""
    fast_ctx = _ctx(text)
    fast = pinyin_step._strip_farm(text, fast_ctx)
    if fast is None:
        return
    general_ctx = _ctx(text)
    general = pinyin_step._strip(text, general_ctx, fast=False)
    assert fast[0] == general[0]
    assert [f.to_dict() for f in fast[1]] == [f.to_dict() for f in general[1]]
    assert fast_ctx.readings == general_ctx.readings


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
        mp.setattr(pinyin_step, "KEEP_CANDIDATES", 10)
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
        mp.setattr(pinyin_step, "KEEP_CANDIDATES", 16)
        _general_and_fast(text)
