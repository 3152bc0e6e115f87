"""How a run's findings are shown: three text levels and machine formats.

The text levels follow black and ruff:

- **default**: in fix mode one line per changed file saying what changed
  (``Fixing a.md: 1 spam line, 40 duplicate lines, 302 pinyin
  annotations``); under ``--check`` one line per file, step and kind of
  finding, with its count and its first location (still
  ``PATH:LINE:COL: STEP: ...``, so editors can jump there). Reports (findings
  the steps did not dare to fix) are shown the same grouped way in both
  modes.
- **verbose** (``-v``): every finding, one line each.
- **quiet** (``-q``): only the names of files that changed or would change
  (and errors, which :class:`cleantext.report.Messages` prints anyway).

The machine formats (``--output-format``) are ``json`` (the report of
:mod:`cleantext.report`, every finding), ``github`` (workflow commands
that GitHub Actions turns into annotations) and ``sarif`` (SARIF 2.1.0 for
code-scanning dashboards).

Nothing here prints: functions return lines or documents, the CLI decides
where they go.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from .findings import Finding


class Level(enum.IntEnum):
    """How much the text output says (``-q`` < default < ``-v``)."""

    QUIET = 0
    NORMAL = 1
    VERBOSE = 2


class OutputFormat(str, enum.Enum):
    """``--output-format``: what the run prints about its findings."""

    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


# -- naming kinds of findings ------------------------------------------------------------

#: What one finding of a code counts as, singular (plural by :func:`plural`).
#: Codes that remove whole lines count lines instead (see :func:`units`).
NOUNS: dict[str, str] = {
    "pinyin-annotation": "pinyin annotation",
    "pinyin-kept": "kept pinyin annotation",
    "pinyin-unmatched": "unmatched pinyin annotation",
    "lost-character": "remnant of a lost character",
    "lost-characters": "lost character run",
    "truncated-annotation": "truncated annotation",
    "spam-lines": "spam line",
    "spam-suspect": "suspected spam line",
    "duplicate-run": "duplicate line",
    "duplicate-section": "duplicate line",
    "duplicate-line": "duplicate line",
    "converted": "converted line",
    "converted-by-reading": "conversion by reading",
    "kept-by-reading": "character kept by its reading",
    "mixed-encoding": "line in another encoding",
    "undecodable-bytes": "undecodable byte run",
    "re-encoded": "re-encoding",
}

#: Plurals that adding ``s`` to the last word gets wrong.
PLURALS: dict[str, str] = {
    "conversion by reading": "conversions by reading",
    "character kept by its reading": "characters kept by their reading",
    "line in another encoding": "lines in another encoding",
    "remnant of a lost character": "remnants of lost characters",
}

#: Code prefixes that share a noun.
PREFIX_NOUNS: tuple[tuple[str, str], ...] = (
    ("entity-", "broken entity"),
    ("mojibake-", "mojibake repair"),
    ("boilerplate", "boilerplate line"),
)


def noun(code: str) -> str:
    """What one finding of ``code`` is called.

    >>> noun("pinyin-annotation"), noun("entity-lost-ampersand"), noun("odd-thing")
    ('pinyin annotation', 'broken entity', 'odd thing finding')
    """
    if code in NOUNS:
        return NOUNS[code]
    for prefix, name in PREFIX_NOUNS:
        if code.startswith(prefix):
            return name
    return code.replace("-", " ") + " finding"


def plural(name: str, count: int) -> str:
    """``count`` and ``name``, pluralised in the last word when ``count != 1``.

    >>> plural("spam line", 1), plural("broken entity", 2), plural("re-encoding", 3)
    ('1 spam line', '2 broken entities', '3 re-encodings')
    >>> plural("character kept by its reading", 2)
    '2 characters kept by their reading'
    """
    if count == 1:
        return f"1 {name}"
    if name in PLURALS:
        return f"{count} {PLURALS[name]}"
    words = name.split(" ")
    last = words[-1]
    if last.endswith("y") and last[-2:-1] not in ("a", "e", "o", "u"):
        words[-1] = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        words[-1] = last + "es"
    else:
        words[-1] = last + "s"
    return f"{count} {' '.join(words)}"


def units(f: Finding) -> int:
    """How many things ``f`` counts for: the lines it names in ``data["lines"]``
    (a spam finding removes its spam lines and the blank or navigation lines
    around them), else ``data["count"]`` (the pinyin annotations removed from
    one line make one finding), else the lines it removes, else one.
    (``f.data`` is read once: a pinyin finding's is made at each read, see
    :class:`cleantext.steps.pinyin._GroupFinding`, and a farm page has
    one on nearly every line.)"""
    data = f.data
    named = data.get("lines") if data else None
    if isinstance(named, list) and named:
        return len(named)
    count = data.get("count") if data else None
    if isinstance(count, int) and count > 0:
        return count
    if f.removes_lines and f.end_line is not None and f.end_line >= f.line:
        return f.end_line - f.line + 1
    return 1


# -- grouping ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """The findings of one file that share step, code and ``fixed``."""

    step: str
    code: str
    fixed: bool
    first: Finding
    findings: int
    count: int  # units (lines for line removals), what the summary says

    @property
    def phrase(self) -> str:
        """``302 pinyin annotations``."""
        return plural(noun(self.code), self.count)


def group_findings(findings: Iterable[Finding]) -> list[Group]:
    """One :class:`Group` per (step, code, fixed), in order of first location.

    >>> fs = [Finding("pinyin", 9, 2, "pinyin-annotation", "b"),
    ...       Finding("pinyin", 5, 21, "pinyin-annotation", "a"),
    ...       Finding("spam", 1, 1, "spam-lines", "s", end_line=2, removes_lines=True)]
    >>> [(g.step, g.first.line, g.count) for g in group_findings(fs)]
    [('spam', 1, 2), ('pinyin', 5, 2)]
    """
    acc: dict[tuple[str, str, bool], list[Any]] = {}
    for f in findings:
        key = (f.step, f.code, f.fixed)
        slot = acc.get(key)
        if slot is None:
            acc[key] = [f, 1, units(f)]
            continue
        if (f.line, f.col) < (slot[0].line, slot[0].col):
            slot[0] = f
        slot[1] += 1
        slot[2] += units(f)
    groups = [Group(k[0], k[1], k[2], v[0], v[1], v[2]) for k, v in acc.items()]
    groups.sort(key=lambda g: (g.first.line, g.first.col, g.step, g.code))
    return groups


def _one_line(message: str) -> str:
    return " ".join(message.split("\n"))


def finding_line(f: Finding, path: str) -> str:
    """``PATH:LINE:COL: STEP: message``, on one line.

    >>> finding_line(Finding("pinyin", 11, 5, "pinyin-annotation", "removed (qū)"), "a.txt")
    'a.txt:11:5: pinyin: removed (qū)'
    """
    return f"{path}:{f.line}:{f.col}: {f.step}: {_one_line(f.message)}"


def group_line(g: Group, path: str) -> str:
    """One line for a group: the finding itself when it is alone, else the
    count and the first one's message.

    >>> fs = [Finding("pinyin", 5, 21, "pinyin-annotation", "removed (qū) after 區"),
    ...       Finding("pinyin", 9, 2, "pinyin-annotation", "removed (yè) after 業")]
    >>> group_line(group_findings(fs)[0], "a.txt")
    'a.txt:5:21: pinyin: 2 pinyin annotations, first: removed (qū) after 區'
    >>> group_line(group_findings(fs[:1])[0], "a.txt")
    'a.txt:5:21: pinyin: removed (qū) after 區'
    """
    if g.findings == 1:
        return finding_line(g.first, path)
    return (
        f"{path}:{g.first.line}:{g.first.col}: {g.step}: "
        f"{g.phrase}, first: {_one_line(g.first.message)}"
    )


def change_summary(findings: Iterable[Finding]) -> str:
    """What the fixes of one file add up to, in step order of first appearance.

    >>> change_summary([Finding("spam", 1, 1, "spam-lines", "s"),
    ...                 Finding("pinyin", 5, 2, "pinyin-annotation", "p"),
    ...                 Finding("pinyin", 7, 2, "pinyin-annotation", "p"),
    ...                 Finding("pinyin", 8, 2, "pinyin-kept", "k", fixed=False)])
    '1 spam line, 2 pinyin annotations'
    """
    counts: dict[str, int] = {}
    for f in findings:
        if f.code == "re-encoded":
            counts[_one_line(f.message)] = 1  # "re-encoded from gb18030 to UTF-8"
        elif f.fixed:
            name = noun(f.code)
            counts[name] = counts.get(name, 0) + units(f)
    return ", ".join(
        name if name.startswith("re-encoded") else plural(name, n) for name, n in counts.items()
    )


def file_lines(
    path: str,
    findings: Sequence[Finding],
    *,
    level: Level,
    check: bool,
    changed: bool,
    dest: str | None = None,
) -> list[str]:
    """The text lines (for stderr) about one file's findings.

    ``check`` is ``--check`` (and ``--diff``: nothing is written); ``changed``
    whether the file's bytes change; ``dest`` where the output went when not
    in place (``-o``, ``--output-dir``). Fix mode names a changed file once, with
    a summary of its fixes; check mode gives the fixes grouped. Reports are
    grouped in both modes, and every finding is its own line at
    :attr:`Level.VERBOSE`. At :attr:`Level.QUIET` only the name of a changed
    file is given.

    >>> fs = [Finding("pinyin", 5, 21, "pinyin-annotation", "removed (qū)"),
    ...       Finding("pinyin", 9, 2, "pinyin-annotation", "removed (yè)"),
    ...       Finding("pinyin", 29, 79, "lost-character", "lost", fixed=False)]
    >>> for line in file_lines("a.txt", fs, level=Level.NORMAL, check=False, changed=True):
    ...     print(line)
    Fixing a.txt: 2 pinyin annotations
    a.txt:29:79: pinyin: lost
    >>> for line in file_lines("a.txt", fs, level=Level.NORMAL, check=True, changed=True):
    ...     print(line)
    a.txt:5:21: pinyin: 2 pinyin annotations, first: removed (qū)
    a.txt:29:79: pinyin: lost
    >>> file_lines("a.txt", fs, level=Level.QUIET, check=True, changed=True)
    ['a.txt']
    """
    if level is Level.QUIET:
        return [path] if changed else []
    out: list[str] = []
    if changed and not check:
        what = change_summary(findings)
        shown = path if dest is None else f"{path} -> {dest}"
        out.append(f"Fixing {shown}: {what}" if what else f"Fixing {shown}")
    if level is Level.VERBOSE:
        ordered = sorted(findings, key=lambda f: (f.line, f.col))
        out += [finding_line(f, path) for f in ordered]
    else:
        out += [group_line(g, path) for g in group_findings(findings) if check or not g.fixed]
    return out


def summary_line(*, changed: int, unchanged: int, failed: int, check: bool) -> str:
    """The end-of-run line (black's ``All done!`` line, without the cake).

    >>> summary_line(changed=2, unchanged=98, failed=0, check=True)
    '2 files would be fixed, 98 unchanged'
    >>> summary_line(changed=1, unchanged=0, failed=1, check=False)
    '1 file fixed, 0 unchanged, 1 failed'
    """
    verb = "would be fixed" if check else "fixed"
    parts = [f"{changed} file{'s' * (changed != 1)} {verb}", f"{unchanged} unchanged"]
    if failed:
        parts.append(f"{failed} failed")
    return ", ".join(parts)


# -- diffs -------------------------------------------------------------------------------


def diff_header(
    path: str,
    *,
    before: str,
    after: str,
    encoding: str | None,
    out_encoding: str,
    bom_before: bool,
    bom_after: bool,
) -> str | None:
    """A line saying what changes besides the text, or ``None``.

    A file whose text stays the same can still change: re-encoded from
    GB18030 to UTF-8, a byte order mark dropped, line endings changed. A
    unified diff of the text shows nothing for those (or lines that look the
    same), so ``--diff`` prints this line first. It starts with ``#``, which
    ``patch`` and ``git apply`` skip as text before the diff.

    >>> diff_header("a.txt", before="x", after="x", encoding="gb18030",
    ...             out_encoding="utf-8", bom_before=False, bom_after=False)
    '# a.txt: re-encoded from gb18030 to utf-8'
    >>> diff_header("a.txt", before="x\\r\\n", after="x\\n", encoding="utf-8",
    ...             out_encoding="utf-8", bom_before=True, bom_after=False)
    '# a.txt: byte order mark removed; line endings CRLF to LF'
    >>> diff_header("a.txt", before="x", after="y", encoding="utf-8",
    ...             out_encoding="utf-8", bom_before=False, bom_after=False) is None
    True
    """
    notes = []
    if encoding and encoding.replace("_", "-").lower() != out_encoding.replace("_", "-").lower():
        notes.append(f"re-encoded from {encoding} to {out_encoding}")
    if bom_before and not bom_after:
        notes.append("byte order mark removed")
    elif bom_after and not bom_before:
        notes.append("byte order mark added")
    eol_before, eol_after = _eol(before), _eol(after)
    if eol_before != eol_after and before.replace("\r", "") == after.replace("\r", ""):
        notes.append(f"line endings {eol_before} to {eol_after}")
    if not notes:
        return None
    return f"# {path}: " + "; ".join(notes)


def _eol(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    kinds = [name for name, n in (("CRLF", crlf), ("LF", lf), ("CR", cr)) if n]
    return "+".join(kinds) or "none"


# -- GitHub workflow commands ------------------------------------------------------------


def _gh_data(text: str) -> str:
    # actions/toolkit escapeData: % first, then CR and LF.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    # actions/toolkit escapeProperty: escapeData plus ':' and ','.
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(f: Finding, path: str, *, count: int = 1, phrase: str = "") -> str:
    """One workflow command: ``::warning`` for a change, ``::notice`` for a
    report, escaped as GitHub's toolkit escapes them.

    >>> github_annotation(Finding("entities", 3, 4, "entity-lost-ampersand", "50%, a:b\\nc"), "d/a,b.md")
    '::warning file=d/a%2Cb.md,line=3,col=4,title=cleantext entities (entity-lost-ampersand)::50%25, a:b%0Ac'
    """
    kind = "warning" if f.fixed else "notice"
    props = [f"file={_gh_property(path)}", f"line={f.line}", f"col={f.col}"]
    if f.end_line is not None and f.end_line != f.line:
        props.append(f"endLine={f.end_line}")
    props.append(f"title={_gh_property(f'cleantext {f.step} ({f.code})')}")
    message = f.message if count == 1 else f"{phrase}, first: {f.message}"
    return f"::{kind} {','.join(props)}::{_gh_data(message)}"


def github_lines(path: str, findings: Sequence[Finding], *, level: Level) -> list[str]:
    """Annotations for one file: one per group, or one per finding with ``-v``
    (GitHub shows only the first few annotations of each kind per step)."""
    if level is Level.VERBOSE:
        return [github_annotation(f, path) for f in sorted(findings, key=lambda f: (f.line, f.col))]
    return [
        github_annotation(g.first, path, count=g.findings, phrase=g.phrase)
        for g in group_findings(findings)
    ]


def github_error(path: str, message: str) -> str:
    """An ``::error`` for a file that could not be processed."""
    return f"::error file={_gh_property(path)},title=cleantext::{_gh_data(message)}"


# -- SARIF 2.1.0 -------------------------------------------------------------------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"


def sarif_uri(path: str) -> str:
    """A relative URI reference for a path (``/`` separators, percent-encoded).

    >>> sarif_uri("docs/新 闻.md")
    'docs/%E6%96%B0%20%E9%97%BB.md'
    """
    return quote(path.replace("\\", "/"), safe="/")


class SarifLog:
    """Collects files' findings and errors into one SARIF 2.1.0 log.

    Every finding is a result (``warning`` for a change, ``note`` for a
    report) whose ``ruleId`` is the finding's code; each code is a rule of
    the driver. Files that could not be processed are
    ``toolExecutionNotifications`` of the invocation.
    """

    def __init__(self, version: str) -> None:
        self.version = version
        self._rules: dict[str, int] = {}
        self._rule_objs: list[dict[str, Any]] = []
        self._results: list[dict[str, Any]] = []
        self._errors: list[dict[str, Any]] = []

    def _rule(self, f: Finding) -> int:
        index = self._rules.get(f.code)
        if index is None:
            index = self._rules[f.code] = len(self._rule_objs)
            self._rule_objs.append(
                {
                    "id": f.code,
                    "name": f.code.title().replace("-", ""),
                    "shortDescription": {"text": f"{f.step}: {noun(f.code)}"},
                    "properties": {"step": f.step},
                }
            )
        return index

    def add(self, path: str, findings: Iterable[Finding]) -> None:
        uri = sarif_uri(path)
        for f in findings:
            region: dict[str, Any] = {"startLine": max(f.line, 1), "startColumn": max(f.col, 1)}
            if f.end_line is not None and f.end_line >= f.line:
                region["endLine"] = f.end_line
            result: dict[str, Any] = {
                "ruleId": f.code,
                "ruleIndex": self._rule(f),
                "level": "warning" if f.fixed else "note",
                "message": {"text": f.message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}
                ],
                "properties": {"step": f.step, "fixed": f.fixed},
            }
            if f.replacement is not None:
                result["properties"]["replacement"] = f.replacement
            if f.original:
                result["properties"]["original"] = f.original
            self._results.append(result)

    def add_error(self, path: str, message: str) -> None:
        self._errors.append(
            {
                "level": "error",
                "message": {"text": f"{path}: {message}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": sarif_uri(path)}}}],
            }
        )

    def to_dict(self, *, exit_code: int) -> dict[str, Any]:
        return {
            "$schema": SARIF_SCHEMA,
            "version": SARIF_VERSION,
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "cleantext",
                            "version": self.version,
                            "rules": self._rule_objs,
                        }
                    },
                    "invocations": [
                        {
                            "executionSuccessful": not self._errors,
                            "exitCode": exit_code,
                            "toolExecutionNotifications": self._errors,
                        }
                    ],
                    "results": self._results,
                }
            ],
        }

    def to_json(self, *, exit_code: int) -> str:
        return json.dumps(self.to_dict(exit_code=exit_code), ensure_ascii=False, indent=2) + "\n"


# -- one run's output --------------------------------------------------------------------


class Printer:
    """What one run prints about its files, in the chosen format and level.

    The CLI calls :meth:`file` once per input whose status is final and
    :meth:`error` for an input that failed; :meth:`document` gives what
    goes to the report destination at the end (``None`` when nothing does).
    ``err`` writes a line for people (stderr), ``out`` a line of data
    (stdout or the report file): GitHub reads workflow commands from the
    job's output.
    """

    def __init__(
        self,
        *,
        fmt: OutputFormat,
        level: Level,
        check: bool,
        err: Callable[[str], None],
        out: Callable[[str], None],
        version: str,
    ) -> None:
        self.fmt = fmt
        self.level = level
        self.check = check
        self._err = err
        self._out = out
        self._sarif = SarifLog(version) if fmt is OutputFormat.sarif else None

    def file(
        self, path: str, findings: Sequence[Finding], *, changed: bool, dest: str | None = None
    ) -> None:
        if self.fmt is OutputFormat.text:
            for line in file_lines(
                path, findings, level=self.level, check=self.check, changed=changed, dest=dest
            ):
                self._err(line)
        elif self.fmt is OutputFormat.github:
            for line in github_lines(path, findings, level=self.level):
                self._out(line)
        elif self._sarif is not None:
            self._sarif.add(path, findings)

    def error(self, path: str, message: str) -> None:
        """A file that failed (its ``cleantext: error:`` line is printed anyway)."""
        if self.fmt is OutputFormat.github:
            self._out(github_error(path, message))
        elif self._sarif is not None:
            self._sarif.add_error(path, message)

    def document(self, *, exit_code: int) -> str | None:
        if self._sarif is not None:
            return self._sarif.to_json(exit_code=exit_code)
        return None
