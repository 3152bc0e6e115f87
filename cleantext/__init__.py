"""cleantext: repair and clean scraped and damaged text files.

>>> r = clean("蛟龍號?rdquo;")
>>> r.text
'蛟龍號”'
>>> [f.code for f in r.findings]
['entity-lost-ampersand']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .config import DEFAULT_STEPS, STEP_ORDER, Config
from .decode import decode_bytes, encode_text
from .errors import CleantextError, ConfigError, InvalidTextError, UndecodableError
from .findings import Finding
from .pipeline import run_steps

__version__ = "0.1.0"

__all__ = [
    "clean",
    "clean_batch",
    "Result",
    "Finding",
    "Config",
    "CleantextError",
    "ConfigError",
    "UndecodableError",
    "InvalidTextError",
    "STEP_ORDER",
    "DEFAULT_STEPS",
]


@dataclass
class Result:
    """What :func:`clean` returns.

    :param text: the cleaned text.
    :param findings: every change and report, in step order, with line
        numbers in the original input.
    :param encoding: the detected (or forced) input encoding; ``None`` when
        the input was already a ``str``.
    :param confidence: how sure the detection is, 0 to 1.
    :param bom: whether the input started with a byte order mark.
    :param original: the decoded input text.
    :param data: the cleaned text as bytes (UTF-8, or the input's encoding
        with ``keep_encoding``); equal to the input bytes when nothing changed.
    :param changed: whether the output differs from the input.
    :param lossy: decoding replaced undecodable bytes with U+FFFD.
    :param error: set only by :func:`cleantext.clean_batch` with
        ``errors="keep"``: why this input could not be cleaned (it is
        returned unchanged).
    """

    text: str
    findings: list[Finding]
    encoding: str | None
    confidence: float | None
    bom: bool
    original: str
    data: bytes = field(repr=False, default=b"")
    changed: bool = False
    lossy: bool = False
    error: str | None = None

    @property
    def fixes(self) -> list[Finding]:
        return [f for f in self.findings if f.fixed]

    @property
    def reports(self) -> list[Finding]:
        return [f for f in self.findings if not f.fixed]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_lone_surrogates(text: str) -> None:
    """A ``str`` with lone surrogates is not Unicode text: it has no UTF-8
    form, so :attr:`Result.data` could not hold it. Refused, naming where."""
    m = _SURROGATE.search(text)
    if m is None:
        return
    line = text.count("\n", 0, m.start()) + 1
    col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    raise InvalidTextError(
        f"the text has a lone surrogate U+{ord(m.group()):04X} at line {line}, column {col}"
        f" ({len(_SURROGATE.findall(text))} in all): it is not valid Unicode",
        hint="pass the original bytes instead (clean(raw_bytes)); decoding them is the first step",
    )


def clean(data: bytes | str, config: Config | None = None, **options: object) -> Result:
    """Clean ``data`` with the default pipeline (or the steps ``options`` pick).

    ``data`` may be raw bytes (decoded first, see :mod:`cleantext.decode`) or text;
    a ``bytearray`` is read as bytes. Anything else (``None``, a number, a
    ``memoryview``) raises :class:`TypeError`; a ``str`` with lone surrogates
    (U+D800-U+DFFF, say from ``errors="surrogateescape"``) raises
    :class:`InvalidTextError` naming the first one: it has no UTF-8 form.
    Options are those of :class:`cleantext.Config` (``only``, ``skip``,
    ``convert``, ``to_simplified``, ``encoding``, ``filename``...).

    Bytes that no candidate encoding decodes cleanly become U+FFFD, each
    replaced span is reported, and :attr:`Result.lossy` is set: a caller
    that writes files back (the CLI) must refuse such a result unless the
    user forces it.
    """
    if isinstance(data, bytearray):
        data = bytes(data)
    elif not isinstance(data, (bytes, str)):
        raise TypeError(
            f"clean() takes str or bytes (or bytearray), not {type(data).__name__}"
            + ("; pass bytes(view)" if isinstance(data, memoryview) else "")
        )
    if isinstance(data, str):
        _refuse_lone_surrogates(data)
    if config is None:
        config = Config.from_options(**options)
    elif options:
        config = config.with_(**options)

    findings: list[Finding] = []
    if isinstance(data, str):
        original = data
        encoding: str | None = None
        confidence: float | None = None
        bom = False
        lossy = False
    else:
        decoded = decode_bytes(data, config)
        original = decoded.text
        encoding, confidence, bom = decoded.encoding, decoded.confidence, decoded.bom
        lossy = decoded.lossy
        findings.extend(decoded.findings)

    steps_config = config
    if not isinstance(data, str) and decoded.guessed and "mojibake" not in config.skip:
        # Lines decoding read in a codec other than the file's, by a guess:
        # the mojibake step must not "repair" them again (issue 11). Until
        # the step can skip line ranges, a file decoded that way skips it.
        steps_config = config.with_(skip=(*config.skip, "mojibake"))
    text, step_findings = run_steps(original, steps_config)
    if findings:
        # U+FFFD that decoding put there is reported by decode, with the lost
        # bytes; the mojibake step's report of the same spot says less.
        replaced = {(f.line, f.col) for f in findings if f.code == "undecodable-bytes"}
        step_findings = [
            f
            for f in step_findings
            if not (
                f.code == "lost-characters"
                and f.data.get("pattern") == "fffd"
                and (f.line, f.col) in replaced
            )
        ]
    findings.extend(step_findings)
    if isinstance(data, str):
        out = text.encode("utf-8", "surrogatepass")
        changed = text != data
    else:
        out = encode_text(text, decoded, config)
        changed = out != data
    if config.filename:
        for f in findings:
            f.path = config.filename
    return Result(
        text=text,
        findings=findings,
        encoding=encoding,
        confidence=confidence,
        bom=bom,
        original=original,
        data=out,
        changed=changed,
        lossy=lossy,
    )


if TYPE_CHECKING:
    from .batch import clean_batch


def __getattr__(name: str) -> Any:
    # cleantext.clean_batch loads on first use: cleantext.batch builds on
    # clean() and Result above (an import at the top would be a cycle), and
    # its process-pool imports would slow every start of the CLI.
    if name == "clean_batch":
        from .batch import clean_batch

        return clean_batch
    raise AttributeError(f"module 'cleantext' has no attribute {name!r}")
