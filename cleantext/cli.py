"""The ``cleantext`` command line: a thin Typer layer over :func:`cleantext.clean`.

This module parses options, maps them onto one :class:`cleantext.Config`,
reads inputs (files, directories or stdin as raw bytes), and hands results
to :mod:`cleantext.report` and :mod:`cleantext.files`. It decides nothing
about text. Every error becomes one ``cleantext: error:`` line (and a
``cleantext: hint:`` line) on stderr, never a traceback; exit codes are
those of :class:`cleantext.report.Report`.
"""

import codecs
import enum
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from . import Config, Result, __version__, clean
from .config import STEP_ORDER
from .errors import CleantextError, ConfigError
from .files import (
    Skipped,
    display_path,
    is_binary,
    is_excluded,
    is_regular_file,
    iter_paths,
    read_bytes,
    write_atomic,
)
from .findings import Finding
from .pipeline import SUMMARIES
from .report import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    FileReport,
    Messages,
    Report,
    detect_json,
    detect_row,
    finding_line,
    print_detect_table,
    unified_diff,
    use_color,
)


class StepName(str, enum.Enum):
    """Steps that ``--only`` and ``--skip`` accept (``decode`` always runs)."""

    mojibake = "mojibake"
    entities = "entities"
    pinyin = "pinyin"
    spam = "spam"
    boilerplate = "boilerplate"
    dedupe = "dedupe"
    convert = "convert"


class OptInStep(str, enum.Enum):
    """Steps that are off unless ``--enable`` names them."""

    boilerplate = "boilerplate"


class ReportFormat(str, enum.Enum):
    json = "json"


class OpenCCConfig(str, enum.Enum):
    """The OpenCC configurations shipped with OpenCC 1.4."""

    s2t = "s2t"
    t2s = "t2s"
    s2tw = "s2tw"
    tw2s = "tw2s"
    s2twp = "s2twp"
    tw2sp = "tw2sp"
    s2hk = "s2hk"
    hk2s = "hk2s"
    s2hkp = "s2hkp"
    hk2sp = "hk2sp"
    t2tw = "t2tw"
    tw2t = "tw2t"
    t2hk = "t2hk"
    hk2t = "hk2t"
    t2jp = "t2jp"
    jp2t = "jp2t"


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
        code = _guarded(super().main, args, prog_name, complete_var, extra)
        if standalone_mode:
            sys.exit(code)
        return code


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


