"""Many files in worker processes (``-j N``), printed as if one process did them.

A worker runs the very code a single-process run runs for one file, with
its stdout and stderr captured into one ordered list of writes; the parent
replays each file's writes in input order, so the messages, the diff and
the exit code are the same whatever ``-j`` is. Captured streams are not
terminals, so a worker prints plain text (no colour); the parent still
decides colour for the diff (``--color``) before the work is handed out.

>>> records = capture(print, "to stdout")[1]
>>> records
[(1, b'to stdout\\n')]
>>> import io
>>> out = io.BytesIO()
>>> replay(records, stdout=out)
>>> out.getvalue()
b'to stdout\\n'
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from typing import IO, Any, TypeVar

R = TypeVar("R")

#: One captured write: 1 for stdout, 2 for stderr, and the bytes written;
#: or 0 and a call ``(method name, args, kwargs)`` to replay on an object
#: the parent holds (see :class:`CallRecorder`).
Record = tuple[int, Any]


class CallRecorder:
    """Stands in for an object of the parent (the run's printer) in a
    worker: each method call is recorded in order with the captured writes,
    and made on the real object when the parent replays them."""

    def __init__(self, sink: list[Record]) -> None:
        self._sink = sink

    def __getattr__(self, name: str) -> Callable[..., None]:
        if name.startswith("_"):
            raise AttributeError(name)

        def call(*args: Any, **kwargs: Any) -> None:
            self._sink.append((0, (name, args, kwargs)))

        return call


class _Capture:
    """A text stream (with a ``buffer``) that appends every write to a list."""

    def __init__(self, fd: int, sink: list[Record]) -> None:
        self.fd = fd
        self.sink = sink
        self.buffer = _ByteCapture(fd, sink)
        self.encoding = "utf-8"

    def write(self, s: str) -> int:
        if s:
            self.sink.append((self.fd, s.encode("utf-8", "surrogateescape")))
        return len(s)

    def isatty(self) -> bool:
        return False

    def flush(self) -> None:
        pass


class _ByteCapture(io.RawIOBase):
    def __init__(self, fd: int, sink: list[Record]) -> None:
        self.fd = fd
        self.sink = sink

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        data = bytes(b)
        if data:
            self.sink.append((self.fd, data))
        return len(data)


class Capturing:
    """``sys.stdout`` and ``sys.stderr`` captured into ``sink`` while this is
    entered; :meth:`take` returns the writes since the last take, in order
    (adjacent writes to one stream joined). A worker enters it once for a
    task of many files and takes each file's writes after the file.

    >>> with Capturing() as cap:
    ...     print("a"); print("b"); _ = sys.stderr.write("c")
    ...     first = cap.take()
    ...     print("d")
    ...     second = cap.take()
    >>> first, second
    ([(1, b'a\\nb\\n'), (2, b'c')], [(1, b'd\\n')])
    """

    def __init__(self, sink: list[Record] | None = None) -> None:
        self.sink: list[Record] = [] if sink is None else sink
        self._saved: tuple[Any, Any] | None = None

    def __enter__(self) -> Capturing:
        self._saved = sys.stdout, sys.stderr
        sys.stdout = _Capture(1, self.sink)
        sys.stderr = _Capture(2, self.sink)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._saved is not None
        sys.stdout, sys.stderr = self._saved

    def take(self) -> list[Record]:
        sink = self.sink
        if not sink:
            return []
        joined: list[Record] = []
        for fd, data in sink:
            if fd and joined and joined[-1][0] == fd:
                joined[-1] = (fd, joined[-1][1] + data)
            else:
                joined.append((fd, data))
        sink.clear()
        return joined


def capture(
    func: Callable[..., R], *args: Any, sink: list[Record] | None = None
) -> tuple[R, list[Record]]:
    """Call ``func(*args)`` with ``sys.stdout``/``sys.stderr`` captured;
    return its result and the writes, in order (adjacent writes to one
    stream joined). ``sink`` is the list to record into, shared with a
    :class:`CallRecorder`."""
    with Capturing(sink) as cap:
        result = func(*args)
    return result, cap.take()


def replay(
    records: list[Record],
    *,
    stdout: IO[bytes] | None = None,
    stderr: IO[bytes] | None = None,
    target: Any = None,
) -> None:
    """Write captured records to the real streams (or the ones given), and
    make the recorded calls on ``target``."""
    for fd, data in records:
        if fd == 0:
            name, args, kwargs = data
            getattr(target, name)(*args, **kwargs)
            continue
        if fd == 1:
            out = stdout or getattr(sys.stdout, "buffer", None)
            other = sys.stderr
        else:
            out = stderr or getattr(sys.stderr, "buffer", None)
            other = sys.stdout
        other.flush()
        if out is None:  # pragma: no cover - a text-only stream
            (sys.stdout if fd == 1 else sys.stderr).write(data.decode("utf-8", "replace"))
            continue
        out.write(data)
        out.flush()
