"""Finding the files to clean and writing them back safely.

Nothing here knows about the steps: this module walks directories (skipping
version-control folders, tool caches and binary files), reads bytes and
replaces files atomically, keeping their permission bits.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from .decode import BOMS
from .detect import wide_encoding
from .ignore import IgnoreRules

#: Folders a directory walk never enters: version-control metadata.
VCS_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", "CVS", ".jj", ".pijul"})

#: Tool folders a directory walk skips too: virtual environments, caches,
#: installed packages. Matched by name at any depth.
TOOL_DIRS = frozenset(
    {
        ".venv",
        "venv",
        ".tox",
        ".nox",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
        ".eggs",
    }
)

#: How much of a file the binary check looks at (git looks at 8000 bytes).
SNIFF_SIZE = 8000


def is_binary(head: bytes) -> bool:
    """Whether ``head`` (the first bytes of a file) looks binary.

    Like git: a NUL byte means binary, unless a UTF-16/32 byte order mark
    says the NULs are part of the text, or the bytes are UTF-16/32 text
    without one (by where the NULs fall, or a plausible reading; see
    :func:`cleantext.detect.wide_encoding`).

    >>> is_binary(b"plain text\\n"), is_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    (False, True)
    >>> is_binary("\\ufeff中文".encode("utf-16-le")), is_binary("BOM-less text".encode("utf-16-le"))
    (False, False)
    """
    if head.startswith(BOMS):
        return False
    head = head[:SNIFF_SIZE]
    if b"\x00" not in head:
        return False
    return wide_encoding(head, partial=True) is None


def display_path(path: str) -> str:
    """The path as messages show it: normalised, with ``/`` separators.

    >>> display_path("./docs//a.txt")
    'docs/a.txt'
    """
    return os.path.normpath(path).replace(os.sep, "/")


class PathPattern(Protocol):
    """What ``--exclude`` compiles to: a :class:`re.Pattern` or an RE2 one."""

    def search(self, string: str, /) -> object: ...


def compile_exclude(pattern: str) -> PathPattern:
    """``--exclude REGEX`` compiled with a linear-time engine.

    Paths are matched against a user's pattern, so its run time must not
    depend on how the pattern backtracks: ``(x+x+)+y`` takes exponential time
    in Python's ``re`` and linear time in RE2 (``google-re2``, a
    dependency). RE2 has no look-arounds or back-references; such a pattern
    is refused with :class:`ValueError` naming the construct. Where RE2
    cannot be imported, Python's ``re`` is used and patterns with a
    repetition inside a repetition (the shape that backtracks
    exponentially) or back-references are refused instead.

    >>> compile_exclude(r"/vendor/").search("/a/vendor/b") is not None
    True
    >>> compile_exclude(r"(?=x)")
    Traceback (most recent call last):
    ...
    ValueError: not supported by the linear-time engine (RE2): invalid perl operator: (?=
    """
    try:
        import re2  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        return _compile_guarded(pattern)
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(str(exc)) from None
    options = re2.Options()
    options.log_errors = False  # its errors become ours, not lines on stderr
    try:
        compiled: PathPattern = re2.compile(pattern, options=options)
    except re2.error as exc:
        why = exc.args[0] if exc.args else exc
        if isinstance(why, bytes):
            why = why.decode("utf-8", "replace")
        raise ValueError(f"not supported by the linear-time engine (RE2): {why}") from None
    return compiled


def _compile_guarded(pattern: str) -> PathPattern:
    """Python's ``re``, refusing the shapes that backtrack exponentially."""
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(str(exc)) from None
    try:
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10, where it is sre_parse
        import sre_parse as _parser  # type: ignore[no-redef,unused-ignore]
    repeats = {_parser.MAX_REPEAT, _parser.MIN_REPEAT, getattr(_parser, "POSSESSIVE_REPEAT", None)}

    def walk(items: object, inside: bool) -> None:
        for op, av in items:  # type: ignore[attr-defined]
            if op in (_parser.GROUPREF, _parser.GROUPREF_EXISTS):
                raise ValueError("back-references can take exponential time; not supported")
            if op in repeats:
                lo, hi, sub = av
                if inside and hi != 1:
                    raise ValueError(
                        "a repetition inside a repetition can take exponential time; "
                        "not supported without the google-re2 package"
                    )
                walk(sub, inside or hi != 1)
            elif op == _parser.SUBPATTERN:
                walk(av[-1], inside)
            elif op == _parser.BRANCH:
                for alt in av[1]:
                    walk(alt, inside)
            elif op in (_parser.ASSERT, _parser.ASSERT_NOT):
                walk(av[1], inside)

    walk(_parser.parse(pattern), False)
    return compiled


_C_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def shown_path(path: str) -> str:
    """The path as messages and reports show it, on one line and lossless.

    :func:`display_path`, unless the name holds a control character (a
    newline would break ``PATH:LINE:COL``), a line separator, a byte that is
    not UTF-8 (a surrogate-escaped ``str`` from :func:`os.fsdecode`), a
    ``"`` or a ``\\``: then, like git, it is put in double quotes with C
    escapes (``\\n``, ``\\t``, ``\\"``, ``\\\\``, and ``\\ooo`` octal for other
    bytes), from which the exact name can be recovered.

    >>> shown_path("docs/中文.txt")
    'docs/中文.txt'
    >>> print(shown_path("a\\nb.txt"), shown_path(os.fsdecode(b"bad\\xff.txt")))
    "a\\nb.txt" "bad\\377.txt"
    """
    shown = display_path(path)
    if shown.isprintable() and '"' not in shown and "\\" not in shown:
        return shown
    out = []
    for ch in shown:
        if ch in _C_ESCAPES:
            out.append(_C_ESCAPES[ch])
        elif ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(ch)
        else:
            out.extend(f"\\{b:03o}" for b in os.fsencode(ch))
    return '"' + "".join(out) + '"'


def raw_path(path: str) -> bytes | None:
    """The name's bytes when :func:`shown_path` had to quote it, else ``None``
    (the JSON report's ``path_bytes``)."""
    shown = display_path(path)
    if shown.isprintable() and '"' not in shown and "\\" not in shown:
        return None
    return os.fsencode(shown)


def shown_and_raw(path: str) -> tuple[str, bytes | None]:
    """``(shown_path(path), raw_path(path))``, the name normalised once.

    >>> shown_and_raw("./a.txt"), shown_and_raw("a\\nb")
    (('a.txt', None), ('"a\\\\nb"', b'a\\nb'))
    """
    shown = display_path(path)
    if shown.isprintable() and '"' not in shown and "\\" not in shown:
        return shown, None
    return shown_path(path), os.fsencode(shown)


def is_excluded(path: str, pattern: PathPattern | None, *, is_dir: bool = False) -> bool:
    """Whether ``pattern`` is found in ``/`` + the path (``/`` after folders).

    The leading and trailing slashes let ``/vendor/`` name a folder at any
    depth without also matching ``myvendor/``.

    >>> pat = compile_exclude(r"/vendor/")
    >>> is_excluded("vendor", pat, is_dir=True), is_excluded("myvendor", pat, is_dir=True)
    (True, False)
    >>> is_excluded("docs/vendor/a.txt", pat), is_excluded("a.txt", None)
    (True, False)
    """
    if pattern is None:
        return False
    shown = display_path(path)
    if not shown.startswith("/"):
        shown = "/" + shown
    if is_dir:
        shown += "/"
    try:
        return pattern.search(shown) is not None
    except UnicodeEncodeError:  # RE2 takes UTF-8: a name with bytes that are not
        shown = shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return pattern.search(shown) is not None


@dataclass(frozen=True)
class Skipped:
    """A path a walk passed over, and why (for ``-v``).

    ``error`` marks what is not a choice but a failure (a folder that cannot
    be listed): the caller reports it and exits 123. ``leftover`` marks a
    temporary file an interrupted run left behind (:func:`is_leftover`).
    """

    path: str
    reason: str
    error: bool = False
    leftover: bool = False


class Walked(str):
    """A path found by a directory walk (a ``str``), with the identity of its
    folder at walk time: reading and writing it never follow a symbolic link,
    and refuse it if its folder was swapped for another one since. The walk
    also notes the folder's path and the name in it (``os.path.dirname`` and
    ``basename`` of the path, known already)."""

    dir_id: tuple[int, int] | None = None
    folder: str | None = None
    name: str | None = None


class FileChangedError(OSError):
    """The file changed on disk between reading and replacing it (an editor
    saved it, a process appended to it, it became a symbolic link): it is
    left alone, with the other process's change."""


#: Temporary files of :func:`write_atomic`: ``.NAME.PID-XXXXXXXX.cleantext``
#: (older versions: ``.NAME.XXXXXXXX.cleantext``, from :func:`tempfile.mkstemp`).
LEFTOVER_RE = re.compile(r"\A\..+\.(?:(\d+)-)?[a-z0-9_]{8}\.cleantext\Z")
#: A leftover without a process id is removed once it is this old (seconds).
LEFTOVER_AGE = 600


def is_leftover(name: str) -> bool:
    """Whether a file name is that of a temporary file of :func:`write_atomic`.

    >>> is_leftover(".page.txt.4242-a1b2c3d4.cleantext"), is_leftover(".page.txt.x_9k2mwq.cleantext")
    (True, True)
    >>> is_leftover("page.txt"), is_leftover(".page.cleantext")
    (False, False)
    """
    return LEFTOVER_RE.match(name) is not None


def remove_leftover(path: str) -> bool:
    """Remove a leftover temporary file if no live run owns it.

    A name with a process id is removed when that process is gone; an older
    name without one when it has not been touched for :data:`LEFTOVER_AGE`
    seconds (parallel runs in the same folder, as pre-commit starts them,
    keep their live temporary files). Returns whether it was removed.
    """
    m = LEFTOVER_RE.match(os.path.basename(path))
    if m is None:
        return False
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):
            return False
        if m.group(1) is not None:
            if _alive(int(m.group(1))):
                return False
        else:
            import time

            if time.time() - st.st_mtime < LEFTOVER_AGE:
                return False
        os.unlink(path)
    except OSError:
        return False
    return True


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError, ValueError):
        return True  # someone else's process, or we cannot tell: keep it
    return True