_COMMAND_NAMES = frozenset({"clean", "detect", *STEP_ORDER})


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
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Repair and clean scraped text files (CJK focus)."""


# -- shared options ------------------------------------------------------------

PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files or directories to clean in place. None, or '-': read stdin, write stdout.",
        show_default=False,
        metavar="PATHS",
    ),
]
CheckOpt = Annotated[
    bool,
    typer.Option(
        "--check", help="Write nothing; print each finding; exit 1 if anything would change."
    ),
]
DiffOpt = Annotated[
    bool, typer.Option("--diff", help="Write nothing; print a unified diff on stdout.")
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding", metavar="NAME", help="Read input in this encoding instead of detecting it."
    ),
]
KeepEncodingOpt = Annotated[
    bool,
    typer.Option("--keep-encoding", help="Write output in the input's encoding instead of UTF-8."),
]
ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force", help="Write even when some bytes could not be decoded (they become U+FFFD)."
    ),
]
StdinFilenameOpt = Annotated[
    str | None,
    typer.Option(
        "--stdin-filename",
        metavar="NAME",
        help="Name stdin in messages and exclude matching; its suffix picks the context (.md, .html).",
    ),
]
ExcludeOpt = Annotated[
    str | None,
    typer.Option(
        "--exclude",
        metavar="REGEX",
        help="Skip paths matching REGEX in directory walks (searched in '/' + path; folders end in '/').",
    ),
]
ForceExcludeOpt = Annotated[
    bool,
    typer.Option(
        "--force-exclude", help="Apply --exclude to paths given explicitly too (for pre-commit)."
    ),
]
ReportOpt = Annotated[
    ReportFormat | None,
    typer.Option(
        "--report",
        help="Write all findings as JSON: to stdout if it carries nothing else, else to --report-file.",
    ),
]
ReportFileOpt = Annotated[
    str | None,
    typer.Option(
        "--report-file", metavar="PATH", help="Where --report goes (implies --report json)."
    ),
]
QuietOpt = Annotated[bool, typer.Option("-q", "--quiet", help="Print errors only.")]
VerboseOpt = Annotated[
    bool,
    typer.Option("-v", "--verbose", help="Also print every fix, unchanged and skipped files."),
]
ColorOpt = Annotated[
    bool | None,
    typer.Option(
        "--color/--no-color",
        help="Colour the diff (default: when stdout is a terminal).",
        show_default=False,
    ),
]
SettingsFileOpt = Annotated[
    str | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Read [tool.cleantext] from this TOML file instead of the nearest pyproject.toml.",
    ),
]
SpamTermsOpt = Annotated[
    str | None,
    typer.Option(
        "--spam-terms",
        metavar="FILE",
        help="Extra spam terms, one per line ('#' starts a comment).",
    ),
]


@dataclass
class Common:
    """Options every cleaning command shares."""

    check: bool = False
    diff: bool = False
    report: ReportFormat | None = None
    report_file: str | None = None
    stdin_filename: str | None = None
    exclude: str | None = None
    force_exclude: bool = False
    force: bool = False
    quiet: bool = False
    verbose: bool = False
    color: bool | None = None


def _fail_usage(msgs: Messages, message: str, hint: str | None = None) -> NoReturn:
    msgs.error(message, hint)
    raise typer.Exit(EXIT_USAGE)


def _make_config(msgs: Messages, **options: Any) -> Config:
    enc = options.get("encoding")
    if enc:
        try:
            codecs.lookup(enc)
        except LookupError:
            _fail_usage(
                msgs,
                f"unknown encoding {enc!r}",
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


def _compile(msgs: Messages, pattern: str | None) -> "re.Pattern[str] | None":
    if not pattern:
        return None
    try:
        return re.compile(pattern)
    except re.error as exc:
        _fail_usage(msgs, f"--exclude {pattern!r} is not a valid regular expression: {exc}")


def _stdin_is_tty() -> bool:
    isatty = getattr(sys.stdin, "isatty", None)
    return bool(isatty and isatty())


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    data = stream.read()
    return data if isinstance(data, bytes) else data.encode("utf-8")


def _write_stdout(data: bytes) -> None:
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # pragma: no cover - a text-only stdout
        sys.stdout.write(data.decode("utf-8", "surrogateescape"))
    else:
        sys.stdout.flush()
        stream.write(data)
        stream.flush()


def _write_stdout_text(text: str) -> None:
    _write_stdout(text.encode("utf-8", "surrogatepass"))


# -- [tool.cleantext] in pyproject.toml ------------------------------------------------

#: Keys ``[tool.cleantext]`` accepts (``-`` and ``_`` both work), with their types.
SETTINGS: dict[str, type] = {
    "only": list,
    "skip": list,
    "enable": list,
    "convert": str,
    "to_simplified": bool,
    "encoding": str,
    "keep_encoding": bool,
    "spam_terms": str,
    "exclude": str,
    "force_exclude": bool,
}


def find_project_config(paths: Sequence[str]) -> str | None:
    """The nearest ``pyproject.toml`` with a ``[tool.cleantext]`` table above
    the common folder of ``paths`` (the cwd for stdin), not looking past the
    folder that holds ``.git``."""
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
            try:
                with open(candidate, encoding="utf-8") as fh:
                    if "[tool.cleantext]" in fh.read():
                        return candidate
            except (OSError, UnicodeDecodeError):
                pass
        parent = os.path.dirname(folder)
        if os.path.exists(os.path.join(folder, ".git")) or parent == folder:
            return None
        folder = parent


def read_project_config(msgs: Messages, path: str) -> dict[str, Any]:
    """``[tool.cleantext]`` of ``path`` as option values (a bad file or key
    is a usage error, exit 2)."""
    try:
        import tomllib  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]
        except ImportError:
            msgs.warning(
                f"{path}: [tool.cleantext] ignored: reading it needs Python 3.11+ or tomli"
            )
            return {}
    try:
        with open(path, "rb") as fh:
            table = tomllib.load(fh).get("tool", {}).get("cleantext", {})
    except (OSError, ValueError) as exc:
        _fail_usage(msgs, f"{path}: cannot read: {exc}")
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
        if want is list and isinstance(value, str):
            value = [value]
        if want is list:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:
            ok = isinstance(value, want)
        if not ok:
            _fail_usage(
                msgs,
                f"{path}: [tool.cleantext] {key} should be a {'list of strings' if want is list else want.__name__}",
            )
        if name == "convert" and value not in {c.value for c in OpenCCConfig}:
            _fail_usage(
                msgs,
                f"{path}: [tool.cleantext] convert = {value!r} is not an OpenCC config",
                "use one of: " + ", ".join(c.value for c in OpenCCConfig),
            )
        if name == "spam_terms":
            value = os.path.join(os.path.dirname(path), str(value))
        settings[name] = value
    msgs.detail(f"using configuration from {path}")
    return settings


# -- the engine every cleaning command uses ---------------------------------------------


def _execute(paths: list[str] | None, common: Common, **options: Any) -> NoReturn:
    msgs = Messages(quiet=common.quiet, verbose=common.verbose)
    options["spam_terms"] = _read_terms(msgs, options.pop("spam_terms_file", None))
    config = _make_config(msgs, **options)
    exclude = _compile(msgs, common.exclude)
    report_fmt = common.report or (ReportFormat.json if common.report_file else None)

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
    stdout_busy = common.diff or ("-" in inputs and not common.check)
    if report_fmt and stdout_busy and not common.report_file:
        _fail_usage(
            msgs,
            "--report json needs --report-file PATH here: stdout already carries the text or the diff",
        )

    report = Report(check=common.check, keep_findings=report_fmt is not None)
    color = use_color(common.color, sys.stdout)
    items = list(iter_paths(inputs, exclude=exclude, force_exclude=common.force_exclude))
    todo = [i for i in items if not isinstance(i, Skipped)]
    try:
        with msgs.progress(len(todo)) as advance:
            for item in items:
                if isinstance(item, Skipped):
                    msgs.detail(f"skipped {display_path(item.path)} ({item.reason})")
                    continue
                if item == "-":
                    _do_stdin(config, common, msgs, report, exclude, color)
                else:
                    _do_file(item, config, common, msgs, report, color)
                advance()
    except ConfigError as exc:
        # A configuration the steps reject (an OpenCC config that does not
        # load, say): the same for every file, so stop here.
        _fail_usage(msgs, exc.message, exc.hint)

    if report_fmt:
        doc = report.to_json()
        if common.report_file:
            try:
                with open(common.report_file, "w", encoding="utf-8") as fh:
                    fh.write(doc)
            except OSError as exc:
                msgs.error(
                    f"--report-file {common.report_file}: cannot write: {exc.strerror or exc}"
                )
                raise typer.Exit(EXIT_FAILED) from None
        else:
            _write_stdout_text(doc)
    if len(report.files) > 1 or common.verbose:
        msgs.detail(report.summary_line())
    raise typer.Exit(report.return_code)


def _do_stdin(
    config: Config,
    common: Common,
    msgs: Messages,
    report: Report,
    exclude: "re.Pattern[str] | None",
    color: bool,
) -> None:
    name = common.stdin_filename or "-"
    data = _read_stdin()
    if (
        common.stdin_filename
        and common.force_exclude
        and is_excluded(common.stdin_filename, exclude)
    ):
        msgs.detail(f"skipped {name} (excluded); passed through unchanged")
        if not common.check and not common.diff:
            _write_stdout(data)
        return
    fr, result = _process(
        name, data, config.with_(filename=common.stdin_filename), common, msgs, stdin=True
    )
    report.add(fr)
    if result is None:
        return
    if common.diff:
        _write_stdout_text(unified_diff(result.original, result.text, name, color=color))
    if not common.check and not common.diff:
        _write_stdout(result.data)


def _do_file(
    path: str, config: Config, common: Common, msgs: Messages, report: Report, color: bool
) -> None:
    name = display_path(path)
    if not common.check and not common.diff and not is_regular_file(path):
        # A FIFO or a device (cleantext clean <(cmd)) cannot be replaced.
        msgs.error(
            f"{name}: not a regular file; nothing written",
            f"to filter it, use stdin: cleantext clean < {name}",
        )
        report.add(FileReport(name, "error", error="not a regular file"))
        return
    try:
        data = read_bytes(path)
    except OSError as exc:
        report.add(FileReport(name, "error", error=f"cannot read: {exc.strerror or exc}"))
        msgs.error(f"{name}: cannot read: {exc.strerror or exc}")
        return
    fr, result = _process(name, data, config.with_(filename=path), common, msgs, stdin=False)
    try:
        if result is None:
            return
        if common.diff:
            _write_stdout_text(unified_diff(result.original, result.text, name, color=color))
        if fr.status == "fixed":
            try:
                write_atomic(path, result.data)
            except OSError as exc:
                fr.status, fr.error = "error", f"cannot write: {exc.strerror or exc}"
                msgs.error(f"{name}: cannot write: {exc.strerror or exc}; left untouched")
                return
            msgs.info(f"Fixing {name}")
        elif fr.status == "unchanged":
            msgs.detail(f"unchanged {name}")
    finally:
        report.add(fr)  # once its status is final


def _process(
    name: str, data: bytes, config: Config, common: Common, msgs: Messages, *, stdin: bool
) -> tuple[FileReport, Result | None]:
    """Clean one input in memory; print its findings; decide its status."""
    if is_binary(data) and not config.encoding:
        msgs.error(
            f"{name}: looks like a binary file (it has NUL bytes); left untouched",
            "if it is UTF-16 or UTF-32 text without a byte order mark, name it with --encoding",
        )
        return FileReport(name, "error", error="binary file"), None
    try:
        result = clean(data, config)
    except ConfigError:
        raise
    except CleantextError as exc:
        msgs.error(f"{name}: {exc.message}; left untouched", exc.hint)
        return FileReport(name, "error", error=exc.message), None
    except Exception as exc:
        if os.environ.get("CLEANTEXT_TRACEBACK"):
            raise
        msgs.error(
            f"{name}: internal error: {type(exc).__name__}: {exc}; left untouched",
            "this is a bug in cleantext; rerun with CLEANTEXT_TRACEBACK=1 and report it",
        )
        return FileReport(name, "error", error=f"internal error: {type(exc).__name__}: {exc}"), None

    findings = [f if f.path == name else f.with_(path=name) for f in result.findings]
    if result.changed and not any(f.fixed for f in findings):
        # The text is the same but the bytes are not: re-encoded to UTF-8.
        findings.append(
            Finding(
                step="decode",
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
        "unchanged",
        encoding=result.encoding,
        confidence=result.confidence,
        bom=result.bom,
        lossy=result.lossy,
        findings=findings,
    )
    refuse = result.lossy and not common.force and (common.check or not stdin)
    # People read findings in file order; the JSON report keeps step order.
    if not common.quiet:
        for f in sorted(findings, key=lambda f: (f.line, f.col)):
            if common.check or not f.fixed or refuse:
                msgs.info(finding_line(f, name))
            elif common.verbose:
                msgs.detail(finding_line(f, name))
    if refuse:
        msgs.error(
            f"{name}: cannot be decoded without loss as {result.encoding}; left untouched",
            "name the encoding with --encoding NAME, or pass --force to write it with U+FFFD",
        )
        fr.status, fr.error = "error", "undecodable bytes"
        return fr, None
    if result.lossy:
        msgs.warning(f"{name}: undecodable bytes were replaced with U+FFFD")
    if result.changed:
        fr.status = "would-fix" if (common.check or common.diff) else "fixed"
    return fr, result


# -- commands ----------------------------------------------------------------------


@app.command("clean")
def clean_command(
    paths: PathsArg = None,
    check: CheckOpt = False,
    diff: DiffOpt = False,
    to_simplified: Annotated[
        bool,
        typer.Option(
            "--to-simplified", help="Also convert Traditional to Simplified (OpenCC t2s)."
        ),
    ] = False,
    convert: Annotated[
        OpenCCConfig | None,
        typer.Option(
            "--convert",
            metavar="CONFIG",
            help="Also convert with this OpenCC config: "
            + ", ".join(c.value for c in OpenCCConfig)
            + ".",
        ),
    ] = None,
    only: Annotated[
        list[StepName] | None,
        typer.Option(
            "--only",
            metavar="STEP",
            help="Run just this step (repeatable; canonical order kept): "
            + ", ".join(s.value for s in StepName)
            + ".",
        ),
    ] = None,
    skip: Annotated[
        list[StepName] | None,
        typer.Option("--skip", metavar="STEP", help="Leave this step out (repeatable)."),
    ] = None,
    enable: Annotated[
        list[OptInStep] | None,
        typer.Option("--enable", metavar="STEP", help="Add an opt-in step (boilerplate)."),
    ] = None,
    spam_terms: SpamTermsOpt = None,
    encoding: EncodingOpt = None,
    keep_encoding: KeepEncodingOpt = False,
    force: ForceOpt = False,
    stdin_filename: StdinFilenameOpt = None,
    exclude: ExcludeOpt = None,
    force_exclude: ForceExcludeOpt = False,
    report: ReportOpt = None,
    report_file: ReportFileOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    color: ColorOpt = None,
    config_file: SettingsFileOpt = None,
) -> None:
    """Run the default pipeline: decode, mojibake, entities, pinyin, spam, dedupe (then convert, if asked).

    With PATHS, changed files are rewritten in place (atomically) and each is
    named on stderr as 'Fixing PATH'. Without PATHS, or with '-', raw bytes are
    read from stdin and the cleaned text is written to stdout as UTF-8.
    """
    msgs = Messages(quiet=quiet, verbose=verbose)
    found = config_file or find_project_config(paths or ["-"])
    cfg = read_project_config(msgs, found) if found else {}
    # Options given on the command line win over [tool.cleantext].
    conv = convert.value if convert else None
    if conv is None and not to_simplified:
        conv = cfg.get("convert")
        to_simplified = bool(cfg.get("to_simplified", False))
    if to_simplified and conv not in (None, "t2s"):
        _fail_usage(msgs, f"--to-simplified and --convert {conv} ask for different conversions")
    steps_only = [s.value for s in only] if only else cfg.get("only", [])
    steps_skip = [s.value for s in skip] if skip else cfg.get("skip", [])
    steps_enable = [s.value for s in enable] if enable else cfg.get("enable", [])
    encoding = encoding or cfg.get("encoding")
    keep_encoding = keep_encoding or bool(cfg.get("keep_encoding", False))
    spam_terms = spam_terms or cfg.get("spam_terms")
    exclude = exclude or cfg.get("exclude")
    force_exclude = force_exclude or bool(cfg.get("force_exclude", False))
    common = Common(
        check=check,
        diff=diff,
        report=report,
        report_file=report_file,
        stdin_filename=stdin_filename,
        exclude=exclude,
        force_exclude=force_exclude,
        force=force,
        quiet=quiet,
        verbose=verbose,
        color=color,
    )
    _execute(
        paths,
        common,
        only=tuple(steps_only),
        skip=tuple(steps_skip),
        enable=tuple(steps_enable),
        convert="t2s" if to_simplified else conv,
        encoding=encoding,
        keep_encoding=keep_encoding,
        force=force,
        spam_terms_file=spam_terms,
    )


def _step_help(step: str) -> str:
    summary = SUMMARIES[step]
    return (
        f"{summary[0].upper()}{summary[1:]} (the {step} step alone).\n\n"
        "Reads raw bytes from stdin and writes UTF-8 to stdout, so steps compose in pipes: "
        "cleantext decode < page.txt | cleantext pinyin | cleantext spam. With PATHS, "
        "rewrites the files in place like clean."
    )


def _register_step(step: str) -> None:
    def command(
        paths: PathsArg = None,
        check: CheckOpt = False,
        diff: DiffOpt = False,
        encoding: EncodingOpt = None,
        force: ForceOpt = False,
        stdin_filename: StdinFilenameOpt = None,
        exclude: ExcludeOpt = None,
        force_exclude: ForceExcludeOpt = False,
        report: ReportOpt = None,
        report_file: ReportFileOpt = None,
        quiet: QuietOpt = False,
        verbose: VerboseOpt = False,
        color: ColorOpt = None,
    ) -> None:
        common = Common(
            check,
            diff,
            report,
            report_file,
            stdin_filename,
            exclude,
            force_exclude,
            force,
            quiet,
            verbose,
            color,
        )
        only = ("decode",) if step == "decode" else ("decode", step)
        _execute(paths, common, only=only, encoding=encoding, force=force)

    command.__name__ = f"{step}_command"
    app.command(step, help=_step_help(step))(command)


for _step in ("decode", "mojibake", "entities", "pinyin"):
    _register_step(_step)


@app.command("spam", help=_step_help("spam"))
def spam_command(
    paths: PathsArg = None,
    check: CheckOpt = False,
    diff: DiffOpt = False,
    spam_terms: SpamTermsOpt = None,
    encoding: EncodingOpt = None,
    force: ForceOpt = False,
    stdin_filename: StdinFilenameOpt = None,
    exclude: ExcludeOpt = None,
    force_exclude: ForceExcludeOpt = False,
    report: ReportOpt = None,
    report_file: ReportFileOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    color: ColorOpt = None,
) -> None:
    common = Common(
        check,
        diff,
        report,
        report_file,
        stdin_filename,
        exclude,
        force_exclude,
        force,
        quiet,
        verbose,
        color,
    )
    _execute(
        paths,
        common,
        only=("decode", "spam"),
        encoding=encoding,
        force=force,
        spam_terms_file=spam_terms,
    )


for _step in ("boilerplate", "dedupe"):
    _register_step(_step)


@app.command("convert", help=_step_help("convert"))
def convert_command(
    paths: PathsArg = None,
    config: Annotated[
        OpenCCConfig | None,
        typer.Option(
            "--config",
            metavar="CONFIG",
            help="The OpenCC config to apply (default t2s): "
            + ", ".join(c.value for c in OpenCCConfig)
            + ".",
        ),
    ] = None,
    to_simplified: Annotated[
        bool, typer.Option("--to-simplified", help="The same as --config t2s.")
    ] = False,
    check: CheckOpt = False,
    diff: DiffOpt = False,
    encoding: EncodingOpt = None,
    force: ForceOpt = False,
    stdin_filename: StdinFilenameOpt = None,
    exclude: ExcludeOpt = None,
    force_exclude: ForceExcludeOpt = False,
    report: ReportOpt = None,
    report_file: ReportFileOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    color: ColorOpt = None,
) -> None:
    conv = config.value if config else "t2s"
    if to_simplified and config not in (None, OpenCCConfig.t2s):
        _fail_usage(
            Messages(), f"--to-simplified and --config {conv} ask for different conversions"
        )
    common = Common(
        check,
        diff,
        report,
        report_file,
        stdin_filename,
        exclude,
        force_exclude,
        force,
        quiet,
        verbose,
        color,
    )
    _execute(
        paths, common, only=("decode", "convert"), convert=conv, encoding=encoding, force=force
    )


@app.command("detect")
def detect_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or directories to inspect. None, or '-': read stdin.",
            show_default=False,
            metavar="PATHS",
        ),
    ] = None,
    json_out: Annotated[
        bool,
        typer.Option(
            "--json", help="Print a JSON array (the default when stdout is not a terminal)."
        ),
    ] = False,
    encoding: EncodingOpt = None,
    stdin_filename: StdinFilenameOpt = None,
    exclude: ExcludeOpt = None,
    force_exclude: ForceExcludeOpt = False,
) -> None:
    """Show each file's encoding, confidence, BOM and findings per step; write nothing.

    Runs the default pipeline in memory. On a terminal the result is a table;
    otherwise (or with --json) a JSON array with one object per file.
    """
    msgs = Messages()
    config = _make_config(msgs, encoding=encoding)
    pattern = _compile(msgs, exclude)
    inputs = list(paths or [])
    if not inputs:
        if _stdin_is_tty():
            _fail_usage(msgs, "no input: give PATHS, or pipe text into stdin")
        inputs = ["-"]
    steps = config.active_steps()
    rows = []
    failed = False
    for item in iter_paths(inputs, exclude=pattern, force_exclude=force_exclude):
        if isinstance(item, Skipped):
            continue
        name = (stdin_filename or "-") if item == "-" else display_path(item)
        try:
            data = _read_stdin() if item == "-" else read_bytes(item)
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
            )
        )
    if json_out or not sys.stdout.isatty():
        _write_stdout_text(detect_json(rows))
    else:
        print_detect_table(rows, steps)
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="cleantext")


if __name__ == "__main__":  # pragma: no cover
    main()
