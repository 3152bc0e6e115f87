"""What a process's first clean() builds, and that the cheaper forms it uses
before its big tables and regexes are built give the same answers.

A fresh process (a hook on one file, a worker's first small file) looks at
a few lines: the pre-check's regexes, the table-pair regex and the odd
character regex (classes of 4,000-6,000 code points, 5-20 ms each to build)
are replaced by forms made for the text at hand until a budget of
characters is spent. Each test compares the two forms on random texts built
from the characters each one is about, with the near misses as likely as
the hits.
"""

from __future__ import annotations

import gzip
import math
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from importlib import resources
from typing import Any

import pytest
from _gen import random_texts

from cleantext import idle, plausibility
from cleantext.cjkmojibake import decide, precheck

_COMMON = "中文的是了在辦導梓国发展人民"
_UNUSUAL = "赸竭祥ㄛ陎腔鍙戝睍缁忔祹貂蝉橄榄龘"
_KANA = "のいすれアイ"
_OTHER = [*"\n\r a。，·¢Õ\ufffd\udc80\ue000]\\^-"]
_ALPHABET = [*_COMMON, *_UNUSUAL, *_KANA, *_OTHER]


def _texts(alphabet: list[str], n: int, seed: int, length: tuple[int, int] = (1, 60)) -> list[str]:
    return random_texts(alphabet, n, seed, length)


@contextmanager
def _budgets(n: int) -> Iterator[None]:
    """Every cold-start budget set to ``n`` characters for the block."""
    budgets = [
        *precheck._small_budgets.values(),
        decide._odd_budget,
        idle._plain_budget,
    ]
    saved = [b.left for b in budgets]
    last = precheck._last_suspect
    for b in budgets:
        b.left = n
    precheck._last_suspect = (frozenset(), "")
    try:
        yield
    finally:
        for b, left in zip(budgets, saved):
            b.left = left
        precheck._last_suspect = last


@contextmanager
def _unbuilt(*built: Any) -> Iterator[None]:
    """The ``lru_cache`` functions ``built`` (what the budgets wait to
    build) not built for the block, and built again after it."""
    for f in built:
        f.cache_clear()
    try:
        yield
    finally:
        for f in built:
            f.cache_clear()
            f()


def _spans(rx: re.Pattern[str] | None, text: str) -> list[tuple[int, int]]:
    return [] if rx is None else [m.span() for m in rx.finditer(text)]


def test_a_texts_own_suspect_regex_finds_what_the_big_one_finds() -> None:
    big = precheck.suspect_re()
    found = 0
    with _budgets(10**9), _unbuilt(precheck.suspect_re):
        for text in _texts(_ALPHABET, 3000, 1):
            want = _spans(big, text)
            assert _spans(precheck.suspect_re_for(text), text) == want, repr(text)
            found += bool(want)
        assert not precheck._small_budgets["suspect"].built()
    assert 300 < found < 2900


def test_a_texts_own_suspect_pairs_regex_finds_what_the_big_one_finds() -> None:
    # (kana at the class's edges, half-width katakana, a kanji Chinese
    # text seldom has, and their near misses: texts of kana alone too)
    big = precheck.suspect_pairs_re()
    kana = [*_KANA, *"ぁヿーｱﾞ込\u3040\u3100"]
    plain = [*_KANA, *"ぁヿー", *_COMMON, "\n", "\n", "ｱ"]  # (kana with kana: no match)
    texts = _texts([*_ALPHABET, *kana], 2000, 6) + _texts(plain, 1000, 7, (1, 30))
    found = 0
    with _budgets(10**9), _unbuilt(precheck.suspect_pairs_re):
        for text in texts:
            want = _spans(big, text)
            assert _spans(precheck.suspect_pairs_for(text), text) == want, repr(text)
            # (a line of the text: the class of the text, nothing spent)
            line = text.split("\n")[0]
            left = precheck._small_budgets["pairs"].left
            assert _spans(precheck.suspect_pairs_for(line), line) == _spans(big, line)
            assert _spans(precheck.suspect_re_for(line), line) == _spans(
                precheck.suspect_re(), line
            )
            assert precheck._small_budgets["pairs"].left == left
            found += bool(want)
        assert not precheck._small_budgets["pairs"].built()
    assert 300 < found < len(texts) - 300


