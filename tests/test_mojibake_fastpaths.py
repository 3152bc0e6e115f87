"""The mojibake step's whole-text scans give what the slower forms they
replace gave: each test compares a scan with a plain reference written here
(the form the code had before), on random texts built from the characters
each scan is about, with the near misses (a character one place too far, a
line one character too long) as likely as the hits.
"""

from __future__ import annotations

import functools
import random
import re
from typing import Any

import pytest
from _gen import random_texts

from cleantext import plausibility
from cleantext.cjkmojibake import decide, precheck, roundtrip, screen
from cleantext.cjkmojibake.precheck import cjk_char, plain_chars
from cleantext.cjkmojibake.roundtrip import GB, KINDS, Kind, line_units
from cleantext.decode import _decodes
from cleantext.findings import Finding
from cleantext.plausibility import char_scores
from cleantext.steps import Context, mojibake
from cleantext.steps.mojibake import fix_mojibake
from cleantext.textutil import LineColumns

# Real sentences (as in test_mojibake: People's Daily style news, a blog line)
SIMPLIFIED = [
    "中华人民共和国成立五十周年的庆祝活动在北京举行。",
    "国务院总理在会上强调，要继续深化经济体制改革，扩大对外开放。",
    "记者从有关部门了解到，今年全国粮食总产量又创历史新高。",
]
TRADITIONAL = [
    "中華民國經濟發展的速度很快，我們今天去台北開會。",
    "本報訊前不久，深圳至北京西一百零六次列車發生了一起事故。",
]


# Japanese as the man pages of manpages-ja write it (roff escapes, options,
# kanji outside the common Chinese ones: 込 択 絞 読), half-width katakana,
# and Korean (whose syllables score by their run)
JAPANESE = [
    "\\fBbash\\fP は、標準入力やファイルから読み込んだコマンドを実行する、 \\fBsh\\fP 互換の",
    "組み込みコマンド \\fBset\\fP の説明で述べられている 1 文字のシェルオプションを指定できます。",
    "ﾊﾝｶｸｶﾀｶﾅの設定ファイルを読み込み、選択した項目を絞り込みます。",
    "이 프로그램은 한국어 설명서입니다 (번역: 한국어팀)",
]

_texts = random_texts


# --- the ftfy lines -----------------------------------------------------------------


def _ftfy_reference(line: str) -> bool:
    """Whether ftfy is given ``line``, in plain words: a C1 control, 'Ã'
    before a space, or two characters of the Latin ranges side by side, one
    of them not typography, the two not both plain Russian or Greek letters."""
    wide = mojibake._cps(mojibake._MOJI_RANGES)
    plain = mojibake._cps(mojibake._PLAIN_LETTERS)
    if any(0x80 <= ord(c) < 0xA0 for c in line) or "Ã " in line or "Ã\xa0" in line:
        return True
    for x, y in zip(line, line[1:]):
        a, b = ord(x), ord(y)
        if (
            a in wide
            and b in wide
            and not (x in mojibake._TYPOGRAPHY and y in mojibake._TYPOGRAPHY)
        ):
            if not (a in plain and b in plain):
                return True
    return False


def test_ftfy_lines_are_the_lines_of_the_full_pattern() -> None:
    # C1 controls, letters of the strict class, typography (in the wide
    # class only), 'Ã' before a space or not, CJK, spaces and newlines
    # and plain Russian and Greek letters (two side by side are a word),
    # beside the Cyrillic and Greek letters that code pages make of
    # continuation bytes ('є', 'Ά') and MacRoman's 'π'
    alphabet = list("\x85\x9f\u00c3\u00a9\u00e8é“”—…·×\xa0 a中文。\n\r") + ["\u0416", "\u2122"]
    alphabet += list("аяЖΩπήєΆ")
    full = mojibake._ftfy_re()
    texts = _texts(alphabet, 4000, 1)
    found = 0
    for text in texts:
        want = [i for i, line in enumerate(text.split("\n")) if _ftfy_reference(line)]
        assert want == [i for i, line in enumerate(text.split("\n")) if full.search(line)]
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
    index = LineColumns(text)
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


def test_lost_question_marks_found_where_they_may_be_lost() -> None:
    # the scan's look behind and ahead (Han, a space or the start before;
    # an ASCII letter or digit, or Han after) against the test itself, next
    # to Han of the test's class and beyond it (U+3007, U+3400, U+20000),
    # other spaces, digits, letters, punctuation and the text's two ends
    alphabet = [*"??中文吗〇\u3400\U00020000 \t\u3000\xa0\x85\n9aZé。?", "rdquo;", "zhí)"]
    found = 0
    for text in _texts(alphabet, 6000, 15, (1, 12)):
        got = sorted(
            (f.line, f.col, f.data["pattern"], f.original or "")
            for f in mojibake._lost_characters(text)
        )
        assert got == _lost_reference(text), repr(text)
        found += bool(got)
    assert found > 300
    # (the reference asks str.isspace of the character before, where the
    # step's pattern has \s: the same characters, see test_page_fastpaths's
    # test_whitespace_is_what_str_split_and_the_regex_class_agree_on)


