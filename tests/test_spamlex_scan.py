"""The lexicon's key scan (spamlex._KeyScan): every line in which the lexicon
finds a specific term is among the lines the scan points at.

The proof in :class:`cleantext.spamlex._KeyScan` rests on facts about
``str.lower`` that the first tests check over every code point of the
running Python; the others try the scan on inputs that are almost caught.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from _gen import random_texts
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import spamlex
from cleantext._spam_keys import KEYS
from cleantext.config import Config
from cleantext.spamlex import Lexicon, _read_builtin, key_pairs, lexicon
from cleantext.steps import Context
from cleantext.steps import spam as spam_step
from cleantext.textutil import HAN_CLASS

ROOT = Path(__file__).resolve().parent.parent
_HAN = re.compile(f"[{HAN_CLASS}]")


# --- the facts the proof uses, over every code point -----------------------------


def _lowered() -> list[tuple[str, str]]:
    return [
        (c, c.lower()) for c in map(chr, range(sys.maxunicode + 1)) if not 0xD800 <= ord(c) < 0xE000
    ]


def test_han_is_its_own_lowercase_and_no_other_lowercase_holds_it() -> None:
    for c, low in _lowered():
        if _HAN.match(c):
            assert low == c, hex(ord(c))
        elif any(_HAN.match(x) for x in low):
            pytest.fail(f"U+{ord(c):04X} lowers to {low!r}")


def test_only_ascii_capitals_and_two_others_lower_to_ascii() -> None:
    odd = set()
    for c, low in _lowered():
        if c.isascii():
            assert low in (c, c.lower()) and len(low) == 1 and low.isascii()
        elif any(x.isascii() for x in low):
            odd.add(c)
    assert odd == set(spamlex.ODD_LOWER)  # İ -> 'i̇', K (Kelvin) -> 'k'


def test_every_lowercase_is_one_character_but_one() -> None:
    longer = {c for c, low in _lowered() if len(low) != 1}
    assert longer == {"\u0130"}  # İ: the case lines_with_terms leaves alone


def test_keys_module_is_current() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_spam_keys", ROOT / "scripts/make_spam_keys.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render(module.keys()) == (ROOT / "cleantext/_spam_keys.py").read_text("utf-8")
    for term, (key, anchor) in KEYS.items():
        assert key in key_pairs(term) and _HAN.match(key[anchor]), term


# --- the scan on inputs that are almost caught ----------------------------------


def _with_terms(lex: Lexicon, lines: list[str]) -> set[int]:
    """Lines in which the lexicon finds a specific term, asked one at a time."""
    return {i for i, line in enumerate(lines) if lex.lines_with_terms([line])}


def _scan(lex: Lexicon, lines: list[str]) -> set[int]:
    maybe = lex.lines_maybe_with_terms("\n".join(lines))
    assert maybe is not None
    return set(maybe)


@pytest.mark.parametrize(
    ("line", "held"),
    [
        ("AV在线高清", True),  # capitals before a Han key
        ("Av電影", True),
        ("K粉出售", True),  # the key is an ASCII letter and a Han character
        ("加QQ详谈", True),
        ("11选5开奖", True),
        ("PORN site", True),
        ("BUY VIAGRA NOW", True),
        ("成人 视频", False),  # a space inside the term
        ("成人视", False),  # a term cut short
        ("日本的一本好书", False),  # 一本道's characters, not its key
        ("av在", False),
        ("porn", True),
        ("xporn", False),  # not at a word start (the scan points at it all the same)
        # an ASCII term is looked for by its key, four characters of it
        ("ONLINE CASINO", True),
        ("Bet365 tips", True),
        ("Jav", True),
        ("VIAG", False),  # the key alone
        ("viagr", False),
        ("via中gra", False),  # the ASCII characters hold it, the line does not
    ],
)
def test_near_misses(line: str, held: bool) -> None:
    lex = lexicon()
    lines = ["今天天气很好。", line, "结束"]
    assert (1 in _with_terms(lex, lines)) is held
    assert _with_terms(lex, lines) <= _scan(lex, lines)


def test_latin_keys_are_parts_of_their_terms() -> None:
    for term in _read_builtin():
        if term.isascii():
            key = spamlex.latin_key(term)
            assert key in term and len(key) == min(len(term), spamlex.LATIN_KEY), term


def test_a_term_cut_by_a_line_end_is_in_no_line() -> None:
    lex = lexicon()
    lines = ["前面有成人", "视频后面", "buy via", "gra"]
    assert _with_terms(lex, lines) == set()
    assert _with_terms(lex, lines) <= _scan(lex, lines)
    # A key is never found across a line end.
    assert _scan(Lexicon({"k粉": "user", "viagra": "user"}), ["k", "粉丝", "via", "gra"]) == set()


def test_odd_lowercase_or_odd_terms_turn_the_scan_off() -> None:
    lex = lexicon()
    assert lex.lines_maybe_with_terms("İSTANBUL 成人视频") is None
    assert lex.lines_maybe_with_terms("5 \u212a 成人视频") is None
    assert Lexicon({"казино": "gambling"}).lines_maybe_with_terms("казино") is None
    assert Lexicon({"a\nb": "user"}).lines_maybe_with_terms("a\nb") is None
    # A term of one Han character has no pair: the character is its key.
    assert Lexicon({"赌": "user"}).lines_maybe_with_terms("一\n赌\n二") == [1]


_PIECES = sorted(
    {t for t, c in _read_builtin().items() if c != spamlex.FILLER}
    | {t.upper() for t, c in _read_builtin().items() if t.isascii()}
    | {t[:-1] for t in _read_builtin()}
    | {t[1:] for t in _read_builtin()}
)
_LINE = st.lists(
    st.one_of(
        st.sampled_from(_PIECES),
        st.sampled_from(list("的一是在 ,。Aa1kK\u3000")),
        st.text(max_size=3),
    ),
    max_size=6,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=8))
def test_every_line_with_a_term_is_scanned(lines: list[str]) -> None:
    lines = [x.replace("\n", " ").replace("\r", " ") for x in lines]
    lex = lexicon()
    maybe = lex.lines_maybe_with_terms("\n".join(lines))
    if maybe is None:
        assert any(c in x for x in lines for c in spamlex.ODD_LOWER)
        return
    assert _with_terms(lex, lines) <= set(maybe)
    assert {i for i, x in enumerate(lines) if lex.find(x)} <= set(maybe)


def test_ascii_terms_around_their_keys_are_scanned() -> None:
    """The ASCII half of the scan lets a line in only when a term is around
    a key found in it: on random lexicons of ASCII terms over a few letters
    (keys that start one another, overlap, repeat; terms that share a key)
    and random lines of those letters, every line in which find() finds a
    term (the terms' own scan, not the key scan) is among the lines the
    scan points at, and the built-in lexicon's keys without their terms
    ("pres" of "no prescription", "vice" of "seo service") let no line in."""
    import random

    from _gen import random_texts

    rng = random.Random(5)
    letters = ["a", "b", "q", "x", "z", " ", "Q", "中"]
    for _ in range(150):
        terms = random_texts(
            ["a", "b", "q", "x", "z", " "], rng.randint(1, 6), rng.randint(0, 10**6), (1, 7)
        )
        lex = Lexicon({t.strip() or "q": "user" for t in terms})
        lines = random_texts(letters, 12, rng.randint(0, 10**6), (0, 14))
        maybe = lex.lines_maybe_with_terms("\n".join(lines))
        assert maybe is not None
        assert {i for i, line in enumerate(lines) if lex.find(line)} <= set(maybe), (terms, lines)
    # A key found whose term is not there, over the key of a term that is
    # ("qb" inside "zq qb"'s "zq q"), and a key that is the start of a
    # longer one found there ("qxa" of "qxa ", whose term "qxa zz" is not).
    assert spamlex.latin_key("zq qa") == "zq q" and spamlex.latin_key("qxa zz") == "qxa "
    assert _scan(Lexicon({"zq qa": "user", "qb": "user"}), ["zq qb"]) == {0}
    assert _scan(Lexicon({"qxa zz": "user", "qxa": "user"}), ["qxa b"]) == {0}
    lex = lexicon()
    lines = [
        "the president's press office",
        "customer service",
        "no prescription needed",
        "SEO Service",
    ]
    assert _scan(lex, lines) == {2, 3}


def test_user_terms_join_the_scan() -> None:
    lex = lexicon(("紫罗兰乙方", "foo bar\tseo"))
    lines = ["无关", "这是紫罗兰乙方的", "FOO BAR baz", "foo"]
    assert _with_terms(lex, lines) == {1, 2}
    assert _with_terms(lex, lines) <= _scan(lex, lines)


# --- the spam step gives the same answers with the scan as without --------------

_MIDDLE = st.sampled_from(
    [
        "百家乐",
        "AV在线,成人视频,一本道",
        "日本的一本好书",
        "成人 视频",
        "K粉,冰毒,听话水",
        "buy VIAGRA online",
        "casino night",
        "普通的标题",
        "关键词：百家乐，时时彩",
        # near misses of the middle's shape (too long, a full stop, too
        # short); a character that turns the scan off; a fence (the fenced
        # lines are found from the marks once there are candidates)
        "百家乐," + "的" * 160,
        "百家乐," + "的" * 155,
        "百家乐,时时彩。",
        "百家乐",
        "AV",
        "İ 百家乐,时时彩",
        "```",
        "百家乐,时时彩,北京赛车\r",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_MIDDLE, max_size=2), st.lists(_MIDDLE, max_size=8), st.lists(_MIDDLE, max_size=2))
def test_the_step_answers_the_same_with_the_scan(
    head: list[str], middle: list[str], tail: list[str]
) -> None:
    body = "国务院总理在政府工作报告中说，今年发展主要预期目标是国内生产总值增长百分之五左右。"
    text = "\n".join([*head, body, *middle, body, body, *tail]) + "\n"
    saved = spam_step.KEY_SCAN_LINES
    try:
        spam_step.KEY_SCAN_LINES = 0  # the scan on every text
        scanned = spam_step.remove_spam(text, Context(config=Config()))
        spam_step.KEY_SCAN_LINES = 10**9  # never (with a lexicon whose scan is not built)
        lexicon.cache_clear()
        full = spam_step.remove_spam(text, Context(config=Config()))
    finally:
        spam_step.KEY_SCAN_LINES = saved
    assert scanned == full


def test_lines_with_terms_after_a_character_that_lowers_longer() -> None:
    # "İ" (U+0130) lowers to two characters, so offsets in the lowered text
    # run ahead of the lines' own lengths: the hit must still name line 2,
    # not line 3 (or, as before the fix, an index past the list).
    lex = spamlex.lexicon()
    lines = ["İİİİ İstanbul", "百家乐 在线", "国务院总理在政府工作报告中说"]
    assert lex.lines_with_terms(lines) == [1]
    assert lex.lines_with_terms(["İ" * 40, "无关的句子", "百家乐"]) == [2]


def test_clean_does_not_crash_on_dotted_capital_i_among_spam_lines() -> None:
    import cleantext

    body = "国务院总理在政府工作报告中说，今年发展主要预期目标是国内生产总值增长百分之五左右。\n"
    text = body + "İstanbul 百家乐\n" * 4 + body * 2
    result = cleantext.clean(text.encode())
    assert "İstanbul" in result.text  # middle lines with one term are not removed
    assert result.text.startswith(body)


# --- hits_of_lines: find() of each line, from two scans of the lines joined ----


def _finds(terms: tuple[str, ...], lines: list[str]) -> dict[int, list[spamlex.Hit]]:
    """find() of each line with a hit, asked of a fresh lexicon line by line."""
    lex = Lexicon(_lexicon_terms(terms))
    return {k: h for k, line in enumerate(lines) if (h := lex.find(line))}


def _lexicon_terms(terms: tuple[str, ...]) -> dict[str, str]:
    out = _read_builtin()
    out.update(spamlex.parse_user_terms(terms))
    return out


def _hits_both(lines: list[str], terms: tuple[str, ...] = ()) -> None:
    lex = Lexicon(_lexicon_terms(terms))
    got = lex.hits_of_lines(lines)
    assert got == _finds(terms, lines), lines
    # And find() answers the same afterwards (from what hits_of_lines kept),
    # and so does hits_of_lines again (from find's answers), and with some
    # of the lines answered before.
    assert {k: lex.find(lines[k]) for k in got} == got
    assert lex.hits_of_lines(lines) == got
    fresh = Lexicon(_lexicon_terms(terms))
    for k in list(got)[::2]:
        fresh.find(lines[k])
    assert fresh.hits_of_lines(lines) == got


_FILLER = sorted(t for t, c in _read_builtin().items() if c == spamlex.FILLER)


def _piece_lines(chars: str) -> st.SearchStrategy[list[str]]:
    """Up to 8 lines, each up to 6 pieces: terms, filler, one of ``chars``
    (case traps, and line ends where a test wants them) or a scrap."""
    return st.lists(
        st.lists(
            st.one_of(
                st.sampled_from(_PIECES),
                st.sampled_from(_FILLER),
                st.sampled_from(list(chars)),
                st.text(alphabet="abvΣİ在线视频 ", max_size=3),
            ),
            max_size=6,
        ).map("".join),
        max_size=8,
    )


@settings(max_examples=400, deadline=None)
@given(_piece_lines("的一 ,。Aa1kKΣσς\u0130\u212a"))
def test_hits_of_lines_are_each_line_s_find(lines: list[str]) -> None:
    lines = [x.replace("\n", " ") for x in lines]
    _hits_both(lines)


def test_hits_of_lines_near_misses() -> None:
    for lines in (
        # ASCII terms at a line's start and end (the word tests read the
        # joining line end as the line's end), a term cut by a line end.
        ["viagra", "xviagra", "viagrax casino", "buy via", "gra online"],
        ["porn\r", "PORN", "成人视频在线观看", "亚洲成人视频免费"],
        # Filler inside a specific term (not counted) and beside it.
        ["免费在线观看成人视频", "在线", "成人视频 在线 免费"],
        # A character that lowers longer before and among the lines; final
        # sigmas (the only lowering that reads its neighbours) at the ends.
        ["İİ 百家乐 在线", "ΑΣ", "Σ百家乐Σ", "百家乐ΑΣ\u0130", "σ casino Σ"],
        ["", "百家乐", "", "百家乐"],
        [],
    ):
        _hits_both(lines)
    # A user's term with a line end in it: line by line (joined, it would
    # be found across the two lines).
    _hits_both(["紫罗兰", "乙方"], ("紫罗兰\n乙方",))
    # ... and one across two lines steps over none at the second's start.
    _hits_both(["紫罗兰", "乙方丙"], ("紫罗兰\n乙方", "乙方丙"))


def test_lines_with_terms_with_a_term_holding_a_line_end() -> None:
    # A term with a line end is held by no one line (find() gives none), so
    # neither line is found for it, and it hides no term at a line's start
    for terms, lines, expected in [
        (("紫罗兰\n乙方",), ["紫罗兰", "乙方"], []),
        (("紫罗兰\n乙方", "乙方丙"), ["紫罗兰", "乙方丙"], [1]),
        (("紫罗兰\n乙方", "百家乐"), ["百家乐", "紫罗兰", "乙方"], [0]),
    ]:
        lex = Lexicon(_lexicon_terms(terms))
        assert lex.lines_with_terms(lines) == expected
        assert expected == [k for k, line in enumerate(lines) if lex.find(line)]
    _hits_both(["紫罗兰\n乙方", "百家乐"], ("紫罗兰\n乙方",))


def _find_both(lines: list[str], terms: tuple[str, ...] = ()) -> None:
    """find() (the key scan first, once built) against the terms' scan of
    each line alone (its reference), on a lexicon whose scan is built from
    the first line on and one that spends the budget (a few lines) first."""
    for budget in (0, 3 * spamlex.FIND_CHARS):
        lex = Lexicon(_lexicon_terms(terms))
        lex._key_left = budget
        for line in lines:
            assert lex.find(line) == lex._hits(line, need_specific=True), (line, budget)
            assert lex.find(line) == lex._hits(line, need_specific=True), (line, budget)


@settings(max_examples=400, deadline=None)
@given(_piece_lines("的一 ,。Aa1kKΣσς\u0130\u212a\n\r"))
def test_find_with_the_key_scan_is_the_terms_scan(lines: list[str]) -> None:
    _find_both(lines)


def test_find_with_the_key_scan_near_misses() -> None:
    # (Random lines of the pieces above, and of Han and ASCII the scan stops at.)
    alphabet = [*list("的一是在成人视频在线观看百家乐k粉avAVviagrcsinoK \u3000。"), *_PIECES[:200]]
    _find_both(random_texts(alphabet, 600, 21, (0, 12)))
    _find_both(
        [
            "成人视", "成人视频", "AV在线", "av在", "K粉出售", "xporn", "porn\r", "PORN",
            "viagr", "VIAGRA", "via中gra", "İSTANBUL 成人视频", "5 \u212a 成人视频",
            "成人\n视频", "成人视频\n", "", "免费在线观看", "免费在线观看成人视频",
        ]
    )  # fmt: skip
    # A user's term: with a line end in it (the scan does not apply), and without.
    _find_both(["紫罗兰", "紫罗兰\n乙方", "乙方丙"], ("紫罗兰\n乙方", "乙方丙"))
    _find_both(["紫罗兰", "紫罗", "罗兰花"], ("紫罗兰",))


@pytest.mark.parametrize(
    ("line", "hit"),
    [
        ('msgstr[0] "%d javë"', False),  # Albanian: a week
        ("pas dy javësh", False),
        ("ëjav hd", False),  # a letter before it: inside a word
        ("дjav hd", False),  # Cyrillic too
        ("jav在线观看", True),  # Han goes on with no word boundary
        ("jav hd", True),
        ("jav, hd", True),
        ("javx hd", False),
    ],
)
def test_a_term_of_ascii_ends_where_its_word_ends(line: str, hit: bool) -> None:
    # A letter of a script that spaces its words (accented Latin included)
    # goes on with the word; Han does not.
    terms = [h.term for h in lexicon().find(line)]
    assert ("jav" in terms) == hit, terms
