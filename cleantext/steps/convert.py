"""The ``convert`` step: Traditional/Simplified conversion with OpenCC.

``config.convert`` names an OpenCC configuration (``t2s``, ``s2t``,
``t2tw``, ``tw2sp``, ``hk2s``, ``s2twp``...; ``to_simplified`` means
``t2s``). Converter objects are built once per configuration and cached.
An unknown name never gets here: :class:`cleantext.Config` rejects it with a
:class:`cleantext.ConfigError` whose hint lists the valid ones
(:data:`cleantext.config.OPENCC_CONFIGS`).

**Pinyin-informed conversion.** OpenCC picks some Simplified characters by
guess when a Traditional one has several (乾 is 乾 in 乾隆 but 干 in 乾淨;
著 is 著 in 著作 but 着 in 看著). An inline annotation says which reading
was meant. For the Traditional-to-Simplified configurations (``t2s``,
``tw2s``, ``tw2sp``, ``hk2s``, ``hk2sp``) the step takes readings

- from ``ctx.readings``, left by the ``pinyin`` step for the
  annotations it removed (it runs first, so OpenCC sees ``乾隆`` and not
  ``乾(qián)隆``), and
- from annotations still in the text (kept teaching annotations),

and where :data:`cleantext.readings.T2S_BY_READING` decides, puts the
character the reading calls for in place of OpenCC's (``乾(qián)`` stays
乾, ``著(zhe)`` becomes 着, ``蘋(pín)`` stays 蘋). Each such choice that differs from OpenCC's is a
``converted-by-reading`` finding, or ``kept-by-reading`` (``fixed=False``)
when the reading keeps the character OpenCC would have changed.

**Already Simplified lines stay.** For the character-level
Traditional-to-Simplified configurations (``t2s``, ``tw2s``, ``hk2s``) a
line without any Traditional-only character (:func:`has_traditional`) is
left as it is. Without this, converting twice is not the same as
converting once: ``tw2s`` turns 顯著 into 显著 (a phrase), then 显著 into
显着 (顯 no longer there to make the phrase). The ``p`` configurations
also convert regional vocabulary in Simplified text (滑鼠 -> 鼠标), so they
always run.

Every other change is one ``converted`` finding per changed line, with the
changed span as ``original`` and ``replacement``.

Text that is all ASCII skips OpenCC entirely, and so does text with none
of the configuration's trigger characters (:func:`triggers`: the
characters of OpenCC's dictionary entries that change something, generated
by ``scripts/gen_opencc_triggers.py``), unless a reading applies. Note that a reading-based
choice that OpenCC would undo on its own (a lone 乾 it maps to 干) is kept
only while the annotation or hint is there: converting the output again
without them is plain OpenCC.

>>> from cleantext.config import Config
>>> from cleantext.steps import Context
>>> convert_script("乾(qián)隆看著", Context(config=Config(convert="t2s")))[0]
'乾(qián)隆看著'
"""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from .. import opencc_triggers as ot
from ..config import opencc_name
from ..errors import ConfigError
from ..findings import Finding
from ..readings import PINYIN_LETTERS, T2S_BY_READING, matching_reading, t2s_by_reading
from ..textutil import LineColumns, changed_span, find_chars, split_lines
from .base import Context, ReadingHint

if TYPE_CHECKING:
    import opencc


#: Configurations that convert Traditional to Simplified: the ones where
#: readings pick characters.
T2S_CONFIGS = frozenset({"t2s", "tw2s", "tw2sp", "hk2s", "hk2sp"})

_CONVERTERS: dict[str, opencc.OpenCC] = {}

_INLINE = re.compile(
    "([" + "".join(T2S_BY_READING) + "])[(（]([" + PINYIN_LETTERS + "]{1,8}[0-5]?)[)）]"
)


def valid_configs() -> list[str]:
    """The OpenCC configuration names this installation provides."""
    import opencc

    return sorted(c[: -len(".json")] for c in opencc.CONFIGS if c.endswith(".json"))


@cache
def triggers(key: str) -> frozenset[str] | None:
    """The characters that can make OpenCC's ``key`` configuration change a
    text (:mod:`cleantext.opencc_triggers`), or ``None`` when the installed
    OpenCC is not the version the table was generated from."""
    import opencc

    if opencc.__version__ != ot.OPENCC_VERSION or key not in ot.TRIGGERS:
        return None
    return frozenset(ot.TRIGGERS[key])


#: Character-level Traditional -> Simplified configurations: a line with no
#: Traditional-only character is already Simplified and is left as it is.
#: (The ``p`` configurations also convert regional vocabulary, 滑鼠 -> 鼠标,
#: in text that is already Simplified, so they always run.)
CHARACTER_CONFIGS = frozenset({"t2s", "tw2s", "hk2s"})