def iter_paths(
    paths: list[str],
    *,
    exclude: PathPattern | None = None,
    force_exclude: bool = False,
    respect_ignore: bool = False,
    sniff: bool = True,
) -> Iterator[str | Skipped]:
    """Yield the files to process, in a stable order, and what was skipped.

    Explicit files are yielded as given (``exclude`` applies to them only
    with ``force_exclude``, which is what pre-commit needs). Directories are
    walked in sorted order without following symbolic links; version-control
    folders, tool folders (:data:`TOOL_DIRS`), symbolic links, FIFOs and
    other special files, binary files, temporary files left by an
    interrupted run (:func:`is_leftover`) and paths matching ``exclude`` are
    skipped, and with ``respect_ignore`` so are paths that ``.gitignore`` and
    ``.ignore`` files ignore (see :mod:`cleantext.ignore`); a folder that cannot be listed is yielded as a
    :class:`Skipped` with ``error=True``. Files found by a walk are
    :class:`Walked` strings. A path that does not exist is yielded as
    given, so the caller reports it as an error.

    Binary explicit files are not filtered here: the caller reads them anyway
    and decides (see :func:`is_binary`). With ``sniff=False`` walked files
    are not opened either: a caller that reads every file whole tests the
    bytes it read (:func:`walked_binary`) instead of reading each head twice.
    """
    for given in paths:
        if os.path.isdir(given):
            if force_exclude and is_excluded(given, exclude, is_dir=True):
                yield Skipped(given, "excluded")
                continue
            ignore = IgnoreRules(given) if respect_ignore else None
            yield from _walk(given, exclude, ignore, sniff=sniff)
        else:
            if force_exclude and is_excluded(given, exclude):
                yield Skipped(given, "excluded")
                continue
            yield given


