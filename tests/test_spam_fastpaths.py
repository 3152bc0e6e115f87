"""The fast paths of the spam step give what the code they short-cut gives,
on random texts and on texts built to be *almost* caught (issue 13)."""

from __future__ import annotations

import re

import pytest
from _gen import random_texts

from cleantext import spamlex
from cleantext.spamlex import Lexicon, has_sentence_end, lexicon
from cleantext.steps import Context, spam
from cleantext.steps.spam import remove_spam

#: The reference of :func:`has_sentence_end` (its pattern before the rewrite).
SENTENCE_END = re.compile(r"[。！？!?]|[.](?:\s|$)")


def test_sentence_end_is_the_alternation_s() -> None:
    alphabet = [".", "。", "！", "？", "!", "?", " ", "\n", "\u3000", "\x85", "a", "中", ".."]
    texts = random_texts(alphabet, 20_000, seed=13, length=(0, 8))
    texts += ["", ".", "a.", ".a", "a. b", "a.\n", "a.\u3000", "1.5", "...", "。", "a?b", "e.g"]
    for text in texts:
        assert has_sentence_end(text) == (SENTENCE_END.search(text) is not None), repr(text)


def _compiled(lex: Lexicon) -> Lexicon:
    for group in lex._strong + lex._filler:
        group._pattern = None
        group.pattern_for("中" * (spamlex._PRETEST_CHARS + 1))  # long, not ASCII: compiles
        assert group._pattern is not None
    return lex


def test_a_group_of_wide_terms_finds_what_its_pattern_finds() -> None:
    # ASCII text and text without the first wide character of any term are
    # not searched for the wide terms ("av在线" opens on ASCII; "在线" and
    # "线上" share their characters, in the other order).
    terms = {"av在线": "porn", "线上赌场": "gambling", "é中": "user", "在线": spamlex.FILLER}
    alphabet = ["a", "v", "在", "线", "上", "赌", "场", "é", "中", "e", " ", "©", "A"]
    texts = random_texts(alphabet, 5_000, seed=14, length=(0, 10))
    texts += ["av", "AV在线", "在", "线上", "上线", "é", "e中", "中é", "©", "plain English."]
    compiled = _compiled(Lexicon(dict(terms)))
    for text in texts:
        want = compiled.find_all(text)
        assert Lexicon(dict(terms)).find_all(text) == want, text
        assert Lexicon(dict(terms)).find(text) == compiled.find(text), text


def test_the_built_in_lexicon_finds_no_wide_term_in_ascii() -> None:
    lex = lexicon()
    wide = [g for g in lex._strong + lex._filler if not g._latin]
    assert wide and all(not t.isascii() for g in wide for t in g._terms)
    assert all(g.pattern_for("free online casino, buy now") is None for g in wide)


#: Pieces of contacts and of near misses, in both cases.
CONTACT_PIECES = [
    "www.", "WWW.", "ww.", "://", "http", "Https", ".", ".com", ".CoM", ".cn", ".c", ".org",
    "example", "1", "3", "2", "0", "13912345678", "12345", "qq", "QQ", "q", "wx", "WX", "vx",
    "Tg", "t", "g", "weixin", "WeiXin", "TELEGRAM", "v", "V", ":", " ", "\t", "abcde", "-",
    "_", "@", "/", "](", ")", "[", "a",
]  # fmt: skip


def test_the_ascii_contact_test_misses_no_contact() -> None:
    texts = random_texts(CONTACT_PIECES, 30_000, seed=15, length=(0, 9))
    texts += [
        "see https://example.org/x", "mail me at foo@bar.net", "call 139 1234 5678",
        "QQ: 123456", "wx abcde1", "v: ab1234", "V :ab1234", "www.x", "a.com.", "TG:handle",
        "telegram abcdef", "weixin:abcdef", "1.5 and 2.0", "Version 13.2", "v1.2:",
    ]  # fmt: skip
    for text in texts:
        assert text.isascii()
        found = spam._CONTACT.search(text) is not None
        assert spam._has_contact(text) == found, text
        if found:
            assert spam._may_hold_contact(text), text
        want = [] if spam._CONTACT_NEEDS.search(text) is None else _contacts_reference(text)
        assert spam.contacts(text) == want, text


def _contacts_reference(line: str) -> list[str]:
    """:func:`spam.contacts` without its quick test (no Han in these lines:
    no match is inside a sentence)."""
    if "](" in line:
        line = re.sub(r"\]\([^)\s]*\)", "]", line)
    return [m.group() for m in spam._CONTACT.finditer(line)]


#: Pieces of head and tail lines: filler words, contacts, separators, names
#: that open every segment, Simplified and Traditional characters.
LINE_PIECES = [
    "free", "Free", "online", "best", "download", "hot", "dating", "Online", "hd", "foo",
    "foobar", "the", "theory", "www.example.com", "13912345678", "QQ 123456", "wx abcdef1",
    "_", ",", "|", " ", "  ", "-", ".", "!", "。", "亚洲", "在线", "视频", "当前", "當前", "們",
    "们", "国", "國", "é", "©", "a", "b", "\t",
]  # fmt: skip
_ENGLISH = "The free software is best when you download it and read the theory online."


