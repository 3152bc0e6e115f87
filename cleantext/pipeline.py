"""The pipeline: the decode stage, the text steps in order, and encoding back.

:func:`clean` is the whole run (``cleantext.clean``): bytes are decoded first
(:mod:`cleantext.decode`), then :func:`run_steps` applies the text steps of
:data:`cleantext.steps.STEPS` and keeps findings pointing at original lines,
then the text is encoded the way the input came.
"""

from __future__ import annotations

import codecs
import gc
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from . import decode
from .config import DECODE, Config
from .decode import Decoded, decode_bytes, encode_text, read_utf8, round_trips
from .errors import InvalidTextError
from .findings import Finding
from .idle import pinyin_places
from .pagemodel import PageModel, decide
from .steps import STEPS, Context
from .textutil import count_lines, merge_spans

#: One line for each name of :data:`cleantext.config.STEP_ORDER`, for help texts.
SUMMARIES: dict[str, str] = {
    DECODE: decode.SUMMARY,
    **{step.name: step.summary for step in STEPS.values()},
}

#: Steps that remove lines: the page model is decided (on the input) when one asks.
REMOVAL_STEPS = frozenset({"spam", "boilerplate", "dedupe"})
#: Further rounds of the removal steps after the first, at most.
MAX_ROUNDS = 3
#: Further passes of the repair steps over a text they changed, at most.
REPAIR_ROUNDS = 2
#: From this many characters on, a text whose head reads like a site farm's
#: page has its page model decided before the first step runs (when a
#: removal step is active), not when a step first asks. The decision is the
#: same (it is always made on the input), but its working set (the lines,
#: their keys, the structure walk: about three times the text) is then not
#: held beside what the earlier steps made: on 50 MB of farm pages spam
#: asked with the pinyin step's 140,410 findings (140 MiB) and two texts
#: alive. Only there: a clean text's removal steps seldom ask (dedupe asks
#: only to remove a block), and the decision costs more than its cleaning.
EAGER_PAGE_CHARS = 1 << 20
#: ... when the first EAGER_HEAD characters hold at least EAGER_FARM places
#: of the pinyin step (a bracket after a Han character opening on a pinyin
#: letter): annotations on nearly every line, each a finding of about 1 KB.
#: (50 MB of People's Daily prose has 91,000 brackets in all; a farm page a
#: place every few dozen characters.)
EAGER_HEAD = 1 << 16
EAGER_FARM = 64


def _to_original(n: int | None, line_map: Sequence[int]) -> int | None:
    if n is None:
        return None
    if 1 <= n <= len(line_map):
        return line_map[n - 1]
    # Past the end (an empty last line, say): extrapolate from the last line.
    return (line_map[-1] + n - len(line_map)) if line_map else n


def _farm_head(text: str) -> bool:
    """Whether the head of ``text`` holds EAGER_FARM pinyin places."""
    places = pinyin_places(text[:EAGER_HEAD])
    return next(islice(places, EAGER_FARM - 1, None), None) is not None


