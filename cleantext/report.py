"""What a run tells the user: finding lines, diffs, the JSON report, the
``detect`` table, and the exit code (decided here and nowhere else).

stdout carries data only (cleaned text, a diff, JSON, the ``detect``
table). Every message goes to stderr through :class:`Messages`, which uses
a rich console only when stderr is a terminal, so pipes and pre-commit
stay plain and start fast.
"""

from __future__ import annotations

import enum
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any

from . import __version__
from .findings import Finding
from .textutil import split_lines

#: Exit codes, in one place.
EXIT_OK = 0
EXIT_CHANGES = 1  # --check and something would change
EXIT_USAGE = 2  # bad option or configuration
EXIT_FAILED = 123  # a file could not be processed

#: A progress bar appears from this many files on (on a terminal only).
PROGRESS_MIN_FILES = 50

#: Version of the JSON report layout; bumped on incompatible changes.
REPORT_VERSION = 1


def finding_line(f: Finding, path: str) -> str:
    """``PATH:LINE:COL: STEP: message``, on one line.

    >>> finding_line(Finding("pinyin", 11, 5, "pinyin-annotation", "removed (qū)"), "a.txt")
    'a.txt:11:5: pinyin: removed (qū)'
    """
    message = " ".join(f.message.split("\n"))
    return f"{path}:{f.line}:{f.col}: {f.step}: {message}"


# -- diffs -------------------------------------------------------------------

_NO_EOL = "\\ No newline at end of file\n"


def unified_diff(before: str, after: str, path: str, *, color: bool = False) -> str:
    """A unified diff from ``before`` to ``after`` that ``patch`` accepts.

    Lines are split on ``\\n`` only, and a last line without a newline gets
    the usual ``\\ No newline at end of file`` marker.

    >>> print(unified_diff("a\\nb\\n", "a\\nc\\n", "f.txt"), end="")  # doctest: +NORMALIZE_WHITESPACE
    --- f.txt	(original)
    +++ f.txt	(cleaned)
    @@ -1,2 +1,2 @@
     a
    -b
    +c
    """
    if before == after:
        return ""
    import difflib

    a = split_lines(before)
    b = split_lines(after)
    out: list[str] = []
    for line in difflib.unified_diff(
        a, b, fromfile=f"{path}\t(original)", tofile=f"{path}\t(cleaned)", n=3
    ):
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n" + _NO_EOL)
    text = "".join(out)
    return colorize_diff(text) if color else text


_RESET = "\033[0m"
_STYLES = {"+++": "\033[1m", "---": "\033[1m", "@@": "\033[36m", "+": "\033[32m", "-": "\033[31m"}


def colorize_diff(text: str) -> str:
    """ANSI colours for a diff (bold headers, cyan hunks, green/red lines)."""
    out = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        end = line[len(body) :]
        for prefix in ("+++", "---", "@@", "+", "-"):
            if body.startswith(prefix):
                body = f"{_STYLES[prefix]}{body}{_RESET}"
                break
        out.append(body + end)
    return "".join(out)


