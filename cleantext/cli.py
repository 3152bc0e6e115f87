"""The ``cleantext`` command line: a thin Typer layer over :func:`cleantext.clean`.

This module parses options, maps them onto one :class:`cleantext.Config`,
reads inputs (files, directories or stdin as raw bytes), and hands results
to :mod:`cleantext.report` and :mod:`cleantext.files`. It decides nothing
about text. Every error becomes one ``cleantext: error:`` line (and a
``cleantext: hint:`` line) on stderr, never a traceback; exit codes are
those of :class:`cleantext.report.Report`.

Every cleaning command is made by one factory, :func:`_cleaning_command`,
from option groups declared once (:data:`WRITE_BACK`, :data:`INPUT`,
:data:`SELECTION`, :data:`OUTPUT`): a new shared option is one more
:class:`Opt` in its group and a field of :class:`Common` of the same name
(a test keeps the two in step); an option of one command is an :class:`Opt`
passed to the factory for it. ``clean`` reads ``[tool.cleantext]`` through an
eager ``--config`` callback that fills Click's ``default_map`` (black's way),
so options given on the command line win without any merging code.
"""

import codecs
import contextlib
import enum
import inspect
import json
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from . import Config, Result, __version__, clean, corpus, raydata
from .batch import mp_context, ordered_map, resolve_jobs, warm_up
from .config import DECODE, DEFAULT_STEPS, OPENCC_CONFIGS, PAGE_KINDS, STEP_ORDER, TEXT_STEPS
from .corpus import AtomicOutput
from .decode import BOMS
from .errors import CleantextError, ConfigError
from .files import (
    FileState,
    PathPattern,
    Pieces,
    Skipped,
    Walked,
    compile_exclude,
    is_binary,
    is_excluded,
    is_regular_file,
    iter_paths,
    raw_path,
    read_bytes,
    read_file_pieces,
    read_stream,
    release_folders,
    remove_leftover,
    shown_and_raw,
    shown_path,
    sync_dirs,
    walked_binary,
    write_atomic,
    write_new_atomic,
)
from .findings import Finding
from .output import Level, OutputFormat, Printer, diff_header
from .parallel import CallRecorder, Capturing, Record, replay
from .pipeline import SUMMARIES, clean_deferred
from .report import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    Entry,
    FileReport,
    FileStatus,
    Messages,
    Report,
    detect_json,
    detect_row,
    print_detect_table,
    unified_diff,
    use_color,
)


def _choices(name: str, values: Iterable[str], doc: str) -> Any:
    """A ``str`` enum of ``values`` (what Typer turns into a choice)."""
    choices = enum.Enum(name, [(v, v) for v in values], type=str)  # type: ignore[misc]
    choices.__doc__ = doc
    return choices


def _repeatable(choices: Any) -> Any:
    """``list[choices] | None``: a repeatable option of a dynamic enum."""
    return list.__class_getitem__(choices) | None


#: Steps that ``--only`` and ``--skip`` accept (``decode`` always runs).
StepName = _choices(
    "StepName",
    TEXT_STEPS,
    "Steps that --only and --skip accept (decode always runs).",
)

#: Steps that are off unless ``--enable`` names them (``convert`` is turned
#: on by asking for a conversion instead).
OptInStep = _choices(
    "OptInStep",
    (s for s in TEXT_STEPS if s not in DEFAULT_STEPS and s != "convert"),
    "Steps that are off unless --enable names them.",
)

#: The OpenCC configurations (:data:`cleantext.config.OPENCC_CONFIGS`).
OpenCCConfig = _choices("OpenCCConfig", OPENCC_CONFIGS, "The OpenCC configurations.")


class ReportFormat(str, enum.Enum):
    json = "json"


class WriteBack(enum.Enum):
    """What a cleaning command does with its results (black's ``WriteBack``).

    ``--check`` and ``--diff`` pick it once; everything after asks it.
    """

    YES = "write"  # rewrite files in place; stdin's text to stdout
    CHECK = "check"  # write nothing; exit 1 if anything would change
    DIFF = "diff"  # write nothing; a unified diff on stdout
    CHECK_DIFF = "check+diff"  # both

    @classmethod
    def from_flags(cls, *, check: bool, diff: bool) -> "WriteBack":
        if check:
            return cls.CHECK_DIFF if diff else cls.CHECK
        return cls.DIFF if diff else cls.YES

    @property
    def writes(self) -> bool:
        """Files are rewritten and stdin's text goes to stdout."""
        return self is WriteBack.YES

    @property
    def checks(self) -> bool:
        """``--check``: every finding printed; changes make exit code 1."""
        return self in (WriteBack.CHECK, WriteBack.CHECK_DIFF)

    @property
    def diffs(self) -> bool:
        """``--diff``: a unified diff on stdout."""
        return self in (WriteBack.DIFF, WriteBack.CHECK_DIFF)


# -- error handling at the top -------------------------------------------------


class _Group(TyperGroup):
    """Runs the CLI so that no error ever escapes as a traceback.

    Usage errors (Typer's parser) become ``cleantext: error:`` plus a hint
    naming ``--help`` (exit 2); unexpected exceptions become one line
    (exit 123). Set ``CLEANTEXT_TRACEBACK=1`` to see the traceback instead.
    """

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        with _terminate_like_interrupt():
            code = _guarded(super().main, args, prog_name, complete_var, extra)
        if standalone_mode:
            sys.exit(code)
        return code


class _StreamError(Exception):
    """stdin or stdout cannot be used (closed, full): an ordinary error."""


class _ReadError(Exception):
    """A file could not be read to its end (as :func:`_do_file` reports an
    :class:`OSError` of its first read)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _BrokenPipe(BaseException):
    """The reader of stdout went away (``cleantext ... | head``)."""


#: Exit code on a broken pipe: what a shell reports for a process that
#: SIGPIPE ended (128 + 13), as for ``cat`` or ``grep``; nothing is printed.
EXIT_BROKEN_PIPE = 141


def _quiet_stdout() -> None:
    """Point fd 1 at /dev/null so that flushing at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread as SIGINT raises KeyboardInterrupt:
    the file being written is left whole and its temporary file removed."""


@contextlib.contextmanager
def _terminate_like_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise _Terminated

    old = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _guarded(
    run: Any,
    args: Sequence[str] | None,
    prog_name: str | None,
    complete_var: str | None,
    extra: Any,
) -> int:
    msgs = Messages()
    try:
        rv = run(args, prog_name or "cleantext", complete_var, standalone_mode=False, **extra)
    except typer.Abort:
        msgs.error("aborted")
        return 130
    except _Terminated:
        msgs.error("terminated")
        return 143
    except _BrokenPipe:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except _StreamError as exc:
        msgs.error(str(exc), "check where the command's input and output are redirected")
        _quiet_stdout()
        return EXIT_FAILED
    except Exception as exc:
        exit_code = getattr(exc, "exit_code", None)
        if hasattr(exc, "format_message") and isinstance(exit_code, int):
            # A usage error from Typer's parser (its vendored click exceptions).
            if type(exc).__name__ == "NoArgsIsHelpError":
                msgs.info(exc.format_message())  # bare `cleantext`: the help
            else:
                msgs.error(exc.format_message(), hint=_usage_hint(exc, args))
            return exit_code
        if os.environ.get("CLEANTEXT_TRACEBACK"):
            raise
        msgs.error(
            f"internal error: {type(exc).__name__}: {exc}",
            hint="this is a bug in cleantext; rerun with CLEANTEXT_TRACEBACK=1 and report it",
        )
        return EXIT_FAILED
    return rv if isinstance(rv, int) else EXIT_OK


def _usage_hint(exc: Any, args: Sequence[str] | None) -> str:
    ctx = getattr(exc, "ctx", None)
    path = getattr(ctx, "command_path", None)
    if not path:
        argv = list(sys.argv[1:] if args is None else args)
        command = next((a for a in argv if not a.startswith("-")), None)
        path = f"cleantext {command}" if command in _COMMAND_NAMES else "cleantext"
    return f"see '{path} --help'"


_COMMAND_NAMES = frozenset({"clean", "detect", "ray", *STEP_ORDER})


app = typer.Typer(
    cls=_Group,
    name="cleantext",
    help=(
        "Repair and clean scraped text: encodings, mojibake, broken entities, "
        "inline pinyin, spam lines, duplicated sections, Traditional/Simplified."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"cleantext {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Repair and clean scraped text files (CJK focus)."""


# -- options, declared once ------------------------------------------------------


@dataclass(frozen=True)
class Opt:
    """One command-line parameter, declared once and shared by name: its
    keyword ``name``, its Typer declaration (``Annotated[type, typer.Option(...)]``)
    and its default."""

    name: str
    annotation: Any
    default: Any = None

    def parameter(self) -> inspect.Parameter:
        return inspect.Parameter(
            self.name,
            inspect.Parameter.KEYWORD_ONLY,
            default=self.default,
            annotation=self.annotation,
        )


def _paths(help: str, *, eager: bool = False) -> Opt:
    """PATHS; ``eager`` when a ``--config`` callback needs them first."""
    argument = typer.Argument(help=help, show_default=False, metavar="PATHS", is_eager=eager)
    return Opt("paths", Annotated[list[str] | None, argument])


#: ``--check`` and ``--diff``: together they pick the :class:`WriteBack` mode.
WRITE_BACK = (
    Opt(
        "check",
        Annotated[
            bool,
            typer.Option(
                "--check",
                help="Write nothing; print each finding; exit 1 if anything would change.",
            ),
        ],
        False,
    ),
    Opt(
        "diff",
        Annotated[
            bool, typer.Option("--diff", help="Write nothing; print a unified diff on stdout.")
        ],
        False,
    ),
)

