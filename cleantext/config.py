"""The one frozen configuration that every entry point maps onto."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from .errors import ConfigError
from .opencc_triggers import CONFIG_DICTS

#: The bytes stage: decoding runs first, on every run that starts from bytes
#: (:mod:`cleantext.decode`). Its name is a step name for users (``cleantext
#: decode``), not an entry of the text-step registry.
DECODE = "decode"

#: The text steps, in the one canonical order a run applies them
#: (:data:`cleantext.steps.STEPS` holds their functions and summaries).
TEXT_STEPS: tuple[str, ...] = (
    "mojibake",
    "entities",
    "pinyin",
    "spam",
    "boilerplate",
    "dedupe",
    "convert",
)

#: Every step name, in the one canonical order a run applies them.
STEP_ORDER: tuple[str, ...] = (DECODE, *TEXT_STEPS)

#: Steps that run when nothing is said. ``convert`` joins when a conversion
#: is asked for (``convert="t2s"``); ``boilerplate`` only with ``enable``.
DEFAULT_STEPS: tuple[str, ...] = ("decode", "mojibake", "entities", "pinyin", "spam", "dedupe")

#: The OpenCC configurations ``convert`` may name: those of the table
#: generated from OpenCC's own configuration files (:mod:`cleantext.opencc_triggers`).
OPENCC_CONFIGS: tuple[str, ...] = tuple(CONFIG_DICTS)


def opencc_name(name: str) -> str:
    """The OpenCC configuration ``name`` stands for (``"T2S.json"`` is ``t2s``).

    >>> opencc_name(" T2S.json")
    't2s'
    """
    name = name.strip().lower()
    return name[: -len(".json")] if name.endswith(".json") else name


#: Values for ``context``: how markup in the text is treated.
CONTEXTS = ("text", "markdown", "html")

#: Values for ``page``: force the page model's decision, or decide (``auto``).
PAGE_KINDS = ("auto", "scraped", "authored")


@dataclass(frozen=True)
class Config:
    """Options for one run. All keyword-only, all with safe defaults.

    :param only: run just these steps (still in canonical order).
    :param skip: leave these steps out.
    :param enable: opt-in steps to add to the default chain (``boilerplate``).
    :param convert: an OpenCC config name (``"t2s"``, ``"s2twp"``...); adds
        the ``convert`` step.
    :param encoding: force the input encoding instead of detecting it.
    :param keep_encoding: encode the output in the input's own encoding
        instead of UTF-8.
    :param force: write even when decoding had to replace bytes.
    :param filename: the name of the input, used to pick the context
        (``.md`` is Markdown, ``.html`` is HTML) and in messages.
    :param context: ``"text"``, ``"markdown"`` or ``"html"``; ``None``
        means decide from ``filename``, then from the content.
    :param spam_terms: extra spam terms (one per entry) added to the
        built-in lexicon.
    :param page: ``"scraped"`` or ``"authored"`` forces the page model's
        decision (:mod:`cleantext.pagemodel`); ``None`` (or ``"auto"``)
        decides from the text. In an authored document the removal steps
        (spam, boilerplate, dedupe) report and remove nothing.
    :param page_paths: ``(glob, kind)`` pairs: the first glob that matches
        ``filename`` (or a tail of it after a ``/``) forces ``kind``
        (``"auto"`` decides from the text).
    """

    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    convert: str | None = None
    encoding: str | None = None
    keep_encoding: bool = False
    force: bool = False
    filename: str | None = None
    context: str | None = None
    spam_terms: tuple[str, ...] = field(default=())
    page: str | None = None
    page_paths: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        for name in (*self.only, *self.skip, *self.enable):
            if name not in STEP_ORDER:
                raise ConfigError(
                    f"unknown step {name!r}",
                    hint="steps are: " + ", ".join(STEP_ORDER),
                )
        if self.context is not None and self.context not in CONTEXTS:
            raise ConfigError(
                f"unknown context {self.context!r}", hint="use one of: " + ", ".join(CONTEXTS)
            )
        if self.convert and opencc_name(self.convert) not in OPENCC_CONFIGS:
            raise ConfigError(
                f"unknown OpenCC conversion {self.convert!r}",
                hint="use one of: " + ", ".join(OPENCC_CONFIGS),
            )
        for kind in (self.page, *(k for _, k in self.page_paths)):
            if kind is not None and kind not in PAGE_KINDS:
                raise ConfigError(
                    f"unknown page kind {kind!r}", hint="use one of: " + ", ".join(PAGE_KINDS)
                )
        if "convert" in self.only and not self.convert:
            raise ConfigError(
                "the convert step needs a conversion",
                hint="add --to-simplified or --convert CONFIG (t2s, s2t, ...)",
            )

    @classmethod
    def from_options(cls, **options: Any) -> Config:
        """Build from keyword options, rejecting unknown names.

        ``to_simplified=True`` is accepted as a shorthand for ``convert="t2s"``.
        """
        if options.pop("to_simplified", False):
            if options.get("convert") not in (None, "t2s"):
                raise ConfigError("to_simplified and convert name different conversions")
            options["convert"] = "t2s"
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ConfigError(
                "unknown option(s): " + ", ".join(unknown),
                hint="options are: " + ", ".join(sorted(known | {"to_simplified"})),
            )
        if "page_paths" in options and isinstance(options["page_paths"], dict):
            options["page_paths"] = tuple(options["page_paths"].items())
        elif options.get("page_paths") is not None:
            options["page_paths"] = tuple(tuple(p) for p in options["page_paths"])
        for key in ("only", "skip", "enable", "spam_terms"):
            if key in options and options[key] is not None:
                options[key] = tuple(options[key])
            elif key in options:
                del options[key]
        return cls(**options)

    def with_(self, **changes: Any) -> Config:
        if changes.keys() == {"filename"}:
            # Once per file of a run: the name alone is never checked, so
            # the checks of __post_init__ need not run again.
            new = object.__new__(type(self))
            new.__dict__.update(self.__dict__, filename=changes["filename"])
            return new
        return replace(self, **changes)

    def active_steps(self) -> tuple[str, ...]:
        """The steps this run applies, in canonical order."""
        key = (self.only, self.skip, self.enable, self.convert)
        steps = _ACTIVE.get(key)
        if steps is None:
            steps = _ACTIVE[key] = self._active_steps()
        return steps

    def _active_steps(self) -> tuple[str, ...]:
        if self.only:
            chosen = set(self.only)
        else:
            chosen = set(DEFAULT_STEPS) | set(self.enable)
            if self.convert:
                chosen.add("convert")
        chosen -= set(self.skip)
        return tuple(s for s in STEP_ORDER if s in chosen)


#: :meth:`Config.active_steps` by the options that decide it (asked several
#: times per input; a run has one or two such keys).
_ACTIVE: dict[
    tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str | None], tuple[str, ...]
] = {}