def use_color(flag: bool | None, stream: IO[Any]) -> bool:
    """``--color/--no-color``, else ``NO_COLOR``/``FORCE_COLOR``/``TERM=dumb``
    and whether ``stream`` is a terminal."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


# -- messages ----------------------------------------------------------------


class Messages:
    """Everything for people, on stderr. ``quiet`` keeps errors only."""

    def __init__(self, *, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self._console: Any = None
        self._rich: bool | None = None

    def _use_rich(self) -> bool:
        if self._rich is None:
            self._rich = bool(sys.stderr.isatty()) and not os.environ.get("PRE_COMMIT")
        return self._rich

    @property
    def console(self) -> Any:
        """The rich ``Console(stderr=True)``, created on first use."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True, highlight=False, soft_wrap=True)
        return self._console

    def _write(self, text: str, style: str | None = None) -> None:
        if style and self._use_rich():
            self.console.print(text, style=style, markup=False, emoji=False)
            return
        stream = sys.stderr
        if stream is None:  # started with stderr closed (2>&-)
            return
        try:
            try:
                stream.write(text + "\n")
            except UnicodeEncodeError:
                enc = getattr(stream, "encoding", None) or "utf-8"
                stream.write((text + "\n").encode(enc, "backslashreplace").decode(enc))
            stream.flush()
        except OSError:
            pass  # stderr full or gone: nowhere left to say it

    @contextmanager
    def progress(self, total: int) -> Iterator[Callable[[], None]]:
        """A transient progress bar for long runs (count, files per second,
        time left), only where it helps.

        Shown when stderr is an interactive terminal, outside pre-commit,
        not ``--quiet``, and there are at least :data:`PROGRESS_MIN_FILES`
        files; otherwise the ``advance`` it yields does nothing.
        """
        if total < PROGRESS_MIN_FILES or self.quiet or not self._use_rich():
            yield lambda: None
            return
        if not self.console.is_interactive:
            yield lambda: None
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        with Progress(
            TextColumn("cleaning"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
        ) as bar:
            task = bar.add_task("files", total=total, rate="")

            def advance() -> None:
                bar.advance(task)
                speed = bar.tasks[0].speed
                bar.update(task, rate=f"{speed:.0f} files/s" if speed else "")

            yield advance

    def line(self, message: str) -> None:
        """A line printed even with ``-q`` (the names ``-q`` prints)."""
        self._write(message)

    def error(self, message: str, hint: str | None = None) -> None:
        self._write(f"cleantext: error: {message}", "bold red")
        if hint:
            self._write(f"cleantext: hint: {hint}", "yellow")

    def warning(self, message: str) -> None:
        if not self.quiet:
            self._write(f"cleantext: warning: {message}", "yellow")

    def info(self, message: str, style: str | None = None) -> None:
        if not self.quiet:
            self._write(message, style)

    def detail(self, message: str) -> None:
        """Only with ``-v``."""
        if self.verbose and not self.quiet:
            self._write(message, "dim")


# -- the run report ----------------------------------------------------------


class FileStatus(str, enum.Enum):
    """What became of one input. The values are the JSON report's ``status``."""

    UNCHANGED = "unchanged"
    FIXED = "fixed"  # written (or printed, for stdin)
    WOULD_FIX = "would-fix"  # --check / --diff: it would be written
    ERROR = "error"  # not processed; the file is left untouched

    def __str__(self) -> str:
        return self.value


@dataclass
class FileReport:
    """The outcome for one input (``status`` may be given as its string)."""

    path: str
    status: FileStatus
    encoding: str | None = None
    confidence: float | None = None
    bom: bool = False
    lossy: bool = False
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    #: The name's bytes when ``path`` had to be quoted (a newline or bytes
    #: that are not UTF-8 in it, see :func:`cleantext.files.shown_path`).
    path_bytes: bytes | None = None
    #: The page model's decision and evidence (:meth:`PageModel.to_dict`).
    page: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if type(self.status) is not FileStatus:
            self.status = FileStatus(self.status)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "path": self.path,
            "status": self.status.value,
            "encoding": self.encoding,
            "confidence": self.confidence,
            "bom": self.bom,
            "lossy": self.lossy,
            "error": self.error,
            "page": self.page,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.path_bytes is not None:
            import base64

            d["path_bytes"] = base64.b64encode(self.path_bytes).decode("ascii")
        return d


#: What :meth:`Report.add` keeps of one file (:meth:`Report.entry`): its
#: status's value, its number of findings and of fixes, and its part of the
#: JSON report (``None`` when the report keeps no findings). Small and flat:
#: a worker process sends one per file, and the parent adds it here.
Entry = tuple[str, int, int, "str | None"]

_STATUS = {s.value: s for s in FileStatus}


@dataclass
class Report:
    """All files of one run, and the exit code that follows from them.

    :meth:`add` a file once its status is final. The report keeps of each
    file only its status, its counts and, for the JSON report, its outcome
    and findings as JSON text (the caller's :class:`FileReport` is left as
    it is): tens of thousands of live objects would make Python's garbage
    collector slow the whole run down, and keeping them cost each file more
    than reading it; strings are not tracked by the collector.
    """

    check: bool = False
    #: Keep each file's findings as JSON for :meth:`to_json`; off when no
    #: JSON report was asked for (serialising costs more than cleaning).
    keep_findings: bool = True
    _file_json: list[str] = field(default_factory=list, repr=False)
    _counts: dict[str, int] = field(
        default_factory=lambda: {"findings": 0, "fixed": 0, "reports": 0}, repr=False
    )
    _statuses: dict[FileStatus, int] = field(
        default_factory=lambda: dict.fromkeys(FileStatus, 0), repr=False
    )

    def entry(self, fr: FileReport) -> Entry:
        """What :meth:`add` keeps of ``fr`` (see :data:`Entry`)."""
        findings = fr.findings
        fixed = sum(f.fixed for f in findings) if findings else 0
        text = None
        if self.keep_findings:
            # Indented for its place in the document :meth:`to_json` writes.
            text = json.dumps(fr.to_dict(), ensure_ascii=False, indent=2)
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate: JSON escapes keep it valid UTF-8
                text = json.dumps(fr.to_dict(), ensure_ascii=True, indent=2)
            text = _FILE_INDENT + text.replace("\n", "\n" + _FILE_INDENT)
        return fr.status.value, len(findings), fixed, text

    def add(self, fr: FileReport) -> None:
        self.add_entry(self.entry(fr))

    def add_entry(self, entry: Entry) -> None:
        """Add a file as :meth:`add` would, from its :meth:`entry` (made
        here, or in a worker process by a report of the same
        ``keep_findings``)."""
        status, found, fixed, text = entry
        self._statuses[_STATUS[status]] += 1
        counts = self._counts
        counts["findings"] += found
        counts["fixed"] += fixed
        counts["reports"] += found - fixed
        if text is not None:
            self._file_json.append(text)

    def merge(self, other: Report) -> None:
        """Add the files ``other`` was given, in their order, as if each had
        been :meth:`add`-ed here."""
        self._file_json.extend(other._file_json)
        for key, n in other._counts.items():
            self._counts[key] += n
        for status, n in other._statuses.items():
            self._statuses[status] += n

    @property
    def n_files(self) -> int:
        return sum(self._statuses.values())

    @property
    def changed(self) -> int:
        return self._statuses[FileStatus.FIXED] + self._statuses[FileStatus.WOULD_FIX]

    @property
    def failed(self) -> int:
        return self._statuses[FileStatus.ERROR]

    @property
    def return_code(self) -> int:
        """123 if a file failed, else 1 if ``--check`` found changes, else 0.

        Report-only findings (``fixed=False``) never make a check fail.
        """
        if self.failed:
            return EXIT_FAILED
        if self.check and self.changed:
            return EXIT_CHANGES
        return EXIT_OK

    def summary(self) -> dict[str, int]:
        return {
            "files": self.n_files,
            "changed": self.changed,
            "unchanged": self._statuses[FileStatus.UNCHANGED],
            "errors": self.failed,
            **self._counts,
        }

    def summary_line(self) -> str:
        s = self.summary()
        # (--diff alone writes nothing either: its files would be fixed)
        dry = self.check or self._statuses[FileStatus.WOULD_FIX]
        verb = "would be fixed" if dry else "fixed"
        parts = [f"{s['changed']} file{'s' * (s['changed'] != 1)} {verb}"]
        parts.append(f"{s['unchanged']} unchanged")
        if s["errors"]:
            parts.append(f"{s['errors']} failed")
        return ", ".join(parts)

    def to_json(self) -> str:
        """The JSON report: ``json.dumps(doc, indent=2)`` of the whole run,
        with each file's part spliced in as :meth:`add` wrote it."""
        assert self.keep_findings, "Report(keep_findings=False) has no findings to write"
        head = {
            "version": REPORT_VERSION,
            "tool": f"cleantext {__version__}",
            "check": self.check,
            "exit_code": self.return_code,
            "summary": self.summary(),
        }
        text = json.dumps(head, ensure_ascii=False, indent=2)
        assert text.endswith("\n}")
        files = "[\n" + ",\n".join(self._file_json) + "\n  ]" if self._file_json else "[]"
        return f'{text[:-2]},\n  "files": {files}\n}}\n'


#: Where a file's object sits in the report: two levels deep (``files``, its item).
_FILE_INDENT = "    "


# -- detect ------------------------------------------------------------------


def detect_row(
    path: str,
    *,
    encoding: str | None,
    confidence: float | None,
    bom: bool,
    lossy: bool,
    changed: bool,
    findings: Sequence[Finding],
    steps: Sequence[str],
    error: str | None = None,
    page: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One ``detect`` record: encoding, confidence, BOM, the page model's
    decision with its evidence, and findings per step."""
    counts = {s: 0 for s in steps}
    for f in findings:
        counts[f.step] = counts.get(f.step, 0) + 1
    return {
        "path": path,
        "encoding": encoding,
        "confidence": None if confidence is None else round(confidence, 3),
        "bom": bom,
        "lossy": lossy,
        "changed": changed,
        "page": page,
        "findings": counts,
        "error": error,
    }


def detect_json(rows: Sequence[dict[str, Any]]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n"


#: Short column headers for terminals too narrow for the full ones.
_SHORT_HEADERS = {
    "encoding": "enc.",
    "conf.": "conf",
    "decode": "dec",
    "mojibake": "moj",
    "entities": "ent",
    "pinyin": "pin",
    "boilerplate": "bp",
    "dedupe": "dup",
    "convert": "conv",
    "changed": "chg",
}


def print_detect_table(
    rows: Sequence[dict[str, Any]], steps: Sequence[str], *, width: int | None = None
) -> None:
    """A rich table on stdout (used only when stdout is a terminal).

    A path is never cut short: its column folds long paths onto more
    lines, and on a terminal too narrow for the full column headers the
    other columns take short ones (``moj``, ``ent``...) so the path keeps
    room.
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False, width=width)
    heads = ["encoding", "conf.", "BOM", "page", *steps, "changed"]
    # Each column takes its header's width plus a separator and padding.
    if sum(len(h) + 3 for h in heads) + 20 > console.width:
        heads = [_SHORT_HEADERS.get(h, h) for h in heads]
    justify = ["left", "right", "center", "left", *["right"] * len(steps), "center"]
    table = Table(show_edge=False, pad_edge=False, collapse_padding=True)
    table.add_column("file", justify="left", overflow="fold", ratio=1, min_width=12)
    for i, (head, just) in enumerate(zip(heads, justify)):
        # The encoding column also holds a failed file's error: it may wrap.
        table.add_column(head, justify=just, no_wrap=i > 0, overflow="fold")  # type: ignore[arg-type]
    for row in rows:
        if row["error"]:
            table.add_row(Text(row["path"]), Text("error: " + row["error"], style="red"))
            continue
        conf = "" if row["confidence"] is None else f"{row['confidence']:.2f}"
        cells: list[Text | str] = [
            Text(row["path"]),
            Text(row["encoding"] or ""),
            conf,
            "yes" if row["bom"] else "",
            _page_cell(row.get("page")),
        ]
        cells += [str(row["findings"].get(s, 0) or "") for s in steps]
        cells.append("yes" if row["changed"] else "")
        table.add_row(*cells)
    console.print(table)
    for row in rows:
        page = row.get("page")
        if page and (page["evidence"] or page["forced"]):
            console.print(Text(f"{row['path']}: {_page_cell(page)}: " + _page_evidence(page)))


def _page_cell(page: dict[str, Any] | None) -> str:
    if not page:
        return ""
    if page["forced"]:
        return f"{page['kind']} (forced)"
    return f"{page['kind']} ({page['scraped']}/{page['authored']})"


def _page_evidence(page: dict[str, Any]) -> str:
    if page["forced"]:
        return f"forced by {page['forced']}"
    return "; ".join(
        f"{e['side']} {e['name']} +{e['weight']}: {e['detail']}" for e in page["evidence"]
    )