ENCODING = Opt(
    "encoding",
    Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="NAME",
            help="Read input in this encoding instead of detecting it.",
        ),
    ],
)

#: How the input is read.
INPUT = (
    ENCODING,
    Opt(
        "force",
        Annotated[
            bool,
            typer.Option(
                "--force",
                help="Write even when some bytes could not be decoded (they become U+FFFD).",
            ),
        ],
        False,
    ),
)

#: Which inputs are looked at, and what stdin is called.
SELECTION = (
    Opt(
        "stdin_filename",
        Annotated[
            str | None,
            typer.Option(
                "--stdin-filename",
                metavar="NAME",
                help="Name stdin in messages and exclude matching; its suffix picks the context (.md, .html).",
            ),
        ],
    ),
    Opt(
        "exclude",
        Annotated[
            str | None,
            typer.Option(
                "--exclude",
                metavar="REGEX",
                help="Skip paths matching REGEX in directory walks (searched in '/' + path; folders end in '/').",
            ),
        ],
    ),
    Opt(
        "force_exclude",
        Annotated[
            bool,
            typer.Option(
                "--force-exclude/--no-force-exclude",
                help="Apply --exclude to paths given explicitly too (for pre-commit).",
                show_default=False,
            ),
        ],
        False,
    ),
    Opt(
        "no_ignore",
        Annotated[
            bool,
            typer.Option(
                "--no-ignore",
                help="Do not skip what .gitignore and .ignore files ignore in directory walks.",
            ),
        ],
        False,
    ),
)

#: What is printed: the JSON report, messages, colour.
OUTPUT = (
    Opt(
        "report",
        Annotated[
            ReportFormat | None,
            typer.Option(
                "--report",
                help="Write all findings as JSON: to stdout if it carries nothing else, else to --report-file.",
            ),
        ],
    ),
    Opt(
        "report_file",
        Annotated[
            str | None,
            typer.Option(
                "--report-file",
                metavar="PATH",
                help="Where --report goes (implies --report json).",
            ),
        ],
    ),
    Opt(
        "output_format",
        Annotated[
            OutputFormat,
            typer.Option(
                "--output-format",
                help="How findings are printed: text (stderr), json (the report), github "
                "(workflow annotations) or sarif; the last three go to stdout or --report-file.",
            ),
        ],
        OutputFormat.text,
    ),
    Opt(
        "output",
        Annotated[
            str | None,
            typer.Option(
                "-o",
                "--output",
                metavar="FILE",
                help="Write the cleaned text to FILE (one input; '-' is stdout); leave the input alone.",
            ),
        ],
    ),
    Opt(
        "output_dir",
        Annotated[
            str | None,
            typer.Option(
                "--output-dir",
                metavar="DIR",
                help="Write every cleaned file under DIR at its input path; leave the inputs alone.",
            ),
        ],
    ),
    Opt(
        "quiet",
        Annotated[
            bool,
            typer.Option(
                "-q",
                "--quiet",
                help="Print only the names of files that change, and errors; no summary.",
            ),
        ],
        False,
    ),
    Opt(
        "verbose",
        Annotated[
            bool,
            typer.Option(
                "-v",
                "--verbose",
                help="Print every finding, unchanged and skipped files, and the configuration used.",
            ),
        ],
        False,
    ),
    Opt(
        "color",
        Annotated[
            bool | None,
            typer.Option(
                "--color/--no-color",
                help="Colour the diff (default: when stdout is a terminal).",
                show_default=False,
            ),
        ],
    ),
)

#: Many files: worker processes, and how hard writes are made durable.
SCALE = (
    Opt(
        "jobs",
        Annotated[
            int | None,
            typer.Option(
                "-j",
                "--jobs",
                metavar="N",
                min=0,
                help="Clean files in N worker processes (default: one per CPU; 1: none). "
                "Messages, order and exit code are the same for any N.",
                show_default=False,
            ),
        ],
    ),
    Opt(
        "fsync",
        Annotated[
            bool,
            typer.Option(
                "--fsync/--no-fsync",
                help="fsync each rewritten file, and each folder once at the end (default); "
                "--no-fsync for scratch trees.",
                show_default=False,
            ),
        ],
        True,
    ),
)

SPAM_TERMS = Opt(
    "spam_terms",
    Annotated[
        str | None,
        typer.Option(
            "--spam-terms",
            metavar="FILE",
            help="Extra spam terms, one per line ('#' starts a comment).",
        ),
    ],
)

_OPENCC_LIST = ", ".join(c.value for c in OpenCCConfig)

#: Corpus mode (``clean`` only): one field of every record is a document.
CORPUS = (
    Opt(
        "jsonl",
        Annotated[
            bool,
            typer.Option(
                "--jsonl",
                help="Each input is JSON Lines (.gz/.zst too): clean --field of every record.",
            ),
        ],
        False,
    ),
    Opt(
        "parquet",
        Annotated[
            bool,
            typer.Option(
                "--parquet", help="Each input is a Parquet file: clean column --field of every row."
            ),
        ],
        False,
    ),
    Opt(
        "field",
        Annotated[
            str,
            typer.Option(
                "--field",
                metavar="NAME",
                help="The field (column) holding the text (default: text).",
            ),
        ],
        "text",
    ),
    Opt(
        "findings_field",
        Annotated[
            str | None,
            typer.Option(
                "--findings-field",
                metavar="NAME",
                help="Add this field to every record: changed, fixes, reports, fixes per step.",
            ),
        ],
    ),
)


@dataclass(frozen=True)
class CorpusMode:
    """``--jsonl``/``--parquet``: the format, the text field, the added field."""

    fmt: str
    field: str = "text"
    findings_field: str | None = None


class PageKind(str, enum.Enum):
    auto = "auto"
    scraped = "scraped"
    authored = "authored"


PAGE = Opt(
    "page",
    Annotated[
        PageKind | None,
        typer.Option(
            "--page",
            metavar="KIND",
            help="Force the page model: 'scraped' (removal steps may remove lines), "
            "'authored' (they only report), or 'auto' (decide from the text; the default).",
        ),
    ],
)


@dataclass(frozen=True)
class Common:
    """The options every cleaning command shares (the groups above), taken
    from the command's keyword arguments by name."""

    mode: WriteBack = WriteBack.YES
    encoding: str | None = None
    force: bool = False
    stdin_filename: str | None = None
    exclude: str | None = None
    force_exclude: bool = False
    no_ignore: bool = False
    report: ReportFormat | None = None
    report_file: str | None = None
    output_format: OutputFormat = OutputFormat.text
    output: str | None = None
    output_dir: str | None = None
    quiet: bool = False
    verbose: bool = False
    color: bool | None = None
    jobs: int | None = None
    fsync: bool = True

    @classmethod
    def take(cls, options: dict[str, Any]) -> "Common":
        """Remove the shared options from ``options`` and bundle them."""
        mode = WriteBack.from_flags(check=options.pop("check"), diff=options.pop("diff"))
        shared = {f.name: options.pop(f.name) for f in fields(cls) if f.name != "mode"}
        return cls(mode=mode, **shared)


#: The shared groups, in the order ``--help`` lists them after a command's own.
SHARED = (*WRITE_BACK, *INPUT, *SELECTION, *OUTPUT, *SCALE)


def _fail_usage(msgs: Messages, message: str, hint: str | None = None) -> NoReturn:
    msgs.error(message, hint)
    raise typer.Exit(EXIT_USAGE)


def _make_config(msgs: Messages, **options: Any) -> Config:
    enc = options.get("encoding")
    if enc:
        try:
            info = codecs.lookup(enc)
        except LookupError:
            _fail_usage(
                msgs,
                f"unknown encoding {enc!r}",
                "use a Python codec name such as gb18030, big5, utf-16",
            )
        if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib...
            _fail_usage(
                msgs,
                f"{enc!r} is not a text encoding (it does not turn bytes into text)",
                "use a Python codec name such as gb18030, big5, utf-16",
            )
    try:
        return Config.from_options(**options)
    except ConfigError as exc:
        _fail_usage(msgs, exc.message, exc.hint)


def _read_terms(msgs: Messages, path: str | None) -> list[str] | None:
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8-sig") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        _fail_usage(
            msgs,
            f"--spam-terms {path}: cannot read: {exc}",
            "give a UTF-8 file with one term per line",
        )
    return [t.strip() for t in lines if t.strip() and not t.lstrip().startswith("#")]


def _compile(msgs: Messages, pattern: str | None) -> PathPattern | None:
    if not pattern:
        return None
    try:
        return compile_exclude(pattern)
    except ValueError as exc:
        _fail_usage(
            msgs,
            f"--exclude {pattern!r} is not a valid regular expression here: {exc}",
            "--exclude uses RE2 syntax (linear time on any path): no look-arounds or back-references",
        )


def _stdin_is_tty() -> bool:
    isatty = getattr(sys.stdin, "isatty", None)
    return bool(isatty and isatty())


def _read_stdin() -> bytes:
    data = _read_stdin_pieces()
    return data if isinstance(data, bytes) else b"".join(data)


