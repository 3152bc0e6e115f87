"""Detection's fast paths give what the plain computations give: the
byte-class prefilter against a per-code-page count written out directly,
the two forms of its byte scans, and the early-stopping oddity comparison
against the full count."""

from __future__ import annotations

import random
import re

import pytest

from cleantext import decode, detect
from cleantext.config import Config

_SAMPLES = (
    "Törökország és Magyarország között, a Duna partján.",
    "Za gęślą jaźń. Zażółć gęślą jaźń! ŁÓDŹ, Śląsk",
    "Привет, как дела? Всё хорошо. GNU tar: ошибка записи «файла»",
    "Καλημέρα κόσμε — ελληνικά (Ελλάδα), άλλο ένα",
    "Schön grüßen, café déjà vu — naïve façade, Œuvre «été» 50 €",
    "Yazılım ığdır şöyle; Çağrı ĞÜŞİÖÇ",
    "שלום עולם, עברית",
    "مرحبا بالعالم، العربية",
    "สวัสดีชาวโลก ภาษาไทย",
    "Tiếng Việt có dấu: đường phố",
    "plain ASCII only",
)
_CODECS = (
    "cp1250",
    "cp1251",
    "cp1252",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    "iso8859-2",
    "iso8859-5",
    "iso8859-7",
    "koi8-r",
    "cp866",
    "cp437",
    "cp850",
    "mac-roman",
    "tis-620",
)