def test_a_texts_own_short_line_regex_finds_what_the_big_one_finds() -> None:
    # lines of 14 to 20 characters around the bound, as in
    # test_mojibake_fastpaths, and the whole scan compared
    big = precheck._one_unusual_re()
    texts = _texts(_ALPHABET, 1500, 2) + _texts([*_COMMON, *_UNUSUAL, "\n"], 1500, 3, (10, 80))
    found = 0
    with _budgets(10**9), _unbuilt(precheck._one_unusual_re):
        for text in texts:
            want = _spans(big, text)
            odd_cps = precheck._odd_class(text, "unusual")
            assert odd_cps is not None
            odd = odd_cps[0]
            got = _spans(re.compile(precheck._unusual_pattern(odd)), text) if odd else []
            assert got == want, repr(text)
            found += bool(want)
    assert 300 < found < 2900


@pytest.mark.parametrize("budget", [0, 10**9])
def test_the_pre_checks_give_the_same_lines_either_way(budget: int) -> None:
    # (the big regexes built or not: the public answers do not change)
    texts = _texts(_ALPHABET, 800, 4, (1, 200)) + ["中文\n鍙戝睍\nabc", "锘縣ello", "のい"]
    want = [(precheck.suspect_spans(t), precheck.big5_suspect_spans(t)) for t in texts]
    unbuilt = _unbuilt(precheck.suspect_re, precheck.suspect_pairs_re, precheck._one_unusual_re)
    with unbuilt, _budgets(budget):
        got = [(precheck.suspect_spans(t), precheck.big5_suspect_spans(t)) for t in texts]
        built = {k: b.built() for k, b in precheck._small_budgets.items()}
    # (suspect_re, for decide's windows, is not asked)
    assert built == {"suspect": False, "pairs": budget == 0, "unusual": budget == 0}
    assert got == want
    assert sum(bool(a) for a, _ in want) > 100 and sum(bool(b) for _, b in want) > 5