def _merge(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """``spans`` (0-based [start, end) ranges of lines) sorted, clipped to
    ``size`` lines and merged where they overlap or touch. A negative start
    (no step's finding has one) is taken from 0."""
    clipped = ((max(a, 0), min(b, size)) for a, b in spans)
    return merge_spans((a, b) for a, b in clipped if a < b)


def _without_spans(line_map: Sequence[int], spans: list[tuple[int, int]]) -> array[int]:
    """``line_map`` without the lines of ``spans`` (sorted, disjoint, within
    it, as :func:`_merge` gives them), into an array of machine integers."""
    out = array("q")
    start = 0
    for a, b in spans:
        if a > start:
            out.extend(line_map[start:a])
        start = b
    out.extend(line_map[start:])
    return out


#: The active steps of a configuration, as :func:`run_steps` uses them:
#: (all, the removal steps among them, the repair steps among them).
_PLANS: dict[tuple[str, ...], tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}


def _plan(config: Config) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    active = config.active_steps()
    plan = _PLANS.get(active)
    if plan is None:
        steps = tuple(name for name in active if name in STEPS)
        plan = _PLANS[active] = (
            steps,
            tuple(name for name in steps if name in REMOVAL_STEPS),
            tuple(name for name in steps if name not in REMOVAL_STEPS),
        )
    return plan


def run_steps(
    text: str, config: Config, *, ctx: Context | None = None
) -> tuple[str, list[Finding]]:
    """Apply the active text steps of ``config`` to ``text``.

    Returns the new text and the findings, with line numbers translated to
    the lines of ``text`` (the input), however many lines earlier steps
    removed. Findings of earlier steps on lines that a later step removed
    whole (the second copy of an article, say) are dropped: they describe
    text that is no longer there, and the removal finding covers it.
    """
    if ctx is None:
        ctx = Context(config=config)
    new, findings, _same, _input = _run_steps([text], config, ctx, forget=False)
    return new, findings


class _LineSet:
    """A set of line numbers (those of one step and code's findings so far):
    a set while it holds few, then a byte for each line of the input (``size``
    of them) and the set for any number past them. A farm page's pinyin
    findings are on nearly every line: on 50 MB, a set of 140,000 numbers
    held 8 MiB through the later steps, the bytes a line 0.3 MiB."""

    __slots__ = ("few", "marks", "size")

    def __init__(self, size: int) -> None:
        self.few: set[int] = set()
        self.marks: bytearray | None = None
        self.size = size

    def __contains__(self, n: int) -> bool:
        marks = self.marks
        if marks is not None and 0 <= n < len(marks):
            return marks[n] == 1
        return n in self.few

    def add(self, n: int) -> None:
        marks = self.marks
        if marks is not None and 0 <= n < len(marks):
            marks[n] = 1
            return
        few = self.few
        few.add(n)
        if marks is None and len(few) > FEW_LINES:
            size = self.size
            self.marks = marks = bytearray(size)
            for m in few:
                if 0 <= m < size:
                    marks[m] = 1
            self.few = {m for m in few if not 0 <= m < size}


#: How many numbers a :class:`_LineSet` holds in a set before its bytes.
FEW_LINES = 1 << 12
#: What the findings loop of :func:`_steps` starts from: no step and code
#: yet (no finding's are this object), and no lines.
_NO_STEP = object()
_NO_LINES = _LineSet(0)


#: How many characters of a large text are encoded at a time (the output's
#: pieces, the input's digest): a piece and its bytes then stay in the
#: processor's cache, and the same bytes come out faster than from pieces of
#: 256K characters (UTF-8 of 50 MB of farm pages: 78 -> 54 ms; of prose:
#: 44 -> 37 ms). Any size gives the same bytes: UTF-8 (surrogatepass)
#: encodes each character on its own.
ENCODE_PIECE = 1 << 16


class _Digest:
    """What stands for the input text once it is let go of: its length and
    a BLAKE2b digest of its UTF-8 form (surrogatepass), made a piece at a
    time; :meth:`same` tells a text equal to it (a text of another length
    at once, else by its digest)."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.digest = self._of(text)

    @staticmethod
    def _of(text: str, size: int = ENCODE_PIECE) -> bytes:
        # imported here: `hashlib` loads OpenSSL (about 4 MB resident), which
        # every run would pay; only a large input let go of needs a digest
        import hashlib

        h = hashlib.blake2b()
        for i in range(0, len(text), size):
            h.update(text[i : i + size].encode("utf-8", "surrogatepass"))
        return h.digest()

    def same(self, text: str) -> bool:
        return len(text) == self.length and self._of(text) == self.digest


#: From this many characters on, the cyclic garbage collector is paused
#: while the steps run (see :func:`_run_steps`).
GC_PAUSE_CHARS = 1 << 20


def _run_steps(
    box: list[str], config: Config, ctx: Context, *, forget: bool
) -> tuple[str, list[Finding], bool, str | None]:
    """:func:`_steps` with the cyclic garbage collector paused on a large
    text (GC_PAUSE_CHARS; when it is enabled, and enabled again after). The
    steps make no reference cycles (the collector found nothing to collect
    in a whole run on 50 MB of farm pages), but a large page's findings and
    their data are hundreds of thousands of tracked objects, which each full
    collection walks: 9 of them cost 0.74 s of that run's 7.9 s of CPU, and
    nothing else. Reference counting frees everything as before."""
    if len(box[0]) < GC_PAUSE_CHARS or not gc.isenabled():
        return _steps(box, config, ctx, forget=forget)
    gc.disable()
    try:
        return _steps(box, config, ctx, forget=forget)
    finally:
        gc.enable()


def _standing(findings: list[Finding], gone: bytearray) -> list[Finding]:
    """The findings that still stand: those that remove lines, and those
    whose (original) line is not gone (``gone[n]`` is 1). One comprehension,
    no call a finding: a farm page has one on nearly every line."""
    n = len(gone)
    return [f for f in findings if f.removes_lines or not (0 <= f.line < n and gone[f.line])]


def _steps(
    box: list[str], config: Config, ctx: Context, *, forget: bool
) -> tuple[str, list[Finding], bool, str | None]:
    """:func:`run_steps` on the text that ``box`` holds (taken out), whether
    the new text is the input, and the input (``None`` once let go of).
    With ``forget``, once the page model
    is decided before the steps (a site farm's large page, see
    EAGER_PAGE_CHARS), the input is let go of (a :class:`_Digest` tells it)
    as soon as the steps have made another text: the caller must hold no
    reference to it either."""
    text = box.pop()
    original: str | None = text
    digest: _Digest | None = None
    # Line i of the input is line i: a range, not a list of an int per line.
    ctx.line_map = range(1, count_lines(text) + 1)
    active, removing, repairing = _plan(config)
    if removing:
        # Decided on the input, before repairs (pinyin annotations and
        # damaged entities are evidence of a scraped page), but only when a
        # removal step has a candidate and asks (pagemodel.page_of): clean
        # text never pays for the decision.
        ctx.page, ctx.page_for, ctx.page_text = None, None, text
        if len(text) >= EAGER_PAGE_CHARS and _farm_head(text):
            # What page_of's first ask decides, with all its evidence worked
            # out now: the decision must not hold the input it may let go of.
            ctx.page = decide(text, ctx.config, later=False)
            if forget:
                # Asked no more (page_of and is_code read it only while no
                # decision is made); the page's cache holds the input until
                # a step asks for the structure of its own text.
                ctx.page_text = None
                digest, original = _Digest(text), None

    def same_as_input(text: str) -> bool:
        if original is not None:
            return text is original or text == original
        assert digest is not None
        return digest.same(text)

    findings: list[Finding] = []
    # gone[n] is 1 once original line n is removed: a byte a line, not a set
    # of int objects (on 50 MB of farm pages dedupe removes 300,000 lines:
    # the sets of their indices and numbers held some 45 MiB at the peak).
    gone = bytearray(len(ctx.line_map) + 1)
    any_gone = False

    # (step, code) -> the original lines of its findings so far: the
    # findings' own line numbers, no tuple per finding (see _LineSet).
    seen: dict[tuple[str, str], _LineSet] = {}

    def apply(name: str, text: str) -> tuple[str, bool]:
        step = STEPS[name]
        if step.idle is not None and step.idle(text):
            return text, False
        nonlocal any_gone
        new_text, step_findings = step.func(text, ctx)
        spans: list[tuple[int, int]] = []  # 0-based [start, end) of removed lines
        line_map = ctx.line_map
        size = len(line_map)
        # The step and code of the last finding, and their lines in ``seen``:
        # a step's findings come in runs of one code (a farm page's pinyin
        # step has one on nearly every line), looked up again only when the
        # step or code is another object (an equal one gives the same set).
        step_of: object = _NO_STEP
        code_of: object = _NO_STEP
        lines = _NO_LINES
        for f in step_findings:
            fixed = f.fixed
            if fixed and f.removes_lines:
                spans.append((f.line - 1, f.end_line or f.line))
            # (_to_original, inline for a line within the map: a farm page
            # has a finding on nearly every line)
            n = f.line
            f.line = line = (line_map[n - 1] if 1 <= n <= size else _to_original(n, line_map)) or n
            if f.end_line is not None:
                f.end_line = _to_original(f.end_line, line_map)
            if f.code is not code_of or f.step is not step_of:
                step_of, code_of = f.step, f.code
                found = seen.get((f.step, f.code))
                if found is None:
                    found = seen[f.step, f.code] = _LineSet(len(gone))
                lines = found
            if fixed or line not in lines:  # a later round repeats its reports
                lines.add(line)
                findings.append(f)
        if new_text is not text and new_text != text:
            if ctx.page is not None:
                # ``text`` is replaced: no later step is given it, so the
                # page's cache lets go of what it holds for it (its structure
                # lines, its line index: on 50 MB of farm pages, spam's input
                # and its structure held 50 MiB through dedupe's peak). The
                # input, when the pipeline let go of it, goes with them.
                ctx.page.forget(text)
            if spans:
                line_map = ctx.line_map
                merged = _merge(spans, len(line_map))
                for a, b in merged:
                    for n in line_map[a:b]:
                        if n >= len(gone):
                            gone.extend(bytes(n + 1 - len(gone)))
                        gone[n] = 1
                any_gone = any_gone or bool(merged)
                ctx.line_map = _without_spans(line_map, merged)
                del line_map
                # Dropped now, not at the end: a farm page's findings on the
                # second copy of its article are half of all it has. (All
                # the lines gone so far, as at the end: the same findings.)
                findings[:] = _standing(findings, gone)
            n_lines = count_lines(new_text)
            if len(ctx.line_map) != n_lines:
                # A step changed the line count without saying which lines it
                # removed; keep numbering as close as we can.
                last = ctx.line_map[-1] if ctx.line_map else 0
                grown = array("q", ctx.line_map)
                grown.extend(range(last + 1, last + 1 + n_lines))
                ctx.line_map = grown[:n_lines]
            return new_text, bool(spans)
        return text, False

    again = False
    for name in active:  # decode (bytes to text) is not among them: it came before
        text, removed = apply(name, text)
        # A removal by a later removal step can bring more within reach of an
        # earlier one (spam lines that sat between the article and its
        # second copy are at the tail once dedupe took the copy).
        again = again or (removed and name in removing[1:])
    # So the removal steps run again until the later ones remove nothing, and
    # cleaning the output once more changes nothing.
    for _ in range(MAX_ROUNDS):
        if not again:
            break
        again = False
        for name in removing:
            text, removed = apply(name, text)
            again = again or (removed and name in removing[1:])
    # The repair steps read each other's output: pinyin removed beside 'Ã©'
    # or an entity's '”' beside a repaired letter changes what the mojibake
    # step sees. A text the repairs changed is repaired again (at most
    # REPAIR_ROUNDS more times) until a pass changes nothing, so that a
    # second run does not; clean text never pays for this.
    before = None
    for _ in range(REPAIR_ROUNDS):
        if text == before or same_as_input(text):
            break
        before = text
        for name in repairing:
            text, _removed = apply(name, text)
    ctx.page_text = None
    if ctx.page is not None and original is not None:
        ctx.page_for = original  # from here on, the decision is this text's
    if any_gone:
        findings = _standing(findings, gone)
    same = same_as_input(text)
    # (A text equal to the input is the input, let go of or not.)
    return text, findings, same, text if same else original


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
        Empty when :attr:`deferred` (see :meth:`chunks`).
    :param changed: whether the output differs from the input.
    :param lossy: decoding replaced undecodable bytes with U+FFFD.
    :param error: set only by :func:`cleantext.clean_batch` with
        ``errors="keep"``: why this input could not be cleaned (it is
        returned unchanged).
    :param page: the page model's decision (scraped page or authored
        document, with its evidence); ``None`` when no removal step ran.
        Decided on first access when no step needed it (clean text).
    :param deferred: :attr:`data` was not built (:func:`clean_deferred`):
        the output is the text in UTF-8, after a UTF-8 BOM when :attr:`bom`
        is set on a UTF-8 input; :meth:`chunks` encodes it a piece at a time.
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
    page_decided: PageModel | None = field(default=None, repr=False, compare=False)
    #: The configuration to decide :attr:`page` on :attr:`original` with,
    #: while no step has asked for it.
    page_config: Config | None = field(default=None, repr=False, compare=False)
    deferred: bool = field(default=False, repr=False, compare=False)

    def chunks(self, size: int = ENCODE_PIECE) -> Iterator[bytes]:
        """The output bytes in pieces (about ``size`` characters each): the
        same bytes as :attr:`data`, without holding them all at once when
        :attr:`deferred`. UTF-8 encodes each character on its own, so the
        pieces' join is the whole text's encoding."""
        if not self.deferred:
            yield self.data
            return
        if self._utf8_bom:
            yield codecs.BOM_UTF8
        text = self.text
        for i in range(0, len(text), size):
            yield text[i : i + size].encode("utf-8", "surrogatepass")

    @property
    def _utf8_bom(self) -> bool:
        # encode_text writes a BOM before UTF-8 output only for a UTF-8 input
        # that had one (a UTF-16 input's BOM is not carried over).
        return self.bom and self.encoding == "utf-8"

    def head(self, n: int = 4) -> bytes:
        """The first bytes of the output (at least ``n`` when it has them)."""
        if not self.deferred:
            return self.data[:n]
        bom = codecs.BOM_UTF8 if self._utf8_bom else b""
        return (bom + self.text[:n].encode("utf-8", "surrogatepass"))[:n]

    @property
    def page(self) -> PageModel | None:
        if self.page_decided is None and self.page_config is not None:
            self.page_decided = decide(self.original, self.page_config)
            self.page_config = None
        return self.page_decided

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


#: Decoding methods that :func:`cleantext.decode.decode_bytes` uses only
#: once the bytes failed strict UTF-8 (its detection, ``_detect``).
_NOT_UTF8 = frozenset({"cjk", "chardet", "declared", "lines", "none"})
#: From this size (bytes) on, such an input is not kept to compare.
_LARGE_INPUT = 1 << 20


def _head_not_utf8(data: bytes, size: int = 1 << 16) -> bool:
    """Whether the first ``size`` bytes of ``data`` prove it is not strict
    UTF-8: they hold an invalid sequence, not merely one the cut ends in
    (``--encoding gbk`` on GBK text: its first Chinese character)."""
    try:
        data[:size].decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason != "unexpected end of data" or exc.end < min(len(data), size)
    return False


#: The configuration of ``clean(data)`` (frozen: one is enough).
_DEFAULT = Config()


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
        config = Config.from_options(**options) if options else _DEFAULT
    elif options:
        config = config.with_(**options)
    box: list[bytes | str | Decoded] = [data]
    del data  # _clean frees the bytes once decoded, if this frame lets go of them
    return _clean(box, config, encode=True)


def clean_deferred(
    data: bytes | Iterable[bytes], config: Config, *, keep_original: bool = True
) -> Result:
    """:func:`clean` for a caller that reads the input and writes the output
    (the CLI), with less memory: ``data`` may be the input's bytes in pieces
    (read while they are decoded, see :func:`cleantext.decode.read_utf8`),
    and when the output is the text in UTF-8 (:attr:`Result.deferred`), it
    is not built; :meth:`Result.chunks` gives it a piece at a time. A check
    (``--check``) or an unchanged file then never encodes the text, and a
    large output is never held whole beside the text.

    Without ``keep_original``, :attr:`Result.original` may be empty: the
    input text is then let go of during the steps once they changed it, on a
    site farm's large page (see :func:`_run_steps`)."""
    box: list[bytes | str | Decoded] = []
    if isinstance(data, bytes):
        box.append(data)
    elif config.encoding:
        box.append(b"".join(data))
    else:
        got = read_utf8(data)
        # Text means decode_bytes would have read these bytes as plain UTF-8.
        box.append(got if isinstance(got, bytes) else Decoded(got, "utf-8", 1.0, method="utf-8"))
        del got
    del data
    return _clean(box, config, encode=False, keep_original=keep_original)


def _clean(
    box: list[bytes | str | Decoded], config: Config, *, encode: bool, keep_original: bool = True
) -> Result:
    """The body of :func:`clean`: ``box`` holds the input (bytes, text, or
    bytes :func:`clean_deferred` decoded already), which is taken out
    (nothing else need hold it then)."""
    data = box.pop()
    findings: list[Finding] = []
    from_text = isinstance(data, str)
    if isinstance(data, str):
        original = data
        encoding: str | None = None
        confidence: float | None = None
        bom = False
        lossy = False
    else:
        decoded = data if isinstance(data, Decoded) else decode_bytes(data, config)
        original = decoded.text
        encoding, confidence, bom = decoded.encoding, decoded.confidence, decoded.bom
        lossy = decoded.lossy
        findings.extend(decoded.findings)
        same = round_trips(decoded)
        # Written in UTF-8 (not keep_encoding), bytes that are not UTF-8
        # always differ from the output when the output is UTF-8: see below.
        # Large inputs only: a small file is compared as before (one encode,
        # where the proof costs a second one when the file is written).
        not_utf8 = (
            not encode
            and not config.keep_encoding
            and isinstance(data, bytes)
            and len(data) >= _LARGE_INPUT
            and (
                decoded.method in _NOT_UTF8 or (decoded.method == "forced" and _head_not_utf8(data))
            )
        )
        if same or not_utf8:
            # The bytes are the text's own encoding: whether the output
            # differs is whether the text does. Not kept, they are freed
            # here when the caller holds no reference (the CLI does not),
            # before the steps make their copies. Other inputs are kept to
            # compare (hashing both sides instead costs about 40 ms per 10 MB).
            data = b""

    steps_config = config
    if not from_text and decoded.guessed and "mojibake" not in config.skip:
        # Lines decoding read in a codec other than the file's, by a guess:
        # the mojibake step must not "repair" them again (issue 11). Until
        # the step can skip line ranges, a file decoded that way skips it.
        steps_config = config.with_(skip=(*config.skip, "mojibake"))
    # (The pinyin step's reading hints are for the convert step alone.)
    plan = _plan(steps_config)
    ctx = Context(config=steps_config, keep_readings="convert" in plan[0])
    held = [original]
    if not keep_original:
        # The steps hold the input alone, and may let go of it (_run_steps).
        original = ""
        if not from_text:
            decoded.text = ""
    text, step_findings, unchanged, kept = _run_steps(
        held, steps_config, ctx, forget=not keep_original
    )
    if not keep_original:
        original = kept if kept is not None else ""
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
    deferred = False
    if from_text:
        out = text.encode("utf-8", "surrogatepass")
        changed = not unchanged
    elif same and not encode:
        # encode_text gives such a text in UTF-8 (after its BOM, if any).
        out, deferred = b"", True
        changed = not unchanged
    elif not_utf8:
        # decode_bytes tried strict UTF-8 first and only these methods come
        # after it failed: the input bytes are not UTF-8, and the output,
        # UTF-8 (no BOM: encode_text writes one only for a UTF-8 input), is
        # never those bytes. It is made a piece at a time when asked
        # (Result.chunks, with surrogatepass as encode_text: a lone
        # surrogate, which no detected codec decodes to, is written alike).
        out, deferred, changed = b"", True, True
    else:
        out = encode_text(text, decoded, config)
        changed = (not unchanged) if same else out != data
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
        page_decided=ctx.page,
        page_config=steps_config if ctx.page is None and plan[1] else None,
        deferred=deferred,
    )