def _inputs() -> list[bytes]:
    """Text in every code page that encodes it, some of it repeated or cut,
    and random bytes of every density of non-ASCII bytes."""
    rng = random.Random(11)
    out: list[bytes] = []
    for text in _SAMPLES:
        for codec in _CODECS:
            data = text.encode(codec, "ignore")
            out += [data, data * 7, data[: len(data) // 2], data.upper()]
    for _ in range(300):
        n = rng.randrange(1, 300)
        share = rng.random()
        out.append(
            bytes(
                rng.randrange(0x80, 0x100) if rng.random() < share else rng.randrange(0x20, 0x80)
                for _ in range(n)
            )
        )
    return out


def _prefilter_plain(data: bytes) -> list[tuple[int, str]]:
    """:func:`detect._prefilter` computed code page by code page, byte by
    byte, without packed counts, shared sequence counts or pruning."""
    detect._tables()
    data = data[: detect._PREFILTER_BYTES]
    high = bytes(b for b in data if b >= 0x80)
    if not high:
        return []
    runs = b" ".join(bytes(b if b >= 0x80 else 0x20 for b in data).split())
    after = b"".join(re.findall(rb"[a-z]([\x80-\xff])", data))
    before = b"".join(re.findall(rb"[\x80-\xff](?=[A-Za-z])", data))
    slack = max(1.0, detect._PREFILTER_SLACK * len(runs))
    scored = []
    for name, t in detect._TABLE_LIST:
        if sum(t.runs[b] == ord("U") for b in high):
            continue
        if b" " in data and name in detect._EBCDIC:
            continue
        cls = bytes(t.runs[b] for b in runs)
        latin = bytes(t.latin[b] for b in runs)
        bad = (
            sum(t.runs[b] == ord("x") for b in high)
            + sum(t.after[b] == ord("x") for b in after)
            + sum(t.before[b] == ord("x") for b in before)
            + cls.count(b"lu")
            + latin.count(b"aaa")
        )
        scored.append((bad, detect._RARE.get(name, 0), name))
    if not scored:
        return []
    scored.sort()
    limit = scored[0][0] + slack
    return [(bad, name) for bad, _, name in scored if bad <= limit]


def test_prefilter_equals_the_plain_count() -> None:
    for data in _inputs():
        assert detect._prefilter(data) == _prefilter_plain(data), data[:60]


def test_after_before_both_scan_forms() -> None:
    # Inputs around the density where the scan switches form, and beyond.
    rng = random.Random(5)
    for data in _inputs():
        n_high = sum(b >= 0x80 for b in data)
        want = (
            b"".join(re.findall(rb"[a-z]([\x80-\xff])", data)),
            b"".join(re.findall(rb"[\x80-\xff](?=[A-Za-z])", data)),
        )
        assert detect._after_before(data, n_high) == want
        # either form, whatever the density says
        assert detect._after_before(data, 0) == want
        assert detect._after_before(data, len(data)) == want
    for _ in range(200):
        data = bytes(rng.choice(b"aZ \xe9\xc0\xff") for _ in range(rng.randrange(0, 40)))
        assert detect._after_before(data, 0) == detect._after_before(data, len(data))


def test_more_oddities_is_the_full_count_compared() -> None:
    texts = []
    for text in _SAMPLES:
        for codec in _CODECS:
            data = text.encode(codec, "ignore")
            for other in _CODECS:
                texts.append(data.decode(other, "replace"))
    texts += ["n·mero k—nnen", "Cafι crθme", "novějąí", "a\xa0b", ""]
    seen = 0
    for text in texts:
        full = detect._reading_oddities(text)
        seen += full > 0
        for limit in range(-1, full + 3):
            assert detect._more_oddities(text, limit) == (full > limit), (text, limit)
    assert seen > 100  # the readings do have oddities to count


_TR = "Yazılım güncellemesi başarısız oldu; dosya şöyle: ığdır çağrı öğrenci."
_RU = "Программа завершилась с ошибкой: файл не найден."


def _lines_given(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the inputs decode's line-by-line reading is given."""
    sizes: list[int] = []
    real = decode._decode_lines

    def spy(data: bytes, main: str | None, declared: str | None) -> decode.Decoded:
        sizes.append(len(data))
        return real(data, main, declared)

    monkeypatch.setattr(decode, "_decode_lines", spy)
    return sizes


def test_large_single_byte_input_is_judged_on_its_start(monkeypatch: pytest.MonkeyPatch) -> None:
    # A Turkish ISO-8859-9 file with a line that is valid UTF-8 at its
    # start, and C1 controls no other codec reads: whether to read it line
    # by line is tried (and rejected) on its start, not on every line.
    line = _TR.encode("iso8859-9")
    odd = line[:20] + b"\x81" + line[20:]
    body = "Ã¶Ã¼ Ã§Ä±\n".encode("cp1254")
    body += b"\n".join(odd if i % 10 == 0 else line for i in range(16_000)) + b"\n"
    assert len(body) > decode._LARGE
    sizes = _lines_given(monkeypatch)
    d = decode.decode_bytes(body, Config())
    assert (d.method, d.encoding, d.runs) == ("chardet", "iso8859-9", [])
    assert d.text == body.decode("iso8859-9")
    assert sizes and max(sizes) <= decode._LARGE_PROBE
    # its start alone (a small input: every line tried) reads the same way
    sizes.clear()
    small = detect.sample(body, decode._LARGE_PROBE)
    assert decode.decode_bytes(small, Config()).runs == []
    assert sizes == [len(small)]


def test_large_mixed_input_is_still_read_line_by_line(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [(_RU.encode() if i % 7 == 0 else _TR.encode("cp1254")) for i in range(16_000)]
    data = b"\n".join(lines) + b"\n"
    assert len(data) > decode._LARGE
    sizes = _lines_given(monkeypatch)
    d = decode.decode_bytes(data, Config())
    assert d.method == "lines" and d.runs
    assert d.text.count(_RU) == len(range(0, 16_000, 7))
    assert len(data) in sizes  # the whole input, once its start read better so


def test_byte_undefined_past_the_prefilter_window_is_no_crash() -> None:
    # The prefilter reads the first 64 KB; a byte past it that cp1252 and
    # its siblings leave undefined (0x81) made the check that they all read
    # the input alike raise UnicodeDecodeError (a traceback from clean()).
    data = "Köln café übermäßig\n".encode("cp1252") * 4_000 + b"\x81\n"
    assert len(data) > detect._PREFILTER_BYTES
    d = decode.decode_bytes(data, Config())
    assert d.text == data.decode(d.encoding)
    assert d.text.startswith("Köln café")


def _big5_text(size: int) -> bytes:
    """Traditional Chinese (written here) in Big5, ``size`` bytes or more."""
    para = "中華民國的經濟發展很快，人民生活水準不斷提高。我們討論這個問題已經很久了。\n"
    return (para * (size // len(para.encode("big5")) + 1)).encode("big5")


def test_large_cjk_input_is_decoded_whole_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Big5 text of common characters decodes as GB18030 too: the
    # whole-input decode in GB18030 is skipped (its start reads far worse,
    # so it cannot be the answer or change the confidence), Big5's is done.
    data = _big5_text(200_000)
    whole: list[str] = []
    real = detect._strict

    def spy(raw: bytes, name: str) -> str | None:
        if len(raw) == len(data):
            whole.append(name)
        return real(raw, name)

    monkeypatch.setattr(detect, "_strict", spy)
    lazy = detect.cjk_candidates(data, stop_when_sure=True)
    assert whole == ["big5"]
    eager = detect.cjk_candidates(data, stop_when_sure=True, eager=True)
    assert "gb18030" in whole[1:]
    assert (lazy[0].codec, lazy[0].full) == (eager[0].codec, eager[0].full)
    assert detect.posterior([c.logprob for c in lazy]) == detect.posterior(
        [c.logprob for c in eager]
    )


def test_large_cjk_input_whose_best_codec_fails_late_is_decoded_as_before() -> None:
    # The best reading's codec does not decode the whole input (a byte no
    # Big5 code has near the end): every codec is tried whole, as before.
    data = _big5_text(200_000)
    data = data[:-10] + b"\x80\x80" + data[-10:]
    lazy = detect.cjk_candidates(data, stop_when_sure=True)
    eager = detect.cjk_candidates(data, stop_when_sure=True, eager=True)
    key = [(c.codec, c.logprob, c.also, c.full is None) for c in lazy]
    assert key == [(c.codec, c.logprob, c.also, c.full is None) for c in eager]
    d = decode.decode_bytes(data, Config())
    assert d.text.startswith("中華民國")


def test_clearly_legacy_never_changes_mostly_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    # The byte-count proof answers only where the lenient decode answers
    # False: legacy text of every sample code page, UTF-8 with stray bytes,
    # surrogates and legacy lines, random bytes of every density.
    rng = random.Random(7)
    inputs = _inputs()
    for text in _SAMPLES:
        utf8 = (text + "\n").encode() * 40
        for _ in range(5):
            i = rng.randrange(len(utf8))
            inputs.append(utf8[:i] + bytes([rng.randrange(0x80, 0x100)]) + utf8[i:])
        inputs.append(utf8[:500] + b"\xed\xa0\x80" + utf8[500:])
        inputs.append(utf8 + text.encode("cp1251", "ignore") * 30)
        inputs.append("\ufffd".encode() + text.encode("cp1252", "ignore") * 30)
    for _ in range(500):
        n = rng.randrange(1, 5000)
        inputs.append(bytes(rng.randrange(0x20, 0x100) for _ in range(n)))
    # near the line: words in UTF-8 and in a legacy code page mixed in
    # every proportion, and UTF-8 with 15-80 stray bytes
    words = [w for text in _SAMPLES for w in text.split()]
    for _ in range(400):
        share, codec = rng.random(), rng.choice(("cp1251", "cp1252", "cp1250", "koi8-r"))
        inputs.append(
            b" ".join(
                rng.choice(words).encode("utf-8" if rng.random() < share else codec, "ignore")
                for _ in range(rng.randrange(50, 600))
            )
        )
    for text in _SAMPLES:
        utf8 = (text + " ").encode() * 60
        for k in (15, 25, 40, 80):
            data = bytearray(utf8)
            for _ in range(k):
                data.insert(rng.randrange(len(data)), rng.randrange(0x80, 0x100))
            inputs.append(bytes(data))
    fast = [decode._mostly_utf8(d) for d in inputs]
    proved = sum(
        decode._clearly_legacy(d[:4096], d[:4096].translate(decode._LEAD_CONT)) for d in inputs
    )
    monkeypatch.setattr(decode, "_clearly_legacy", lambda head, marks: False)
    assert fast == [decode._mostly_utf8(d) for d in inputs]
    assert proved > 100 and any(fast)
