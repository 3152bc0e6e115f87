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
"""

from __future__ import annotations

import re
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


def pinyin_idle(text: str) -> bool:
    """True when the pinyin step has nothing to look at in ``text``: no
    bracket after a Han character opening on a pinyin letter, and no ``?``
    (``？``, U+FFFD) before a bracketed syllable."""
    return text.isascii() or _pinyin_re().search(text) is None


@lru_cache(maxsize=1)
def _entities_re() -> re.Pattern[str]:
    # Where the entities step finds candidates: at '&' or '＆' (any), at '?'
    # before a name or '#' (a '?' for a lost '&'), at a semicolon after an
    # ASCII character (the tail of a name whose '&' was lost).
    names = "|".join(sorted(ENTITY_NAMES, key=len, reverse=True))
    return re.compile(rf"[&＆?;；](?:(?<=[&＆])|(?<=\?)(?:{names}|\#)|(?<=[\x00-\x7f][;；]))")


def entities_idle(text: str) -> bool:
    """True when the entities step has no candidate in ``text``: no ``&``
    or ``＆``, no ``?`` before an entity name or ``#``, no semicolon after
    an ASCII character."""
    return _entities_re().search(text) is None
