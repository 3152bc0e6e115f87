"""The decode stage: bytes to text, remembering how to write it back.

It runs before the text steps (:mod:`cleantext.steps`) whenever the input is
bytes; users name it ``decode`` like a step (``cleantext decode``).

Order of evidence, cheapest first:

1. ``config.encoding`` forces a codec (``gb2312``/``gbk`` read as GB18030).
2. A byte order mark (UTF-8, UTF-16, UTF-32).
3. NUL bytes in a UTF-16/UTF-32 pattern (no BOM).
4. Strict UTF-8: the fast path, no detector, no scoring. ISO-2022 escape
   sequences in 7-bit input are the one exception looked for.
5. Otherwise every candidate codec (GB18030, Big5, Shift_JIS, EUC-JP,
   EUC-KR, cp1252, UTF-16/32, Latin-1) that decodes the first 16 KB
   strictly is scored with :mod:`cleantext.plausibility` (a CJK
   character/bigram model); the most plausible reading wins, and the
   posterior of the scores is the confidence. A ``<meta charset>`` /
   ``<?xml encoding?>`` declaration adds a bonus to its codec, as browsers
   trust it. charset-normalizer is asked for more candidates (the web's
   single-byte codepages: Cyrillic, Greek, Central European...) only when a
   single-byte codec wins or no reading is plausible.
6. Mixed files: when a single-byte codec wins (they decode anything), when
   some lines are plainly UTF-8 in a legacy file, or when nothing decodes
   the whole file, lines are decoded one by one: in the multi-byte codec
   that covers most bytes, or whichever reading of a line is clearly more
   plausible. Each run of lines in a legacy encoding is reported as a
   ``mixed-encoding`` finding. Legacy lines that the file's codec decodes
   too, but wrongly (Big5 lines in a GBK file), are left to the mojibake
   step, which repairs them span by span.
7. Bytes nothing decodes become U+FFFD (when that reading beats every
   strict one); each replaced span is reported as ``undecodable-bytes`` and
   :attr:`Decoded.lossy` is set, so the CLI can refuse to write the file.

Valid UTF-8 comes back byte-identical through :func:`encode_text`, BOM and
CRLF included.
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass, field

from . import plausibility
from .config import Config
from .errors import CleantextError
from .findings import Finding

SUMMARY = (
    "decode bytes to text: BOMs, strict UTF-8 first, then codecs ranked by a CJK plausibility score"
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Candidate families in order of preference on a tie. Within a family, the
#: first codec that decodes strictly names the family (the strictest name
#: that fits: ``big5`` before its Microsoft superset ``cp950``...).
_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("gb18030",),
    ("big5", "cp950", "big5hkscs"),
    ("shift_jis", "cp932"),
    ("euc_jp",),
    ("euc_kr", "cp949"),
    ("cp1252",),
    ("utf-16-le",),
    ("utf-16-be",),
    ("utf-32-le",),
    ("utf-32-be",),
    ("iso8859-1",),
)
_MULTIBYTE = frozenset(n for fam in _FAMILIES for n in fam if n not in ("cp1252", "iso8859-1"))
#: Bytes of input scored per candidate; the winner still decodes it all.
_SAMPLE = 1 << 14
#: log10 bonus for the codec that the markup declares.
_DECLARED_BONUS = 5.0
#: Below this mean score per character, ask charset-normalizer too.
_POOR = -4.0
#: Single-byte codecs taken from charset-normalizer: the legacy encodings
#: of the web (WHATWG), not DOS or mainframe codepages.
_WEB_SINGLE_BYTE = re.compile(
    r"^(cp125[0-8]|iso8859-([2-9]|1[0-6])|koi8-[ru]|cp866|mac-cyrillic|cp874|tis-620)$"
)
#: log10 cost per non-ASCII character for codecs only charset-normalizer proposes.
_EXOTIC_PRIOR = 1.0
#: log10 cost of each byte replaced with U+FFFD, when comparing readings.
_LOST_BYTE = 5.0
#: A line is only read as UTF-8 in a legacy file if it scores this well.
_PLAUSIBLE = -3.5
#: log10 margin a line's other decoding needs to beat the file's encoding.
_LINE_MARGIN = 3.0

#: Web labels Python does not know (from the WHATWG Encoding Standard).
_WEB_LABELS = {
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "x-gbk": "gb18030",
    "x-euc-jp": "euc_jp",
    "x-x-big5": "big5",
    "ks_c_5601-1987": "cp949",
    "x-mac-roman": "mac_roman",
}

_DECL = re.compile(
    rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{2,40})["']"""
    rb"""|<meta[^>]{0,300}?charset\s*=\s*["']?([A-Za-z0-9._:-]{2,40})""",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Run:
    """Lines ``start..end`` (1-based, inclusive) decoded with ``encoding``."""

    start: int
    end: int
    encoding: str


