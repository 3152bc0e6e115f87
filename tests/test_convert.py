"""The convert step: OpenCC, cached converters, config errors, readings."""

from __future__ import annotations

import re

import pytest

import cleantext
from cleantext.config import Config
from cleantext.errors import ConfigError
from cleantext.steps import Context, ReadingHint, convert
from cleantext.steps.convert import convert_script, converter


def run(
    text: str, name: str = "t2s", ctx: Context | None = None
) -> tuple[str, list[cleantext.Finding]]:
    if ctx is None:
        ctx = Context(config=Config(convert=name))
    return convert_script(text, ctx)


def test_basic_t2s_and_findings() -> None:
    out, findings = run("第一行\n青島高新區:打造“一區多園”")
    assert out == "第一行\n青岛高新区:打造“一区多园”"
    [f] = findings
    assert (f.line, f.col, f.code, f.original, f.replacement) == (
        2,
        2,
        "converted",
        "島高新區:打造“一區多園",
        "岛高新区:打造“一区多园",
    )


def test_no_conversion_configured_is_a_no_op() -> None:
    assert convert_script("區", Context()) == ("區", [])


def test_simplified_text_unchanged() -> None:
    text = "青岛高新区打造“一区多园”青岛模式。\n"
    assert run(text) == (text, [])


def test_converters_are_cached() -> None:
    assert converter("t2s") is converter("t2s") is converter("T2S.json")


def test_unknown_config_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as info:
        run("區", "t2x")
    assert "t2x" in info.value.message
    assert info.value.hint is not None and "t2s" in info.value.hint and "s2twp" in info.value.hint
    with pytest.raises(ConfigError):
        cleantext.clean("區", convert="nope")


def test_to_simplified_seed_title(seed_bytes: bytes) -> None:
    r = cleantext.clean(seed_bytes, to_simplified=True)
    assert "青岛高新区:打造“一区多园”青岛模式" in r.text.split("\n")
    assert "(qū)" not in r.text and "區" not in r.text


def test_annotation_would_break_phrase_matching() -> None:
    # Why pinyin runs before convert: OpenCC alone turns 乾(qián)隆 into 干(qián)隆.
    assert converter("t2s").convert("乾(qián)隆") == "干(qián)隆"
    assert (
        cleantext.clean("乾(qián)隆年間,乾(qián)隆皇帝", to_simplified=True).text
        == "乾隆年间,乾隆皇帝"
    )


@pytest.mark.parametrize(
    ("text", "expected", "opencc_alone"),
    [
        # OpenCC guesses 干 for a lone 乾; the reading says qián.
        ("乾(qián)位乾(qián)德", "乾位乾德", "干位干德"),
        # 著 read zhe is 着; OpenCC leaves 著.
        ("看著(zhe)書,看著(zhe)報", "看着书,看着报", "看著书,看著报"),
        # 著 read zhù stays 著.
        ("著(zhù)作,著(zhù)名", "著作,著名", "著作,著名"),
        # 瞭 read liǎo is 了, read liào stays.
        ("瞭(liǎo)然,瞭(liào)望,瞭(liǎo)解", "了然,瞭望,了解", None),
        # 蘋 read pín (a water plant) is not 苹.
        ("白蘋(pín)白蘋(pín)", "白蘋白蘋", "白苹白苹"),
    ],
)
def test_readings_pick_the_character(text: str, expected: str, opencc_alone: str | None) -> None:
    r = cleantext.clean(text, to_simplified=True)
    assert r.text == expected
    if opencc_alone is not None:
        assert converter("t2s").convert(re.sub(r"\([^)]*\)", "", text)) == opencc_alone
        by_reading = [
            f for f in r.findings if f.code in ("converted-by-reading", "kept-by-reading")
        ]
        assert bool(by_reading) == (expected != opencc_alone)


def test_toneless_reading_that_does_not_decide() -> None:
    # liao without a tone could be 了 or 瞭: OpenCC's choice stands.
    r = cleantext.clean("瞭(liao)瞭(liao)望", to_simplified=True)
    assert r.text == converter("t2s").convert("瞭瞭望")
    assert not [f for f in r.findings if f.code == "converted-by-reading"]