@pytest.mark.parametrize("sparse", [1, mojibake.LOST_SPARSE, 10**6])
def test_lost_matches_are_those_of_the_scan(sparse: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # the places of the start characters tried one by one, against the
    # regex's own scan: runs of each kind cut short and run together, a '?'
    # with Han, a space or the text's start before it or none, at the ends;
    # texts with few starts and with many (each way of finding them)
    monkeypatch.setattr(mojibake, "LOST_SPARSE", sparse)
    rx = mojibake._lost_re()
    filler = "中文年吗 \na9。"
    alphabet = [*"锟斤拷烫屯?\ufffd", *filler * 3, "锟斤拷", "烫烫烫", "屯屯", "??", "zhí)"]
    found = 0
    for text in _texts(alphabet, 3000, 4, (0, 60)) + _texts(
        [*filler, "烫烫烫?"], 200, 5, (300, 900)
    ):
        want = [m.span() for m in rx.finditer(text)]
        assert [m.span() for m in mojibake._lost_matches(text)] == want, repr(text)
        found += bool(want)
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


def _round_trips_reference(line: str) -> bool:
    """precheck._round_trips as it was (the odd characters counted first)."""
    common = precheck.common_chars()
    odd = sum(1 for c in line if ord(c) not in common)
    for wrong, right in (("gb18030", "big5"), ("big5", "gbk")):
        try:
            back = line.encode(wrong).decode(right)
        except UnicodeError:
            continue
        if back != line and sum(1 for c in back if ord(c) not in common) < odd:
            return True
    return False


def test_short_line_scan_finds_every_short_line_with_an_unusual_character() -> None:
    # lines of 14 to 20 characters around the bound (16, and 17 with '\r'),
    # the unusual character at either end or in the middle
    common = "中文的是了在辦導梓"
    unusual = "赸竭祥ㄛ陎腔"
    rng = random.Random(3)
    rx = precheck._one_unusual_re()
    plain = re.compile(rx.pattern.split("(?")[0])  # the class alone, as before
    found = 0
    for _ in range(3000):
        lines = []
        for _ in range(rng.randint(1, 4)):
            n = rng.randint(12, 20)
            body = [rng.choice(common) for _ in range(n)]
            for _ in range(rng.randint(0, 2)):
                body[rng.choice([0, n - 1, n // 2, rng.randrange(n)])] = rng.choice(unusual)
            if rng.random() < 0.3:  # GBK read as Big5, 12 to 20 characters
                src = rng.choice(SIMPLIFIED)
                a = rng.randrange(len(src) - 12)
                try:
                    body = list(src[a : a + n].encode("gbk").decode("big5"))
                except UnicodeDecodeError:
                    pass
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
        # and _short_lines' own loop (lines counted only when kept) keeps the
        # lines of those that read back as a Big5 kind, with their numbers
        kept = {}
        for ln, a, b in want:
            body = text[a:b].rstrip("\r")
            if body and len(body) <= precheck.SHORT_LINE and _round_trips_reference(body):
                kept[ln] = (a, b)
        assert precheck._short_lines(text) == kept, repr(text)
        found += bool(kept)
    assert found > 300


# --- the three line scans in one (mojibake._scan) ------------------------------------

# Common and unusual Han (some that GBK read as Big5 makes, a known word,
# a repeat), kana, Latin-1 letters and C1 controls for ftfy ('Ã' before a
# space), the typography of Chinese text, tone-marked vowels in an
# annotation, a UTF-8 BOM read as GBK, and line ends: each scan's hits and
# near misses
_SCAN_PIECES = [
    *"中文的是了在国发展人民",
    *"赸竭祥ㄛ陎腔鍙戝睍龘",
    *"のいアイ",
    *"éÃ¢Õ\x85\x9fЖ™",
    *"“”—…·\xa0 a1",
    "橄榄",
    "赸赸",
    "業(yè)",
    "Ã ",
    "锘",
    "\r",
]


def _scan_texts(n: int, seed: int) -> list[str]:
    """Texts of lines of 0 to 24 pieces: short lines around the bound of
    the short-line scan (16 characters, 17 with a '\\r') and longer ones."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        lines = [
            "".join(rng.choice(_SCAN_PIECES) for _ in range(rng.randint(0, 24)))
            for _ in range(rng.randint(1, 8))
        ]
        out.append("\n".join(lines))
    return out


def _scan_as_three(text: str) -> tuple[object, ...]:
    """What the three scans find in ``text``, asserted to be what the one
    scan finds (lines in the same order too)."""
    want = (
        precheck.suspect_spans(text),
        precheck.big5_suspect_spans(text),
        mojibake._ftfy_lines(text),
    )
    got = mojibake._scan(text)
    assert got == want, repr(text)
    assert [list(got[0]), list(got[1])] == [list(want[0]), list(want[1])], repr(text)
    return want


def test_one_scan_finds_what_the_three_scans_find() -> None:
    found = [0, 0, 0]
    for text in _scan_texts(4000, 11):
        want = _scan_as_three(text)
        found = [k + bool(w) for k, w in zip(found, want)]
    assert all(200 < k < 3950 for k in found), found


def test_the_scans_ftfy_test_holds_wherever_the_ftfy_regex_matches() -> None:
    # _ftfy_near, read after the character, holds at every place where
    # _ftfy_line_re matches (the scan finds them all), and at some where
    # it does not (near misses, which _scan's own test turns down).
    near = re.compile(f"(?s:.){mojibake._ftfy_near()}")
    ftfy_at = mojibake._ftfy_line_re().match
    looser = 0
    for text in _scan_texts(3000, 31):
        for p in range(len(text)):
            if ftfy_at(text, p):
                assert near.match(text, p), (text, p)
            elif near.match(text, p) and text[p] != "\n":
                looser += 1
    assert looser > 100


# Japanese pieces: kana at both edges of the class (U+3041, U+30FF) and just
# outside it (U+3040, U+3100, U+3105), the long mark, half-width katakana,
# kanji common and not (込 択 絞), a repeat of kana, a known word, ASCII
_JA_PIECES = [
    *"のいすアイーぁヿ\u3040\u3100ㄅｱﾞ",
    *"込択絞読標準中文赸鍙戝",
    "ののの",
    "橄榄",
    "\\fB",
    " a",
    "業(yè)",
    "\r",
]


#: ... and those of them that make no suspect match but two kana
_JA_PLAIN = [*"のいすアイーぁヿ中文", "ののの", "\\fB", " a", "\r"]


def _ja_texts(n: int, seed: int) -> list[str]:
    """Texts of Japanese pieces in lines: plain ones (:data:`_JA_PLAIN`,
    the near misses), with a few others, :data:`_JA_PIECES`, and those with
    the scan's."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        pieces = rng.choice(
            [_JA_PLAIN, _JA_PLAIN * 8 + _JA_PIECES, _JA_PIECES, _JA_PIECES + _SCAN_PIECES]
        )
        lines = [
            "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
            for _ in range(rng.randint(1, 6))
        ]
        out.append("\n".join(lines))
    return out


def _two_kana_reference(text: str) -> list[tuple[int, int]]:
    """The span of suspect_re's match at each place it matches, unless the
    match starts and ends with kana."""
    rx = precheck.suspect_re()
    out = []
    for p in range(len(text)):
        m = rx.match(text, p)
        if m is not None and not (
            precheck.is_kana(m.group()[0]) and precheck.is_kana(m.group()[-1])
        ):
            out.append(m.span())
    return out


def test_suspect_pairs_are_the_suspect_matches_not_two_kana() -> None:
    # at every place of random Japanese texts and real lines (with their
    # mojibake), the big regex and the text's own match where suspect_re
    # matches with other than two kana, the same span
    texts = _ja_texts(1500, 21) + _CORPUS_LINES + _damaged_lines()[::7]
    texts += _legacy_damaged_lines()[::7]
    big = precheck.suspect_pairs_re()
    found = 0
    for text in texts:
        want = _two_kana_reference(text)
        got = [m.span() for p in range(len(text)) if (m := big.match(text, p)) is not None]
        assert got == want, repr(text)
        odd = {ord(c) for c in text} - precheck.suspect_usual() - {10}
        own = []
        if odd:
            cls = f"[{precheck.char_class(sorted(odd))}]"
            rx = re.compile(precheck._suspect_pattern(cls, "pairs"))
            own = [m.span() for p in range(len(text)) if (m := rx.match(text, p)) is not None]
        assert own == want, repr(text)
        found += bool(want)
    assert 500 < found < len(texts) - 400


def test_suspect_spans_are_the_lines_of_the_suspect_matches() -> None:
    # what suspect_spans found with suspect_re, asking harmless of every
    # match: the same lines and spans (a BOM read as GBK too)
    texts = _ja_texts(1500, 22) + _scan_texts(500, 23) + _CORPUS_LINES + ["锘縣ello\nのの"]
    found = 0
    for text in texts:
        if text.isascii():
            continue
        lines = precheck.match_lines(precheck.suspect_re(), text, precheck._two_kana)
        want = precheck.with_bom_lines(text, {ln: (a, b) for ln, a, b in lines})
        got = precheck.suspect_spans(text)
        assert got == want and list(got) == list(want), repr(text)
        found += bool(want)
    assert 500 < found < len(texts) - 400


def test_one_scan_finds_what_the_three_scans_find_in_japanese() -> None:
    found = 0
    for text in _ja_texts(2000, 24):
        found += bool(_scan_as_three(text)[0])
    assert 500 < found < 1600


def test_the_step_gives_the_same_after_one_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _scan_texts(400, 12) + [
        "今天鍙戝睍很好\nCafÃ© au lait\n竭祥赸辦.\n锘縣ello",
        "\n".join([*SIMPLIFIED, "鍙戝睍缁忔祹", "導ㄛ2-3陎腔梓", "CafÃ©"]),
    ]
    want = [fix_mojibake(t, Context()) for t in texts]
    monkeypatch.setattr(mojibake, "SCAN_ONCE", -1)
    got = [fix_mojibake(t, Context()) for t in texts]
    assert got == want
    assert sum(bool(f) for _t, f in want) > 100


def test_the_step_gives_the_same_when_it_lets_go_of_its_tables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pass over a large text lets go of the sets and tables built from
    data and of those filled with its characters (cjkmojibake.let_go); the
    next pass makes them again, alike: a
    step that lets go after every text repairs and reports as one that
    keeps them (the texts in turn, each after the tables of the others)."""
    texts = (
        _scan_texts(200, 13)
        + _damaged_lines()[::40]
        + [
            "今天鍙戝睍很好\nCafÃ© au lait\n竭祥赸辦.\n锘縣ello",
            "\n".join([*SIMPLIFIED, "鍙戝睍缁忔祹", "導ㄛ2-3陎腔梓", "CafÃ©"]),
        ]
    )
    want = [fix_mojibake(t, Context()) for t in texts]
    monkeypatch.setattr(mojibake, "LET_GO_CHARS", 0)
    got = [fix_mojibake(t, Context()) for t in texts]
    assert got == want
    assert sum(bool(f) for _t, f in want) > 50
    # let go of: made again on the next use
    assert precheck.common_chars.cache_info().currsize == 0
    assert screen._table.cache_info().currsize == 0
    assert not decide._TABLES
    assert not any(roundtrip._ENC_CACHE.values()) and not any(roundtrip._CHAR_UNITS.values())


# --- the screen of the kinds decoded as UTF-8 (cjkmojibake.screen) -------------------

_SCREENED = [k for k in KINDS if screen.screens(k)]
_CORPUS_LINES = [
    *SIMPLIFIED,
    *TRADITIONAL,
    "他们在邯郸种植橄榄树，贿赂案件的赃款赃物已经追回。",
    "钊颖和龚雯在乒乓球擂台上，貂蝉的故事徘徊在心头。",
    "萋萋麥隴，皎皎白駒，許敖敖與雁嚶嚶。",
    "茵的蟆街苞谷，苣、茹（蜀芹），隗之德掣荀爽。",  # what passed the old proof
    "新华社北京3月5日电 (记者 王小明) Café 1.2% “引号”",
    *JAPANESE,
]


def _damaged_lines() -> list[str]:
    """Clean lines with part of them damaged each way a kind decoded as
    UTF-8 damages text: whole, two characters, one character (too short),
    the bytes cut short, '?' and U+FFFD for bytes a decoder could not use,
    and beside ASCII and punctuation."""
    out = []
    for i, line in enumerate(_CORPUS_LINES):
        for codec in ("gb18030", "gbk", "big5", "cp950", "shift_jis", "cp932"):
            for a, n in ((0, len(line)), (i % 5, 2), (i % 7, 1), (3, 6), (1, 4)):
                part = line[a : a + n]
                data = part.encode("utf-8")
                for cut in (data, data[:-1], data[1:]):
                    for errors in ("replace", "ignore"):
                        bad = cut.decode(codec, errors)
                        out.append(line[:a] + bad + line[a + n :])
                        out.append(bad)
    return out


def _exact_run(line: str, kind: Kind) -> bool:
    """What the screen stands for, from line_units itself: a run of valid
    units whose damaged text has a character that is not plain and whose
    repaired text has a CJK character or is empty (a byte order mark)."""
    plain = plain_chars()
    run: list[tuple[int, int, str, bool]] = []
    for u in [*line_units(line, kind), None]:
        if u is None or u.rep is None:
            if run:
                orig = line[run[0][0] : run[-1][1]]
                rep = "".join(r for _a, _b, r, _bom in run)
                if any(ord(c) not in plain for c in orig) and (
                    cjk_char().search(rep) or any(bom for *_x, bom in run)
                ):
                    return True
            run = []
        else:
            run.append((u.start, u.end, u.rep, u.bom))
    return False


def test_screen_never_turns_down_a_run_it_stands_for() -> None:
    lines = _damaged_lines() + _texts(
        list("中文的鍙戝睍锘夸缁忔祹鏁?\ufffd 茵蟆苞隗 a，。"), 3000, 4
    )
    turned_down = 0
    for line in lines:
        for kind in _SCREENED:
            if kind.wrong == GB and "\ufffd" in line:
                continue  # not screened
            if not screen.may_repair(line, kind):
                assert not _exact_run(line, kind), (kind.code, line)
                turned_down += 1
    assert turned_down > len(lines)  # it does turn lines down


def test_screen_changes_no_repair() -> None:
    # the lines the screen turns down have no repair by the full search, under
    # both thresholds it is used with; and damaged lines are still repaired
    repaired = 0
    for line in _damaged_lines():
        for kind in _SCREENED:
            for th in (decide.STRICT, decide.STRICT_SEEN):
                found = decide._candidates(line, kind, char_scores(line), th)
                if found:
                    repaired += 1
                    assert screen.may_repair(line, kind), (kind.code, line)
    assert repaired > 200


def test_the_run_regex_without_extra_ascii_is_one_translate_away() -> None:
    # the regex of the alphabet without the letters of _EXTRA_ASCII (what
    # may_repair asked judged alone) finds its runs where _regex finds them
    # in the letters with those made walls: on random strings of letters
    # (those letters often among them) and on the letters of real lines
    ids = screen._alphabet()
    table = screen._no_extra_ascii()
    extra = [chr(cp) for cp in table]
    assert extra and all(k[0] == screen._EXTRA_ASCII for k in ids if ids[k] in extra)
    without = re.compile(screen._run_pattern({k: v for k, v in ids.items() if v not in extra}))
    letters = [*ids.values(), *extra * 8]
    texts = random_texts(letters, 4000, seed=23, length=(1, 24))
    for kind in _SCREENED:
        texts += [screen._letters(line, screen._table(kind)) for line in _damaged_lines()]
    found = 0
    for text in texts:
        want = [m.span() for m in without.finditer(text)]
        assert [m.span() for m in screen._regex().finditer(text.translate(table))] == want, text
        found += bool(want)
    assert found > 500


def test_screen_on_the_repairs_the_step_makes() -> None:
    # UTF-8 read as GBK, two characters of it in a clean line, a '?' where a
    # byte was lost, and a line of rare words (no repair, screened out)
    for text, want in (
        ("今天鍙戝睍很好", "今天发展很好"),
        ("他说：鍙戝睍。", "他说：发展。"),
        ("中华人民共和国成立五十周年的庆祝活动在北京举行。", None),
        ("茵的蟆街苞谷，苣、茹", None),
    ):
        new, findings = fix_mojibake(text, Context())
        assert new == (want or text)
        assert bool(findings) == (want is not None)
    gbk = KINDS[0]
    assert screen.may_repair("今天鍙戝睍很好", gbk)
    assert not screen.may_repair("茵的蟆街苞谷，苣、茹", gbk)


def test_steps_of_reads_every_utf8_sequence() -> None:
    # every character's UTF-8 bytes go from state 0 to state 0, reading a
    # CJK lead exactly for the lead bytes of CJK_LEADS
    rng = random.Random(6)
    for _ in range(3000):
        cp = rng.choice(
            [
                rng.randrange(0x80),
                rng.randrange(0x80, 0x800),
                rng.randrange(0x800, 0xD800),
                rng.randrange(0xE000, 0x110000),
            ]
        )
        data = chr(cp).encode("utf-8")
        assert (0, 0, data[0] in screen.CJK_LEADS) in screen.steps_of(data)
    # and a GB18030 four-byte character is a wall
    assert screen.steps_of("\U00020000".encode("gb18030")) == frozenset()
    assert screen.steps_of("€".encode("gb18030")) != frozenset()


def _legacy_damaged_lines() -> list[str]:
    """Big5 read as GBK and GBK read as Big5, whole and in parts of 2 to 9
    characters, in long and short lines, beside kana, a mark of damage
    (private use, U+FFFD) and ASCII: the near misses of the stretch and
    run_total tests."""
    out = []
    pairs = (("big5", "gbk"), ("gbk", "big5"), ("cp950", "gb18030"), ("gb18030", "big5"))
    for i, line in enumerate(_CORPUS_LINES):
        for enc, dec in pairs:
            for a, n in ((0, len(line)), (i % 5, 2), (2, 3), (1, 4), (3, 8), (0, 9), (4, 6)):
                part = line[a : a + n]
                try:
                    bad = part.encode(enc).decode(dec, "replace")
                except UnicodeError:
                    continue
                for extra in ("", "の", "\ue000", "\ufffd", "ab "):
                    out.append(line[:a] + bad + extra + line[a + n :])
                    out.append(bad + extra)
                    out.append((bad + extra)[:16])
    return out


def test_legacy_and_short_repair_proofs_change_no_repair() -> None:
    # where _cannot_repair proves a kind repairs nothing under STRICT (the
    # stretches of the Big5/GBK kinds, the extra ASCII of a short UTF-8
    # repair), the full search finds nothing; and damaged lines are repaired
    lines = _legacy_damaged_lines() + _damaged_lines()[::3]
    lines += _texts(list("中文的是發展祇甶楷桯蜿大ｱ鏁の\ue000 a，。"), 2000, 8)
    screen.warm(screen.MIN_PARTS)  # (a small text leaves the screens out)
    assert screen.ready()
    proved = repaired = 0
    for line in lines:
        scores = char_scores(line)
        for kind in KINDS:
            cannot = decide._cannot_repair(line, kind, decide.STRICT, lambda s=scores: s)
            found = decide._candidates(line, kind, scores, decide.STRICT)
            if found:
                repaired += 1
                assert not cannot, (kind.code, line)
            proved += cannot
    assert repaired > 300
    assert proved > len(lines)


def test_legacy_stretches_turn_clean_lines_down() -> None:
    # clean lines with nothing odd, or rare words far apart, are proved clean
    # of Big5/GBK damage without the model (lines of common characters have
    # no stretch at all); a line damaged whole is not turned down
    proved = 0
    for line in _CORPUS_LINES:
        for kind in KINDS:
            found = screen.legacy_stretches(line, kind)
            if found is None:
                continue
            total, unrepaired = found
            high = len(line) - len(line.encode("ascii", "ignore"))
            proved += (total < decide.LEGACY_SPAN and 2 * total < high) or (
                total <= decide.MIN_UNMARKED and not unrepaired
            )
    assert proved >= len(_CORPUS_LINES)
    big5_as_gbk = next(k for k in KINDS if k.code == "mojibake-big5-as-gbk")
    bad = "中華民國經濟發展的速度很快".encode("big5").decode("gbk", "replace")
    total, _unrepaired = screen.legacy_stretches(bad, big5_as_gbk) or (0, False)
    assert total >= decide.LEGACY_SPAN


def test_many_lines_at_once_are_the_lines_one_by_one() -> None:
    # the screens over lines joined by a wall give each line what it gets
    # alone: damaged and clean lines, empty ones, one with the wall
    # character itself, U+FFFD (not screened for GBK), kana and marks
    lines = _damaged_lines()[::5] + _legacy_damaged_lines()[::4] + ["", "\uffff", "中\uffff文"]
    lines += _texts(list("中文的是發展祇甶楷桯鍙戝睍蜿大ｱの\ue000\ufffd a，。"), 600, 9)
    random.Random(10).shuffle(lines)
    for kind in KINDS:
        if screen.screens(kind):
            for alone in (False, True):
                many = screen.may_repair_many(lines, kind, alone)
                assert many == [screen.may_repair(ln, kind, alone) for ln in lines], kind.code
        found = screen.legacy_stretches_many(lines, kind)
        if found is not None:
            assert found == [screen.legacy_stretches(ln, kind) for ln in lines], kind.code
            # the lines in another order (as many, the same characters) are
            # grouped again, not given the groups of the lines before
            other = lines[1:] + lines[:1]
            found = screen.legacy_stretches_many(other, kind)
            assert found == [screen.legacy_stretches(ln, kind) for ln in other], kind.code


@pytest.mark.parametrize("bmp", [False, True])
def test_letters_through_the_plain_copy_are_the_tables_own(bmp: bool) -> None:
    # screen._letters translates with a plain copy of a table and fills what
    # the copy lacks: fresh tables (nothing seen), texts whose new characters
    # lie inside the range of the letters themselves ('ā', 'ǒ' of pinyin:
    # left as they are by a translate they would pass for letters; fails
    # when the range is not put in first) and outside it, the wall SEP, and
    # a text the copy holds whole, give what a translate with the table gives.
    # With ``bmp``, the same through the letters of the BMP from the data
    # file, and characters past the BMP (Han of extension B, emoji, private
    # use of plane 15) that it leaves to the table.
    texts = [
        "qù ér yì yǒng āáǎà ĀŁœ",
        "中文的是發展祇甶楷桯鍙戝睍",
        "\u0100\u01ff\u0200\u00ff" + screen.SEP + "ǒ中",
        "".join(map(chr, range(0xF0, 0x260))),
        "中文的是",
        "𠀀中\U0001f600鍙戝\U000f0000\U00020001𠀀" + screen.SEP + "\udc80\ue000",
    ]
    for kind in KINDS:
        tables: list[tuple[Any, Any]] = []
        if screen.screens(kind):
            tables.append((screen._Table(kind), screen._Table(kind)))
        if kind.code in precheck.ORIGIN:
            tables.append((screen._LegacyTable(kind), screen._LegacyTable(kind)))
        for fast, slow in tables:
            # (an empty list: no letters of the BMP, the plain copy)
            fast.bmp = screen._bmp_of(fast) if bmp else []
            assert len(fast.bmp) == (0x10000 if bmp else 0)
            for text in texts + texts:
                slow.line = text
                want = text.translate(slow)
                assert screen._letters(text, fast) == want, (kind.code, text)
                assert not screen._NOT_A_LETTER.search(want)
            assert (fast.fast is None) == bmp


def test_windows_remembered_are_the_windows_of_the_line() -> None:
    # repair() of a long line takes the windows strict_parts found for it
    # (until forget_proofs): the same repairs as with windows found afresh,
    # on long lines with damage in one or two places and clean ones
    clean = "这是一段普通的中文文本，没有任何问题。" * 6
    damaged = [ln for ln in _damaged_lines() if len(ln) < 40][:40]
    lines = [clean + d + clean for d in damaged] + [d + clean + d for d in damaged] + [clean]
    fresh = [decide.repair(ln, KINDS, decide.STRICT, windowed=True) for ln in lines]
    parts = [p for ln in lines for p in decide.strict_parts(ln)]
    assert len(parts) > len(lines) and decide._WINDOWS
    try:
        got = [decide.repair(ln, KINDS, decide.STRICT, windowed=True) for ln in lines]
    finally:
        decide.forget_proofs()
    assert not decide._WINDOWS
    assert [(t, [(p.start, p.end, p.replacement) for p in ps]) for t, ps in got] == [
        (t, [(p.start, p.end, p.replacement) for p in ps]) for t, ps in fresh
    ]
    assert sum(bool(ps) for _t, ps in fresh) > 40


def test_proofs_for_many_lines_change_no_repair() -> None:
    # _one_layer with the proofs made for all lines at once finds what it
    # finds without them
    lines = _legacy_damaged_lines()[::3] + _damaged_lines()[::4]
    alone = [decide._one_layer(ln, KINDS, decide.STRICT) for ln in lines]
    decide.prove_many(lines)
    try:
        assert sum(decide._PROVED.values()) > len(lines)
        many = [decide._one_layer(ln, KINDS, decide.STRICT) for ln in lines]
    finally:
        decide.forget_proofs()
    assert many == alone
    assert sum(map(bool, alone)) > 50


def test_a_line_proved_clean_is_given_back_as_the_search_gives_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # repair() of lines whose every part every kind was proved for, at once,
    # against the search of each part (_all_proved never saying yes): damaged
    # lines, clean ones with rare words, long ones in windows, each kind set
    long = [SIMPLIFIED[0] * 4 + ln + TRADITIONAL[1] * 4 for ln in _damaged_lines()[::9]]
    lines = _legacy_damaged_lines()[::3] + _damaged_lines()[::4] + _CORPUS_LINES + long
    big5 = tuple(k for k in KINDS if k.code in precheck.ORIGIN)
    all_proved = decide._all_proved
    skipped = []

    def counted(*args: Any) -> bool:
        skipped.append(all_proved(*args))
        return skipped[-1]

    monkeypatch.setattr(decide, "_all_proved", counted)
    decide.prove_many([p for ln in lines for p in decide.strict_parts(ln)])
    try:
        for kinds in (KINDS, big5):
            for windowed in (True, False):
                fast = [decide.repair(ln, kinds, windowed=windowed) for ln in lines]
                with monkeypatch.context() as m:
                    m.setattr(decide, "_all_proved", lambda *a: False)
                    slow = [decide.repair(ln, kinds, windowed=windowed) for ln in lines]
                assert fast == slow
                assert sum(bool(found) for _new, found in slow) > 20
    finally:
        decide.forget_proofs()
    assert 50 < sum(skipped) < len(skipped) - 50


# --- the bound of the best gain without the model (decide._gain_bound) -----------------

# Every kind of character _costs has a rule for, and the near misses of
# SWITCH_BEFORE ('@[`{' beside the letters, U+309F beside katakana U+30A0):
# Han common, rare and unknown (and beyond the BMP), pairs of the table,
# kana, half-width katakana, Hangul, Latin-1 letters and symbols, cp1252's
# extras, Greek and Cyrillic, CJK and full-width punctuation, C1 controls,
# private use, U+FFFD, spaces.
_SCORE_ALPHABET = [
    *"中国发展的是了貂蝉橄榄龘鱻\u9fa5\u3007\U00020000\U0002a6d6",
    *"中国",
    "发展",
    "经济",
    "人民",
    *"のいすれ\u309f\u30a0アイヴヶｱｲﾞ한국어뷁",
    *"éèÃ©Õ¹·¢×§¿€‚ƒ„–—“”‘’…ŠŽžŸĀſƀɏ",
    *"αβγабвгԱ\u0591",
    *"，。、《》「」〔〕～﹏ＡＺ１２",
    *"azAZ09@[`{~ \t\xa0\u3000\x85\x9f\ue000\ufffd\u2500\u2466※",
]


@functools.cache
def _pair_table() -> dict[str, float]:
    """plausibility.pairs() made once (it builds a new dict at each call)."""
    return plausibility.pairs()


def _bigram_positions(text: str) -> set[int]:
    from cleantext.textutil import is_han_cp

    table = _pair_table()
    return {
        i
        for i in range(1, len(text))
        if is_han_cp(ord(text[i - 1])) and is_han_cp(ord(text[i])) and text[i - 1 : i + 1] in table
    }


def test_score_bounds_hold_in_any_text() -> None:
    # what _gain_bound stands on: every character scores at most its high
    # bound where it does not end a pair of the table, and at least its low
    # bound after a character outside SWITCH_BEFORE (SWITCH_MAX less after
    # one); both bounds are reached, so neither is loose everywhere
    from cleantext.plausibility import SWITCH_BEFORE, SWITCH_MAX, score_bounds

    switch = re.compile(SWITCH_BEFORE)
    texts = _texts(_SCORE_ALPHABET, 3000, 11, (1, 30)) + _CORPUS_LINES
    highs = lows = 0
    for text in texts:
        scores = char_scores(text)
        paired = _bigram_positions(text)
        for i, (ch, s) in enumerate(zip(text, scores)):
            high, low = score_bounds(ch)
            if i not in paired:
                assert s <= high, (text, i)
                highs += s == high
            after_switch = i > 0 and switch.match(text[i - 1]) is not None
            assert s >= low - (SWITCH_MAX if after_switch else 0.0), (text, i)
            lows += s == low
    assert highs > 10000 and lows > 10000


def test_a_score_is_read_from_the_two_characters_before() -> None:
    # what _exact_mask stands on: a character scores the same after any two
    # texts that end with the same two characters, but a Hangul syllable
    # (run_scored), which counts its run (and does score otherwise)
    from cleantext.plausibility import run_scored

    alphabet = _SCORE_ALPHABET + ["한국어한국어한국어"] * 3
    heads = _texts(alphabet, 4000, 31, (0, 12))
    others = _texts(alphabet, 4000, 32, (0, 12))
    tails = _texts(alphabet, 4000, 33, (3, 12))
    compared = differ = one_before = 0
    for head, other, tail in zip(heads, others, tails):
        a = char_scores(head + tail)[len(head) :]
        b = char_scores(other + tail)[len(other) :]
        for j in range(2, len(tail)):
            if run_scored(tail[j]):
                differ += a[j] != b[j]
            else:
                assert a[j] == b[j], (head, other, tail, j)
                compared += 1
        # (one character before is not enough: the kind of the one before
        # it counts, after katakana and Latin-1)
        one_before += bool(head) and bool(other) and a[1] != b[1] and not run_scored(tail[1])
    assert compared > 20000 and differ > 10 and one_before > 0
    assert all(run_scored(c) for c in "가한힣") and not any(map(run_scored, "\uabff\ud7a4中ア"))


def test_switch_class_is_the_kinds_with_a_rule() -> None:
    # a Han character after any character outside SWITCH_BEFORE scores its
    # own score or its pair's: every BMP character tried before '中', and
    # after one inside it, less (the near misses: '@', '[', U+30A0)
    from cleantext.plausibility import SWITCH_BEFORE, pair_score, score_bounds

    switch = re.compile(SWITCH_BEFORE)
    own = score_bounds("中")[0]
    outside = 0
    for cp in range(0x10000):
        ch = chr(cp)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        s = char_scores(ch + "中")[1]
        if switch.match(ch):
            continue
        assert s == own or s == pair_score(ch + "中"), (hex(cp), s)
        outside += 1
    assert outside > 20000
    for ch in "AaéアｱαБ한":
        assert switch.match(ch) and char_scores(ch + "中")[1] < own, ch


def test_gain_bound_is_at_least_the_best_gain() -> None:
    # the bound is never below the exact best gain (clean lines, lines
    # damaged each Big5/GBK way, random texts of every kind of character),
    # and it proves most clean lines and no damaged line the model keeps
    lines = _CORPUS_LINES + _legacy_damaged_lines() + _damaged_lines()[::4]
    lines += _texts(_SCORE_ALPHABET + list("發展祇甶楷桯蜿"), 2000, 13, (1, 60))
    legacy = [k for k in KINDS if k.code in precheck.ORIGIN]
    proved = kept = tighter = 0
    for line in lines:
        for kind in legacy:
            chars = set(line)
            exact = decide._best_gain(line, kind, chars, lambda ln=line: char_scores(ln))
            if exact is None:
                continue
            cand = line.translate(decide._tables(chars, kind).repaired)
            bound = decide._gain_bound(line, cand, kind)
            assert bound >= exact - 1e-9, (kind.code, line, bound, exact)
            # the second look (the line's own pairs), taken whatever the first gave
            tight = decide._gain_bound(line, cand, kind, float("-inf"))
            assert exact - 1e-9 <= tight <= bound + 1e-9, (kind.code, line, tight, exact)
            tighter += tight < bound
            fast = decide._best_gain(
                line, kind, chars, lambda ln=line: char_scores(ln), decide.MIN_GAIN
            )
            assert fast is not None and (fast < decide.MIN_GAIN) == (exact < decide.MIN_GAIN)
            proved += bound < decide.MIN_GAIN
            kept += exact >= decide.MIN_GAIN
    assert proved > len(lines) // 2
    assert kept > 300
    assert tighter > 300


def test_exact_mask_marks_gains_of_exactly_zero() -> None:
    # where _exact_mask says the gain is exact, the repaired line and the
    # line score the character alike (no barrier there); the mask of lines
    # joined by "\n" is each line's own, on random texts, Japanese and
    # damaged lines, Hangul runs
    lines = _CORPUS_LINES + _legacy_damaged_lines()[::3] + _damaged_lines()[::9]
    lines += _texts(_SCORE_ALPHABET + ["한국어한국어"] * 4, 2000, 41, (1, 40))
    legacy = [k for k in KINDS if k.code in precheck.ORIGIN]
    exact = 0
    for kind in legacy:
        t = decide._tables(set("".join(lines)), kind)
        for line in lines:
            cand = line.translate(t.repaired)
            mask = decide._exact_mask(line, t.flags)
            assert len(mask) == len(line) and set(mask) <= {0, 1}
            gains = list(map(float.__sub__, char_scores(cand), char_scores(line)))
            for k, m in enumerate(mask):
                if not m:
                    assert gains[k] == 0.0 and line[k] not in t.wall_set, (kind.code, line, k)
                    exact += 1
        for a in range(0, len(lines), 7):
            part = lines[a : a + 7]
            joined = decide._exact_mask("\n".join(part), t.flags)
            pos = 0
            for line in part:
                assert joined[pos : pos + len(line)] == decide._exact_mask(line, t.flags), line
                pos += len(line) + 1
    assert exact > 10000


def test_a_han_character_after_han_scores_its_pair() -> None:
    # char_scores reads a pair's score from the rows of the table inline
    # (plausibility._SECONDS): after a Han character, a Han character scores
    # the pair's score where the two are a pair of the table, its own score
    # otherwise; pair_score gives None for all that is not a pair (a
    # character that writes a score in a row, after the row's first
    # character; one character; three), on random texts of pairs and near
    # misses
    from cleantext.plausibility import _Q_LP, _UNI, UNKNOWN_HAN, pair_score
    from cleantext.textutil import is_han_cp

    table = _pair_table()
    rng = random.Random(21)
    some = rng.sample(sorted(table), 300)
    alphabet = [*"".join(some), *some, *_Q_LP, "a", "。", "\u9fa5", "\U00020000"]
    texts = _texts(alphabet, 3000, 21, (0, 30))
    paired = own = 0
    for text in texts:
        scores = char_scores(text)
        for k in range(1, len(text)):
            if is_han_cp(ord(text[k - 1])) and is_han_cp(ord(text[k])):
                mine = _UNI.get(text[k], UNKNOWN_HAN)
                assert scores[k] == table.get(text[k - 1 : k + 1], mine), (text, k)
                paired += text[k - 1 : k + 1] in table
                own += text[k - 1 : k + 1] not in table
            assert pair_score(text[k - 1 : k + 1]) == table.get(text[k - 1 : k + 1]), (text, k)
    assert paired > 1000 and own > 1000
    firsts = [p[0] for p in some]
    assert all(pair_score(f + q) is None for f in firsts for q in _Q_LP)
    assert pair_score("中") is None and pair_score("中国人") is None and pair_score("") is None


def test_every_pair_of_the_table_is_two_han_characters() -> None:
    # what the bounds of lines joined by "\n" stand on (no pair takes in a
    # line break), and the second look (a pair is two Han characters)
    from cleantext.textutil import is_han_cp

    table = _pair_table()
    assert len(table) > 100_000
    assert all(len(p) == 2 and is_han_cp(ord(p[0])) and is_han_cp(ord(p[1])) for p in table)


def _split_near_pairs(lines: list[str], kind: Kind) -> list[str]:
    """Each line cut in two where its repaired text has a pair of the table
    or the line a character of SWITCH_BEFORE before another: joined again,
    the two halves would take in the pair or the rule, apart they do not."""
    from cleantext.plausibility import SWITCH_BEFORE

    switch, table = re.compile(SWITCH_BEFORE), _pair_table()
    out = []
    for line in lines:
        cand = line.translate(decide._tables(set(line), kind).repaired)
        cuts = [k + 1 for k in range(len(line) - 1) if cand[k : k + 2] in table]
        cuts += [m.end() for m in switch.finditer(line, 0, len(line) - 1)]
        for k in cuts[:2]:
            out += [line[:k], line[k:]]
    return out


def test_gain_bounds_of_many_lines_are_those_of_each_line() -> None:
    # the bounds of lines joined by "\n" (one translate, one search of
    # them all) are the numbers each line gets alone, to the last bit: on
    # clean and damaged lines, random texts, and lines cut where a pair of
    # the table or a rule would join them across the line break (the near
    # misses of the join); with the floor and give-up of the step, and with
    # the second look for every line
    lines = _CORPUS_LINES + _legacy_damaged_lines() + _damaged_lines()[::4]
    lines += _texts(_SCORE_ALPHABET + list("發展祇甶楷桯蜿"), 1500, 17, (0, 60))
    legacy = [k for k in KINDS if k.code in precheck.ORIGIN]
    inf = float("inf")
    cut = 0
    for kind in legacy:
        near = _split_near_pairs(lines, kind)
        cut += len(near)
        todo = lines + near + [""]
        for floor, give_up in ((decide.MIN_GAIN, decide.MIN_GAIN + decide._HOPELESS), (-inf, inf)):
            many = decide._gain_bounds_many(todo, kind, floor, give_up)
            for line, got in zip(todo, many, strict=True):
                cand = line.translate(decide._tables(set(line), kind).repaired)
                want = decide._gain_bound(line, cand, kind, floor, give_up)
                assert got == want, (kind.code, line, got, want)
    assert cut > 1000


def test_a_gain_bound_after_the_tables_were_let_go_of_is_the_same() -> None:
    # another thread's step may let go of the tables (cjkmojibake.let_go)
    # between _tables and _gain_bound: the bound fills them again, alike
    lines = _CORPUS_LINES + _legacy_damaged_lines()[::8]
    for kind in (k for k in KINDS if k.code in precheck.ORIGIN):
        for line in lines:
            cand = line.translate(decide._tables(set(line), kind).repaired)
            want = decide._gain_bound(line, cand, kind, -float("inf"))
            decide._TABLES.clear()
            assert decide._gain_bound(line, cand, kind, -float("inf")) == want, (kind.code, line)


def test_gain_bounds_of_many_lines_leave_out_a_character_of_several() -> None:
    # a line with a character that repairs to several gets None, as from
    # _best_gain; the others their bound (no such character is in the
    # Big5/GBK tables: one is put in for the test)
    kind = next(k for k in KINDS if k.code in precheck.ORIGIN)
    lines = ["貂蝉拜月", "中国人民", "吕布戏貂蝉"]
    t = decide._tables(set("".join(lines)), kind)
    saved = set(t.multi)
    t.multi.add("貂")
    try:
        many = decide._gain_bounds_many(lines, kind, decide.MIN_GAIN, inf := float("inf"))
        for line, got in zip(lines, many, strict=True):
            exact = decide._best_gain(line, kind, set(line), lambda ln=line: char_scores(ln))
            assert (got is None) == (exact is None) == ("貂" in line)
        assert many[1] == decide._gain_bound(
            "中国人民", "中国人民".translate(t.repaired), kind, decide.MIN_GAIN, inf
        )
        assert decide._gain_bounds_many([], kind, decide.MIN_GAIN, inf) == []
        with pytest.raises(ValueError):
            decide._gain_bounds_many(["中国\n人民"], kind, decide.MIN_GAIN, inf)
    finally:
        t.multi.clear()
        t.multi.update(saved)


def test_bounds_of_many_lines_prove_what_the_bound_of_one_proves() -> None:
    # prove_many takes the bound for the lines the screens leave: a line it
    # proves is one _best_gain proves alone, one it leaves goes to the
    # model at once and gets the model's answer
    lines = _CORPUS_LINES + _legacy_damaged_lines()
    legacy = [k for k in KINDS if k.code in precheck.ORIGIN]
    decide.prove_many(lines)
    try:
        proved = dict(decide._PROVED)
        bounded = set(decide._BOUNDED)
    finally:
        decide.forget_proofs()
    assert not decide._BOUNDED
    by_bound = left = 0
    for line in dict.fromkeys(lines):
        chars = set(line)
        for kind in legacy:
            if (line, kind.code) not in proved:
                continue
            found = screen.legacy_stretches(line, kind)
            by_screen = found is not None and decide._too_little(line, *found)
            fast = decide._best_gain(
                line, kind, chars, lambda ln=line: char_scores(ln), decide.MIN_GAIN
            )
            exact = decide._best_gain(line, kind, chars, lambda ln=line: char_scores(ln))
            if proved[line, kind.code] and not by_screen:
                by_bound += 1
                assert fast is not None and fast < decide.MIN_GAIN, line
            if (line, kind.code) in bounded:
                left += 1
                assert not proved[line, kind.code] and not by_screen
                assert fast == exact, line  # (the bound proved nothing)
    assert by_bound > 50 and left > 50
    # lines the screens prove for every kind leave the bound nothing to do
    decide.prove_many(["plain ASCII, no kind repairs it", "another one"] * 40)
    try:
        assert all(decide._PROVED.values()) and not decide._BOUNDED
    finally:
        decide.forget_proofs()


def test_best_total_is_the_sum_best_run_takes() -> None:
    # the best total as _best_run sums it (a run that does not gain is
    # dropped for 0.0), on gains with walls, zeros of both signs and ties
    def reference(gains: list[float]) -> float:
        best = cur = 0.0
        for d in gains:
            if cur <= 0.0:
                cur = 0.0
            cur += d
            if cur > best:
                best = cur
        return best

    rng = random.Random(3)
    values = [-float("inf"), -0.0, 0.0, 0.5, -0.5, 1.25, -1.25, 3.0, -3.0, 0.1, -0.1, 4.0]
    for _ in range(5000):
        gains = [rng.choice(values) for _ in range(rng.randint(0, 20))]
        gains += [rng.uniform(-5, 5) for _ in range(rng.randint(0, 5))]
        rng.shuffle(gains)
        assert decide._best_total(gains) == reference(gains), gains


def test_pair_places_are_every_pair_of_the_table() -> None:
    # pairs_at: every place a pair of the table starts, in order
    # (overlapping ones each), and its score, on random texts of pairs and
    # near misses (among them the characters that write a score in the
    # table, after a first character of a pair: see plausibility._SECONDS)
    from cleantext.plausibility import _Q_LP, pairs_at

    table = _pair_table()
    only_first = sorted({p[0] for p in table} - {p[1] for p in table})[:20]
    only_second = sorted({p[1] for p in table} - {p[0] for p in table})[:20]
    q_chars = [*_Q_LP, "\x2f", "\x7f"]
    texts = _texts(_SCORE_ALPHABET + only_first + only_second + q_chars, 2000, 18, (0, 30))
    # (and the pairs with a character that only starts or only ends one,
    # beside those characters)
    ends = sorted(p for p in table if p[0] in only_first or p[1] in only_second)[:40]
    texts += _texts(_SCORE_ALPHABET + only_first + only_second + ends, 2000, 14, (0, 30))
    texts += ["中国", "中国人民", "国中国", "中中国国", "\n中国\n", "", "\U00020000中国", "a中国"]
    texts.append("".join(random.Random(6).choices(_SCORE_ALPHABET + ends, k=70_000)))
    found = overlapping = 0
    for text in texts:
        want = [k for k in range(len(text) - 1) if text[k : k + 2] in table]
        scores = [table[text[k : k + 2]] for k in want]
        assert pairs_at(text) == (want, scores), text
        found += bool(want)
        overlapping += any(b == a + 1 for a, b in zip(want, want[1:]))
    assert found > 500 and overlapping > 20


# --- tables filled many characters at once ----------------------------------------------

# Every BMP character but the surrogates, and a sample beyond (every 97th code
# point, and the start of CJK Extension B)
_EVERY_CHAR = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
_EVERY_CHAR += [chr(c) for c in range(0x10000, 0x110000, 97)]
_EVERY_CHAR += [chr(c) for c in range(0x20000, 0x20800)]


def test_primed_encoders_are_the_encoders_one_by_one() -> None:
    # prime_encoder's premise (no character but NUL has a NUL byte, none but
    # '?' is the byte '?', in any codec of the kinds) and its result: the
    # cache holds what encoding each character alone gives
    from cleantext.cjkmojibake import roundtrip

    codecs = {k.wrong for k in KINDS} | {("gbk",), ("big5",)}
    for names in codecs:
        if names == roundtrip.LATIN:
            continue
        for name in names:
            for ch in _EVERY_CHAR:
                try:
                    data = ch.encode(name)
                except UnicodeEncodeError:
                    continue
                assert (b"\x00" in data) == (ch == "\x00") and (data == b"?") == (ch == "?")
        roundtrip._ENC_CACHE.pop(names, None)
        roundtrip.prime_encoder("".join(_EVERY_CHAR), names)
        primed = dict(roundtrip._ENC_CACHE[names])
        assert len(primed) > 60000
        for ch, data in primed.items():
            assert data == roundtrip._encode_first(ch, names), (names, ch)


def test_primed_decoders_are_the_decoders_one_by_one() -> None:
    # prime_decoder on every piece the right codecs' parsers take whole (one
    # and two bytes; four of GB18030 from a sample of every lead), the
    # pieces that no codec of the tuple decodes, one that decodes to U+FFFD
    # and those only the fallback decodes (cp950 after big5) among them: the
    # cache holds what decoding each alone gives
    from cleantext.cjkmojibake import roundtrip

    pairs = [bytes([a, b]) for a in range(0x81, 0xFF) for b in range(0x30, 0xFF)]
    fours = [
        bytes([a, 0x30 + b, c, 0x30 + d])
        for a in range(0x81, 0xFF, 3)
        for b in (0, 1, 9)
        for c in range(0x81, 0xFF, 5)
        for d in (0, 7)
    ]
    fours.append("\ufffd".encode("gb18030"))
    for names in (roundtrip.BIG5, roundtrip.GB):
        parser = roundtrip.PARSERS[names]
        pieces = [
            p for p in [*map(bytes, zip(range(1, 0x80))), *pairs, *fours] if parser.fullmatch(p)
        ]
        roundtrip._DEC_CACHE.pop(names, None)
        roundtrip.prime_decoder(pieces, names)
        primed = dict(roundtrip._DEC_CACHE[names])
        want = {p: roundtrip._decode_first(p, names) for p in pieces}
        assert primed == want, names
        assert sum(t is None for t in want.values()) > 500
        assert sum(t is not None and "\ufffd" in t for t in want.values()) == (names == GB)
        if names == roundtrip.BIG5:  # (some only cp950 decodes)
            assert any(t is not None and not _decodes(p, "big5") for p, t in want.items())
        roundtrip._DEC_CACHE.pop(names, None)


def test_char_units_are_the_units_of_line_units() -> None:
    # the per-character repairs of the Big5/GBK kinds, each character alone,
    # against _line_units cutting all of them at once
    from cleantext.cjkmojibake import roundtrip

    for kind in KINDS:
        if not roundtrip.per_char(kind):
            continue
        fast = roundtrip._char_units(set(_EVERY_CHAR), kind)
        units = roundtrip._line_units("".join(_EVERY_CHAR), kind)
        assert len(units) == len(_EVERY_CHAR)
        for ch, u in zip(_EVERY_CHAR, units):
            assert fast[ch] == (u.rep, u.bom), (kind.code, ch)
        assert sum(rep is not None for rep, _bom in fast.values()) > 13000


def test_tables_filled_from_a_set_are_those_filled_from_its_join() -> None:
    # char_table and prime_encoder take the characters as a string or as a
    # set (decide's tables pass theirs, so that one string a character keys
    # every table): the same entries, keyed by the set's own strings
    from cleantext.cjkmojibake import roundtrip

    rng = random.Random(13)
    chars = set(rng.sample(_EVERY_CHAR, 3000)) | set("鍙戝睍\x00?a")
    for kind in KINDS:
        if not roundtrip.per_char(kind):
            continue
        roundtrip.forget_chars()
        want = dict(roundtrip.char_table("".join(chars), kind))
        encoded = dict(roundtrip._ENC_CACHE[kind.wrong])
        roundtrip.forget_chars()
        got = roundtrip.char_table(chars, kind)
        assert got == want and roundtrip._ENC_CACHE[kind.wrong] == encoded, kind.code
        mine = {id(ch) for ch in chars}
        assert all(id(ch) in mine for ch in got)
        assert all(id(ch) in mine for ch in roundtrip._ENC_CACHE[kind.wrong])
    roundtrip.forget_chars()


def _legacy_letter(ch: str, kind: Kind) -> str:
    """The letter of ``ch`` for a legacy kind, as _LegacyTable made it one
    character at a time before it filled many at once."""
    from cleantext.cjkmojibake.roundtrip import char_table
    from cleantext.plausibility import char_cost
    from cleantext.textutil import is_han_cp

    rep = char_table(ch, kind)[ch][0]
    cp = ord(ch)
    bits = 0
    if rep is None or not precheck.legacy_text(rep, kind.code):
        bits |= screen._WALL
    elif rep != ch:
        for r in rep:
            rc = ord(r)
            if r != "\ufffd" and not is_han_cp(rc) and char_cost(r) <= decide._DAMAGE_COST:
                bits |= screen._WALL
            if precheck.is_kana(r) and not precheck.is_kana(ch):
                bits |= screen._WALL_NO_KANA
            if r != "\ufffd" and not is_han_cp(rc) and rc not in precheck.common_chars():
                bits |= screen._WALL_NO_MARK
    if cp not in plain_chars():
        bits |= screen._ODD
    if is_han_cp(cp) or 0xE000 <= cp <= 0xF8FF:
        bits |= screen._HAN_PUA
    if precheck.unrepaired_re().match(ch):
        bits |= screen._UNREPAIRED
    if cp > 0x7F:
        bits |= screen._HIGH
    return chr(0x100 + bits)


def _char_class_escaped(cps: list[int]) -> str:
    """char_class as it was written, every character through re.escape."""
    out, start = [], 0
    ends = [i for i in range(1, len(cps)) if cps[i] != cps[i - 1] + 1]
    for end in [*ends, len(cps)] if cps else []:
        a, b = chr(cps[start]), chr(cps[end - 1])
        out.append(re.escape(a) if a == b else f"{re.escape(a)}-{re.escape(b)}")
        start = end
    return "".join(out)


def test_char_class_is_the_class_with_every_character_escaped() -> None:
    # re.escape leaves every character above ASCII as it is: char_class
    # writes the same class (every code point alone, and random sets)
    for cp in range(0x110000):
        assert precheck.char_class([cp]) == _char_class_escaped([cp]), hex(cp)
    rng = random.Random(7)
    for _ in range(300):
        lo = rng.choice((0, 0x20, 0x5B, 0x4E00, 0xFFF0))
        cps = sorted(set(rng.randrange(lo, lo + rng.choice((4, 64, 3000))) for _ in range(50)))
        assert precheck.char_class(cps) == _char_class_escaped(cps), cps
        assert re.fullmatch(f"[{precheck.char_class(cps)}]+", "".join(map(chr, cps)))


def test_unrepaired_chars_are_what_unrepaired_re_matches() -> None:
    # the set's answer for every code point (surrogates too) is the regex's,
    # and for a text it is the characters of the regex's matches; so the
    # test of _judge (no match in the text) and the letters of the legacy
    # tables are what the regex gave
    rx = precheck.unrepaired_re()
    every = [chr(c) for c in range(0x110000)]
    assert precheck.unrepaired_chars(every) == {ch for ch in every if rx.fullmatch(ch)}
    pool = list("發展中文の\ue000\ufffd?\x00 \xa0\u3000\t\n●℃×ϵͳʹα한글Ω") + _EVERY_CHAR[::997]
    for text in ["", *random_texts(pool, 500, seed=19, length=(1, 12))]:
        found = set("".join(rx.findall(text)))
        assert precheck.unrepaired_chars(text) == found, text
        assert (not precheck.unrepaired_chars(text)) == (rx.search(text) is None), text


def test_legacy_letters_filled_at_once_are_those_one_by_one() -> None:
    # a table filled from a line of many new characters gives each the
    # letter the table gave it one character at a time
    chars = "".join(_EVERY_CHAR[::5]) + "發展中文の\ue000\ufffd?\x00"
    for kind in KINDS:
        if kind.code not in precheck.ORIGIN:
            continue
        table = screen._LegacyTable(kind)
        table.line = chars
        letters = chars.translate(table)
        assert letters == "".join(_legacy_letter(ch, kind) for ch in chars), kind.code
        assert len(set(letters)) > 10
        # the letter of ASCII is that of no other character (screen._high_in)
        for ch, letter in zip(chars, letters):
            assert (letter == screen._ASCII_LETTER) == (ch < "\x80"), (kind.code, ch)


def test_utf8_letters_filled_at_once_are_those_one_by_one() -> None:
    # the screen's letters of a line of many new characters, against each
    # character's bytes read one at a time (the form before)
    from cleantext.cjkmojibake.roundtrip import _encode_first

    chars = "".join(_EVERY_CHAR[::5]) + "鍙戝睍锘の\ue000\ufffd?\x00"
    alphabet = screen._alphabet()
    for kind in KINDS:
        if not screen.screens(kind):
            continue
        table = screen._Table(kind)
        table.line = chars
        letters = chars.translate(table)
        want = "".join(
            alphabet[(screen.steps_of(_encode_first(ch, kind.wrong)), ord(ch) not in plain_chars())]
            for ch in chars
        )
        assert letters == want, kind.code
        assert len(set(letters)) > 10


def test_legacy_han_is_every_pair_decoded_alone() -> None:
    # the pairs of bytes decoded in one call per codec give the Han
    # characters the pairs give decoded one at a time (the form before)
    from cleantext.textutil import is_han

    want: set[int] = set()
    for a in range(0xA1, 0xFA):
        for b in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            for codec in ("gb2312", "big5"):
                try:
                    ch = bytes([a, b]).decode(codec)
                except UnicodeDecodeError:
                    continue
                if len(ch) == 1 and is_han(ch):
                    want.add(ord(ch))
    precheck.legacy_han.cache_clear()
    assert precheck.legacy_han() == frozenset(want)
    assert len(want) > 15000


def _per_line_answers(code: mojibake._Code, hits: list[tuple[Finding, int, int]]) -> list[bool]:
    """What the per-line code columns said of each lost-character report (the
    form ``_Code.overlaps`` replaced)."""
    none = mojibake._Edits()
    return [
        mojibake._overlaps(
            f.col - 1, f.col - 1 + len(f.original or ""), code.spans(f.line - 1, none)
        )
        for f, _a, _b in hits
    ]


def test_lost_characters_in_code_are_those_the_line_spans_find() -> None:
    # _Code.overlaps on the input's offsets against the per-line spans the
    # filter read before: fences opened and closed (or not), code spans,
    # lost characters inside, beside and across their edges
    alphabet = [
        "```\n",
        "~~~\n",
        "`",
        "x",
        "中文",
        "?",
        "锟斤拷",
        "\ufffd\ufffd",
        "\n",
        "\n\n",
        " ",
    ]
    inside = outside = 0
    for body in _texts(alphabet, 3000, 14, (1, 30)):
        text = "# 标题\n\n" + body + "\n"
        code = mojibake._Code(text, Context())
        hits = mojibake._lost_hits(text)
        want = _per_line_answers(code, hits)
        got = code.overlaps([(a, b) for _f, a, b in hits])
        assert got == want, repr(text)
        inside += sum(want)
        outside += len(want) - sum(want)
    assert inside > 300 and outside > 300


def test_many_lost_characters_meet_code_spans_chunk_by_chunk() -> None:
    # more reports than markup.protected_for looks at one by one: the first
    # chunks proved clear of code, a later one scanning the text (a fence or
    # a code span after them), and that scan serving the chunks after it
    for where in (10, 20, 45, 70, 95):
        lines = [f"第{i}行文字?有失" for i in range(100)]
        lines.insert(where, "```")
        lines.insert(where + 5, "```")
        lines.insert(where // 2, "有 `代码?` 在此")
        text = "# 标题\n\n" + "\n".join(lines) + "\n"
        code = mojibake._Code(text, Context())
        hits = mojibake._lost_hits(text)
        want = _per_line_answers(code, hits)
        fresh = mojibake._Code(text, Context())
        assert fresh.overlaps([(a, b) for _f, a, b in hits]) == want, where
        assert 0 < sum(want) < len(want)


# --- GBK read as Latin-1: a run of min_latin_run characters (decide._latin_run) -----


def test_latin_high_holds_what_sloppy_latin1_encodes_above_ascii() -> None:
    from cleantext.cjkmojibake.roundtrip import LATIN, _encode_first

    # every such character is in the class (what the proof needs), and the
    # class holds one more: U+201B, inside cp1252's range of quotes
    high = re.compile(decide._LATIN_HIGH)
    extra = []
    for cp in [*range(0x80, 0xD800), *range(0xE000, 0x10000), 0x10000, 0x20000, 0x10FFFF]:
        ch = chr(cp)
        if _encode_first(ch, LATIN) is not None:
            assert high.fullmatch(ch), hex(cp)
        elif high.fullmatch(ch):
            extra.append(ch)
    assert extra == ["\u201b"]


def _latin_damaged_lines() -> list[str]:
    """GBK read as Latin-1 and cp1252, whole and in parts of one to four
    characters (two to eight damaged ones: runs of three and four), beside
    Chinese text, ASCII, '……' and '——', U+FFFD and a character of neither."""
    out = []
    for line in _CORPUS_LINES:
        for dec in ("latin-1", "cp1252"):
            for a, n in ((0, len(line)), (1, 1), (2, 2), (0, 3), (3, 4)):
                part = line[a : a + n]
                try:
                    bad = part.encode("gbk").decode(dec)
                except (UnicodeEncodeError, UnicodeDecodeError):
                    continue
                for k in (1, len(bad) // 2, len(bad) - 1):
                    for cut in ("", "\ufffd", "中", " ", "a", "…"):
                        out.append(line[:a] + bad[:k] + cut + bad[k:] + line[a + n :])
    return out


def test_latin_run_proof_changes_no_repair() -> None:
    # where _cannot_repair proves that GBK read as Latin-1 repairs nothing
    # for want of a run of four (STRICT, STRICT_SEEN), the full search finds
    # nothing: damaged lines, runs of three, runs of four broken by a
    # character sloppy Latin-1 cannot encode, typography of Chinese prose
    kind = next(k for k in KINDS if k.code == "mojibake-gbk-as-latin1")
    lines = _latin_damaged_lines()
    lines += _texts(list("·¢Õ¹ÖÐÎÄ€‚…—“”’ÃÂ©\x81\x8d\ufffd中文，。 a"), 3000, 12, (1, 16))
    proved = repaired = 0
    for line in lines:
        scores = char_scores(line)
        for th in (decide.STRICT, decide.STRICT_SEEN):
            cannot = decide._cannot_repair(line, kind, th, lambda s=scores: s, True)
            found = decide._candidates(line, kind, scores, th)
            if found:
                repaired += 1
                assert not cannot, line
                assert decide._latin_run(th.min_latin_run).search(line)
            proved += cannot
    assert repaired > 100
    assert proved > len(lines) // 2
    # the relaxed thresholds ask for runs of two: nothing is proved so
    assert not decide._cannot_repair("ÖÐ", kind, decide.RELAXED, lambda: char_scores("ÖÐ"), True)


# --- the scored units of a kind of one character per unit (decide._scored_chars) ---


def _scored_reference(line: str, kind: Kind, orig: list[float]) -> tuple[object, ...] | None:
    """_scored_units' general loops, as they were before the per-character form."""
    units = line_units(line, kind)
    if not any(u.rep is not None and u.rep != line[u.start : u.end] for u in units):
        return None
    parts, spans, pos = [], [], 0
    for u in units:
        t = u.rep if u.rep is not None else line[u.start : u.end]
        parts.append(t)
        spans.append((pos, pos + len(t)))
        pos += len(t)
    cand_scores = char_scores("".join(parts))
    deltas: list[float | None] = []
    for u, (a, b) in zip(units, spans):
        if u.rep is None:
            deltas.append(None)
        else:
            deltas.append(sum(cand_scores[a:b]) - sum(orig[u.start : u.end]))
    return units, spans, cand_scores, deltas


def test_scored_characters_are_the_scored_units() -> None:
    # the Big5/GBK kinds on clean and damaged lines and random texts with
    # barriers (characters that do not round-trip), ASCII, kana, spaces and
    # the rare Han of the bound's tests: the same units, spans, scores and
    # deltas (None at the same barriers), bit for bit
    lines = _CORPUS_LINES + _legacy_damaged_lines()
    lines += _texts(_SCORE_ALPHABET + list("發展祇甶楷桯蜿鍙戝睍"), 1500, 16, (1, 40))
    legacy = [k for k in KINDS if decide.per_char(k)]
    assert legacy
    compared = walls = 0
    for line in lines:
        orig = char_scores(line)
        for kind in legacy:
            want = _scored_reference(line, kind, orig)
            su = decide._scored_units(line, kind, orig, decide.STRICT)
            if want is None:
                assert su is None, (kind.code, line)
                continue
            assert su is not None, (kind.code, line)
            got = (su.units, su.spans, su.cand_scores, su.deltas)
            assert repr(got) == repr(want), (kind.code, line)
            compared += 1
            walls += None in su.deltas
    assert compared > 1000 and walls > 300