@dataclass
class Decoded:
    """Decoded text plus what is needed to write it back the same way.

    :param encoding: a Python codec name (``codecs.lookup(...).name``); for
        a mixed file, the encoding of most of its bytes.
    :param confidence: 0 to 1.
    :param bom: the input started with a BOM (not part of ``text``).
    :param lossy: some bytes could not be decoded and became U+FFFD.
    :param findings: mixed-encoding runs and replaced spans.
    :param runs: for a file decoded line by line (mixed encodings), each
        run of lines and its encoding; empty when one codec decoded it all.
    :param declared: the encoding named by a markup declaration, if any.
    """

    text: str
    encoding: str
    confidence: float
    bom: bool = False
    lossy: bool = False
    findings: list[Finding] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    declared: str | None = None


def normalize_encoding(name: str) -> str:
    """Canonical codec name; GB2312 and GBK are read as GB18030.

    >>> normalize_encoding("GB2312"), normalize_encoding("UTF8"), normalize_encoding("Big5")
    ('gb18030', 'utf-8', 'big5')
    """
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        raise CleantextError(
            f"unknown encoding {name!r}",
            hint="use a Python codec name such as gb18030, big5, utf-16",
        ) from None
    if canonical in ("gb2312", "gbk"):
        return "gb18030"
    return canonical


def decode_bytes(data: bytes, config: Config) -> Decoded:
    """Decode ``data``; never raises for bad bytes (see :attr:`Decoded.lossy`).

    >>> d = decode_bytes("发展经济".encode("gb18030"), Config())
    >>> d.text, d.encoding
    ('发展经济', 'gb18030')
    >>> decode_bytes(b"\\xef\\xbb\\xbfok", Config()).bom
    True
    """
    if config.encoding:
        enc = normalize_encoding(config.encoding)
        bom = False
        for mark, name in _BOMS:
            if data.startswith(mark) and enc.startswith(name[:6]):
                data, bom = data[len(mark) :], True
                if enc in ("utf-16", "utf-32", "utf-8-sig"):
                    enc = name
                break
        return _decode_with(data, enc, 1.0, bom)
    for mark, name in _BOMS:
        if data.startswith(mark):
            return _decode_with(data[len(mark) :], name, 1.0, True)
    if b"\x00" in data:
        wide = _wide_from_nuls(data)
        if wide is not None:
            return _decode_with(data, wide, 0.99, False)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if b"\x1b" in data:
            iso = _iso2022(data)
            if iso is not None:
                return iso
        return Decoded(text, "utf-8", 1.0)
    return _detect(data)


# --- UTF-16/32 without BOM, ISO-2022 -----------------------------------------


def _wide_from_nuls(data: bytes) -> str | None:
    """UTF-16/32 recognised by where the NUL bytes fall (ASCII-heavy text)."""
    sample = data[: _SAMPLE - (_SAMPLE % 4)]
    n = len(sample)
    if n < 4:
        return None
    zeros = [sample[i::4].count(0) for i in range(4)]
    quarter = n / 4
    # UTF-32: the top byte (and mostly the next one) is always zero, and
    # the low byte mostly is not (a run of NULs is not UTF-32 text).
    if n % 4 == 0 and len(data) % 4 == 0:
        if zeros[3] >= quarter * 0.98 and zeros[2] >= quarter * 0.5 and zeros[0] <= quarter * 0.5:
            if _decodes(data, "utf-32-le"):
                return "utf-32-le"
        if zeros[0] >= quarter * 0.98 and zeros[1] >= quarter * 0.5 and zeros[3] <= quarter * 0.5:
            if _decodes(data, "utf-32-be"):
                return "utf-32-be"
    if len(data) % 2 == 0:
        even, odd = zeros[0] + zeros[2], zeros[1] + zeros[3]
        half = n / 2
        if odd >= half * 0.3 and even <= half * 0.05 and _decodes(data, "utf-16-le"):
            return "utf-16-le"
        if even >= half * 0.3 and odd <= half * 0.05 and _decodes(data, "utf-16-be"):
            return "utf-16-be"
    return None