def test_hints_follow_removed_lines() -> None:
    # The hint is keyed by original line; a line removed in between does not
    # shift it onto the wrong line.
    ctx = Context(config=Config(convert="t2s"))
    ctx.line_map = [1, 3]
    ctx.readings[3] = [ReadingHint(0, "乾", "qian", 2)]
    out, findings = run("乾淨\n乾位", ctx=ctx)
    assert out == "干净\n乾位"
    assert [(f.line, f.code, f.fixed) for f in findings if "reading" in f.code] == [
        (2, "kept-by-reading", False)
    ]


def test_kept_annotations_inform_conversion() -> None:
    # Annotations the pinyin step keeps (teaching text) still pick the character.
    out, _ = run("這個字讀作乾(qián)。")
    assert out == "这个字读作乾(qián)。"


def test_other_configs() -> None:
    assert run("青岛", "s2t")[0] == "青島"
    assert run("滑鼠", "tw2sp")[0] == "鼠标"
    # Readings only apply to Traditional -> Simplified.
    assert run("干(gān)", "s2t")[0] == converter("s2t").convert("干(gān)")


def test_ascii_text_skips_opencc() -> None:
    assert run("plain ascii\n") == ("plain ascii\n", [])


def test_idempotent_on_output(seed_text: str) -> None:
    text = seed_text
    once = cleantext.clean(text, to_simplified=True).text
    r = cleantext.clean(once, to_simplified=True)
    assert r.text == once
    assert not r.fixes


def test_module_imports_no_opencc_at_import() -> None:
    import subprocess
    import sys

    code = "import sys, cleantext.steps.convert; assert 'opencc' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert convert.T2S_CONFIGS >= {"t2s", "tw2s", "hk2s"}


# --- the trigger pre-check -------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cleantext.steps.convert import triggers, valid_configs  # noqa: E402

_HAN_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from(list("的是一不了人我在有他这中大来上国个到说们为子和你地出道也时年，。“”")),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=400, deadline=None)
@given(_HAN_TEXT, st.sampled_from(["t2s", "s2t", "tw2sp", "hk2s", "s2twp", "t2jp"]))
def test_trigger_precheck_is_sound(text: str, config: str) -> None:
    trig = triggers(config)
    assert trig is not None, "the trigger table no longer matches the installed OpenCC"
    if trig.isdisjoint(text):
        assert converter(config).convert(text) == text


def test_trigger_precheck_skips_opencc_on_simplified_text() -> None:
    text = "青岛高新区打造一区多园青岛模式。" * 10
    assert triggers("t2s") is not None and triggers("t2s").isdisjoint(text)  # type: ignore[union-attr]
    assert run(text) == (text, [])
    # But a reading still applies where OpenCC alone would change nothing.
    assert cleantext.clean("看著(zhe)看著(zhe)", to_simplified=True).text == "看着看着"


def test_every_exposed_config_has_triggers() -> None:
    assert {c for c in valid_configs() if triggers(c) is None} == set()


def test_already_simplified_lines_stay_so_conversion_is_idempotent() -> None:
    # OpenCC alone is not idempotent here: 顯著 -> 显著 -> 显着.
    conv = converter("tw2s")
    assert conv.convert("顯著") == "显著" and conv.convert("显著") == "显着"
    once, _ = run("顯著的成果\n帶著", "tw2s")
    assert once == "显著的成果\n带着"
    assert run(once, "tw2s") == (once, [])
    # A line that is already Simplified is left alone in a mixed file.
    assert run("显著\n顯著", "tw2s")[0] == "显著\n显著"


@pytest.mark.parametrize("config", ["t2s", "tw2s", "hk2s"])
def test_seed_idempotent_per_config(config: str, seed_bytes: bytes) -> None:
    once = cleantext.clean(seed_bytes, convert=config)
    twice = cleantext.clean(once.data, convert=config)
    assert twice.text == once.text and not twice.fixes
