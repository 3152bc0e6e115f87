"""The mojibake step's whole-text scans give what the slower forms they
replace gave: each test compares a scan with a plain reference written here
(the form the code had before), on random texts built from the characters
each scan is about, with the near misses (a character one place too far, a
line one character too long) as likely as the hits.
"""

from __future__ import annotations

import random
import re

from cleantext.cjkmojibake import precheck
from cleantext.steps import mojibake
from cleantext.textutil import LineIndex


def _texts(alphabet: list[str], n: int, seed: int, length: tuple[int, int] = (1, 40)) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(*length))) for _ in range(n)]


# --- the ftfy lines -----------------------------------------------------------------


def test_ftfy_lines_are_the_lines_of_the_full_pattern() -> None:
    # C1 controls, letters of the strict class, typography (in the wide
    # class only), 'Ã' before a space or not, CJK, spaces and newlines
    alphabet = list("\x85\x9f\u00c3\u00a9\u00e8é“”—…·×\xa0 a中文。\n\r") + ["\u0416", "\u2122"]
    full = mojibake._ftfy_re()
    texts = _texts(alphabet, 4000, 1)
    found = 0
    for text in texts:
        want = [i for i, line in enumerate(text.split("\n")) if full.search(line) is not None]
        got = [i for i, _a, _b in mojibake._ftfy_lines(text)]
        assert got == want, repr(text)
        found += bool(want)
    assert 500 < found < 3900  # hits and near misses both


# --- lost characters ------------------------------------------------------------------


def _lost_reference(text: str) -> list[tuple[int, int, str, str]]:
    """What _lost_characters found before its one-scan form: a search per kind."""
    groups = (
        ("kkk", "(?:锟斤拷)+"),
        ("tang", "烫{3,}"),
        ("tang", "屯{3,}"),
        ("fffd", "\ufffd+"),
    )
    hits = [(g, m) for g, rx in groups for m in re.finditer(rx, text)]
    hits += [("q", m) for m in re.finditer(r"\?+", text) if mojibake._lost_question(text, m)]
    index = LineIndex(text)
    out = [(*index.line_col(m.start()), g, m.group()) for g, m in hits]
    return sorted(out)


def test_lost_characters_are_those_of_a_search_per_kind() -> None:
    alphabet = [*"锟斤拷烫屯?\ufffd中文年吗 \na", "rdquo;", "zhí)", "锟斤拷"]
    found = 0
    for text in _texts(alphabet, 4000, 2):
        got = sorted(
            (f.line, f.col, f.data["pattern"], f.original or "")
            for f in mojibake._lost_characters(text)
        )
        assert got == _lost_reference(text), repr(text)
        found += bool(got)
    assert found > 1000


def test_lost_characters_columns_after_many_lines() -> None:
    text = "第一行\n\n中文锟斤拷锟斤拷好\r\n烫烫\n屯屯屯屯 x\ufffd\n蛟龍?zhí 好?年"
    got = [
        (f.line, f.col, f.data["pattern"], f.data["lost"]) for f in mojibake._lost_characters(text)
    ]
    assert sorted(got) == [
        (3, 3, "kkk", 4),
        (5, 1, "tang", 4),
        (5, 7, "fffd", 1),
        (6, 3, "q", 1),
        (6, 9, "q", 1),
    ]


# --- short lines for the Big5 kinds --------------------------------------------------


def test_short_line_scan_finds_every_short_line_with_an_unusual_character() -> None:
    # lines of 14 to 20 characters around the bound (16, and 17 with '\r'),
    # the unusual character at either end or in the middle
    common = "中文的是了在"
    unusual = "赸竭祥"
    rng = random.Random(3)
    rx = precheck._one_unusual_re()
    plain = re.compile(rx.pattern.split("(?")[0])  # the class alone, as before
    for _ in range(3000):
        lines = []
        for _ in range(rng.randint(1, 4)):
            n = rng.randint(12, 20)
            body = [rng.choice(common) for _ in range(n)]
            for _ in range(rng.randint(0, 2)):
                body[rng.choice([0, n - 1, n // 2, rng.randrange(n)])] = rng.choice(unusual)
            lines.append("".join(body) + rng.choice(["", "\r"]))
        text = "\n".join(lines)
        want = [
            (ln, a, b)
            for ln, a, b in precheck.match_lines(plain, text)
            if b - a <= precheck.SHORT_LINE + 1
        ]
        got = [
            (ln, a, b)
            for ln, a, b in precheck.match_lines(rx, text)
            if b - a <= precheck.SHORT_LINE + 1
        ]
        assert got == want, repr(text)