def _iso2022(data: bytes) -> Decoded | None:
    if b"\x1b$B" in data or b"\x1b$@" in data or b"\x1b(J" in data:
        names: tuple[str, ...] = ("iso2022_jp", "iso2022_jp_2", "iso2022_jp_ext")
    elif b"\x1b$)C" in data:
        names = ("iso2022_kr",)
    else:
        return None
    for name in names:
        try:
            return Decoded(data.decode(name), name, 0.99)
        except UnicodeDecodeError:
            continue
    return None


def _decodes(data: bytes, enc: str) -> bool:
    try:
        data.decode(enc)
    except UnicodeDecodeError:
        return False
    return True


# --- detection by plausibility ------------------------------------------------


def declared_encoding(data: bytes) -> str | None:
    """The encoding a ``<?xml encoding?>`` or ``<meta charset>`` in the first
    2 KB declares, as a codec name (``None`` if none or unknown).

    >>> declared_encoding(b'<?xml version="1.0" encoding="GB2312"?><a/>')
    'gb18030'
    >>> declared_encoding(b'<meta http-equiv="Content-Type" content="text/html; charset=big5">')
    'big5'
    """
    m = _DECL.search(data[:2048])
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii")
    label = _WEB_LABELS.get(label.lower(), label)
    try:
        return normalize_encoding(label)
    except CleantextError:
        return None