def _read_stdin_pieces() -> bytes | Pieces:
    """stdin's bytes, or a large input as pieces read while they are used
    (:class:`~cleantext.files.Pieces`, with its head already read)."""
    if sys.stdin is None:  # started with stdin closed (<&-)
        raise _StreamError("cannot read stdin: it is closed")
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is None:  # a text stdin (tests)
            data = sys.stdin.read()
            return data if isinstance(data, bytes) else data.encode("utf-8")
        got = read_stream(stream)
    except OSError as exc:
        raise _StreamError(f"cannot read stdin: {exc.strerror or exc}") from None
    if isinstance(got, Pieces):
        got.failed = lambda exc: _StreamError(f"cannot read stdin: {exc.strerror or exc}")
    return got


def _head(data: bytes | Pieces) -> bytes:
    """The first bytes of an input (all of it, or the head of its pieces)."""
    return data if isinstance(data, bytes) else data.head


def _write_stdout(data: bytes | Iterable[bytes]) -> None:
    """Write to stdout (bytes, or bytes a piece at a time: a large output is
    never held whole); a closed or full stdout is an error of its own
    (:class:`_StreamError`), a reader that went away a quiet exit 141."""
    if sys.stdout is None:  # started with stdout closed (>&-)
        raise _StreamError("cannot write to stdout: it is closed")
    pieces = (data,) if isinstance(data, bytes) else data
    try:
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:  # pragma: no cover - a text-only stdout
            for piece in pieces:
                sys.stdout.write(piece.decode("utf-8", "surrogateescape"))
            return
        sys.stdout.flush()
        try:
            fd = stream.fileno()
        except (OSError, AttributeError, ValueError):
            fd = None  # an in-memory stream (tests)
        if fd is None:
            for piece in pieces:
                stream.write(piece)
            stream.flush()
            return
        stream.flush()
        for piece in pieces:
            view = memoryview(piece)
            while view:  # os.write reports every failure; a buffered write may not
                view = view[os.write(fd, view) :]
    except BrokenPipeError:
        raise _BrokenPipe from None
    except OSError as exc:
        raise _StreamError(f"cannot write to stdout: {exc.strerror or exc}") from None


def _write_stdout_text(text: str) -> None:
    _write_stdout(text.encode("utf-8", "surrogatepass"))


# -- [tool.cleantext] in pyproject.toml ------------------------------------------------

#: Keys ``[tool.cleantext]`` accepts (``-`` and ``_`` both work), with their
#: types. Each is the name of a ``clean`` option, whose default it becomes.
SETTINGS: dict[str, type] = {
    "only": list,
    "skip": list,
    "enable": list,
    "convert": str,
    "to_simplified": bool,
    "encoding": str,
    "keep_encoding": bool,
    "spam_terms": str,
    "page": str,
    "exclude": str,
    "force_exclude": bool,
}


def _toml_module() -> Any:
    """:mod:`tomllib` (Python 3.11+) or ``tomli``; ``None`` without either."""
    try:
        import tomllib  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]
        except ImportError:
            return None
    return tomllib


_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def load_toml(path: str) -> dict[str, Any] | None:
    """The TOML document at ``path`` (``None`` when TOML cannot be read on
    this Python). A file that is not valid TOML raises :class:`ConfigError`
    as ``PATH:LINE:COL: not valid TOML: ...``, so editors can jump there."""
    tomllib = _toml_module()
    if tomllib is None:
        return None
    try:
        with open(path, "rb") as fh:
            doc: dict[str, Any] = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:  # tomllib.TOMLDecodeError, or bytes that are not UTF-8
        text = str(exc)
        where = _TOML_WHERE.search(text)
        if where:
            text = text[: where.start()]
            line, col = where.group(1), where.group(2)
            raise ConfigError(f"{path}:{line}:{col}: not valid TOML: {text}") from None
        raise ConfigError(f"{path}: not valid TOML: {text}") from None
    return doc


def find_project_config(paths: Sequence[str]) -> str | None:
    """The nearest ``pyproject.toml`` with a ``[tool.cleantext]`` table above
    the common folder of ``paths`` (the cwd for stdin), not looking past the
    folder that holds ``.git``. A ``pyproject.toml`` on the way that is not
    valid TOML is an error (:class:`ConfigError`), as in black and ruff: a
    broken file must not silently drop the project's settings."""
    real = [os.path.abspath(p) for p in paths if p != "-"] or [os.getcwd()]
    try:
        start = os.path.commonpath(real)
    except ValueError:  # pragma: no cover - different drives
        start = os.getcwd()
    if not os.path.isdir(start):
        start = os.path.dirname(start)
    folder = start
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate):
            doc = load_toml(candidate)
            if doc is None:  # no TOML reader here: look for the table's header
                try:
                    with open(candidate, encoding="utf-8") as fh:
                        if "[tool.cleantext]" in fh.read():
                            return candidate
                except (OSError, UnicodeDecodeError):
                    pass
            elif isinstance(doc.get("tool"), dict) and "cleantext" in doc["tool"]:
                return candidate
        parent = os.path.dirname(folder)
        if os.path.exists(os.path.join(folder, ".git")) or parent == folder:
            return None
        folder = parent


@dataclass(frozen=True)
class SettingsFile:
    """The configuration file a run used, and what to say about it."""

    path: str
    #: Why its table was not read (Python 3.10 without tomli), else ``None``.
    ignored: str | None = None

    def tell(self, msgs: Messages) -> None:
        if self.ignored:
            msgs.warning(f"{self.path}: [tool.cleantext] ignored: {self.ignored}")
        else:
            msgs.detail(f"using configuration from {self.path}")


def read_project_config(msgs: Messages, path: str) -> dict[str, Any] | None:
    """``[tool.cleantext]`` of ``path`` as option values, keys in ``_`` form
    (a bad file or a value of the wrong type is a usage error, exit 2);
    ``None`` when TOML cannot be read here (Python 3.10 without tomli)."""
    try:
        doc = load_toml(path)
    except ConfigError as exc:
        _fail_usage(msgs, exc.message, "fix the file, or run with --isolated to ignore it")
    if doc is None:
        return None
    table = doc.get("tool", {}).get("cleantext", {})
    if not isinstance(table, dict):
        _fail_usage(msgs, f"{path}: [tool.cleantext] must be a table")
    settings: dict[str, Any] = {}
    value: Any
    for key, value in table.items():
        name = key.replace("-", "_")
        want = SETTINGS.get(name)
        if want is None:
            _fail_usage(
                msgs,
                f"{path}: unknown key {key!r} in [tool.cleantext]",
                "keys are: " + ", ".join(k.replace("_", "-") for k in SETTINGS),
            )
        if name == "page" and isinstance(value, dict):
            # Per path glob: {"crawl/*.txt" = "scraped", "docs/*" = "authored"}.
            if not all(isinstance(v, str) and v in PAGE_KINDS for v in value.values()):
                _fail_usage(
                    msgs,
                    f"{path}: [tool.cleantext] page: every value must be one of "
                    + ", ".join(PAGE_KINDS),
                )
            settings["page_paths"] = tuple((str(k), str(v)) for k, v in value.items())
            continue
        if want is list and isinstance(value, str):
            value = [value]
        if want is list:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:
            ok = isinstance(value, want)
        if not ok:
            kind = "list of strings" if want is list else want.__name__
            _fail_usage(msgs, f"{path}: [tool.cleantext] {key} should be a {kind}")
        if name == "spam_terms":
            value = os.path.join(os.path.dirname(path), str(value))
        settings[name] = value
    return settings


def _read_settings(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> Any:
    """The ``--config`` callback (eager, after PATHS): find and read
    ``[tool.cleantext]`` and make its values the defaults of this command's
    options (Click's ``default_map``), so that options on the command line
    win. Each value is checked by its option's own type (an unknown step or
    OpenCC configuration is a usage error naming the file)."""
    if ctx.resilient_parsing:
        return None
    msgs = Messages()
    if ctx.meta.get(_ISOLATED):
        if value is not None:
            _fail_usage(msgs, "--isolated and --config cannot be used together")
        return None
    if value is not None and not os.path.exists(value) and value in OPENCC_CONFIGS:
        _fail_usage(
            msgs,
            f"--config {value}: no such file (--config names a TOML file)",
            f"to convert with OpenCC, use --convert {value}, or: cleantext convert -c {value}",
        )
    try:
        path = value or find_project_config(ctx.params.get("paths") or ["-"])
    except ConfigError as exc:
        _fail_usage(msgs, exc.message, "fix the file, or run with --isolated to ignore it")
    if path is None:
        return None
    settings = read_project_config(msgs, path)
    if settings is None:
        return SettingsFile(path, ignored="reading it needs Python 3.11+ or tomli")
    if settings.get("to_simplified") and settings.get("convert", "t2s") != "t2s":
        _fail_usage(
            msgs,
            f"{path}: [tool.cleantext] to-simplified and convert = "
            f"{settings['convert']!r} ask for different conversions",
        )
    # Not an option: the per-glob page kinds go to the command by ctx.meta.
    ctx.meta["page_paths"] = settings.pop("page_paths", ())
    params = {p.name: p for p in ctx.command.params}
    for name, setting in settings.items():
        try:
            params[name].type_cast_value(ctx, setting)
        except Exception as exc:  # the parser's BadParameter
            message = getattr(exc, "message", None) or str(exc)
            key = name.replace("_", "-")
            shown = json.dumps(setting, ensure_ascii=False)  # as TOML writes it
            _fail_usage(msgs, f"{path}: [tool.cleantext] {key} = {shown}: {message}")
    ctx.default_map = {**(ctx.default_map or {}), **settings}
    return SettingsFile(path)


_ISOLATED = "cleantext.isolated"


def _isolate(ctx: typer.Context, param: typer.CallbackParam, value: bool) -> bool:
    """The ``--isolated`` callback (eager): no configuration file is read."""
    if ctx.resilient_parsing or not value:
        return value
    if ctx.params.get("settings") is not None:
        # Eager options given on the command line run in their order there:
        # --config FILE came first and has been read.
        _fail_usage(Messages(), "--isolated and --config cannot be used together")
    ctx.meta[_ISOLATED] = True
    return value


ISOLATED = Opt(
    "isolated",
    Annotated[
        bool,
        typer.Option(
            "--isolated",
            help="Read no configuration file (no pyproject.toml, no --config).",
            is_eager=True,
            callback=_isolate,
        ),
    ],
    False,
)


SETTINGS_FILE = Opt(
    "settings",
    Annotated[
        str | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="Read [tool.cleantext] from this TOML file instead of the nearest pyproject.toml.",
            is_eager=True,
            callback=_read_settings,
        ),
    ],
)


