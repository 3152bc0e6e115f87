"""The shortcuts on the path of a legacy CJK file through detection give
what the plain computations give: the byte-class bounds of ``_mostly_utf8``,
the GB2312 tier count of ``unlikely``, ``sample``'s cut and the line filter
of ``_has_utf8_lines``. Each is a necessary condition of the slow answer;
the inputs sit on both sides of it (legacy text of every CJK family, UTF-8
with 15-80 stray bytes, literal U+FFFD, random bytes of every density)."""

from __future__ import annotations

import random
import re

import pytest

from cleantext import decode, detect

_SENTENCES = (
    "今天的天气很好，我们一起去公园散步吧。",
    "这个问题需要仔细研究，不能急于下结论。",
    "他在图书馆里看了一下午的书，直到闭馆才离开。",
    "經濟發展與環境保護之間需要找到平衡點。",
    "日本語の文章を書くのは難しいですが、楽しいです。",
    "한국어 문장을 읽고 쓰는 연습을 합니다.",
    "Привет, как дела? Всё хорошо, спасибо.",
    "Schön grüßen, café déjà vu — naïve façade.",
    "plain ASCII words, numbers 12345 and (brackets).",
)
_CODECS = ("utf-8", "gbk", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr", "cp1251", "cp1252")


def _inputs() -> list[bytes]:
    rng = random.Random(13)
    out: list[bytes] = []
    for text in _SENTENCES:
        for codec in _CODECS:
            one = (text + "\n").encode(codec, "ignore")
            for k in (1, 3, 20, 300):
                out.append(one * k)
            data = one * 60
            out.append(data[: rng.randrange(1, len(data))])
            out.append("\ufffd".encode() + data)  # a literal U+FFFD
    # UTF-8 with stray bytes around the threshold of the lenient decode
    # (20 runs of U+FFFD), legacy lines in UTF-8 and UTF-8 lines in legacy text
    for text in _SENTENCES:
        utf8 = (text + "\n").encode() * 50
        for k in (1, 5, 15, 19, 20, 21, 22, 25, 40, 80):
            data = bytearray(utf8)
            for _ in range(k):
                data.insert(rng.randrange(len(data)), rng.randrange(0x80, 0x100))
            out.append(bytes(data))
        legacy = rng.choice(_SENTENCES).encode("gbk", "ignore")
        out.append(utf8[:1500] + legacy * rng.randrange(1, 30) + utf8[1500:])
        out.append(legacy * 40 + utf8[:300] + legacy * 40)
    words = [w.encode(c, "ignore") for t in _SENTENCES for w in t.split() for c in ("utf-8", "gbk")]
    for _ in range(300):
        out.append(b" ".join(rng.choice(words) for _ in range(rng.randrange(5, 400))))
    for _ in range(600):
        n = rng.randrange(1, 5000)
        low = rng.choice((0x00, 0x20, 0x80, 0xA1, 0xC0))
        out.append(bytes(rng.randrange(low, 0x100) for _ in range(n)))
    return out


def _plain_counts(head: bytes) -> tuple[int, int]:
    """Valid multi-byte characters and runs of U+FFFD of the lenient decode."""
    text = head.decode("utf-8", "replace")
    runs = len(re.findall("\ufffd+", text))
    good = sum(1 for ch in text if ch > "\x7f" and ch != "\ufffd")
    return good, runs


def test_utf8_bounds_hold() -> None:
    proved = 0
    for data in _inputs():
        head = data[: decode._HEAD]
        if b"\xef\xbf\xbd" in head:
            continue  # not asked: a literal U+FFFD joins runs
        good_at_most, runs_at_least = decode._utf8_bounds(head)
        good, runs = _plain_counts(head)
        assert good <= good_at_most and runs >= runs_at_least, data[:80]
        proved += runs_at_least > 20 and good_at_most < 2 * runs_at_least
    assert proved > 200


def test_mostly_utf8_is_the_same_without_the_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = _inputs()
    fast = [decode._mostly_utf8(d) for d in inputs]
    monkeypatch.setattr(decode, "_utf8_bounds", lambda head: (1 << 60, 0))
    slow = [decode._mostly_utf8(d) for d in inputs]
    assert fast == slow
    assert 50 < sum(fast) < len(fast) - 200  # both answers, near the line too


def test_utf8_bounds_of_gbk_text_prove_it_legacy() -> None:
    # The case they are for: a page of GBK Chinese, where the byte runs
    # bounded by ASCII are few and the older count proves nothing.
    data = ("".join(_SENTENCES[:3]) + "\n").encode("gbk") * 20
    head = data[: decode._HEAD]
    good_at_most, runs_at_least = decode._utf8_bounds(head)
    assert runs_at_least > 20 and good_at_most < 2 * runs_at_least
    assert not decode._clearly_legacy(head, head.translate(decode._LEAD_CONT))
    assert not decode._mostly_utf8(data)


def _unlikely_plain(codec: str, text: str) -> bool:
    """``detect.unlikely`` for GB18030 as the tier pattern computes it."""
    n = len(text) - len(text.encode("ascii", "ignore"))
    if n < 8:
        return False
    if len(detect._KANA.findall(text)) * 5 > n:
        return True
    inside = text.encode("gb2312", "ignore").decode("gb2312")
    if (n - (len(inside) - len(inside.encode("ascii", "ignore")))) * 2 > n:
        return True
    rare, common = detect.rare_han(text, codec)
    return rare + common >= 8 and rare * 5 > 3 * (rare + common)


def test_unlikely_gb18030_counts_as_the_tier_pattern() -> None:
    rng = random.Random(17)
    texts = [data.decode("gb18030", "replace") for data in _inputs()]
    texts += [data.decode("gb18030", "ignore") for data in _inputs()[:500]]
    for _ in range(2000):
        texts.append(
            "".join(
                chr(
                    rng.choice(
                        (
                            rng.randrange(0x20, 0x7F),
                            rng.randrange(0x80, 0x3000),
                            rng.randrange(0x3040, 0x3100),
                            rng.randrange(0x4E00, 0xA000),
                            rng.randrange(0xAC00, 0xD7A4),
                            rng.randrange(0xFF01, 0xFF9F),
                        )
                    )
                )
                for _ in range(rng.randrange(1, 80))
            )
        )
    answers = [detect.unlikely("gb18030", t) for t in texts]
    assert answers == [_unlikely_plain("gb18030", t) for t in texts]
    assert 100 < sum(answers) < len(answers) - 100


def _sample_plain(data: bytes, size: int) -> bytes:
    if len(data) <= size:
        return data
    m = re.search(rb"[\x80-\xff]", data)
    if m is not None and m.start() > size // 2:
        start = data.rfind(b"\n", 0, m.start()) + 1
        if len(data) - start <= size:
            return data[start:]
        data = data[start:]
    cut = data.rfind(b"\n", size // 2, size)
    if cut < 0:
        cut = size - 1
        while cut > size // 2 and data[cut] >= 0x80:
            cut -= 1
    return data[: cut + 1]


def test_sample_cuts_where_the_byte_walk_cut() -> None:
    rng = random.Random(19)
    inputs = _inputs()[:800]
    for _ in range(3000):
        share = rng.random() ** 3  # mostly non-ASCII, down to none
        n = rng.randrange(0, 1500)
        inputs.append(
            bytes(
                rng.randrange(0x20, 0x80) if rng.random() < share else rng.randrange(0x80, 0x100)
                for _ in range(n)
            )
        )
    for data in inputs:
        for size in (8, 9, 256, 512, 4096):
            assert detect.sample(data, size) == _sample_plain(data, size), (data[:40], size)


def test_has_utf8_lines_is_the_same_without_the_byte_filter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inputs = _inputs()
    fast = [decode._has_utf8_lines(d.split(b"\n")) for d in inputs]
    monkeypatch.setattr(decode, "_NOT_UTF8", re.compile(rb"(?!)"))  # finds nothing
    assert fast == [decode._has_utf8_lines(d.split(b"\n")) for d in inputs]
    assert 50 < sum(fast) < len(fast) - 50


def test_a_sure_cjk_candidate_is_answered_as_the_full_test_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # detect() returns a sure candidate (_sure_scores) without asking again
    # for its oddities and half-width katakana: the same Detection as when
    # it asks. The thresholds make that so:
    assert detect._CJK_EARLY >= detect._CJK_SURE >= detect._CJK_PLAUSIBLE
    assert detect._CJK_EARLY_N >= 8
    inputs = [d for d in _inputs() if not d.isascii()]
    inputs = [d for d in inputs if decode._strict_or_none(d, "utf-8") is None]

    def key(d: detect.Detection) -> tuple[object, ...]:
        return (d.encoding, d.confidence, d.method, d.declared, d.clean, d.text)

    fast = [key(detect.detect(d)) for d in inputs]
    sure = detect._sure_scores

    def unsure(name: str, text: str) -> detect.Candidate | list[float] | None:
        got = sure(name, text)
        if isinstance(got, detect.Candidate):
            got.sure = False
        return got

    monkeypatch.setattr(detect, "_sure_scores", unsure)
    assert fast == [key(detect.detect(d)) for d in inputs]
    assert sum(1 for k in fast if k[2] == "cjk") > 100