def _sample(data: bytes) -> bytes:
    """The first ``_SAMPLE`` bytes, cut after a newline when possible."""
    if len(data) <= _SAMPLE:
        return data
    cut = data.rfind(b"\n", _SAMPLE // 2, _SAMPLE)
    return data[: cut + 1] if cut > 0 else data[:_SAMPLE]


def _strict(data: bytes, family: tuple[str, ...]) -> tuple[str, str] | None:
    for name in family:
        try:
            return name, data.decode(name)
        except UnicodeDecodeError:
            continue
    return None


def _tail_ok(sample: bytes, name: str) -> str | None:
    """Decode a sample that may end inside a multi-byte character."""
    dec = codecs.getincrementaldecoder(name)(errors="strict")
    try:
        return dec.decode(sample, final=False)
    except UnicodeDecodeError:
        return None


def rank_candidates(
    data: bytes, *, declared: str | None = None, narrow: bool = False
) -> list[tuple[float, str, str]]:
    """Every candidate codec that decodes ``data`` strictly, as
    ``(log10 score, codec, text)``, best first. Texts that two codecs decode
    identically are listed once, under the preferred codec. Inputs longer
    than 16 KB are scored on their start. ``narrow`` leaves out UTF-16/32
    (for single lines cut at ``\n``).

    >>> [name for _, name, _ in rank_candidates("中華民國".encode("big5"))][0]
    'big5'
    """

    whole = len(data) <= _SAMPLE
    sample = data if whole else _sample(data)
    seen: dict[str, str] = {}
    out: list[tuple[float, str, str]] = []
    for family in _FAMILIES:
        if family[0].startswith("utf-32") and (narrow or len(data) % 4):
            continue
        if family[0].startswith("utf-16") and (narrow or len(data) % 2):
            continue
        got: tuple[str, str] | None = None
        for name in family:
            text: str | None
            if whole:
                try:
                    text = data.decode(name)
                except UnicodeDecodeError:
                    text = None
            else:
                text = _tail_ok(sample, name)
            if text is not None:
                got = (name, text)
                break
        if got is None:
            continue
        name, text = got
        if text in seen:
            continue
        seen[text] = name
        lp = plausibility.logprob(text)
        if name.startswith(("utf-16", "utf-32")) and _mean(text, lp) < _POOR:
            continue  # wide codecs decode most even-length bytes: need real text
        if declared and normalize_encoding(name) == declared:
            lp += _DECLARED_BONUS
        out.append((lp, name, text))
    out.sort(key=lambda t: -t[0])
    return out


def _confidence(ranked: list[tuple[float, str, str]]) -> float:
    if not ranked:
        return 0.0
    best = ranked[0][0]
    rest = math.fsum(10 ** max(-300.0, lp - best) for lp, _, _ in ranked[1:])
    return round(1.0 / (1.0 + rest), 4)


def _mean(text: str, lp: float) -> float:
    n = len(text) - sum(text.count(c) for c in " \n\r\t\u3000")
    return lp / n if n else 0.0


def _from_charset_normalizer(data: bytes, have: set[str]) -> list[tuple[float, str, str]]:
    from charset_normalizer import from_bytes

    out = []
    sample = _sample(data)
    for match in from_bytes(data[: 1 << 16]):
        name = codecs.lookup(match.encoding).name
        if name in have or not _WEB_SINGLE_BYTE.match(name):
            continue
        have.add(name)
        text = _tail_ok(sample, name) if len(data) > _SAMPLE else None
        if text is None:
            try:
                text = sample.decode(name)
            except UnicodeDecodeError:
                continue
        # A prior for the common codecs: an exotic codepage must read the
        # non-ASCII characters clearly better to win (hp-roman8 and cp1252
        # both read accented letters as accented letters).
        foreign = sum(1 for c in text if ord(c) > 0x7F)
        out.append((plausibility.logprob(text) - _EXOTIC_PRIOR * foreign, name, text))
    return out


#: Codecs tried with U+FFFD replacement when nothing decodes strictly.
_LOSSY_CODECS = ("utf-8", "gb18030", "big5", "shift_jis", "euc_kr")


def _lossy_best(data: bytes) -> tuple[float, str] | None:
    """The most plausible reading with U+FFFD for bad bytes, among the main
    CJK codecs and UTF-8 (a damaged file is still mostly its encoding)."""

    sample = _sample(data)
    best: tuple[float, str] | None = None
    for name in _LOSSY_CODECS:
        text = sample.decode(name, "replace")
        # U+FFFD scores -10; count each lost span once more, so damage must
        # be small for such a reading to win.
        lp = plausibility.logprob(text) - 10.0 * text.count("\ufffd")
        if best is None or lp > best[0]:
            best = (lp, name)
    return best


def _detect(data: bytes) -> Decoded:
    declared = declared_encoding(data)
    ranked = rank_candidates(data, declared=declared)
    if ranked and (_mean(ranked[0][2], ranked[0][0]) < _POOR or ranked[0][1] not in _MULTIBYTE):
        # No CJK codec reads it well, or a single-byte one wins: other
        # single-byte codepages (Cyrillic, Greek...) may read it better.
        ranked += _from_charset_normalizer(data, {normalize_encoding(n) for _, n, _ in ranked})
        ranked.sort(key=lambda t: -t[0])
    confidence = _confidence(ranked)
    lossy: tuple[float, str] | None = None
    for lp, name, sample_text in ranked:
        if _mean(sample_text, lp) < _POOR:
            # A poor reading: is the file rather a damaged one in a real
            # encoding (a few bad bytes in UTF-8 or GBK)?
            if lossy is None:
                lossy = _lossy_best(data)
            if lossy is not None and lossy[0] > lp + _LINE_MARGIN:
                break
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        enc = normalize_encoding(name)
        if name not in _MULTIBYTE or _has_utf8_lines(data, name):
            # A single-byte codec (they decode anything) or some lines that
            # are UTF-8: a file mixing encodings line by line? Keep
            # whichever reading is more plausible. (Legacy lines read with the wrong
            # legacy codec are left to the mojibake step, which repairs
            # them span by span.)
            mixed = _decode_lines(data, None, declared)
            if mixed.runs and _gain(text, mixed.text) > _LINE_MARGIN:
                return mixed
        return Decoded(text, enc, confidence, declared=declared)
    # No codec reads the whole file well: read it line by line, with the
    # codec that covers most lines as the main one, or with the codec whose
    # U+FFFD reading scored best; keep the more plausible of the two.
    if lossy is None:
        lossy = _lossy_best(data)
    by_lines = _decode_lines(data, None, declared)
    if lossy is None:
        return by_lines
    by_lossy = _decode_lines(data, normalize_encoding(lossy[1]), declared)
    return by_lossy if _reading_score(by_lossy) > _reading_score(by_lines) else by_lines


def _reading_score(decoded: Decoded) -> float:

    lost = sum(len(f.original.split()) for f in decoded.findings if f.code == "undecodable-bytes")
    return plausibility.logprob(decoded.text) - _LOST_BYTE * lost


def _gain(old: str, new: str) -> float:
    """How much more plausible ``new`` is, scoring only the lines that differ."""

    gain = 0.0
    old_lines, new_lines = old.split("\n"), new.split("\n")
    if len(old_lines) != len(new_lines):
        return plausibility.logprob(new) - plausibility.logprob(old)
    for a, b in zip(old_lines, new_lines):
        if a != b:
            gain += plausibility.logprob(b) - plausibility.logprob(a)
    return gain


def _has_utf8_lines(data: bytes, enc: str) -> bool:
    """Some line is valid, plausible UTF-8 that reads clearly better as UTF-8
    than as ``enc`` (UTF-8 lines pasted into a legacy file?)."""
    if enc.startswith(("utf-16", "utf-32")):
        return False

    # Large files are checked on their start only: UTF-8 lines further on
    # that the file's codec also decodes become "UTF-8 read as GBK"
    # mojibake, which the mojibake step repairs span by span.
    data = _sample(data)
    # One C-speed pass: lines without U+FFFD here are valid UTF-8.
    lines = data.split(b"\n")
    for i, as_utf8 in enumerate(data.decode("utf-8", "replace").split("\n")):
        if as_utf8.isascii() or "\ufffd" in as_utf8:
            continue
        line = lines[i]
        lp8 = plausibility.logprob(as_utf8)
        if _mean(as_utf8, lp8) < _PLAUSIBLE:
            continue
        try:
            other = plausibility.logprob(line.decode(enc))
        except UnicodeDecodeError:
            return True
        if lp8 >= other + _LINE_MARGIN:
            return True
    return False


def _best_line(line: bytes) -> tuple[str, str] | None:
    ranked = rank_candidates(line, narrow=True)
    return (ranked[0][1], ranked[0][2]) if ranked else None


def _decode_lines(data: bytes, main: str | None, declared: str | None) -> Decoded:
    """Decode line by line: each line in the file's main encoding unless
    another reading (UTF-8, another candidate, or a reading with U+FFFD for
    damaged bytes) is clearly more plausible; report runs and replaced spans.
    """

    lines = data.split(b"\n")
    if main is None:
        # The multi-byte codec that decodes most of the non-UTF-8 bytes
        # (the more plausible on a tie); single-byte codecs decode anything,
        # so they only come in when no multi-byte codec decodes a line.
        legacy = [ln for ln in lines if not _decodes(ln, "utf-8")]
        joined = b"\n".join(legacy)
        best: tuple[int, float, str] | None = None
        for family in _FAMILIES:
            name = family[0]
            if name not in _MULTIBYTE or name.startswith(("utf-16", "utf-32")):
                continue
            covered = sum(len(ln) for ln in legacy if _decodes(ln, name))
            if covered:
                sample = b"\n".join(ln for ln in legacy if _decodes(ln, name))[:_SAMPLE]
                key = (covered, plausibility.logprob(sample.decode(name, "replace")), name)
                if best is None or key[:2] > best[:2]:
                    best = key
        if best is not None:
            main = normalize_encoding(best[2])
        else:
            ranked = rank_candidates(joined, declared=declared, narrow=True)
            main = normalize_encoding(ranked[0][1]) if ranked else (declared or "utf-8")
    texts: list[str] = []
    encs: list[str] = []
    findings: list[Finding] = []
    lossy = False
    for i, ln in enumerate(lines, 1):
        if ln.isascii():
            texts.append(ln.decode("ascii"))
            encs.append("")
            continue
        # Options as (log10 score, text, codec, replaced spans or None).
        chosen: tuple[float, str, str, list[tuple[int, bytes]] | None] | None = None
        as_main: str | None = None
        try:
            as_main = ln.decode(main)
        except UnicodeDecodeError:
            pass
        as_utf8: str | None = None
        if main != "utf-8":
            try:
                as_utf8 = ln.decode("utf-8")
            except UnicodeDecodeError:
                pass
        if as_main is not None and as_utf8 is None:
            texts.append(as_main)  # the common case: nothing to weigh
            encs.append(main)
            continue
        if as_main is not None:
            chosen = (plausibility.logprob(as_main), as_main, main, None)
        others: list[tuple[float, str, str, list[tuple[int, bytes]] | None]] = []
        if as_utf8 is not None:
            lp8 = plausibility.logprob(as_utf8)
            if chosen is None or _mean(as_utf8, lp8) >= _PLAUSIBLE:
                others.append((lp8, as_utf8, "utf-8", None))
        else:
            for name in dict.fromkeys((main, "utf-8")):
                replaced, bad = _replace(ln, name)
                # Each lost byte costs about half a character of text.
                lost = sum(len(raw) for _, raw in bad)
                others.append(
                    (plausibility.logprob(replaced) - _LOST_BYTE * lost, replaced, name, bad)
                )
        if chosen is None:
            got = _best_line(ln)
            if got is not None:
                others.append(
                    (plausibility.logprob(got[1]), got[1], normalize_encoding(got[0]), None)
                )
        if chosen is None:
            # The main codec cannot read this line: the best reading wins,
            # a strict one on a tie.
            others.sort(key=lambda o: (-o[0], o[3] is not None))
            chosen = others[0]
        else:
            for option in others:
                if option[0] > chosen[0] + _LINE_MARGIN:
                    chosen = option
        assert chosen is not None  # the U+FFFD readings always exist
        _, text, enc, spans = chosen
        texts.append(text)
        encs.append(enc)
        if spans:
            lossy = True
            findings.extend(
                _undecodable(
                    i,
                    spans,
                    enc,
                    f"bytes that no candidate encoding decodes were replaced with U+FFFD (line read as {enc})",
                )
            )
    runs = _runs(encs)
    used = {r.encoding for r in runs}
    text = "\n".join(texts)
    size: dict[str, int] = {}
    for r in runs:
        size[r.encoding] = size.get(r.encoding, 0) + sum(
            len(lines[k - 1]) for k in range(r.start, r.end + 1)
        )
    major = max(size, key=lambda k: size[k]) if size else main
    if len(used) <= 1:
        return Decoded(
            text, major, 0.0 if lossy else 0.9, lossy=lossy, findings=findings, declared=declared
        )
    run_findings = []
    for r in runs:
        if r.encoding == "utf-8":
            continue  # these bytes are output as they came
        where = f"line {r.start}" if r.start == r.end else f"lines {r.start}-{r.end}"
        run_findings.append(
            Finding(
                step="decode",
                line=r.start,
                end_line=r.end,
                col=1,
                code="mixed-encoding",
                message=f"{where} decoded as {r.encoding} (the file mixes encodings; most of it is {major})",
                original=r.encoding,
                replacement="utf-8",
                data={"encoding": r.encoding, "main": major},
            )
        )
    findings = sorted(run_findings + findings, key=lambda f: (f.line, f.col))
    return Decoded(
        text,
        major,
        0.0 if lossy else 0.9,
        lossy=lossy,
        findings=findings,
        runs=runs,
        declared=declared,
    )


def _runs(encs: list[str]) -> list[Run]:
    """Group line encodings into runs; ASCII lines ("") join the run before
    them (or the one after, at the start)."""
    filled = list(encs)
    last = next((e for e in filled if e), "")
    for i, e in enumerate(filled):
        if e:
            last = e
        else:
            filled[i] = last
    runs: list[Run] = []
    for i, e in enumerate(filled, 1):
        if not e:
            continue
        if runs and runs[-1].encoding == e and runs[-1].end == i - 1:
            runs[-1] = Run(runs[-1].start, i, e)
        else:
            runs.append(Run(i, i, e))
    return runs


def _replace(data: bytes, enc: str) -> tuple[str, list[tuple[int, bytes]]]:
    """Decode with U+FFFD for bad bytes; the 1-based column and bytes of each
    replaced span."""
    out: list[str] = []
    spans: list[tuple[int, bytes]] = []
    pos = 0
    col = 1
    while pos <= len(data):
        try:
            piece = data[pos:].decode(enc)
            out.append(piece)
            break
        except UnicodeDecodeError as exc:
            good = data[pos : pos + exc.start].decode(enc, "replace")
            out.append(good)
            col += len(good)
            start, end = pos + exc.start, pos + exc.end
            # Merge adjacent bad bytes into one span.
            while end < len(data):
                try:
                    data[end:].decode(enc)
                    break
                except UnicodeDecodeError as nxt:
                    if nxt.start != 0:
                        break
                    end += nxt.end
            spans.append((col, data[start:end]))
            out.append("\ufffd")
            col += 1
            pos = end
    return "".join(out), spans


def _decode_with(data: bytes, enc: str, confidence: float, bom: bool) -> Decoded:
    try:
        return Decoded(data.decode(enc), enc, confidence, bom)
    except UnicodeDecodeError:
        pass
    if enc.startswith(("utf-16", "utf-32")):
        text = data.decode(enc, errors="replace")
        f = Finding(
            step="decode",
            line=1,
            col=1,
            code="undecodable-bytes",
            message=f"bytes that are not valid {enc} were replaced with U+FFFD",
            fixed=False,
            replacement="\ufffd",
            data={"encoding": enc},
        )
        return Decoded(text, enc, confidence, bom, lossy=True, findings=[f])
    texts: list[str] = []
    findings: list[Finding] = []
    for i, ln in enumerate(data.split(b"\n"), 1):
        text, spans = _replace(ln, enc)
        texts.append(text)
        findings.extend(
            _undecodable(i, spans, enc, f"bytes that are not valid {enc} were replaced with U+FFFD")
        )
    return Decoded("\n".join(texts), enc, confidence, bom, lossy=True, findings=findings)


def encode_text(text: str, decoded: Decoded, config: Config) -> bytes:
    """Encode cleaned text: UTF-8 (keeping a UTF-8 BOM), or the input's own
    encoding with ``keep_encoding``.

    >>> d = decode_bytes("中文".encode("big5"), Config())
    >>> encode_text(d.text, d, Config(keep_encoding=True)) == "中文".encode("big5")
    True
    """
    enc = decoded.encoding
    if config.keep_encoding and enc != "utf-8":
        try:
            body = text.encode(enc)
        except UnicodeEncodeError as exc:
            raise CleantextError(
                f"the cleaned text has characters that {enc} cannot encode ({text[exc.start : exc.end]!r})",
                hint="drop --keep-encoding to write UTF-8",
            ) from None
        if decoded.bom:
            body = {
                "utf-16-le": codecs.BOM_UTF16_LE,
                "utf-16-be": codecs.BOM_UTF16_BE,
                "utf-32-le": codecs.BOM_UTF32_LE,
                "utf-32-be": codecs.BOM_UTF32_BE,
            }.get(enc, b"") + body
        return body
    body = text.encode("utf-8", "surrogatepass")
    if decoded.bom and enc == "utf-8":
        body = codecs.BOM_UTF8 + body
    return body


def _undecodable(
    line: int, spans: list[tuple[int, bytes]], enc: str, message: str
) -> list[Finding]:
    """One report per span of bytes that became U+FFFD on ``line``."""
    return [
        Finding(
            step="decode",
            line=line,
            col=col,
            code="undecodable-bytes",
            message=message,
            fixed=False,
            original=raw.hex(" "),
            replacement="\ufffd",
            data={"encoding": enc},
        )
        for col, raw in spans
    ]
