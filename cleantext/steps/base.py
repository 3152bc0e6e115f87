"""What every text step shares: the signature, the context and the registry entry.

A step is a pure function ``(text, ctx) -> (text, findings)`` (ftfy's fixers,
with findings). Step modules import nothing heavy at module level: ftfy,
OpenCC and pypinyin are imported inside the functions, and only when a cheap
pre-check says the step has something to do.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ..config import Config
from ..findings import Finding
from ..pagemodel import PageModel


@dataclass(frozen=True, slots=True)
class ReadingHint:
    """A reading that an annotation gave a character, kept for the ``convert`` step.

    The ``pinyin`` step removes ``乾(qián)`` but leaves this behind, so that
    ``convert`` still knows 乾 was read *qián* (and stays 乾, not 干).

    :param col: 0-based column of the character in its line (after the
        annotations before it on the line were removed).
    :param char: the annotated character.
    :param base: the syllable without tone (``"qian"``).
    :param tone: the tone, 1 to 5, or ``None`` when the annotation had none.
    """

    col: int
    char: str
    base: str
    tone: int | None


@dataclass
class Context:
    """What a step may know besides its text.

    :param config: the run's configuration.
    :param line_map: for each line of the step's input (0-based index), the
        1-based number of that line in the original input (a ``range`` while
        no line was removed, then an ``array``: no int object per line).
    :param readings: readings the ``pinyin`` step took out of the text, for
        the ``convert`` step, keyed by *original* line number so that line
        removals in between do not invalidate them.
    :param keep_readings: whether the ``pinyin`` step leaves ``readings``
        at all. The pipeline sets it False when no step of the run reads them
        (``convert`` is not among its steps): a farm page leaves a hint on
        most lines, and on 50 MB of them the hints held 5 MiB through the
        removal steps' peaks for nothing.
    :param page: the page model's decision (:mod:`cleantext.pagemodel`):
        scraped page or authored document. The pipeline decides it on its
        input before the removal steps run; a removal step called on its own
        decides it on its text (:func:`cleantext.pagemodel.page_of`).
    :param page_for: the text ``page`` was decided on; ``None`` while the
        pipeline runs (the decision then holds for every step of the run).
    :param page_text: set by the pipeline while it runs: its input, which
        ``page`` is decided on when a removal step first asks for it (a step
        with no candidate never asks, so clean text never pays for it).
    """

    config: Config = field(default_factory=Config)
    line_map: Sequence[int] = field(default_factory=list)
    readings: dict[int, list[ReadingHint]] = field(default_factory=dict)
    keep_readings: bool = True
    page: PageModel | None = None
    page_for: str | None = None
    page_text: str | None = None


#: The signature of every text step.
StepFunc = Callable[[str, Context], tuple[str, list[Finding]]]


@dataclass(frozen=True)
class Step:
    """One entry of the registry (:data:`cleantext.steps.STEPS`).

    :param name: the name users give (``--only pinyin``, ``cleantext pinyin``).
    :param entry: where the function is, as ``"module:function"`` inside
        :mod:`cleantext.steps`, or the function itself. A module named this
        way is imported when a run first calls the step, so help texts and
        ``import cleantext.cli`` load no step module.
    :param summary: one line for help texts, lower-case, no full stop.
    :param idle: a test at C speed that the step has nothing to do in a text
        (its function would return the text as it is, with no finding); the
        pipeline then skips it without importing its module.
    """

    name: str
    entry: str | StepFunc
    summary: str
    idle: Callable[[str], bool] | None = None

    @cached_property
    def func(self) -> StepFunc:
        """The step function (its module imported on first use)."""
        if not isinstance(self.entry, str):
            return self.entry
        module, _, attr = self.entry.partition(":")
        func: StepFunc = getattr(importlib.import_module(f"{__package__}.{module}"), attr)
        return func