def _walk(
    root: str,
    exclude: PathPattern | None,
    ignore: IgnoreRules | None = None,
    *,
    sniff: bool = True,
) -> Iterator[str | Skipped]:
    """Walk ``root`` top-down in sorted order, as :func:`os.walk` would
    (folders are entries that are folders or links to one; links are never
    entered), from the entries :func:`os.scandir` lists: whether an entry is
    a link or a regular file comes with the listing on most file systems,
    so a file costs no system call until it is read."""
    try:
        with os.scandir(root) as it:
            entries = list(it)
    except OSError as exc:
        yield Skipped(exc.filename or root, _reason(exc), error=True)
        return
    try:
        dst = os.lstat(root)
    except OSError as gone:
        yield Skipped(root, _reason(gone), error=True)
        return
    if stat.S_ISLNK(dst.st_mode):  # swapped for a link since it was listed
        yield Skipped(root, "symbolic link")
        return
    dir_id = (dst.st_dev, dst.st_ino)
    folder = os.path.dirname(os.path.join(root, "x")) or "."
    if ignore is not None and not ignore.applies(root):
        ignore = None  # no pattern reaches this folder: nothing to ask per entry
    folders: list[os.DirEntry[str]] = []
    files: list[os.DirEntry[str]] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        (folders if is_dir else files).append(entry)
    kept = []
    for entry in sorted(folders, key=_name):
        name = entry.name
        if name in VCS_DIRS or name in TOOL_DIRS or name.endswith(".egg-info"):
            continue
        sub = os.path.join(root, name)
        if entry.is_symlink():
            yield Skipped(sub, "symbolic link")
        elif is_excluded(sub, exclude, is_dir=True):
            yield Skipped(sub, "excluded")
        elif ignore is not None and ignore.is_ignored(sub, is_dir=True):
            yield Skipped(sub, "ignored")
        else:
            kept.append(sub)
    for entry in sorted(files, key=_name):
        name = entry.name
        path = os.path.join(root, name)
        if entry.is_symlink():
            yield Skipped(path, "symbolic link")
        elif is_leftover(name):
            yield Skipped(path, "temporary file of an interrupted run", leftover=True)
        elif is_excluded(path, exclude):
            yield Skipped(path, "excluded")
        elif ignore is not None and ignore.is_ignored(path):
            yield Skipped(path, "ignored")
        elif not _entry_is_regular(entry, path):
            yield Skipped(path, "not a regular file")  # a FIFO would block
        elif sniff and _looks_binary(path):
            yield Skipped(path, "binary")
        else:
            walked = Walked(path)
            walked.dir_id, walked.folder, walked.name = dir_id, folder, name
            yield walked
    for sub in kept:
        if os.path.islink(sub):  # swapped for a link since it was listed: not entered
            continue
        yield from _walk(sub, exclude, ignore, sniff=sniff)


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _entry_is_regular(entry: os.DirEntry[str], path: str) -> bool:
    """:func:`_is_regular` for a listed entry that is no link: the listing
    says so for a regular file (no system call); anything else is asked."""
    try:
        if entry.is_file(follow_symlinks=False):
            return True
    except OSError:
        pass
    return _is_regular(path)


