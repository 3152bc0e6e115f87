"""The lexicon compiles a trie only when a text could hold one of its terms,
and answers exactly as the compiled pattern does."""

from __future__ import annotations

import random

import pytest

from cleantext import spamlex
from cleantext.spamlex import Lexicon

TERMS = {
    "中文字幕": "porn",
    "澳门": "gambling",
    "赌": "gambling",
    "在线": spamlex.FILLER,
    "免费视频": spamlex.FILLER,
    "casino": "gambling",
    "av": "porn",
}


def _compiled(lex: Lexicon) -> Lexicon:
    for group in lex._strong + lex._filler:
        group._pattern = None
        group.pattern_for("x" * (spamlex._PRETEST_CHARS + 1))  # long: compiles
    return lex


def test_no_pattern_is_compiled_for_text_without_a_term_prefix() -> None:
    lex = Lexicon(dict(TERMS))
    # '中文' starts '中文字幕' but is not a term: no compile, no hit.
    assert lex.find_all("一段干净的中文文本，和全角标点。") == []
    assert all(g._pattern is None for g in lex._strong + lex._filler)


def test_a_term_at_either_end_or_alone_is_found_before_any_compile() -> None:
    for text, term in [
        ("中文字幕", "中文字幕"),
        ("看中文字幕", "中文字幕"),
        ("去澳门", "澳门"),
        ("赌", "赌"),
        ("best casino", "casino"),
    ]:
        lex = Lexicon(dict(TERMS))
        assert [h.term for h in lex.find_all(text)] == [term], text


def test_same_hits_as_the_compiled_patterns_on_random_text() -> None:
    rng = random.Random(7)
    pieces = [
        *TERMS,
        "中",
        "文",
        "字",
        "幕",
        "澳",
        "门",
        "在",
        "线",
        "免费",
        "视频",
        "ca",
        "sino",
        " ",
        "a",
        "v",
        "。",
    ]
    lazy, compiled = Lexicon(dict(TERMS)), _compiled(Lexicon(dict(TERMS)))
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        fresh = Lexicon(dict(TERMS))  # never compiled before this text
        want = compiled.find_all(text)
        assert fresh.find_all(text) == want, text
        assert lazy.find_all(text) == want, text
        assert Lexicon(dict(TERMS)).find(text) == compiled.find(text), text


def test_the_find_memo_is_bounded_with_its_hits(monkeypatch: pytest.MonkeyPatch) -> None:
    # A farm's spam line holds many terms: the memo's bound counts each hit
    # (HIT_CHARS), not the line's characters alone, and answers as before.
    monkeypatch.setattr(spamlex, "MEMO_CHARS", 2000)
    lex = Lexicon(dict(TERMS))
    lines = [f"{i}中文字幕,澳门赌,在线,免费视频,中文字幕在线,casino" for i in range(40)]
    for line in lines + lines[::3]:
        hits = lex.find(line)
        assert hits == lex._hits(line, need_specific=True)
        assert len(hits) >= 6
        held = sum(len(k) + spamlex.HIT_CHARS * len(v) for k, v in lex._found.items())
        assert held <= spamlex.MEMO_CHARS
        assert line in lex._found
        hits.clear()  # the caller's copy
        assert lex.find(line) == lex._hits(line, need_specific=True)