# -- the engine every cleaning command uses ---------------------------------------------


def _wants_json(common: Common) -> bool:
    """Whether the run writes a JSON report: ``--output-format json``, or
    ``--report json``/``--report-file`` beside the text lines. Only that
    report carries each file's page-model decision."""
    fmt = common.output_format
    return fmt is OutputFormat.json or (
        fmt is OutputFormat.text and bool(common.report or common.report_file)
    )


def _execute(paths: list[str] | None, common: Common, msgs: Messages, **options: Any) -> NoReturn:
    """Clean every input with the options of one command; exit with the report's code."""
    options["spam_terms"] = _read_terms(msgs, options.pop("spam_terms_file", None))
    corpus_mode = options.pop("corpus", None)
    config = _make_config(msgs, encoding=common.encoding, force=common.force, **options)
    if corpus_mode is not None:
        _execute_corpus(paths, common, msgs, config, corpus_mode)
    exclude = _compile(msgs, common.exclude)
    fmt = common.output_format
    # --report json (or --report-file) adds the JSON report to the text lines;
    # --output-format json gives the report instead of them.
    want_json = _wants_json(common)

    inputs = list(paths or [])
    if not inputs:
        if _stdin_is_tty():
            _fail_usage(
                msgs,
                "no input: give PATHS, or pipe text into stdin",
                "cleantext clean FILE... rewrites files; 'cmd | cleantext clean' filters a pipe",
            )
        inputs = ["-"]
    if inputs.count("-") > 1:
        _fail_usage(msgs, "stdin ('-') can be given only once")
    _check_paths_exist(msgs, inputs)
    _check_destinations(msgs, inputs, common)
    to_stdout = "-" in inputs and common.output in (None, "-") and not common.output_dir
    stdout_busy = common.mode.diffs or common.output == "-" or (to_stdout and common.mode.writes)
    if (want_json or fmt is not OutputFormat.text) and stdout_busy and not common.report_file:
        asked = "--report json" if fmt is OutputFormat.text else f"--output-format {fmt.value}"
        _fail_usage(
            msgs,
            f"{asked} needs --report-file PATH here: stdout already carries the text or the diff",
        )

    report = Report(check=common.mode.checks, keep_findings=want_json)
    color = use_color(common.color, sys.stdout)
    data_lines: list[str] = []
    level = Level.NORMAL
    if common.quiet:
        level = Level.QUIET
    elif common.verbose:
        level = Level.VERBOSE
    printer = Printer(
        fmt=fmt,
        level=level,
        check=not common.mode.writes,
        err=msgs.line,
        out=data_lines.append if common.report_file else _write_stdout_line,
        version=__version__,
    )
    items = list(
        iter_paths(
            inputs,
            exclude=exclude,
            force_exclude=common.force_exclude,
            respect_ignore=not common.no_ignore,
            sniff=False,  # each file is read once, and its bytes tested (_do_file)
        )
    )
    if common.report_file:
        _refuse_report_over_input(msgs, common.report_file, items)
    todo = [i for i in items if not isinstance(i, Skipped)]
    jobs = resolve_jobs(common.jobs)
    # Worker processes pay off from a few files on; the output is the same.
    parallel = jobs > 1 and len(todo) >= PARALLEL_MIN_FILES
    mp = mp_context() if parallel else None  # before a progress bar's thread starts
    written: set[str] = set()  # folders whose renames still need an fsync
    try:
        with msgs.progress(len(todo)) as advance:
            run = _Run(config, common, msgs, report, printer, color, exclude)
            if parallel:
                _run_parallel(run, items, jobs, mp, advance, written)
            else:
                for item in items:
                    if isinstance(item, Skipped):
                        _skipped(run, item)
                        continue
                    if item == "-":
                        _do_stdin(run)
                    else:
                        _do_file(run, item, written)
                    advance()
    except ConfigError as exc:
        # A configuration the steps reject (an OpenCC config that does not
        # load, say): the same for every file, so stop here.
        _fail_usage(msgs, exc.message, exc.hint)
    finally:
        release_folders()
        if common.fsync:
            sync_dirs(written)  # once per folder, not once per file

    doc: str | None = None
    if want_json:
        doc = report.to_json()
    elif fmt is OutputFormat.sarif:
        doc = printer.document(exit_code=report.return_code)
    elif data_lines:
        doc = "".join(line + "\n" for line in data_lines)
    if common.report_file:
        try:
            write_new_atomic(common.report_file, (doc or "").encode("utf-8"))
        except OSError as exc:
            msgs.error(f"--report-file {common.report_file}: cannot write: {exc.strerror or exc}")
            raise typer.Exit(EXIT_FAILED) from None
    elif doc is not None:
        _write_stdout_text(doc)
    if inputs != ["-"] or common.verbose:
        msgs.info(report.summary_line())  # on stderr, unless -q
    raise typer.Exit(report.return_code)


def _check_paths_exist(msgs: Messages, inputs: list[str]) -> None:
    """A path on the command line that does not exist is a usage error
    (exit 2, as black and ruff do): nothing is processed."""
    for given in inputs:
        if given != "-" and not os.path.lexists(given):
            _fail_usage(msgs, f"{shown_path(given)}: no such file or directory", "check the path")


def _check_destinations(msgs: Messages, inputs: list[str], common: Common) -> None:
    """``-o`` takes one input that is not a folder; ``--output-dir`` needs a
    name for stdin; the two do not go together."""
    if common.output is None and common.output_dir is None:
        return
    if common.output is not None and common.output_dir is not None:
        _fail_usage(msgs, "-o/--output and --output-dir cannot be used together")
    if common.output is not None and (len(inputs) != 1 or os.path.isdir(inputs[0])):
        _fail_usage(
            msgs,
            "-o/--output takes exactly one input file",
            "for several files or a folder, use --output-dir DIR",
        )
    if common.output_dir is not None and "-" in inputs and not common.stdin_filename:
        _fail_usage(
            msgs,
            "--output-dir needs a name for stdin",
            "give --stdin-filename NAME, or -o FILE for stdin",
        )


def _mirror(output_dir: str, path: str) -> str:
    """Where ``--output-dir`` puts the output of ``path``: the same relative
    path under ``output_dir`` (a path outside the current folder keeps its
    whole absolute path below it, as ``rsync -R`` does)."""
    full = os.path.abspath(path)
    rel = os.path.relpath(full, os.getcwd())
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        rel = os.path.splitdrive(full)[1].lstrip(os.sep)
    return os.path.join(output_dir, rel)


def _destination(common: Common, path: str) -> str | None:
    """Where the cleaned bytes of ``path`` go: ``None`` for in place (or
    stdout, for stdin), ``-`` for stdout."""
    if common.output is not None:
        return common.output
    if common.output_dir is not None:
        return _mirror(common.output_dir, path)
    return None


def _write_output(path: str, data: bytes | Iterable[bytes]) -> None:
    """``-o``/``--output-dir``: write a file that is not an input, making
    missing folders."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    write_new_atomic(path, data)


def _diff(name: str, result: Result, config: Config, color: bool) -> str:
    """The unified diff of the text, after a ``#`` line for what changes
    besides the text (a re-encoding, a byte order mark, line endings), so a
    changed file never has an empty diff."""
    text = unified_diff(result.original, result.text, name, color=color)
    if not result.changed:
        return text
    out_enc = (result.encoding or "utf-8") if config.keep_encoding else "utf-8"
    header = diff_header(
        name,
        before=result.original,
        after=result.text,
        encoding=result.encoding,
        out_encoding=out_enc,
        bom_before=result.bom,
        bom_after=result.head(4).startswith(BOMS),
    )
    if header is None and not text:
        header = f"# {name}: the bytes change but the text does not"
    return text if header is None else header + "\n" + text


def _write_stdout_line(line: str) -> None:
    _write_stdout_text(line + "\n")


def _emit(printer: Printer, fr: FileReport, *, changed: bool, dest: str | None = None) -> None:
    """Print one input's findings, once its status is final."""
    if fr.status is FileStatus.ERROR:
        if fr.findings:
            printer.file(fr.path, fr.findings, changed=False)
        printer.error(fr.path, fr.error or "failed")
    else:
        printer.file(fr.path, fr.findings, changed=changed, dest=dest)


def _deliver(msgs: Messages, dest: str | None, data: bytes | Iterable[bytes], name: str) -> bool:
    """Write stdin's result to stdout, or to ``dest``."""
    if dest is None:
        _write_stdout(data)
        return True
    try:
        _write_output(dest, data)
    except OSError as exc:
        msgs.error(f"{name}: cannot write {shown_path(dest)}: {exc.strerror or exc}")
        return False
    return True