def _reason(exc: OSError) -> str:
    return f"cannot list this folder: {exc.strerror or exc}"


def _is_regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # let the caller hit the error and report it


def is_regular_file(path: str) -> bool:
    """Whether ``path`` is a regular file (or a link to one); ``True`` when
    it cannot be stat'ed, so that reading it reports the real error."""
    return _is_regular(path)


def walked_binary(path: str, data: bytes) -> bool:
    """Whether ``path``, found by a walk without sniffing (``iter_paths(...,
    sniff=False)``), is a binary file the walk would have skipped, judged on
    ``data``, its bytes already read. Explicit paths are never skipped as
    binary here (the caller refuses them with an error)."""
    return isinstance(path, Walked) and is_binary(data)


def _looks_binary(path: str) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return False  # let the caller hit the error and report it
    with os.fdopen(fd, "rb") as fh:
        try:
            return is_binary(fh.read(SNIFF_SIZE))
        except OSError:
            return False


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_DIR_FD = (
    os.open in os.supports_dir_fd and os.rename in os.supports_dir_fd
)  # renameat: os.replace too


@dataclass(frozen=True)
class FileState:
    """What a file was when it was read: where it is (its folder's path and
    identity, its name there) and what it was (identity, size, mtime, mode,
    owner). :func:`write_atomic` replaces it only if it is still that."""

    directory: str
    name: str
    dir_id: tuple[int, int]
    dev: int
    ino: int
    size: int
    mtime_ns: int
    mode: int
    uid: int
    gid: int

    def same(self, st: os.stat_result) -> bool:
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns) == (
            self.dev,
            self.ino,
            self.size,
            self.mtime_ns,
        )


