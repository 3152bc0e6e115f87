"""The text steps, in the one order a run applies them (ftfy's ``FIXERS``).

None of these modules imports typer, rich or click. Decoding is not here: it
turns bytes into text before any step runs (:mod:`cleantext.decode`).

Importing this package loads no step module: each entry names its function,
which is imported when a run first calls it (:attr:`Step.func`). So names and
summaries (help texts) cost nothing, and a run loads only the steps it uses.

>>> list(STEPS)
['mojibake', 'entities', 'pinyin', 'spam', 'boilerplate', 'dedupe', 'convert']
"""

from __future__ import annotations

from ..config import TEXT_STEPS
from ..idle import entities_idle, mojibake_idle, pinyin_idle
from .base import Context, ReadingHint, Step, StepFunc

__all__ = ["STEPS", "Context", "ReadingHint", "Step", "StepFunc"]

#: Every text step by name, in canonical order.
STEPS: dict[str, Step] = {
    s.name: s
    for s in (
        Step(
            "mojibake",
            "mojibake:fix_mojibake",
            "repair mojibake: CJK round trips first, then ftfy with a CJK-safe config",
            # ASCII holds no mojibake, no lost Han character, nothing for ftfy;
            # nor does a short text of common Han, CJK punctuation and ASCII
            idle=mojibake_idle,
        ),
        Step(
            "entities",
            "entities:fix_entities",
            "repair broken HTML quote and punctuation entities",
            # no '&' or '＆', no '?' before a name, no ';' after ASCII
            idle=entities_idle,
        ),
        Step(
            "pinyin",
            "pinyin:strip_pinyin",
            "remove inline pinyin annotations such as 區(qū)",
            # no bracket after a Han character before a pinyin letter, no '?(...)'
            idle=pinyin_idle,
        ),
        Step("spam", "spam:remove_spam", "remove injected spam keyword lines at the head and tail"),
        Step(
            "boilerplate",
            "boilerplate:remove_boilerplate",
            "remove breadcrumbs, hit counters and share rows (opt-in)",
        ),
        Step(
            "dedupe",
            "dedupe:remove_duplicates",
            "remove repeated copies of the article or of paragraph runs",
        ),
        Step(
            "convert",
            "convert:convert_script",
            "convert between Traditional and Simplified with OpenCC",
        ),
    )
}

if tuple(STEPS) != TEXT_STEPS:  # pragma: no cover - a registry edited without config
    raise RuntimeError(f"steps {tuple(STEPS)} differ from config.TEXT_STEPS {TEXT_STEPS}")