def _refuse_report_over_input(msgs: Messages, report_file: str, items: list[str | Skipped]) -> None:
    """``--report-file`` must not name a file the run reads (it would be
    overwritten with JSON)."""
    try:
        rst = os.stat(report_file)
    except OSError:
        return  # a new file is no input
    for item in items:
        path = item.path if isinstance(item, Skipped) else item
        if path == "-":
            continue
        try:
            st = os.stat(path)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (rst.st_dev, rst.st_ino):
            _fail_usage(
                msgs,
                f"--report-file {shown_path(report_file)} is also an input; it would be overwritten",
                "write the report outside the files being cleaned",
            )


def _execute_corpus(
    paths: list[str] | None, common: Common, msgs: Messages, config: Config, mode: CorpusMode
) -> NoReturn:
    """``clean --jsonl`` / ``--parquet``: each record's field is a document.

    stdin (JSON Lines only) streams to stdout; files are rewritten in place
    (a temporary file beside each, renamed over it) when a record changed,
    or checked with ``--check``. A record that cannot be cleaned is written
    unchanged with a ``cleantext_error`` field and reported here; it does
    not fail the run. A file that cannot be read or written does (exit 123).
    """
    if common.mode.diffs:
        _fail_usage(msgs, "--diff does not apply to --jsonl/--parquet", "use --check")
    if common.report or common.report_file:
        _fail_usage(
            msgs,
            "--report does not apply to --jsonl/--parquet",
            "use --findings-field NAME to add the counts to every record",
        )
    inputs = list(paths or [])
    if not inputs or inputs == ["-"]:
        if mode.fmt == "parquet":
            _fail_usage(msgs, "--parquet needs file PATHS (Parquet cannot stream through stdin)")
        if _stdin_is_tty():
            _fail_usage(msgs, "no input: give PATHS, or pipe JSON Lines into stdin")
        inputs = ["-"]
    if "-" in inputs and len(inputs) > 1:
        _fail_usage(msgs, "stdin ('-') cannot be mixed with files in corpus mode")
    report = Report(check=common.mode.checks, keep_findings=False)
    jobs = resolve_jobs(common.jobs)
    try:
        for path in inputs:
            report.add(_corpus_file(path, common, msgs, config, mode, jobs))
    except ConfigError as exc:
        _fail_usage(msgs, exc.message, exc.hint)
    if report.n_files > 1 or common.verbose:
        msgs.detail(report.summary_line())
    raise typer.Exit(report.return_code)


def _corpus_file(
    path: str, common: Common, msgs: Messages, config: Config, mode: CorpusMode, jobs: int
) -> FileReport:
    name = (common.stdin_filename or "-") if path == "-" else shown_path(path)
    kwargs: dict[str, Any] = {
        "field": mode.field,
        "config": config,
        "jobs": jobs,
        "findings_field": mode.findings_field,
    }
    out: AtomicOutput | None = None
    try:
        if path == "-":
            source = corpus.open_input(sys.stdin.buffer)
            sink: Any = sys.stdout.buffer if common.mode.writes else _Discard()
            stats = corpus.clean_jsonl(source, sink, **kwargs)
            sink.flush()
        elif mode.fmt == "jsonl":
            packed = corpus.compression_of(path)
            with corpus.open_input(path) as source:
                if common.mode.writes:
                    out = AtomicOutput(path, fsync=common.fsync)
                    sink = corpus.open_output(path, out.stream, compression=packed or "none")
                else:
                    sink = _Discard()
                stats = corpus.clean_jsonl(source, sink, **kwargs)
                if sink is not (out and out.stream):
                    sink.close()
        else:
            if common.mode.writes:
                out = AtomicOutput(path, fsync=common.fsync)
                stats = corpus.clean_parquet(path, out.stream, **kwargs)
            else:
                stats = corpus.clean_parquet(path, os.devnull, **kwargs)
    except (OSError, EOFError, CleantextError) as exc:
        if out is not None:
            out.discard()
        if isinstance(exc, ConfigError):
            raise
        why = exc.message if isinstance(exc, CleantextError) else f"cannot read: {exc}"
        # The library's messages name the file too: once is enough.
        why = why.removeprefix(f"{os.fspath(path)}: ")
        hint = exc.hint if isinstance(exc, CleantextError) else None
        msgs.error(f"{name}: {why}; left untouched", hint)
        return FileReport(name, FileStatus.ERROR, error=why)
    if not common.quiet:
        for number, why in stats.failures:
            msgs.info(f"{name}:{number}: record left as it was: {why}")
        if stats.errors > len(stats.failures):
            msgs.info(f"{name}: ... {stats.errors - len(stats.failures)} more such records")
    changed = stats.rewritten > 0
    counts = f"{stats.changed} of {stats.records} records changed"
    if out is not None:
        if changed:
            out.commit()
            msgs.info(f"Fixing {name} ({counts})")
        else:
            out.discard()
    if common.mode.checks and changed:
        msgs.info(f"{name}: {counts}, {stats.fixes} fixes (would be rewritten)")
    elif not changed or path == "-":
        msgs.detail(f"{name}: {counts}, {stats.fixes} fixes, {stats.reports} reports")
    if not changed:
        return FileReport(name, FileStatus.UNCHANGED)
    return FileReport(name, FileStatus.FIXED if common.mode.writes else FileStatus.WOULD_FIX)


class _Discard:
    """A sink for ``--check``: counts nothing, keeps nothing."""

    def write(self, data: bytes) -> int:
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


#: ``-j`` uses worker processes from this many files on (fewer are done here).
PARALLEL_MIN_FILES = 4


@dataclass(frozen=True)
class _Run:
    """What cleaning each input of a command needs: the configuration, the
    shared options, where messages, findings and file reports go, whether
    diffs are coloured and what ``--exclude`` matches (for stdin's name)."""

    config: Config
    common: Common
    msgs: Messages
    report: Report
    printer: Printer
    color: bool
    exclude: PathPattern | None = None


@dataclass(frozen=True)
class _WorkerSetup:
    """What a worker process needs to do one file as the parent would: the
    configuration and options, colour, and how the parent prints and
    reports (so that a worker sends back only what the parent prints and
    what its report keeps, not every finding)."""

    config: Config
    common: Common
    color: bool
    fmt: OutputFormat
    level: Level
    check: bool
    keep_findings: bool
    report_check: bool


_WORKER: _WorkerSetup | None = None


def _init_worker(setup: _WorkerSetup, warmed: bool) -> None:
    global _WORKER
    _WORKER = setup
    if not warmed:  # a forked worker has the parent's tables already
        warm_up(setup.config, tables=True)


@dataclass
class _WorkerReport(Report):
    """A worker's report: what :meth:`Report.add` would keep of each file,
    kept for the parent (which adds it to the run's report)."""

    entries: list[Entry] = field(default_factory=list)

    def add(self, fr: FileReport) -> None:
        self.entries.append(self.entry(fr))


#: A file as it travels to a worker: its path, with its folder's identity
#: when a walk found it (a :class:`Walked` rebuilt there), or ``None`` for
#: what the parent does itself (stdin, a skipped path).
_Task = tuple[str, "tuple[int, int] | None"] | None

#: What a worker sends back for one file: what the run's report keeps of it
#: (:data:`cleantext.report.Entry`, none for a file skipped as binary), its
#: writes and printer calls in order, and the folder it rewrote the file in.
_FileDone = tuple[tuple[Entry, ...], list[Record], str | None]


def _task(item: "str | Skipped") -> _Task:
    if isinstance(item, Skipped) or item == "-":
        return None
    return str(item), item.dir_id if isinstance(item, Walked) else None


def _file_jobs(chunk: list[_Task]) -> list[_FileDone | None]:
    """A few files in a worker: for each, what a single process does for it,
    with its output captured (stdin and skipped paths are left to the
    parent). What does not change from file to file is made once a task."""
    w = _WORKER
    assert w is not None
    done: list[_FileDone | None] = []
    with Capturing() as cap:
        msgs = Messages(quiet=w.common.quiet, verbose=w.common.verbose)
        report = _WorkerReport(check=w.report_check, keep_findings=w.keep_findings)
        printer: Any
        if w.fmt in (OutputFormat.text, OutputFormat.json):
            # Text lines go to stderr through msgs.line in the parent too:
            # print them here (captured), and no finding needs to travel for
            # them (the JSON format prints nothing per file: its report is
            # the output).
            printer = Printer(
                fmt=w.fmt, level=w.level, check=w.check, err=msgs.line, out=msgs.line, version=""
            )
        else:  # GitHub lines, SARIF: the parent's printer needs the findings
            printer = CallRecorder(cap.sink)
        run = _Run(w.config, w.common, msgs, report, printer, w.color)
        for task in chunk:
            if task is None:
                done.append(None)
                continue
            path: str
            given, dir_id = task
            if dir_id is not None:
                path = Walked(given)
                path.dir_id = dir_id
            else:
                path = given
            written: set[str] = set()
            _do_file(run, path, written)
            entries = tuple(report.entries)
            report.entries.clear()
            done.append((entries, cap.take(), written.pop() if written else None))
    return done


#: Files handed to a worker at a time, and the most bytes of files a task
#: holds: a task costs the pool about 80 µs of CPU (its threads, pickling,
#: the pipes), so for small files it carries many (5,000 files of 2 KB with
#: the steps idle at -j 2: 16 a task cost 57 µs of CPU a file, 128 cost 39
#: µs); a large file goes alone. Toward the end of a run tasks get smaller
#: (see :func:`_tasks`), so that the workers finish together.
FILES_PER_TASK = 128
BYTES_PER_TASK = 512 * 1024