def _locate(path: str) -> tuple[str, str, bool]:
    """(folder, name, follow): a walked path is used as is and never
    followed; a path named explicitly is resolved, so a symbolic link's
    target is what is read and replaced (the documented rule)."""
    nofollow = isinstance(path, Walked)
    if nofollow and path.folder is not None and path.name is not None:  # type: ignore[attr-defined]
        return path.folder, path.name, False  # type: ignore[attr-defined]
    target = path if nofollow else os.path.realpath(path)
    return os.path.dirname(target) or ".", os.path.basename(target), not nofollow


def _open_dir(directory: str, path: str, expect: tuple[int, int] | None) -> int:
    return _open_dir_stat(directory, path, expect)[0]


def _open_dir_stat(
    directory: str, path: str, expect: tuple[int, int] | None
) -> tuple[int, os.stat_result]:
    dfd = os.open(directory, os.O_RDONLY | _DIRECTORY)
    st = os.fstat(dfd)
    if expect is not None and (st.st_dev, st.st_ino) != expect:
        os.close(dfd)
        raise FileChangedError(
            errno.ESTALE, "its folder was replaced while cleantext ran; not followed", path
        )
    return dfd, st


class _OpenFolder:
    """The folder the last walked file was read from, kept open: a walk
    yields a folder's files one after another, and opening, checking and
    closing the folder again for each of them cost about a third of
    reading a small file. It is the folder the walk listed (its identity
    was checked when it was opened), so reading through it never follows
    a link swapped in since; a file of another folder closes it."""

    path: str | None = None
    dir_id: tuple[int, int] | None = None
    fd: int = -1
    st: os.stat_result | None = None

    @classmethod
    def get(cls, directory: str, path: str, expect: tuple[int, int]) -> tuple[int, os.stat_result]:
        if cls.path == directory and cls.dir_id == expect and cls.st is not None:
            return cls.fd, cls.st
        cls.release()
        fd, st = _open_dir_stat(directory, path, expect)
        cls.path, cls.dir_id, cls.fd, cls.st = directory, expect, fd, st
        return fd, st

    @classmethod
    def release(cls) -> None:
        if cls.fd >= 0:
            fd, cls.fd, cls.path, cls.dir_id, cls.st = cls.fd, -1, None, None, None
            try:
                os.close(fd)
            except OSError:  # pragma: no cover - closed already
                pass


def release_folders() -> None:
    """Close the folder :func:`read_file` keeps open between the files of a
    walk (the CLI does at the end of a run; a new folder closes it too)."""
    _OpenFolder.release()


#: Inputs of this size or more are read a piece of this size at a time
#: (:class:`Pieces`), so that decoding can let go of each piece.
PIECE_SIZE = 1 << 20


