"""The ordered registry of text steps (ftfy's ``FIXERS``, with findings).

Each step is a pure function ``(text, ctx) -> (text, findings)``. Step
modules import nothing heavy at module level: ftfy, OpenCC and pypinyin are
imported inside the functions, and only when a cheap pre-check says the
step has something to do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .config import STEP_ORDER, Config
from .findings import Finding


@dataclass
class Context:
    """What a step may know besides its text.

    :param config: the run's configuration.
    :param line_map: for each line of the step's input (0-based index), the
        1-based number of that line in the original input.
    :param hints: notes one step leaves for a later one in the same run
        (the pinyin step leaves readings for the convert step). Keys are
        step-defined; values are keyed by *original* line numbers so that
        line removals in between do not invalidate them.
    """

    config: Config = field(default_factory=Config)
    line_map: list[int] = field(default_factory=list)
    hints: dict[str, Any] = field(default_factory=dict)


StepFunc = Callable[[str, Context], "tuple[str, list[Finding]]"]


@dataclass(frozen=True)
class Step:
    name: str
    func: StepFunc
    summary: str


def _load() -> dict[str, Step]:
    from .steps import boilerplate, convert, dedupe, entities, mojibake, pinyin, spam

    steps = [
        Step("mojibake", mojibake.fix_mojibake, mojibake.SUMMARY),
        Step("entities", entities.fix_entities, entities.SUMMARY),
        Step("pinyin", pinyin.strip_pinyin, pinyin.SUMMARY),
        Step("spam", spam.remove_spam, spam.SUMMARY),
        Step("boilerplate", boilerplate.remove_boilerplate, boilerplate.SUMMARY),
        Step("dedupe", dedupe.remove_duplicates, dedupe.SUMMARY),
        Step("convert", convert.convert_script, convert.SUMMARY),
    ]
    by_name = {s.name: s for s in steps}
    assert [n for n in STEP_ORDER if n != "decode"] == list(by_name)
    return by_name


_STEPS: dict[str, Step] | None = None


def text_steps() -> dict[str, Step]:
    """All text steps (everything but ``decode``), in canonical order."""
    global _STEPS
    if _STEPS is None:
        _STEPS = _load()
    return _STEPS