def _bodies() -> list[spam._Body]:
    return [
        spam._Body("", None),
        spam._Body(_ENGLISH, None),
        spam._Body("今天天气很好，我们去公园散步。这个国家的人们很热情。", "hans"),
        spam._Body("今天天氣很好，我們去公園散步。這個國家的人們很熱情。", "hant"),
    ]


def test_an_inert_line_is_neither_removable_nor_reported() -> None:
    lex = lexicon()
    lines = random_texts(LINE_PIECES, 4_000, seed=16, length=(1, 8))
    lines += ["Free Online Download", "free, online, best", "foo_foobar_foo", "當前們國"]
    inert = live = 0
    for line in lines:
        if lex.find(line):
            continue  # (a line with a term is never asked)
        padding = spam._inert_padding(line)
        assert spam._inert(line) == (padding is not None)
        if padding is not None:
            inert += 1
            for body in _bodies():
                for where in ("head", "tail"):
                    v = spam._judge(line, [], body, where, 0)
                    assert v.score < spam.REPORT_THRESHOLD, (line, body.text)
                    assert not spam._removable(v, line), (line, body.text)
                    # What remove_spam reads of an inert line's verdict.
                    assert v.padding == padding and v.filler == len(padding), line
                    assert not v.strong and not v.contacts, line
        else:
            live += 1
    assert inert > 500 and live > 500


def test_no_script_character_is_ascii() -> None:
    simplified, traditional = spamlex._script_sets()
    assert not any(c.isascii() for c in simplified | traditional)


def test_the_step_answers_the_same_without_the_inert_lines_shortcut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = []
    for k, head in enumerate(random_texts(LINE_PIECES, 600, seed=17, length=(1, 8))):
        tail = LINE_PIECES[k % len(LINE_PIECES)] * 3
        texts.append(f"{head}\r\n{_ENGLISH}\n{_ENGLISH}\n\n{tail}\n")
        texts.append(f"{head}\n{head}, {tail}\n今天天气很好，我们去公园散步，人们很热情。\n{tail}")
    fast = [remove_spam(t, Context()) for t in texts]
    # (_edge_line's answers given before the patch are not given after it.)
    monkeypatch.setattr(spam, "_EDGE_MEMO", {})
    monkeypatch.setattr(spam, "_inert_padding", lambda line: None)
    assert [remove_spam(t, Context()) for t in texts] == fast
    assert sum(bool(f) for _t, f in fast) > 20


_SPAM = "澳门新葡京,百家乐,时时彩,北京赛车"
#: Pieces of keyword-run lines of a document, most of them inert without a
#: filler word, some with one or two, a contact or one name.
EDGE_PIECES = [
    "foo", "bar", "the", "theory", ",", " ", " ", "_", "|", "-", ".", "a", "b", ".TP", "中文",
    "é", "\t", "Free", "online", "在线", "foo_foo", "x.org",
]  # fmt: skip


def _near_miss_texts() -> list[str]:
    """Texts whose head and tail lines are inert (with and without filler
    words) beside lines that are not: contacts, filler runs, one name."""
    texts = []
    lines = random_texts(LINE_PIECES, 900, seed=18, length=(1, 8))
    lines += random_texts(EDGE_PIECES, 900, seed=20, length=(3, 8))
    for k in range(0, len(lines) - 3, 3):
        a, b, c = lines[k : k + 3]
        texts.append(f"{a}\n{b}\r\n{_ENGLISH}\n{_ENGLISH}\n{c}\n{a}, {c}\n")
        texts.append(f"{a}\n亚洲, 在线, {b}\n今天天气很好，我们去公园散步，人们很热情。\n{c}\n{b}")
        texts.append(f"{a}\nQQ 123456 {b}\n{_ENGLISH}\n{c}\n\n")
        texts.append(f"{_SPAM}\n{a}\n{b}\n微信：abc12345\n{_ENGLISH}\n{_ENGLISH}\n{c}\n{_SPAM}")
        texts.append(
            f"{a}\n{_SPAM}\n\n{b}\n今天天气很好，我们去公园散步，人们很热情。\n{c}\nwww.x.com"
        )
    return texts


