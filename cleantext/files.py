"""Finding the files to clean and writing them back safely.

Nothing here knows about the steps: this module walks directories (skipping
version-control folders, tool caches and binary files), reads bytes and
replaces files atomically, keeping their permission bits.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass

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

_TEXT_BOMS = (
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
)


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
    if head.startswith(_TEXT_BOMS):
        return False
    head = head[:SNIFF_SIZE]
    if b"\x00" not in head:
        return False
    from .detect import wide_encoding

    return wide_encoding(head, partial=True) is None


def display_path(path: str) -> str:
    """The path as messages show it: normalised, with ``/`` separators.

    >>> display_path("./docs//a.txt")
    'docs/a.txt'
    """
    return os.path.normpath(path).replace(os.sep, "/")


def is_excluded(path: str, pattern: re.Pattern[str] | None, *, is_dir: bool = False) -> bool:
    """Whether ``pattern`` is found in ``/`` + the path (``/`` after folders).

    The leading and trailing slashes let ``/vendor/`` name a folder at any
    depth without also matching ``myvendor/``.

    >>> pat = re.compile(r"/vendor/")
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
    return pattern.search(shown) is not None


@dataclass(frozen=True)
class Skipped:
    """A path a walk passed over, and why (for ``-v``)."""

    path: str
    reason: str


def iter_paths(
    paths: list[str],
    *,
    exclude: re.Pattern[str] | None = None,
    force_exclude: bool = False,
) -> Iterator[str | Skipped]:
    """Yield the files to process, in a stable order, and what was skipped.

    Explicit files are yielded as given (``exclude`` applies to them only
    with ``force_exclude``, which is what pre-commit needs). Directories are
    walked in sorted order without following symbolic links; version-control
    folders, tool folders (:data:`TOOL_DIRS`), symbolic links, FIFOs and
    other special files, binary files and paths matching ``exclude`` are
    skipped. A path that does not exist is
    yielded as given, so the caller reports it as an error.

    Binary explicit files are not filtered here: the caller reads them anyway
    and decides (see :func:`is_binary`).
    """
    for given in paths:
        if os.path.isdir(given):
            if force_exclude and is_excluded(given, exclude, is_dir=True):
                yield Skipped(given, "excluded")
                continue
            yield from _walk(given, exclude)
        else:
            if force_exclude and is_excluded(given, exclude):
                yield Skipped(given, "excluded")
                continue
            yield given


def _walk(root: str, exclude: re.Pattern[str] | None) -> Iterator[str | Skipped]:
    for dirpath, dirnames, filenames in os.walk(root):
        kept = []
        for name in sorted(dirnames):
            sub = os.path.join(dirpath, name)
            if name in VCS_DIRS or name in TOOL_DIRS or name.endswith(".egg-info"):
                continue
            if os.path.islink(sub):
                yield Skipped(sub, "symbolic link")
            elif is_excluded(sub, exclude, is_dir=True):
                yield Skipped(sub, "excluded")
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if os.path.islink(path):
                yield Skipped(path, "symbolic link")
            elif is_excluded(path, exclude):
                yield Skipped(path, "excluded")
            elif not _is_regular(path):
                yield Skipped(path, "not a regular file")  # a FIFO would block
            elif _looks_binary(path):
                yield Skipped(path, "binary")
            else:
                yield path


def _is_regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # let the caller hit the error and report it


def is_regular_file(path: str) -> bool:
    """Whether ``path`` is a regular file (or a link to one); ``True`` when
    it cannot be stat'ed, so that reading it reports the real error."""
    return _is_regular(path)


def _looks_binary(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return is_binary(fh.read(SNIFF_SIZE))
    except OSError:
        return False  # let the caller hit the error and report it


def read_bytes(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` atomically.

    The bytes go to a temporary file in the same directory, which is flushed
    and fsynced, given the original's permission bits (and owner, where the
    process may set it), then renamed over the original with
    :func:`os.replace`. A reader sees the old file or the new one, never a
    half-written one; if anything fails the original is untouched and the
    temporary file is removed. A symbolic link is kept: its target is
    replaced. A file we may not write to is refused with
    :class:`PermissionError`, as ``open(path, "wb")`` would refuse it (a
    rename alone would not); hard links to the file keep the old content.
    """
    import tempfile

    target = os.path.realpath(path)
    st = os.stat(target)
    if not os.access(target, os.W_OK):
        # A rename would replace a read-only file; do what open(path, "wb")
        # would do instead, and refuse.
        raise PermissionError(errno.EACCES, "Permission denied (the file is read-only)", path)
    directory = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(
        dir=directory, prefix="." + os.path.basename(target) + ".", suffix=".cleantext"
    )
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        if hasattr(os, "chown"):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                pass  # not ours to give away; the mode is what matters
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(directory)


def _fsync_dir(directory: str) -> None:
    """Make the rename durable (POSIX); harmless where unsupported."""
    flags = getattr(os, "O_DIRECTORY", None)
    if flags is None:
        return
    try:
        fd = os.open(directory, os.O_RDONLY | flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
