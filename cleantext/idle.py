"""Idle tests of the repair steps: one scan at C speed that says a step has
nothing to do in a text (:attr:`cleantext.steps.Step.idle`).

Each test is a superset of what its step reacts to: when it says idle, the
step's function would return the text unchanged with no finding, so the
pipeline skips it without importing its module (clean text, and the repair
round over a text whose repairs are done, never pay for the step). Each
pattern opens with a character class, so ``re`` skips ahead at C speed to
the few characters that could start anything, and checks the rest there.
The step functions start with the same test.

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
from .textutil import HAN_CLASS

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