@lru_cache(maxsize=1)
def _traditional() -> tuple[re.Pattern[str], frozenset[str]]:
    bmp = "".join(c for c in ot.TRADITIONAL_ONLY if ord(c) < 0x10000)
    return re.compile("[" + re.escape(bmp) + "]"), frozenset(
        c for c in ot.TRADITIONAL_ONLY if ord(c) >= 0x10000
    )


def has_traditional(text: str) -> bool:
    """True if ``text`` has a Traditional-only character (one that OpenCC's
    TSCharacters changes and that no entry produces).

    >>> has_traditional("青島"), has_traditional("青岛"), has_traditional("乾隆")
    (True, False, True)
    """
    bmp_re, astral = _traditional()
    if bmp_re.search(text):
        return True
    return _ASTRAL.search(text) is not None and not astral.isdisjoint(text)


def _traditional_lines(text: str, lines: list[str]) -> list[bool]:
    """For each of ``lines`` (``text`` split), whether it has a Traditional-only
    character: one search per such line, from the start of the next line."""
    bmp_re, astral = _traditional()
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    flags = [False] * len(lines)
    pos = 0
    while True:
        m = bmp_re.search(text, pos)
        if m is None:
            break
        i = bisect.bisect_right(starts, m.start()) - 1
        flags[i] = True
        pos = starts[i + 1]
    if astral and _ASTRAL.search(text):
        for i, line in enumerate(lines):
            if not flags[i] and not astral.isdisjoint(line):
                flags[i] = True
    return flags


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@cache
def _trigger_res(key: str) -> tuple[re.Pattern[str], frozenset[str]] | None:
    trig = triggers(key)
    if trig is None:
        return None
    # A class of BMP characters compiles to a bitmap that re scans at C
    # speed; characters beyond the BMP are checked only in text that has any.
    bmp = "".join(sorted(c for c in trig if ord(c) < 0x10000))
    return re.compile("[" + re.escape(bmp) + "]"), frozenset(c for c in trig if ord(c) >= 0x10000)


def may_change(key: str, text: str) -> bool:
    """False when OpenCC's ``key`` configuration certainly leaves ``text``
    as it is: none of its trigger characters occurs (see :func:`triggers`)."""
    res = _trigger_res(key)
    if res is None:
        return True
    bmp_re, astral = res
    if bmp_re.search(text):
        return True
    return bool(astral) and _ASTRAL.search(text) is not None and not astral.isdisjoint(text)


def converter(name: str) -> opencc.OpenCC:
    """The cached OpenCC converter for ``name``, a name :class:`Config` accepts
    (:data:`cleantext.config.OPENCC_CONFIGS`); :class:`ConfigError` if this
    OpenCC installation cannot load it."""
    key = opencc_name(name)
    conv = _CONVERTERS.get(key)
    if conv is None:
        import opencc

        try:
            conv = opencc.OpenCC(key)
        except RuntimeError as exc:  # "t2s not found or not accessible"
            raise ConfigError(
                f"OpenCC {opencc.__version__} cannot load the conversion {name!r}: {exc}",
                hint="reinstall OpenCC (pip install --force-reinstall opencc)",
            ) from None
        _CONVERTERS[key] = conv
    return conv


def _has_inline_reading(text: str) -> bool:
    """True if a bracket follows one of the characters readings decide."""
    if "(" not in text and "（" not in text:
        return False
    return any(i and text[i - 1] in T2S_BY_READING for i in find_chars(text, "(（"))


def _readings_for(text: str, ctx: Context, n_lines: int) -> dict[int, list[ReadingHint]]:
    """0-based line index -> readings, from the pinyin step's and from inline annotations."""
    found: dict[int, list[ReadingHint]] = {}
    hints = ctx.readings
    if hints:
        by_orig = {orig: i for i, orig in enumerate(ctx.line_map)} if ctx.line_map else {}
        for orig, items in hints.items():
            i = by_orig.get(orig, orig - 1) if by_orig else orig - 1
            if 0 <= i < n_lines:
                found.setdefault(i, []).extend(items)
    if "(" in text or "（" in text:
        index: LineColumns | None = None
        for i in find_chars(text, "(（"):
            if i == 0 or text[i - 1] not in T2S_BY_READING:
                continue
            m = _INLINE.match(text, i - 1)
            if m is None:
                continue
            r = matching_reading(m.group(1), m.group(2))
            if r is not None:
                if index is None:
                    index = LineColumns(text)
                line, col = index.line_col(m.start())
                found.setdefault(line - 1, []).append(ReadingHint(col - 1, m.group(1), r[0], r[1]))
    return found