def test_the_step_answers_the_same_with_the_lines_without_filler_judged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An inert line without a filler word is no candidate (see remove_spam):
    # the reference judges it as a candidate that is not live.
    texts = _near_miss_texts()
    fast = [remove_spam(t, Context()) for t in texts]
    inert_padding = spam._inert_padding
    monkeypatch.setattr(spam, "_EDGE_MEMO", {})
    monkeypatch.setattr(
        spam,
        "_inert_padding",
        lambda line: None if (p := inert_padding(line)) is None else p or [""],
    )
    judged = []
    judge = spam._judge

    def judging(line: str, *args: object) -> spam._Verdict:
        judged.append(line)
        return judge(line, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(spam, "_judge", judging)
    assert [remove_spam(t, Context()) for t in texts] == fast
    assert sum(bool(f) for _t, f in fast) > 50
    assert sum(inert_padding(line) == [] for line in judged) > 100  # the lines it spares


def test_edge_line_answers_as_the_tests_it_keeps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spam, "_EDGE_MEMO", {})
    monkeypatch.setattr(spam, "EDGE_MEMO_CHARS", 2_000)  # (cleared now and then too)
    lines = random_texts(LINE_PIECES, 3_000, seed=19, length=(1, 8))
    lines += random_texts(EDGE_PIECES, 3_000, seed=21, length=(1, 8))
    lines += [line + "\r" for line in lines[::3]] + lines[::5]
    held = 0
    for line in lines:
        maybe = spam._maybe_structural(line)
        bare = line[:-1] if line.endswith("\r") else line
        want = (maybe, spam._inert_padding(bare) if maybe else None)
        held += line in spam._EDGE_MEMO
        assert spam._edge_line(line) == want, line
        assert spam._edge_line(line) == want, line  # (now from the memo)
    assert held > 20  # (answers given before the second call of a line)


#: Pieces of head and tail lines with and without lexicon terms (Latin and
#: Han, in both cases), near misses of them, and the characters that turn
#: the key scan off.
TERM_PIECES = [
    "百家乐", "时时彩", "AV在线", "av", "在", "线", "成人视频", "成人", "视频", "k粉", "K粉",
    "viagra", "VIAGRA", "viagr", "casino", "Casinos", "online casino", "seo service", "pres",
    "İ", "\u212a", "\r", ",", " ", "_", ".", "。", "the", "free", "中文", "QQ 123456",
]  # fmt: skip


def test_the_step_answers_the_same_with_the_key_scan_of_the_edges(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = []
    lines = random_texts(TERM_PIECES, 2_400, seed=22, length=(1, 6))
    for k in range(0, len(lines) - 4, 4):
        a, b, c, d = lines[k : k + 4]
        texts.append(f"{a}\n{b}\n{_ENGLISH}\n{_ENGLISH}\n{c}\n{d}\n")
        texts.append(f"{a}\n{b}\n今天天气很好，我们去公园散步，人们很热情。\n{c}\n\n{d}")
    monkeypatch.setattr(spam, "KEY_SCAN_LINES", 0)  # the scan on every text
    scanned = [remove_spam(t, Context()) for t in texts]
    # The reference: lex.find of every head and tail line (and of every
    # middle row, which changes nothing there either).
    monkeypatch.setattr(Lexicon, "lines_maybe_with_terms", lambda self, text: None)
    assert [remove_spam(t, Context()) for t in texts] == scanned
    assert sum(bool(f) for _t, f in scanned) > 100


def _one_name_run_reference(line: str) -> bool:
    """:func:`spam._one_name_run` as it was: the prefix cut a character at a
    time, to the end."""
    segs = [x for x in re.split(r"[_|｜,，、/\s-]+", line) if x]
    if len(segs) < 3:
        return False
    prefix = segs[0]
    for x in segs[1:]:
        while prefix and not x.startswith(prefix):
            prefix = prefix[:-1]
    return len(prefix) >= 2


def test_one_name_run_is_the_prefix_cut_a_character_at_a_time() -> None:
    pieces = ["减肥药", "减肥", "减", "药", "ab", "a", "abc", "b", "_", "|", ",", " ", "-", "，"]
    lines = random_texts(pieces, 20_000, seed=23, length=(1, 9))
    lines += random_texts(EDGE_PIECES + LINE_PIECES, 5_000, seed=24, length=(1, 9))
    lines += ["减肥药哪里买_减肥药效果_减肥药价格", "第一章_第二章_第三章", "ab_ab_a", "ab_ab_ab"]
    runs = 0
    for line in lines:
        want = _one_name_run_reference(line)
        assert spam._one_name_run(line) == want, line
        runs += want
    assert runs > 50


def test_the_han_key_scan_finds_nothing_in_ascii() -> None:
    # (Why lines_maybe_with_terms does not run it on a text of ASCII.)
    lex = Lexicon(dict(lexicon().categories) | {"k粉x": "user", "x赌": "user"})
    lex.lines_maybe_with_terms("")
    han = lex._keys.han if lex._keys is not None else None
    assert han is not None
    every = "".join(map(chr, range(128)))
    texts = [every, every * 3, *random_texts(list(every), 3_000, seed=25, length=(0, 30))]
    for text in texts:
        assert han.search(text) is None, text
    assert han.search("k粉x") is not None and han.search("x赌") is not None