#: Tasks in flight per worker: file names are small and so are the results
#: now, so more than :data:`IN_FLIGHT_PER_JOB` keeps the workers busy while
#: the parent waits for one slow file at the head of the order.
FILE_TASKS_PER_JOB = 8


def _tasks(items: "list[str | Skipped]", jobs: int) -> "Iterator[list[str | Skipped]]":
    """``items`` in order, cut into tasks of at most :data:`FILES_PER_TASK`
    files and :data:`BYTES_PER_TASK` bytes (a larger file alone), and of at
    most a quarter of each worker's even share of the files still to hand
    out: the first tasks are large, the last ones a file or two.

    >>> [len(t) for t in _tasks(["-"] * 20, 2)]
    [2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    """
    i, n = 0, len(items)
    while i < n:
        most = max(1, min(FILES_PER_TASK, (n - i) // (jobs * 4)))
        task: list[str | Skipped] = []
        total = 0
        while i < n and len(task) < most:
            size = _file_size(items[i])
            if task and total + size > BYTES_PER_TASK:
                break
            task.append(items[i])
            total += size
            i += 1
        yield task


def _file_size(item: "str | Skipped") -> int:
    if isinstance(item, Skipped) or item == "-":
        return 0
    try:
        return os.stat(item).st_size
    except OSError:
        return 0


def _run_parallel(
    run: _Run,
    items: "list[str | Skipped]",
    jobs: int,
    mp: Any,
    advance: Callable[[], None],
    written: set[str],
) -> None:
    """``-j N``: files in worker processes, printed and reported in input
    order (the messages, the diff and the exit code are those of ``-j 1``).
    The folders the workers wrote to are added to ``written``."""
    warm_up(run.config, tables=True)  # once, here: forked workers inherit the tables
    printer = run.printer
    setup = _WorkerSetup(
        run.config,
        run.common,
        run.color,
        printer.fmt,
        printer.level,
        printer.check,
        run.report.keep_findings,
        run.report.check,
    )
    tasks = ([_task(item) for item in chunk] for chunk in _tasks(items, jobs))
    chunks = ordered_map(
        _file_jobs,
        tasks,
        jobs=jobs,
        initializer=_init_worker,
        initargs=(setup, mp.get_start_method() == "fork"),
        in_flight=jobs * FILE_TASKS_PER_JOB,
        context=mp,
    )
    report = run.report
    results = (done for chunk in chunks for done in chunk)
    for item, done in zip(items, results):
        if isinstance(item, Skipped):
            _skipped(run, item)
            continue
        if done is None:
            _do_stdin(run)
        else:
            entries, records, folder = done
            if records:
                replay(records, target=printer)
            for entry in entries:
                report.add_entry(entry)
            if folder is not None:
                written.add(folder)
        advance()


def _skipped(run: _Run, item: Skipped) -> None:
    common, msgs, report, printer = run.common, run.msgs, run.report, run.printer
    name = shown_path(item.path)
    if item.error:  # a folder that cannot be listed was not checked: say so
        msgs.error(f"{name}: {item.reason}", "check its permissions, or --exclude it")
        fr = FileReport(name, FileStatus.ERROR, error=item.reason, path_bytes=raw_path(item.path))
        _emit(printer, fr, changed=False)
        report.add(fr)
    elif item.leftover and common.mode.writes and remove_leftover(item.path):
        msgs.detail(f"removed {name} (a temporary file of an interrupted run)")
    else:
        msgs.detail(f"skipped {name} ({item.reason})")


def _do_stdin(run: _Run) -> None:
    config, common, msgs, report = run.config, run.common, run.msgs, run.report
    exclude, color, printer = run.exclude, run.color, run.printer
    name = common.stdin_filename or "-"
    box = [_read_stdin_pieces()]  # _process takes the bytes out (see there)
    dest = _destination(common, common.stdin_filename or "-")
    if dest == "-":
        dest = None
    if (
        common.stdin_filename
        and common.force_exclude
        and is_excluded(common.stdin_filename, exclude)
    ):
        msgs.detail(f"skipped {name} (excluded); passed through unchanged")
        if common.mode.writes:
            _deliver(msgs, dest, box[0], name)
        return
    fr, result = _process(
        name, box, config.with_(filename=common.stdin_filename), common, msgs, stdin=True
    )
    try:
        if result is None:
            return
        if common.mode.diffs:
            _write_stdout_text(_diff(name, result, config, color))
        if common.mode.writes and not _deliver(msgs, dest, result.chunks(), name):
            fr.status, fr.error = FileStatus.ERROR, "cannot write the output"
    finally:
        # Filtering stdin to stdout names nothing: a pipe of step commands
        # stays quiet unless a step has something to report.
        shown = fr.status is FileStatus.WOULD_FIX
        shown = shown or (dest is not None and fr.status is FileStatus.FIXED)
        _emit(printer, fr, changed=shown, dest=None if dest is None else shown_path(dest))
        report.add(fr)


def _do_file(run: _Run, path: str, written: set[str] | None = None) -> None:
    """Clean one file in place (or check or diff it). The folder of a
    rewritten file is added to ``written`` for one fsync at the end of the
    run (without ``written``, the folder is fsynced at once)."""
    config, common, msgs, report = run.config, run.common, run.msgs, run.report
    color, printer = run.color, run.printer
    name, raw = shown_and_raw(path)
    dest = _destination(common, path)
    to_stdout = dest == "-"
    if to_stdout:
        dest = None
    in_place = common.mode.writes and dest is None and not to_stdout
    # A walk yields regular files only (and read_file refuses a walked
    # path that is no longer one, never following a link or blocking).
    if in_place and not isinstance(path, Walked) and not is_regular_file(path):
        # A FIFO or a device (cleantext clean <(cmd)) cannot be replaced.
        msgs.error(
            f"{name}: not a regular file; nothing written",
            f"to filter it, use stdin: cleantext clean < {name}, or -o FILE",
        )
        fr = FileReport(name, FileStatus.ERROR, error="not a regular file", path_bytes=raw)
        _emit(printer, fr, changed=False)
        report.add(fr)
        return
    try:
        box, state = _read_file(path)
    except OSError as exc:
        error = f"cannot read: {exc.strerror or exc}"
        fr = FileReport(name, FileStatus.ERROR, error=error, path_bytes=raw)
        msgs.error(f"{name}: {error}")
        _emit(printer, fr, changed=False)
        report.add(fr)
        return
    if walked_binary(path, _head(box[0])):
        _close(box)
        msgs.detail(f"skipped {name} (binary)")  # as the walk said when it read each head
        return
    # Written elsewhere, the input stays as it was: like stdin, a lossy
    # result is written (with a warning) rather than refused.
    fr, result = _process(name, box, config.with_(filename=path), common, msgs, stdin=not in_place)
    fr.path_bytes = raw
    try:
        if result is None:
            return
        if common.mode.diffs:
            _write_stdout_text(_diff(name, result, config, color))
        if not common.mode.writes:
            return
        if to_stdout:
            _write_stdout(result.chunks())
        elif dest is not None:
            try:
                _write_output(dest, result.chunks())
            except OSError as exc:
                error = f"cannot write {shown_path(dest)}: {exc.strerror or exc}"
                fr.status, fr.error = FileStatus.ERROR, error
                msgs.error(f"{name}: {error}")
                return
            msgs.detail(f"wrote {shown_path(dest)}")
        elif fr.status is FileStatus.FIXED:
            try:
                write_atomic(
                    path,
                    result.chunks(),
                    expect=state,
                    fsync=common.fsync,
                    sync_dir=written is None,
                )
                if written is not None and state is not None:
                    written.add(state.directory)
            except OSError as exc:
                fr.status, fr.error = FileStatus.ERROR, f"cannot write: {exc.strerror or exc}"
                msgs.error(f"{name}: cannot write: {exc.strerror or exc}; left untouched")
                return
        if fr.status is FileStatus.UNCHANGED:
            msgs.detail(f"unchanged {name}")
    finally:
        changed = fr.status in (FileStatus.FIXED, FileStatus.WOULD_FIX)
        _emit(printer, fr, changed=changed, dest=None if dest is None else shown_path(dest))
        report.add(fr)  # once its status is final


def _read_file(path: str) -> tuple[list[bytes | Pieces], FileState | None]:
    """:func:`read_file`, its bytes in a box for :func:`_process` to take
    (a large file as pieces, read as they are decoded)."""
    data, state = read_file_pieces(path)
    if isinstance(data, Pieces):
        data.failed = lambda exc: _ReadError(f"cannot read: {exc.strerror or exc}")
    return [data], state


def _close(box: list[bytes | Pieces]) -> None:
    """Let go of an input that will not be read (a file left open for its pieces)."""
    item = box.pop() if box else b""
    if isinstance(item, Pieces):
        item.close()


def _process(
    name: str,
    box: list[bytes | Pieces],
    config: Config,
    common: Common,
    msgs: Messages,
    *,
    stdin: bool,
) -> tuple[FileReport, Result | None]:
    """Clean one input in memory and decide its status (the caller prints
    its findings once that status is final).

    The input's bytes come in a one-item list, which this empties: nothing
    else holds them then, so :func:`cleantext.clean` can free them once they
    are decoded, before the steps copy the text."""
    if is_binary(_head(box[0])) and not config.encoding:
        _close(box)
        msgs.error(
            f"{name}: looks like a binary file (it has NUL bytes); left untouched",
            "if it is text after all, name its encoding with --encoding NAME",
        )
        return FileReport(name, FileStatus.ERROR, error="binary file"), None
    try:
        # Only a diff shows the input text: otherwise it may be let go of.
        result = clean_deferred(box.pop(), config, keep_original=common.mode.diffs)
    except (ConfigError, _StreamError):
        raise
    except _ReadError as exc:
        msgs.error(f"{name}: {exc.message}")
        return FileReport(name, FileStatus.ERROR, error=exc.message), None
    except CleantextError as exc:
        msgs.error(f"{name}: {exc.message}; left untouched", exc.hint)
        return FileReport(name, FileStatus.ERROR, error=exc.message), None
    except Exception as exc:
        if os.environ.get("CLEANTEXT_TRACEBACK"):
            raise
        msgs.error(
            f"{name}: internal error: {type(exc).__name__}: {exc}; left untouched",
            "this is a bug in cleantext; rerun with CLEANTEXT_TRACEBACK=1 and report it",
        )
        error = f"internal error: {type(exc).__name__}: {exc}"
        return FileReport(name, FileStatus.ERROR, error=error), None

    # Named in place, as _clean names them: this run's own findings (a copy
    # of each doubled the objects of a farm page's hundreds of thousands).
    findings = result.findings
    for f in findings:
        f.path = name
    if result.changed and not any(f.fixed for f in findings):
        # The text is the same but the bytes are not: re-encoded to UTF-8.
        findings = [*findings]
        findings.append(
            Finding(
                step=DECODE,
                line=1,
                col=1,
                code="re-encoded",
                message=f"re-encoded from {result.encoding} to UTF-8",
                original=result.encoding or "",
                replacement="utf-8",
                path=name,
            )
        )
    fr = FileReport(
        name,
        FileStatus.UNCHANGED,
        encoding=result.encoding,
        confidence=result.confidence,
        bom=result.bom,
        lossy=result.lossy,
        findings=findings,
        # Deciding the page model of a clean text costs more than cleaning
        # it: only the JSON report shows the decision.
        page=result.page.to_dict() if _wants_json(common) and result.page else None,
    )
    # A file refused below is not cleaned: its record is the error alone (no
    # finding says "fixed" or "re-encoded" of a file left as it was).
    refuse = result.lossy and not common.force and (common.mode.checks or not stdin)
    if refuse:
        lost = [f for f in findings if f.step == DECODE and f.code == "undecodable-bytes"]
        if lost and all(f.data.get("cut") for f in lost):
            # Naming an encoding cannot help: the file's end is missing.
            msgs.error(
                f"{name}: ends inside a {result.encoding} character (cut off?); left untouched",
                "pass --force to write it with U+FFFD for the cut character",
            )
        else:
            msgs.error(
                f"{name}: cannot be decoded without loss as {result.encoding}; left untouched",
                "name the encoding with --encoding NAME, or pass --force to write it with U+FFFD",
            )
        fr.status, fr.error, fr.findings = FileStatus.ERROR, "undecodable bytes", []
        return fr, None
    if result.lossy:
        msgs.warning(f"{name}: undecodable bytes were replaced with U+FFFD")
    guess = (
        result.confidence is not None
        and result.confidence < SURE_ENCODING
        and result.encoding not in (None, "utf-8", "ascii")
        and not common.force
    )
    unsure = guess and (common.mode.checks or not stdin)
    if guess and not unsure:
        # Through a pipe the guess is written (nothing is rewritten in
        # place), but said, as bytes replaced with U+FFFD are: CPython's
        # Big5-HKSCS test vector, 25 bytes, reads as Shift_JIS 2004 at 0.45.
        msgs.warning(
            f"{name}: its encoding is a guess ({result.encoding}, confidence "
            f"{result.confidence:.2f}); name it with --encoding NAME if the output is garbled"
        )
    if unsure:
        # A guess, not a reading: rewritten in UTF-8 a wrong guess is
        # mojibake for good (zhnumber-gbk.cfg, one GB numeral a line amid
        # TeX, read as ISO-8859-13 at 0.22).
        msgs.error(
            f"{name}: its encoding is a guess ({result.encoding}, confidence "
            f"{result.confidence:.2f}); left untouched",
            "name the encoding with --encoding NAME, or pass --force to take the guess",
        )
        fr.status, fr.error, fr.findings = FileStatus.ERROR, "encoding not sure", []
        return fr, None
    if result.changed:
        fr.status = FileStatus.FIXED if common.mode.writes else FileStatus.WOULD_FIX
    return fr, result


#: A file whose encoding was detected with less confidence than this is not
#: rewritten (nor passed by --check) without --encoding or --force.
SURE_ENCODING = 0.5


# -- the command factory -------------------------------------------------------------

#: What a cleaning command adds to its run: keyword options for
#: :meth:`Config.from_options` (``spam_terms_file`` is read here first).
ConfigOptions = dict[str, Any]

#: The typer context, for commands that ask where an option's value came from.
CTX = Opt("ctx", typer.Context)


def _command(name: str, *opts: Opt, help: str | None = None) -> Callable[[Any], Any]:
    """Register a function taking ``opts`` by keyword as command ``name``.

    Typer reads a command's parameters from its signature; here the
    signature is made from the :class:`Opt` declarations, so every command
    shares them instead of repeating them.
    """

    def register(func: Any) -> Any:
        func.__signature__ = inspect.Signature([o.parameter() for o in opts])
        app.command(name, help=help)(func)
        return func

    return register


def _cleaning_command(
    name: str, *own: Opt, help: str | None = None, settings: bool = False
) -> Callable[[Callable[..., ConfigOptions]], Callable[..., ConfigOptions]]:
    """Register a cleaning command made of the shared option groups.

    Its parameters are PATHS, the write-back flags, the command's ``own``
    options, then the shared input, selection and output groups (and
    ``--config FILE`` for ``[tool.cleantext]`` when ``settings``). The
    decorated function gets the typer context, the run's messages and its
    own options by keyword, and returns what it adds to the run's
    :class:`Config`; everything else is the same for every command.
    """

    def register(configure: Callable[..., ConfigOptions]) -> Callable[..., ConfigOptions]:
        def command(*, ctx: typer.Context, paths: list[str] | None, **options: Any) -> None:
            common = Common.take(options)
            found = options.pop("settings", None)
            isolated = options.pop("isolated", False)
            msgs = Messages(quiet=common.quiet, verbose=common.verbose)
            if isinstance(found, SettingsFile) and not isolated:
                found.tell(msgs)
            elif isolated:
                msgs.detail("no configuration file read (--isolated)")
            _execute(paths, common, msgs, **configure(ctx, msgs, **options))

        command.__name__ = f"{name}_command"
        command.__doc__ = configure.__doc__
        opts = [CTX, PATHS_EAGER if settings else PATHS, *WRITE_BACK, *own, *INPUT, *SELECTION]
        opts += [*OUTPUT, *SCALE, SETTINGS_FILE, ISOLATED] if settings else [*OUTPUT, *SCALE]
        _command(name, *opts, help=help)(command)
        return configure

    return register


PATHS_HELP = "Files or directories to clean in place. None, or '-': read stdin, write stdout."
PATHS = _paths(PATHS_HELP)
#: PATHS for a command with ``--config``: read before it, to find pyproject.toml.
PATHS_EAGER = _paths(PATHS_HELP, eager=True)


def _from_settings(ctx: typer.Context, name: str) -> bool:
    """Whether option ``name`` took its value from ``[tool.cleantext]``."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name == "DEFAULT_MAP"


# -- commands ----------------------------------------------------------------------


@_cleaning_command(
    "clean",
    Opt(
        "to_simplified",
        Annotated[
            bool,
            typer.Option(
                "--to-simplified/--no-to-simplified",
                help="Also convert Traditional to Simplified (OpenCC t2s).",
                show_default=False,
            ),
        ],
        False,
    ),
    Opt(
        "convert",
        Annotated[
            OpenCCConfig | None,
            typer.Option(
                "--convert",
                metavar="CONFIG",
                help=f"Also convert with this OpenCC config: {_OPENCC_LIST}.",
            ),
        ],
    ),
    Opt(
        "only",
        Annotated[
            _repeatable(StepName),
            typer.Option(
                "--only",
                metavar="STEP",
                help="Run just this step (repeatable; canonical order kept): "
                + ", ".join(s.value for s in StepName)
                + ".",
            ),
        ],
    ),
    Opt(
        "skip",
        Annotated[
            _repeatable(StepName),
            typer.Option("--skip", metavar="STEP", help="Leave this step out (repeatable)."),
        ],
    ),
    Opt(
        "enable",
        Annotated[
            _repeatable(OptInStep),
            typer.Option("--enable", metavar="STEP", help="Add an opt-in step (boilerplate)."),
        ],
    ),
    SPAM_TERMS,
    PAGE,
    Opt(
        "keep_encoding",
        Annotated[
            bool,
            typer.Option(
                "--keep-encoding/--no-keep-encoding",
                help="Write output in the input's encoding instead of UTF-8.",
                show_default=False,
            ),
        ],
        False,
    ),
    *CORPUS,
    settings=True,
)
def clean_command(
    ctx: typer.Context,
    msgs: Messages,
    *,
    to_simplified: bool,
    convert: Any,
    only: Sequence[Any] | None,
    skip: Sequence[Any] | None,
    enable: Sequence[Any] | None,
    spam_terms: str | None,
    page: PageKind | None,
    keep_encoding: bool,
    jsonl: bool,
    parquet: bool,
    field: str,
    findings_field: str | None,
) -> ConfigOptions:
    """Run the default pipeline: decode, mojibake, entities, pinyin, spam, dedupe (then convert, if asked).

    With PATHS, changed files are rewritten in place (atomically) and each is
    named on stderr as 'Fixing PATH'. Without PATHS, or with '-', raw bytes are
    read from stdin and the cleaned text is written to stdout as UTF-8.
    """
    conv = convert.value if convert else None
    if to_simplified and conv not in (None, "t2s"):
        # One conversion on the command line replaces the configured one.
        if _from_settings(ctx, "convert"):
            conv = None
        elif _from_settings(ctx, "to_simplified"):
            to_simplified = False
        else:
            _fail_usage(msgs, f"--to-simplified and --convert {conv} ask for different conversions")
    return {
        "only": tuple(s.value for s in only or ()),
        "skip": tuple(s.value for s in skip or ()),
        "enable": tuple(s.value for s in enable or ()),
        "convert": "t2s" if to_simplified else conv,
        "keep_encoding": keep_encoding,
        "spam_terms_file": spam_terms,
        "corpus": _corpus_mode(msgs, jsonl, parquet, field, findings_field),
        "page": page.value if page else None,
        "page_paths": ctx.meta.get("page_paths", ()),
    }


def _corpus_mode(
    msgs: Messages, jsonl: bool, parquet: bool, field: str, findings_field: str | None
) -> "CorpusMode | None":
    if jsonl and parquet:
        _fail_usage(msgs, "--jsonl and --parquet: choose one")
    if not (jsonl or parquet):
        if field != "text" or findings_field:
            _fail_usage(msgs, "--field and --findings-field are for --jsonl or --parquet")
        return None
    return CorpusMode("parquet" if parquet else "jsonl", field, findings_field)


def _step_help(step: str) -> str:
    summary = SUMMARIES[step]
    return (
        f"{summary[0].upper()}{summary[1:]} (the {step} step alone).\n\n"
        "Reads raw bytes from stdin and writes UTF-8 to stdout, so steps compose in pipes: "
        "cleantext decode < page.txt | cleantext pinyin | cleantext spam. With PATHS, "
        "rewrites the files in place like clean."
    )


def _step_options(step: str) -> Callable[..., ConfigOptions]:
    """``cleantext STEP``: decoding, then this step alone (``decode``: none)."""

    def configure(
        ctx: typer.Context, msgs: Messages, *, spam_terms: str | None = None
    ) -> ConfigOptions:
        return {"only": (step,), "spam_terms_file": spam_terms}

    return configure


def _convert_options(
    ctx: typer.Context, msgs: Messages, *, opencc: Any, to_simplified: bool
) -> ConfigOptions:
    conv = opencc.value if opencc else "t2s"
    if to_simplified and conv != "t2s":
        _fail_usage(msgs, f"--to-simplified and --opencc {conv} ask for different conversions")
    return {"only": ("convert",), "convert": conv}


#: The options a step subcommand has besides the shared ones.
STEP_OPTIONS: dict[str, tuple[Opt, ...]] = {
    "spam": (SPAM_TERMS,),
    "convert": (
        Opt(
            "opencc",
            Annotated[
                OpenCCConfig | None,
                typer.Option(
                    "-c",
                    "--opencc",
                    metavar="CONFIG",
                    help=f"The OpenCC config to apply, as OpenCC's own -c (default t2s): {_OPENCC_LIST}.",
                ),
            ],
        ),
        Opt(
            "to_simplified",
            Annotated[bool, typer.Option("--to-simplified", help="The same as -c t2s.")],
            False,
        ),
    ),
}

for _step in STEP_ORDER:
    _cleaning_command(_step, *STEP_OPTIONS.get(_step, ()), help=_step_help(_step))(
        _convert_options if _step == "convert" else _step_options(_step)
    )


def detect_command(
    *,
    paths: list[str] | None,
    json_out: bool,
    encoding: str | None,
    page: PageKind | None,
    stdin_filename: str | None,
    exclude: str | None,
    force_exclude: bool,
    no_ignore: bool,
) -> None:
    """Show each file's encoding, confidence, BOM, page kind and findings per step; write nothing.

    Runs the default pipeline in memory. On a terminal the result is a table;
    otherwise (or with --json) a JSON array with one object per file.
    """
    msgs = Messages()
    config = _make_config(msgs, encoding=encoding, page=page.value if page else None)
    pattern = _compile(msgs, exclude)
    inputs = list(paths or [])
    if not inputs:
        if _stdin_is_tty():
            _fail_usage(msgs, "no input: give PATHS, or pipe text into stdin")
        inputs = ["-"]
    _check_paths_exist(msgs, inputs)
    steps = config.active_steps()
    rows = []
    failed = False
    walk = iter_paths(
        inputs,
        exclude=pattern,
        force_exclude=force_exclude,
        respect_ignore=not no_ignore,
        sniff=False,  # tested on the bytes read below
    )
    for item in walk:
        if isinstance(item, Skipped):
            if item.error:
                failed = True
                msgs.error(f"{shown_path(item.path)}: {item.reason}")
            continue
        name = (stdin_filename or "-") if item == "-" else shown_path(item)
        try:
            data = _read_stdin() if item == "-" else read_bytes(item)
            if walked_binary(item, data):
                continue  # what a walk skips
            if is_binary(data) and not encoding:
                raise CleantextError("looks like a binary file (it has NUL bytes)")
            fname = stdin_filename if item == "-" else item
            result = clean(data, config.with_(filename=fname))
        except ConfigError as exc:
            _fail_usage(msgs, exc.message, exc.hint)
        except (OSError, CleantextError) as exc:
            failed = True
            err = (
                exc.message
                if isinstance(exc, CleantextError)
                else f"cannot read: {exc.strerror or exc}"
            )
            msgs.error(f"{name}: {err}")
            rows.append(
                detect_row(
                    name,
                    encoding=None,
                    confidence=None,
                    bom=False,
                    lossy=False,
                    changed=False,
                    findings=(),
                    steps=steps,
                    error=err,
                )
            )
            continue
        rows.append(
            detect_row(
                name,
                encoding=result.encoding,
                confidence=result.confidence,
                bom=result.bom,
                lossy=result.lossy,
                changed=result.changed,
                findings=result.findings,
                steps=steps,
                page=result.page.to_dict() if result.page else None,
            )
        )
    if json_out or not sys.stdout.isatty():
        _write_stdout_text(detect_json(rows))
    else:
        print_detect_table(rows, steps)
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


_command(
    "detect",
    _paths("Files or directories to inspect. None, or '-': read stdin."),
    Opt(
        "json_out",
        Annotated[
            bool,
            typer.Option(
                "--json", help="Print a JSON array (the default when stdout is not a terminal)."
            ),
        ],
        False,
    ),
    ENCODING,
    PAGE,
    *SELECTION,
)(detect_command)


def ray_command(
    *,
    source: str,
    destination: str,
    field: str,
    findings_field: str | None,
    fmt: str | None,
    num_cpus: int | None,
    to_simplified: bool,
    quiet: bool,
) -> None:
    """Clean sharded JSON Lines or Parquet with Ray Data (pip install 'cleantext-cjk[ray]').

    Reads INPUT (a file, a folder of shards, or a glob), cleans --field of
    every record exactly as 'clean --jsonl' does, and writes shards of the
    same format into the folder OUTPUT. Connects to the cluster in
    RAY_ADDRESS, or starts a local Ray instance.
    """
    msgs = Messages(quiet=quiet)
    if fmt not in (None, "json", "jsonl", "parquet"):
        _fail_usage(msgs, f"--format {fmt}: use json or parquet")
    config = _make_config(msgs, convert="t2s" if to_simplified else None)
    try:
        raydata.run(
            source,
            destination,
            field=field,
            config=config,
            fmt="parquet" if fmt == "parquet" else ("json" if fmt else None),
            findings_field=findings_field,
            num_cpus=num_cpus,
        )
    except CleantextError as exc:
        msgs.error(exc.message, exc.hint)
        raise typer.Exit(EXIT_FAILED) from None
    msgs.info(f"cleaned {source} into {destination}")
    raise typer.Exit(EXIT_OK)


_command(
    "ray",
    Opt("source", Annotated[str, typer.Argument(metavar="INPUT", show_default=False)]),
    Opt("destination", Annotated[str, typer.Argument(metavar="OUTPUT", show_default=False)]),
    *(o for o in CORPUS if o.name in ("field", "findings_field")),
    Opt(
        "fmt",
        Annotated[
            str | None,
            typer.Option(
                "--format",
                metavar="FORMAT",
                help="json or parquet (default: from INPUT's file names).",
            ),
        ],
    ),
    Opt(
        "num_cpus",
        Annotated[
            int | None,
            typer.Option(
                "--num-cpus",
                metavar="N",
                min=1,
                help="CPUs of a local Ray instance (ignored with RAY_ADDRESS).",
            ),
        ],
    ),
    Opt(
        "to_simplified",
        Annotated[
            bool,
            typer.Option(
                "--to-simplified", help="Also convert Traditional to Simplified (OpenCC t2s)."
            ),
        ],
        False,
    ),
    Opt("quiet", Annotated[bool, typer.Option("-q", "--quiet", help="Print errors only.")], False),
)(ray_command)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="cleantext")


if __name__ == "__main__":  # pragma: no cover
    main()