def _convert_line(conv: opencc.OpenCC, line: str, picks: dict[int, str]) -> str:
    """Convert ``line``, forcing the characters at ``picks`` (column -> char)."""
    out = conv.convert(line)
    if len(out) == len(line):
        chars = list(out)
        for col, ch in picks.items():
            chars[col] = ch
        return "".join(chars)
    # OpenCC changed the length (a phrase of another length): convert the
    # pieces between the forced characters on their own.
    parts: list[str] = []
    pos = 0
    for col in sorted(picks):
        parts.append(conv.convert(line[pos:col]))
        parts.append(picks[col])
        pos = col + 1
    parts.append(conv.convert(line[pos:]))
    return "".join(parts)


def convert_script(text: str, ctx: Context) -> tuple[str, list[Finding]]:
    """Convert ``text`` with the OpenCC configuration ``ctx.config.convert``."""
    name = ctx.config.convert
    if not name:
        return text, []
    conv = converter(name)
    if text.isascii():
        return text, []
    key = opencc_name(name)
    wants_readings = key in T2S_CONFIGS and (bool(ctx.readings) or _has_inline_reading(text))
    if not may_change(key, text) and not wants_readings:
        return text, []
    in_lines = split_lines(text)
    if key not in CHARACTER_CONFIGS:
        new_text = conv.convert(text)
        converted = [True] * len(in_lines)
    elif not has_traditional(text):
        new_text = text  # already Simplified: nothing for OpenCC to do
        converted = [False] * len(in_lines)
    else:
        converted = _traditional_lines(text, in_lines)
        new_text = "".join(
            conv.convert(line) if c else line for line, c in zip(in_lines, converted)
        )
    if new_text == text and not wants_readings:
        return text, []
    picks_by_line: dict[int, dict[int, tuple[str, str, dict[str, Any]]]] = {}
    if wants_readings:
        for i, items in _readings_for(text, ctx, len(in_lines)).items():
            line = in_lines[i]
            for hint in items:
                col, ch, base, tone = hint.col, hint.char, hint.base, hint.tone
                if not (0 <= col < len(line)) or line[col] != ch:
                    continue
                target = t2s_by_reading(ch, (base, tone))
                if target is not None:
                    picks_by_line.setdefault(i, {})[col] = (
                        target,
                        ch,
                        {"char": ch, "reading": base + ("" if tone is None else str(tone))},
                    )
    findings: list[Finding] = []
    out_lines = split_lines(new_text)
    if picks_by_line:
        if len(out_lines) != len(in_lines):  # pragma: no cover - OpenCC keeps newlines
            out_lines = [conv.convert(line) if c else line for line, c in zip(in_lines, converted)]
        for i, picks in picks_by_line.items():
            plain = out_lines[i]
            forced = {col: t for col, (t, _, _) in picks.items()}
            if converted[i]:
                out_lines[i] = _convert_line(conv, in_lines[i], forced)
            else:
                chars = list(in_lines[i])
                for col, t in forced.items():
                    chars[col] = t
                out_lines[i] = "".join(chars)
            for col, (target, ch, data) in sorted(picks.items()):
                guess = plain[col] if len(plain) == len(in_lines[i]) else None
                if guess == target:
                    continue
                changed = target != ch
                findings.append(
                    Finding(
                        step="convert",
                        line=i + 1,
                        col=col + 1,
                        code="converted-by-reading" if changed else "kept-by-reading",
                        message=f"{ch} read {data['reading']} is {target} in Simplified"
                        + (f", not OpenCC's guess {guess}" if guess else ""),
                        fixed=changed,
                        original=ch,
                        replacement=target if changed else None,
                        data={**data, "opencc": guess},
                    )
                )
        new_text = "".join(out_lines)
    if new_text == text:
        return text, findings
    if len(out_lines) == len(in_lines):
        for i, (a, b) in enumerate(zip(in_lines, out_lines)):
            if a == b:
                continue
            p, orig, repl = changed_span(a, b)
            findings.append(
                Finding(
                    step="convert",
                    line=i + 1,
                    col=p + 1,
                    code="converted",
                    message=f"converted with OpenCC {key}",
                    original=orig,
                    replacement=repl,
                    data={"config": key},
                )
            )
    else:  # pragma: no cover - OpenCC keeps newlines
        findings.append(
            Finding(
                step="convert",
                line=1,
                col=1,
                code="converted",
                message=f"converted with OpenCC {key}",
                original=text,
                replacement=new_text,
            )
        )
    findings.sort(key=lambda f: (f.line, f.col, f.code))
    return new_text, findings