class Pieces:
    """A large input read a piece at a time: :attr:`head`, its first
    :data:`PIECE_SIZE` bytes (read already: enough for :func:`is_binary`),
    then the rest of ``stream`` as it is iterated, a piece at a time. It can
    be iterated once; the stream is closed at its end (or by :meth:`close`)
    when ``close`` is set. A read error comes up as :class:`OSError`, or as
    what :attr:`failed` makes of it."""

    def __init__(self, head: bytes, stream: BinaryIO, *, close: bool) -> None:
        self.head = head
        self._stream = stream
        self._close = close
        self.failed: Callable[[OSError], Exception] | None = None

    def __iter__(self) -> Iterator[bytes]:
        try:
            head, self.head = self.head, b""  # the reader holds it now
            yield head
            del head
            while True:
                try:
                    piece = self._stream.read(PIECE_SIZE)
                except OSError as exc:
                    if self.failed is None:
                        raise
                    raise self.failed(exc) from None
                if not piece:
                    break
                yield piece
        finally:
            self.close()

    def close(self) -> None:
        if self._close:
            self._stream.close()


def read_stream(stream: BinaryIO, *, close: bool = False) -> bytes | Pieces:
    """Everything ``stream`` holds: its bytes when they are fewer than
    :data:`PIECE_SIZE`, else :class:`Pieces` that read the rest when
    iterated."""
    head = stream.read(PIECE_SIZE)
    if len(head) < PIECE_SIZE:
        if close:
            stream.close()
        return head
    return Pieces(head, stream, close=close)


def read_file(path: str) -> tuple[bytes, FileState | None]:
    """The bytes of ``path`` and its :class:`FileState`, read through one
    descriptor (``O_NOFOLLOW`` for a walked path: a symbolic link swapped
    in since the walk is an error, never followed). A FIFO or device named
    explicitly (``<(cmd)``) is read as it is, with no state: it is never
    replaced."""
    data, state = read_file_pieces(path, pieces=False)
    assert isinstance(data, bytes)
    return data, state


def read_file_pieces(path: str, *, pieces: bool = True) -> tuple[bytes | Pieces, FileState | None]:
    """:func:`read_file`, but a file of :data:`PIECE_SIZE` bytes or more
    comes as :class:`Pieces` (still open: read when iterated)."""
    if not isinstance(path, Walked) and not _is_regular(path):
        fh = open(path, "rb")
        if not pieces:
            with fh:
                return fh.read(), None
        try:
            return read_stream(fh, close=True), None  # closed there, or by Pieces
        except BaseException:
            fh.close()
            raise
    directory, name, _ = _locate(path)
    expect = path.dir_id if isinstance(path, Walked) else None
    dfd: int | None = None
    dst: os.stat_result | None = None
    keep = False
    if _DIR_FD:
        if expect is not None:
            dfd, dst = _OpenFolder.get(directory, path, expect)
            keep = True
        else:
            dfd, dst = _open_dir_stat(directory, path, expect)
    try:
        try:
            # Non-blocking: a FIFO swapped in for a walked file since the
            # walk must not hang the run (a regular file ignores the flag).
            flags = os.O_RDONLY | _NOFOLLOW | (_NONBLOCK if keep else 0)
            if dfd is not None:
                fd = os.open(name, flags, dir_fd=dfd)
            else:  # pragma: no cover - platforms without dir_fd
                fd = os.open(os.path.join(directory, name), flags)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise FileChangedError(
                    errno.ELOOP, "it became a symbolic link while cleantext ran; not followed", path
                ) from None
            raise
        try:
            st = os.fstat(fd)
            if keep and not stat.S_ISREG(st.st_mode):
                raise FileChangedError(
                    errno.EINVAL, "it is no longer a regular file; left alone", path
                )
        except BaseException:
            os.close(fd)
            raise
        data: bytes | Pieces
        if pieces and st.st_size >= PIECE_SIZE:
            fh = os.fdopen(fd, "rb")  # closed by Pieces (or here on an error)
            try:
                data = read_stream(fh, close=True)
            except BaseException:
                fh.close()
                raise
        else:
            try:
                data = _read_all(fd, st.st_size)
            finally:
                os.close(fd)
        if dst is None:  # pragma: no cover - platforms without dir_fd
            dst = os.stat(directory)
    finally:
        if dfd is not None and not keep:
            os.close(dfd)
    state = FileState(
        directory,
        name,
        (dst.st_dev, dst.st_ino),
        st.st_dev,
        st.st_ino,
        st.st_size,
        st.st_mtime_ns,
        st.st_mode,
        st.st_uid,
        st.st_gid,
    )
    return data, state


