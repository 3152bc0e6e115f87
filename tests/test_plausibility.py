"""The plausibility score: natural text beats each kind of mojibake made
from it, and the score behaves like a per-character log10 probability."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleantext import plausibility as p

# Real sentences and the mojibake each kind of wrong decoding makes of them.
SIMPLIFIED = [
    "发展经济是硬道理",
    "中华人民共和国",
    "今天天气很好，我们去公园散步吧。",
    "科技型企业提供融资服务",
]
TRADITIONAL = ["中華民國", "針對科技型企業提供融資服務", "臺灣的經濟發展"]


def _mojibake(text: str, encode: str, decode: str) -> str | None:
    try:
        return text.encode(encode).decode(decode)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def _cases(texts: list[str], kinds: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(text, mojibake) for every kind of wrong decoding the text survives."""
    out = []
    for text in texts:
        for encode, decode in kinds:
            bad = _mojibake(text, encode, decode)
            if bad is not None and bad != text:
                out.append((text, bad))
    return out


SIMPLIFIED_CASES = _cases(
    SIMPLIFIED,
    [
        ("utf-8", "gb18030"),
        ("gb18030", "latin-1"),
        ("gb18030", "cp1252"),
        ("gb18030", "big5"),
        ("utf-8", "cp1252"),
    ],
)
TRADITIONAL_CASES = _cases(
    TRADITIONAL, [("big5", "gb18030"), ("utf-8", "big5"), ("utf-8", "gb18030")]
)


def test_there_are_cases() -> None:
    assert len(SIMPLIFIED_CASES) >= 10 and len(TRADITIONAL_CASES) >= 4


@pytest.mark.parametrize(("text", "bad"), SIMPLIFIED_CASES + TRADITIONAL_CASES)
def test_text_beats_its_mojibake(text: str, bad: str) -> None:
    assert p.score(text) > p.score(bad) + 1.0
    assert p.logprob(text) > p.logprob(bad)


def test_issue_examples() -> None:
    assert p.compare("鍙戝睍", "发展") > 2
    assert p.compare("·¢Õ¹", "发展") > 2
    assert p.compare("祇甶い瓣產", "中華民國") > 1.5


def test_bigrams_matter() -> None:
    # Same characters, real word order against a shuffle.
    assert p.logprob("人民共和国") > p.logprob("和民国共人")


def test_other_scripts_are_plausible() -> None:
    for text in [
        "The quick brown fox",
        "今日は良い天気ですね",
        "대한민국 헌법",
        "Café crème brûlée",
        "Здравствуйте",
    ]:
        assert p.score(text) > -3.5, text


def test_damage_is_implausible() -> None:
    for text in ["\ufffd\ufffd\ufffd", "\x85\x96\x97", "\ue000\ue001", "╔═╗", "ÏÔÊ¾Æ÷"]:
        assert p.score(text) < -4.5, text


def test_mojibake_entries_of_the_word_list_are_rare() -> None:
    # jieba's dict.txt, the model's source, counts 鈥, 銆 and 锛 (UTF-8's
    # first two bytes of “ ” ’, of 、 。 and of ， ！ read as GBK) thousands of
    # times as one-character words: mojibake in the text it counted. The
    # model leaves those entries out (scripts/build_cjk_freq.py), so they
    # are rarer than a real rare character such as 芒 (C3 A2, 'Ã¢' read as GBK)
    for ch in "鈥銆锛":
        assert p.char_cost(ch) < p.char_cost("芒") - 2, ch
    # and UTF-8 Chinese read as GBK is still far less likely than its text
    text = "他说：“今天天气很好，我们去公园吧。”"
    assert p.compare(text.encode("utf-8").decode("gbk", "replace"), text) > 2


def test_hangul_outside_ks_x_1001_is_rare() -> None:
    # UTF-16 read from GBK bytes gives syllables Korean does not use.
    assert p.char_cost("뗃") < p.char_cost("한") - 2


def test_whitespace_is_free_and_empty_is_zero() -> None:
    assert p.score("") == 0.0
    assert p.score(" \n\t") == 0.0
    assert p.logprob("中国 ") == p.logprob("中国")
    assert p.char_scores("a b")[1] == 0.0


def test_compare_is_antisymmetric() -> None:
    assert p.compare("中国", "涓浗") == -p.compare("涓浗", "中国")


@given(st.text(max_size=60))
def test_total_is_sum_of_char_scores(text: str) -> None:
    scores = p.char_scores(text)
    assert len(scores) == len(text)
    assert all(s <= 0.0 for s in scores)
    assert math.isclose(p.logprob(text), math.fsum(scores), abs_tol=1e-9)


def test_logprob_of_a_long_text_is_the_sum_of_its_scores() -> None:
    # Scored a piece at a time (each ending after a newline), the total is
    # that of the scores in one list, to the last bit.
    from cleantext.plausibility import _PIECE, char_scores, logprob

    lines = ["经济发展的新阶段，科技创新。", "·ÅÑ ¢µØ", "Grüße aus Köln", "ｷﾅﾑ", "", "中" * 300]
    text = "\n".join(lines[i % len(lines)] for i in range(3 * _PIECE // 10))
    assert len(text) > 2 * _PIECE
    for t in (text, text.replace("\n", ""), text + "\n", text[: _PIECE + 1]):
        assert logprob(t) == math.fsum(char_scores(t))
