"""Idle tests of the repair steps: one scan at C speed that says a step has
nothing to do in a text (:attr:`cleantext.steps.Step.idle`).

Each test is a superset of what its step reacts to: when it says idle, the
step's function would return the text unchanged with no finding, so the
pipeline skips it without importing its module (clean text, and the repair
round over a text whose repairs are done, never pay for the step). Each
pattern opens with a character class, so ``re`` skips ahead at C speed to
the few characters that could start anything, and checks the rest there.
The step functions leave the test to the pipeline (called directly, they
find nothing in such a text either: tests/test_idle.py checks it).

>>> pinyin_idle("青島高新區:打造一區多園"), pinyin_idle("高新區(qū)")
(True, False)
>>> entities_idle("他說“好”；走了"), entities_idle("他說?rdquo;好")
(True, False)
>>> entities_idle("R&D; =A1&B1;"), entities_idle("號rdquo;"), entities_idle("&#8220")
(True, False, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .readings import PINYIN_LETTERS
from .textutil import HAN_CLASS, Budget

#: The entity names the entities step repairs (the keys of
#: :data:`cleantext.steps.entities.ENTITIES`; a test there checks they agree).
ENTITY_NAMES = "ldquo rdquo lsquo rsquo quot apos mdash ndash hellip middot nbsp amp lt gt".split()


@lru_cache(maxsize=1)
def _pinyin_re() -> re.Pattern[str]:
    # What the pinyin step looks at: a bracket after a Han character before
    # a pinyin letter (an annotation, whole or cut off), or the remnant of
    # a lost character's annotation after '?', '？' or U+FFFD (its _LOST).
    sp = "[ \u3000]?"
    syllable = f"[{PINYIN_LETTERS}:]{{1,8}}[0-5]?"
    return re.compile(
        f"[(（?？\ufffd](?:(?<=[{HAN_CLASS}][(（]){sp}[{PINYIN_LETTERS}:]"
        f"|(?<=[?？\ufffd])[(（]?{sp}{syllable}{sp}[)）])"
    )


def pinyin_places(text: str) -> Iterator[re.Match[str]]:
    """Where the pinyin step may find something: each match of the idle
    test's pattern. Not shortened for ASCII text as :func:`pinyin_idle` is:
    a step called directly on ``?(zhe)`` reports the remnant as its own
    scan of the text does."""
    return _pinyin_re().finditer(text)


def pinyin_idle(text: str) -> bool:
    """True when the pinyin step has nothing to look at in ``text``: no
    bracket after a Han character opening on a pinyin letter, and no ``?``
    (``？``, U+FFFD) before a bracketed syllable."""
    return text.isascii() or _pinyin_re().search(text) is None


@lru_cache(maxsize=1)
def _entities_re() -> re.Pattern[str]:
    # What the entities step's candidates need (a superset of each): at
    # '&', '＆' or '?', an entity name or '#' and a digit or 'x' right after
    # (its _WITH_PRE: 'amp' of '&amp;rdquo;' is a name too); at ';' or '；',
    # a name or a numeric form right before (its _LOST_TAIL; one fixed-width
    # lookbehind each, tried only at semicolons). '&' in 'R&D' or a formula,
    # '; ' after a word, are not candidates.
    names = sorted(ENTITY_NAMES, key=len, reverse=True)
    numeric = [rf"\#[0-9]{{{n}}}" for n in range(2, 6)]
    numeric += [rf"\#[xX][0-9a-fA-F]{{{n}}}" for n in range(2, 5)]
    tails = "|".join(f"(?<={tail}[;；])" for tail in names + numeric)
    return re.compile(rf"[&＆?;；](?:(?<=[&＆?])(?:{'|'.join(names)}|\#[0-9xX])|{tails})")


def entities_idle(text: str) -> bool:
    """True when the entities step has no candidate in ``text``: no ``&``,
    ``＆`` or ``?`` before an entity name or ``#`` and a digit or ``x``,
    no semicolon after an entity name or numeric form."""
    return _entities_re().search(text) is None


#: A text at most this long that is not ASCII is looked at character by
#: character by :func:`mojibake_idle` (it stops at the first character it
#: does not know); a longer one goes to the step.
MOJIBAKE_IDLE_CHARS = 65536


@lru_cache(maxsize=1)
def _mojibake_plain() -> frozenset[str]:
    """Characters in which the mojibake step finds nothing whatever their
    order: ASCII but '?', the common Han characters of the pre-check (less
    锟, 烫, 屯 and 锘), CJK punctuation, full-width ASCII and the typography
    of Chinese text. None is unusual to either pre-check (no CJK pass is
    tried and no UTF-8 BOM read as GBK is looked for), none opens a match of
    the ftfy pass's line scan (no C1 control, no Latin-family letter or
    symbol), none starts a lost character (锟斤拷, 烫烫烫, 屯屯屯, U+FFFD,
    '?'): the step returns such a text as it is, with no finding.
    tests/test_cold_start.py checks the set against each of those."""
    from ._cjk_common import COMMON_HAN

    chars = {chr(cp) for cp in range(0x80) if cp != ord("?")}
    chars.update(COMMON_HAN)
    chars.difference_update("锟烫屯\u9518")
    chars.update(map(chr, range(0x3000, 0x3040)))  # CJK punctuation
    chars.update(map(chr, range(0xFF01, 0xFF5F)))  # full-width ASCII
    chars.update("\xa0“”‘’—…·")
    return frozenset(chars)


@lru_cache(maxsize=1)
def _mojibake_unplain() -> re.Pattern[str]:
    """A character not in :func:`_mojibake_plain`: one regex scan at C speed
    (a tenth of the set's lookup a character), once its class of 4,500
    characters is compiled (about 7 ms)."""
    return re.compile("[^" + "".join(map(re.escape, sorted(_mojibake_plain()))) + "]")


#: Characters :func:`mojibake_idle` looks up in the set before it compiles
#: the regex (see :class:`~cleantext.textutil.Budget`): about what the
#: compile costs, at some 50 ns a character; a hook on a few files never
#: compiles it, a folder of pages does after its first hundred or so.
PLAIN_BUDGET = 1 << 17

_plain_budget = Budget(PLAIN_BUDGET, _mojibake_unplain)


def mojibake_idle(text: str) -> bool:
    """True when the mojibake step has nothing to do in ``text``: ASCII, or
    a short text of characters none of which it reacts to (see
    :func:`_mojibake_plain`; a clean Chinese file does not load the step).

    >>> mojibake_idle("中文，“引号”。\\n"), mojibake_idle("鍙戝睍"), mojibake_idle("中文?")
    (True, False, False)
    """
    if text.isascii():
        return True
    if len(text) > MOJIBAKE_IDLE_CHARS:
        return False
    if _plain_budget.cheap(len(text)):
        return _mojibake_plain().issuperset(text)
    # The same answer: no character outside the set is every one in it.
    return _mojibake_unplain().search(text) is None