def test_a_spent_budget_builds_the_big_regex() -> None:
    text = "鍙戝睍" * 10
    budget = precheck._small_budgets["suspect"]
    with _unbuilt(precheck.suspect_re), _budgets(len(text) + precheck.SMALL_COST):
        first = precheck.suspect_re_for(text)
        assert first is not None and first.pattern.startswith("[戝睍鍙]")
        assert precheck.suspect_re_for(text) is first  # (its own again, nothing spent)
        assert not budget.built() and budget.left == 0
        assert precheck.suspect_re_for("赸竭" * 10) is precheck.suspect_re()  # budget spent
        # a text longer than SMALL_TEXT never has its own
        precheck.suspect_re.cache_clear()
        budget.left = 10**9
        long = "鍙戝睍" * (precheck.SMALL_TEXT // 3 + 1)
        assert precheck.suspect_re_for(long) is precheck.suspect_re()
        # nor does any text once the big regex is built
        assert budget.built()
        assert precheck.suspect_re_for(text) is precheck.suspect_re()
        assert budget.left == 10**9


@pytest.mark.parametrize("budget", [0, 10**9])
def test_odd_characters_either_way(budget: int) -> None:
    rx = decide._odd_re()
    decide._odd_re.cache_clear()
    try:
        with _budgets(budget):
            plain = precheck.plain_chars()
            for text in _texts(_ALPHABET, 2000, 6):
                # (the definition of an odd character, not a regex of it)
                want = [k for k, ch in enumerate(text) if ord(ch) not in plain]
                assert [m.start() for m in rx.finditer(text)] == want, repr(text)
                assert decide._odd_at(text, set(text)) == want, repr(text)
            assert (decide._odd_re.cache_info().currsize == 0) == (budget > 0)
    finally:
        decide._odd_re.cache_clear()


def _data_lines() -> list[str]:
    raw = resources.files("cleantext").joinpath("data/cjk_freq.txt.gz").read_bytes()
    return [ln for ln in gzip.decompress(raw).decode("utf-8").split("\n") if ln and ln[0] != "#"]


def test_the_model_loads_the_tables_the_data_file_holds() -> None:
    # the data file read line by line, one character or pair at a time
    uni_raw: dict[str, float] = {}
    bi: dict[str, float] = {}
    backoff = 0.0
    for line in _data_lines():
        tag, _, body = line.partition("\t")
        if tag == "N":
            backoff = math.log10(1 - float(body.split("\t")[0]))
        elif tag[0] == "c":
            for ch in body:
                uni_raw[ch] = -int(tag[1:]) / 8.0
        elif tag == "r":
            # one row per first character: it, its pairs' second characters,
            # then one character per pair: chr(0x30 + q), the score -q/8
            for row in body.split(" "):
                n, odd = divmod(len(row) - 1, 2)
                assert odd == 0 and n > 0, row
                for second, q in zip(row[1 : n + 1], row[n + 1 :]):
                    assert "0" <= q <= "~", row
                    bi[row[0] + second] = -(ord(q) - 0x30) / 8.0
    plausibility._load()
    assert plausibility._UNI_RAW == uni_raw and list(plausibility._UNI_RAW) == list(uni_raw)
    assert plausibility.pairs() == bi
    assert all(plausibility.pair_score(pair) == lp for pair, lp in bi.items())
    assert plausibility._UNI == {ch: lp + backoff for ch, lp in uni_raw.items()}
    assert len(bi) > 100_000 and all(len(p) == 2 for p in bi)


def test_the_data_files_lowest_pair_into_each_character_is_its_pairs() -> None:
    # the "m" lines (scripts/build_cjk_freq.py writes them so that no
    # process computes them over 140,000 pairs) against the pairs
    low: dict[str, float] = {}
    for pair, lp in plausibility.pairs().items():
        low[pair[1]] = min(lp, low.get(pair[1], lp))
    assert plausibility._min_into() == low
    m_lines = [ln for ln in _data_lines() if ln[0] == "m"]
    assert sum(len(ln.partition("\t")[2]) for ln in m_lines) == len(low)


_FIRST_CLEAN = """
import sys
import cleantext
from cleantext import plausibility
from cleantext.cjkmojibake import decide, precheck
data = sys.stdin.buffer.read()
r = cleantext.clean(data)
built = [name for name, b in sorted(precheck._small_budgets.items()) if b.built()]
print(built, decide._odd_re.cache_info().currsize, len(r.findings))
"""


@pytest.mark.parametrize(
    "text",
    [
        "一段干净的中文文本，“引号”和全角标点。\n",
        # clean prose with rare words (the model is asked) and a damaged line
        "三国时糜竺与荀彧、貂蝉之事。\n" * 20 + "鍙戝睍缁忔祹锛屾彁楂樻按骞炽€俓n" * 3,
    ],
)
def test_a_first_small_clean_builds_no_big_regex(text: str) -> None:
    out = subprocess.run(
        [sys.executable, "-c", _FIRST_CLEAN],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
    ).stdout.decode()
    built, odd_re, _n = out.rsplit(" ", 2)
    assert (built, odd_re) == ("[]", "0"), out


def test_a_text_without_the_lost_starts_has_no_lost_match() -> None:
    from cleantext.steps import mojibake

    # every alternative of the lost-character regex starts with one of them
    assert set(mojibake._LOST_STARTS) == set(mojibake._LOST_GROUP)
    rx = mojibake._lost_re()
    alphabet = [*"锟斤拷烫屯\ufffd?？中文a1 \n(（", "zhí", "rdquo;"]
    hit = miss = 0
    for text in _texts(alphabet, 3000, 7, (1, 30)):
        found = [m.span() for m in rx.finditer(text)]
        if not any(c in text for c in mojibake._LOST_STARTS):
            assert not found, repr(text)
            miss += 1
        hit += bool(found)
        assert [(a, b) for _f, a, b in mojibake._lost_hits(text)] == [
            m.span()
            for m in rx.finditer(text)
            if mojibake._LOST_GROUP[m.group()[0]] != "q" or mojibake._lost_question(text, m)
        ], repr(text)
    assert hit > 300 and miss > 100


@pytest.mark.parametrize("budget", [0, 10**9])
def test_script_counts_either_way(budget: int) -> None:
    from cleantext import spamlex
    from cleantext._hanzi_script import SIMPLIFIED_ONLY
    from cleantext.opencc_triggers import TRADITIONAL_ONLY

    simp, trad = sorted(SIMPLIFIED_ONLY)[:30], sorted(TRADITIONAL_ONLY)[:30]
    far_trad = [c for c in TRADITIONAL_ONLY if c > "\uffff"][:5]
    assert far_trad  # (Traditional-only characters past U+FFFF are counted too)
    far = [*far_trad, "\U0001f600", "\U00020000"]
    alphabet = [*simp, *trad, *far, *_COMMON, "a", " ", "\n"]
    saved = spamlex._script_budget.left
    spamlex._script_budget.left = budget
    try:
        with _unbuilt(spamlex._script_scans):
            for text in _texts(alphabet, 1500, 8, (0, 40)):
                want = (
                    sum(c in SIMPLIFIED_ONLY for c in text),
                    sum(c in TRADITIONAL_ONLY for c in text),
                )
                assert spamlex.script_counts(text) == want, repr(text)
            assert (spamlex._script_scans.cache_info().currsize == 0) == (budget > 0)
    finally:
        spamlex._script_budget.left = saved


def test_the_mojibake_steps_idle_characters_are_none_it_reacts_to() -> None:
    from cleantext.idle import _mojibake_plain, mojibake_idle
    from cleantext.steps import STEPS, Context, mojibake

    assert STEPS["mojibake"].idle is mojibake_idle
    plain = _mojibake_plain()
    cps = set(map(ord, plain))
    # not unusual to either pre-check (kana are to the first), no BOM read as GBK
    assert cps <= precheck.common_chars() and not cps & set(precheck._KANA_CPS)
    assert "\u9518" not in plain
    # no start of a match of the ftfy pass's line scan, nor of a lost character
    assert mojibake._ftfy_quick_re().search("".join(sorted(plain))) is None
    assert not plain & set(mojibake._LOST_STARTS)
    # and the step, asked anyway, gives such texts back as they are
    alphabet = sorted(plain)
    texts = random_texts(alphabet, 300, 9, (1, 400))
    texts += ["中文，“引号”和全角标点。\n", "（注：见第３页）", "ＡＢＣ—…·\xa0\r\n"]
    # what it does not know, or a text too long to look at, goes to the step
    known = ("中文?", "鍙戝睍", "é", "中文\ufffd", "锘中", "中の", "中文" * 40_000)
    # near misses: one character outside the set, first, last or inside
    rng = random.Random(3)
    outside = ["?", "鍙", "é", "\ufffd", "锘", "の", "\x85", "😀", "\u9fff"]
    misses = [t[:k] + rng.choice(outside) + t[k:] for t in texts for k in (0, len(t) // 2, len(t))]
    # both ways of looking (the set while the budget lasts, then the regex)
    saved = idle._plain_budget.left
    try:
        for budget, unbuilt in ((10**9, True), (0, False)):
            idle._plain_budget.left = budget
            with _unbuilt(idle._mojibake_unplain) if unbuilt else nullcontext():
                for text in texts:
                    assert mojibake_idle(text), repr(text)
                for text in (*known, *misses):
                    assert not mojibake_idle(text), text[:8]
                assert idle._mojibake_unplain.cache_info().currsize == (0 if unbuilt else 1)
    finally:
        idle._plain_budget.left = saved
    for text in texts:
        assert mojibake.fix_mojibake(text, Context()) == (text, []), repr(text)


def test_a_line_of_the_last_text_gets_its_suspect_regex() -> None:
    text = "中文的是了\n鍙戝睍缁忔祹的是\n中文赸竭了"
    big = precheck.suspect_re()
    budget = precheck._small_budgets["suspect"]
    with _unbuilt(precheck.suspect_re), _budgets(10**9):
        rx = precheck.suspect_re_for(text)
        assert rx is not None
        left = budget.left
        for line in text.split("\n") + ["缁忔祹鍙", "的是"]:
            # every character in the text: its regex, nothing spent
            assert precheck.suspect_re_for(line) is rx
            assert _spans(rx, line) == _spans(big, line)
        assert budget.left == left
        # a character the text has not: a regex of its own
        other = precheck.suspect_re_for("鍙戝睍赸竭祥")
        assert other is not rx and budget.left < left
        assert _spans(other, "鍙戝睍赸竭祥") == _spans(big, "鍙戝睍赸竭祥")


def test_a_char_class_holds_its_code_points_and_no_other() -> None:
    # runs of one, two and more code points side by side, the characters a
    # class must escape among them, at the edges of the space looked at
    pool = [*range(0x20, 0x80), *range(0x3000, 0x3010), *range(0x4E00, 0x4E40), 0xFFFF, 0x20000]
    rng = random.Random(12)
    for _ in range(300):
        cps = sorted(rng.sample(pool, rng.randint(0, 40)))
        if rng.random() < 0.5:  # (long runs too)
            lo = rng.randrange(len(pool) - 30)
            cps = sorted(set(cps) | set(pool[lo : lo + rng.randint(2, 30)]))
        body = precheck.char_class(cps)
        rx = re.compile(f"[{body}]") if body else None
        got = [cp for cp in pool if rx is not None and rx.fullmatch(chr(cp))]
        assert got == cps, body