def _read_all(fd: int, size: int) -> bytes:
    """Everything ``fd`` (a regular file) holds from where it is: ``size``
    (what fstat said) and one byte more asked at once; only when that byte
    came (the file grew) on until a read returns nothing. Plain reads, no
    buffered file object: for a small file that object cost more than the
    reading."""
    first = os.read(fd, size + 1)
    if len(first) <= size:
        # Short of the one byte more: the end of the file (a regular file
        # reads short only there). A file that changes meanwhile is caught
        # before any write (FileState.same).
        return first
    chunks = [first]
    while True:
        more = os.read(fd, max(size + 1, 1 << 16))
        if not more:
            break
        chunks.append(more)
    return first if len(chunks) == 1 else b"".join(chunks)


def read_bytes(path: str) -> bytes:
    """The bytes of ``path`` (see :func:`read_file`)."""
    return read_file(path)[0]


def _changed(path: str) -> FileChangedError:
    return FileChangedError(
        errno.EAGAIN,
        "it changed on disk while cleantext ran (another program wrote it)",
        path,
    )


def write_atomic(
    path: str,
    data: bytes | Iterable[bytes],
    *,
    expect: FileState | None = None,
    fsync: bool = True,
    sync_dir: bool = True,
) -> None:
    """Replace the file at ``path`` with ``data`` (bytes, or pieces of bytes
    written one after the other) atomically.

    The bytes go to a temporary file ``.NAME.PID-XXXXXXXX.cleantext`` in
    the same folder (opened through the folder's descriptor, created inside
    the ``try`` that removes it), which is flushed and fsynced, given the
    original's owner (where the process may set it), then its permission
    bits (after the owner: ``chown`` clears setuid/setgid) and its extended
    attributes (where the platform has them), then renamed over the original
    with :func:`os.replace`. A reader sees the old file or the new one,
    never a half-written one; if anything fails the original is untouched
    and the temporary file is removed.

    ``expect`` is the :class:`FileState` from :func:`read_file`: if the
    file's inode, size or mtime differ from it just before the rename (an
    editor saved it, a process appended to it), or the file or its folder
    was swapped for a symbolic link, nothing is written and
    :class:`FileChangedError` is raised. A symbolic link named explicitly
    is kept: its target is replaced. A file we may not write to is refused
    with :class:`PermissionError`, as ``open(path, "wb")`` would refuse it
    (a rename alone would not); hard links to the file keep the old content.

    ``sync_dir=False`` leaves the folder's fsync (which makes the rename
    durable) to the caller, who can do it once per folder for many files
    with :func:`sync_dirs`; ``fsync=False`` skips both fsyncs (scratch trees:
    the rename is still atomic, only a power cut may lose the new bytes).
    """
    if expect is None:
        _, expect = read_file(path)
        if expect is None:
            raise OSError(errno.EINVAL, "not a regular file", path)
    if not _DIR_FD:  # pragma: no cover - platforms without dir_fd
        _write_plain(path, data, expect, fsync)
        return
    dfd = _open_dir(expect.directory, path, expect.dir_id)
    try:
        _write_in(dfd, path, data, expect, fsync)
        if fsync and sync_dir:
            try:
                os.fsync(dfd)  # make the rename durable
            except OSError:
                pass
    finally:
        os.close(dfd)


def sync_dirs(directories: Iterable[str]) -> None:
    """fsync each folder once (after :func:`write_atomic` with
    ``sync_dir=False``), making the renames in it durable; errors ignored,
    as :func:`write_atomic` ignores them."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    for directory in sorted(set(directories)):
        try:
            fd = os.open(directory, flags)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


def _write_in(
    dfd: int, path: str, data: bytes | Iterable[bytes], expect: FileState, fsync: bool = True
) -> None:
    name = expect.name
    try:
        sfd = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK, dir_fd=dfd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _changed(path) from None
        raise
    try:
        if not expect.same(os.fstat(sfd)):
            raise _changed(path)
        if not os.access(name, os.W_OK, dir_fd=dfd):
            # A rename would replace a read-only file; do what open(path, "wb")
            # would do instead, and refuse.
            raise PermissionError(errno.EACCES, "Permission denied (the file is read-only)", path)
        tmp: str | None = None
        try:
            fd, tmp = _create_temp(dfd, name)
            try:
                # Plain writes: a buffered file object costs three system
                # calls more (fstat, ioctl, lseek) for one write.
                _write_all(fd, data)
                if fsync:
                    os.fsync(fd)
                _copy_metadata(sfd, fd, expect)
            finally:
                os.close(fd)
            now = os.stat(name, dir_fd=dfd, follow_symlinks=False)
            if not expect.same(now):
                raise _changed(path)
            os.replace(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)
            tmp = None
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp, dir_fd=dfd)
                except OSError:
                    pass
    finally:
        os.close(sfd)


def _write_all(fd: int, data: bytes | Iterable[bytes]) -> None:
    """Write ``data``, or each of its pieces in turn."""
    for piece in (data,) if isinstance(data, bytes) else data:
        view = memoryview(piece)
        while view:
            view = view[os.write(fd, view) :]


def _create_temp(dfd: int, name: str) -> tuple[int, str]:
    import secrets

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = f".{name}.{os.getpid()}-{secrets.token_hex(4)}.cleantext"
        try:
            return os.open(tmp, flags, 0o600, dir_fd=dfd), tmp
        except FileExistsError:  # pragma: no cover - 2**32 names
            continue


def _copy_metadata(src: int, dst: int, st: FileState) -> None:
    """Owner first, then mode (``chown`` clears setuid/setgid), then xattrs."""
    try:
        os.fchown(dst, st.uid, st.gid)
    except OSError:
        pass  # not ours to give away; the mode is what matters
    os.fchmod(dst, stat.S_IMODE(st.mode))
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(src)
    except OSError:
        return
    for key in names:
        try:
            os.setxattr(dst, key, os.getxattr(src, key))
        except OSError:
            pass  # security.* and the like need privileges we may not have


def _write_plain(  # pragma: no cover
    path: str, data: bytes | Iterable[bytes], expect: FileState, fsync: bool = True
) -> None:
    """:func:`write_atomic` where ``open`` has no ``dir_fd`` (Windows)."""
    target = os.path.join(expect.directory, expect.name)

    def unchanged() -> None:
        if not expect.same(os.stat(target)):
            raise _changed(path)

    unchanged()
    if not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, "Permission denied (the file is read-only)", path)
    _replace_via_temp(
        expect.directory,
        expect.name,
        target,
        data,
        mode=stat.S_IMODE(expect.mode),
        fsync=fsync,
        check=unchanged,
    )


def write_new_atomic(path: str, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` to ``path``, which may not exist yet, atomically.

    For files cleantext creates (``--report-file``): the bytes go to a
    temporary file beside it, then are renamed over it, so an existing
    report is never left truncated. An existing file keeps its mode; a new
    one gets the usual ``0o666`` less the umask.
    """
    directory = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    _replace_via_temp(directory, name, path, data, mode=mode, fsync=True)


def _replace_via_temp(
    directory: str,
    name: str,
    target: str,
    data: bytes | Iterable[bytes],
    *,
    mode: int,
    fsync: bool,
    check: Callable[[], None] | None = None,
) -> None:
    """Write ``data`` to a new temporary file in ``directory`` (named after
    ``name``), give it ``mode`` and rename it over ``target``; ``check`` runs
    just before the rename (it may raise). The temporary file is removed
    if anything fails."""
    tmp: str | None = None
    try:
        fd, tmp = _create_temp_in(directory, name)
        with os.fdopen(fd, "wb") as fh:
            for piece in (data,) if isinstance(data, bytes) else data:
                fh.write(piece)
            fh.flush()
            if fsync:
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if check is not None:
            check()
        os.replace(tmp, target)
        tmp = None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _create_temp_in(directory: str, name: str) -> tuple[int, str]:
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}.{os.getpid()}-", suffix=".cleantext")
    return fd, tmp
