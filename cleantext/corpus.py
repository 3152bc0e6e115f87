"""Corpus mode: clean one field of every record of a JSON Lines or Parquet file.

Each record is its own document. Records stream through in bounded memory
(a few chunks per worker process), in input order, whatever the file's size.

- Every other field is kept as it was. A record whose text needs nothing is
  written back byte for byte (JSON Lines) or value for value (Parquet).
- ``findings_field="cleantext"`` adds to every record an object with the
  number of fixes and reports and the fixes per step.
- A record that cannot be cleaned (the field is missing or not a string, or
  cleaning failed) is written unchanged, with ``error_field`` (default
  ``cleantext_error``) saying why; a line that is not a JSON object is
  written back as it was and counted as an error.
- ``.gz`` and ``.zst`` are read by their magic bytes whatever the name,
  and written by the output's extension (``.zst`` needs the ``zstandard``
  package: ``pip install 'cleantext-cjk[zstd]'``). Parquet needs
  ``pyarrow`` (``pip install 'cleantext-cjk[parquet]'``).

>>> import io
>>> lines = ['{"id": 1, "text": "蛟龍號?rdquo;"}', '{"id": 2, "text": "ok"}', '']
>>> src = io.BytesIO("\\n".join(lines).encode())
>>> out = io.BytesIO()
>>> stats = clean_jsonl(src, out, field="text")
>>> print(out.getvalue().decode())
{"id":1,"text":"蛟龍號”"}
{"id": 2, "text": "ok"}
<BLANKLINE>
>>> stats.records, stats.changed, stats.errors
(2, 1, 0)
"""

from __future__ import annotations

import gzip
import io
import json
import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from .batch import chunked, clean_batch, clean_or_keep, ordered_map, resolve_jobs, warm_up
from .config import STEP_ORDER, Config
from .errors import CleantextError
from .pipeline import Result

#: The field ``error_field`` defaults to.
ERROR_FIELD = "cleantext_error"

_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"

#: Rows per Parquet batch read (and per chunk sent to a worker).
PARQUET_BATCH_ROWS = 1024


class CorpusError(CleantextError):
    """A corpus file that cannot be read or written as asked."""


@dataclass
class CorpusStats:
    """What a corpus run did: records seen, changed, failed; findings."""

    records: int = 0
    changed: int = 0
    errors: int = 0
    fixes: int = 0
    reports: int = 0
    bytes_in: int = 0
    #: Records written back different from how they came (cleaned, or
    #: given an error or findings field).
    rewritten: int = 0
    #: ``(record number, message)`` of the first failed records (at most 100).
    failures: list[tuple[int, str]] = field(default_factory=list)

    def add(self, other: CorpusStats, offset: int = 0) -> None:
        self.records += other.records
        self.changed += other.changed
        self.errors += other.errors
        self.fixes += other.fixes
        self.reports += other.reports
        self.bytes_in += other.bytes_in
        self.rewritten += other.rewritten
        room = 100 - len(self.failures)
        if room > 0:
            self.failures.extend((n + offset, m) for n, m in other.failures[:room])


# -- compressed streams --------------------------------------------------------------


def _zstd() -> Any:
    try:
        import zstandard
    except ImportError:
        raise CorpusError(
            "reading or writing .zst needs the zstandard package",
            hint="pip install 'cleantext-cjk[zstd]'",
        ) from None
    return zstandard


def compression_of(path: str | os.PathLike[str]) -> str | None:
    """``"gzip"``, ``"zstd"`` or ``None``, from the file's magic bytes."""
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head.startswith(_GZIP_MAGIC):
        return "gzip"
    if head.startswith(_ZSTD_MAGIC):
        return "zstd"
    return None


class AtomicOutput:
    """A temporary file beside ``path`` that replaces it on :meth:`commit`
    (fsynced unless ``fsync=False``, with the original's permission bits),
    or is removed on :meth:`discard`. Named like :func:`cleantext.files.write_atomic`'s
    temporary files, so a run that is killed leaves nothing a later run
    does not clean up."""

    def __init__(self, path: str, *, fsync: bool = True) -> None:
        import secrets

        self.path = os.path.realpath(path)
        self.fsync = fsync
        folder, name = os.path.split(self.path)
        self.tmp = os.path.join(folder, f".{name}.{os.getpid()}-{secrets.token_hex(4)}.cleantext")
        self.stream: IO[bytes] = open(self.tmp, "xb")

    def commit(self) -> None:
        try:
            self.stream.flush()
            if self.fsync:
                os.fsync(self.stream.fileno())
            self.stream.close()
            os.chmod(self.tmp, os.stat(self.path).st_mode & 0o7777)
            os.replace(self.tmp, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        self.stream.close()
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def open_input(path: str | os.PathLike[str] | IO[bytes]) -> IO[bytes]:
    """A binary stream of the decompressed bytes of ``path`` (or of an open
    binary stream): gzip and zstd are recognised by their magic bytes."""
    raw: Any = open(path, "rb") if isinstance(path, (str, os.PathLike)) else path
    buffered: Any = raw if hasattr(raw, "peek") else io.BufferedReader(raw)
    head = buffered.peek(4)[:4]
    if head.startswith(_GZIP_MAGIC):
        return io.BufferedReader(_GzipChecked(gzip.GzipFile(fileobj=buffered, mode="rb")))
    if head.startswith(_ZSTD_MAGIC):
        return io.BufferedReader(_ZstdFrames(buffered, _zstd()))
    return buffered  # type: ignore[no-any-return]


class _GzipChecked(io.RawIOBase):
    """A gzip stream whose corrupt data raises :class:`OSError`, as its
    bad CRC does (``zlib.error`` is neither an OSError nor an EOFError:
    the CLI called it an internal error)."""

    def __init__(self, stream: gzip.GzipFile) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            return self._stream.readinto(buffer)
        except zlib.error as exc:
            raise OSError(f"not valid gzip data: {exc}") from None

    def close(self) -> None:
        if not self.closed:
            self._stream.close()
        super().close()


class _ZstdFrames(io.RawIOBase):
    """The decompressed bytes of zstd frames one after another. An input
    that ends inside a frame raises :class:`EOFError`, as gzip does:
    python-zstandard's ``stream_reader`` ends quietly there, and a shard
    cut short read as an empty or shorter corpus with exit 0. Corrupt data
    raises :class:`OSError` (``zstandard.ZstdError`` is neither)."""

    def __init__(self, source: IO[bytes], zstd: Any) -> None:
        self._source = source
        self._zstd = zstd
        self._frame: Any = None  # the decompressor of the current frame
        self._out = b""
        self._at = 0
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._at == len(self._out) and not self._done:
            chunk = self._source.read(1 << 17)
            if not chunk:
                self._done = True
                if self._frame is not None and not self._frame.eof:
                    raise EOFError("zstd data ends inside a frame (the file was cut short?)")
                break
            self._out, self._at = self._feed(chunk), 0
        n = min(len(buffer), len(self._out) - self._at)
        buffer[:n] = self._out[self._at : self._at + n]
        self._at += n
        return n

    def _feed(self, data: bytes) -> bytes:
        out = []
        try:
            while data:
                if self._frame is None or self._frame.eof:
                    self._frame = self._zstd.ZstdDecompressor().decompressobj()
                out.append(self._frame.decompress(data))
                data = self._frame.unused_data if self._frame.eof else b""
        except self._zstd.ZstdError as exc:
            raise OSError(f"not valid zstd data: {exc}") from None
        return b"".join(out)

    def close(self) -> None:
        if not self.closed:
            self._source.close()
        super().close()


def open_output(
    path: str | os.PathLike[str],
    raw: IO[bytes] | None = None,
    *,
    compression: str | None = None,
) -> IO[bytes]:
    """A binary stream that writes ``path`` compressed as its extension says
    (``.gz``, ``.zst``; anything else plain), or as ``compression`` says
    (``"gzip"``, ``"zstd"``, ``"none"``). ``raw`` is the file to write to,
    if already open: closing the returned stream then leaves it open."""
    name = os.fspath(path).lower()
    if compression is None:
        if name.endswith(".gz"):
            compression = "gzip"
        elif name.endswith((".zst", ".zstd")):
            compression = "zstd"
    if compression == "gzip":
        if raw is not None:  # the caller closes raw
            return gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6)  # type: ignore[return-value]
        return gzip.GzipFile(path, mode="wb", compresslevel=6)  # type: ignore[return-value]
    fh: IO[bytes] = raw if raw is not None else open(path, "wb")
    if compression == "zstd":
        writer = _zstd().ZstdCompressor(level=3).stream_writer(fh, closefd=raw is None)
        return writer  # type: ignore[no-any-return]
    return fh


# -- one record --------------------------------------------------------------------


def outcome_fields(result: Result) -> dict[str, Any]:
    """The per-record summary ``findings_field`` adds: fixes, reports, the
    fixes per step (every step named, so that each record has the same shape
    and a Parquet column one type), and the page model's decision (a scraped
    page or an authored document; ``None`` when no removal step ran).

    >>> from cleantext import clean
    >>> outcome = outcome_fields(clean("蛟龍號?rdquo;"))
    >>> outcome["changed"], outcome["fixes"], outcome["reports"]
    (True, 1, 0)
    >>> {step: n for step, n in outcome["steps"].items() if n}
    {'entities': 1}
    """
    steps = dict.fromkeys(STEP_ORDER, 0)
    fixes = 0
    for f in result.findings:
        if f.fixed:
            fixes += 1
            steps[f.step] = steps.get(f.step, 0) + 1
    return {
        "changed": result.text != result.original,
        "fixes": fixes,
        "reports": len(result.findings) - fixes,
        "steps": steps,
        "page": result.page.kind if result.page is not None else None,
    }


@dataclass(frozen=True)
class RecordSettings:
    """What every worker needs to clean records (sent once per worker)."""

    field: str = "text"
    config: Config = Config()
    findings_field: str | None = None
    error_field: str = ERROR_FIELD


def _dumps(record: Any) -> bytes:
    # A lone surrogate (a record's "\ud800", kept as it came when the record
    # cannot be cleaned) is written as that JSON escape again: "backslash-
    # replace" writes \ud800 for it, which UTF-8 cannot encode (it wrote
    # the bytes ED A0 80, and the output was no longer UTF-8).
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "backslashreplace"
    )


def clean_line(line: bytes, settings: RecordSettings, stats: CorpusStats, number: int) -> bytes:
    """Clean one JSON Lines line (without its newline); return the line to write."""
    stats.bytes_in += len(line) + 1
    if not line.strip():
        return line
    stats.records += 1
    try:
        record = json.loads(line)
    except ValueError as exc:
        record, why = None, f"not JSON: {exc}"
    else:
        why = "not a JSON object"
    if not isinstance(record, dict):
        stats.errors += 1
        if len(stats.failures) < 100:
            stats.failures.append((number, why))
        return line
    value = record.get(settings.field)
    error: str | None
    if not isinstance(value, str):
        error = (
            f"no field {settings.field!r}"
            if settings.field not in record
            else f"field {settings.field!r} is not a string"
        )
        result: Result | None = None
    else:
        result = clean_or_keep(value, settings.config)
        error = result.error
    if error is not None:
        stats.errors += 1
        if len(stats.failures) < 100:
            stats.failures.append((number, error))
        record[settings.error_field] = error
        return _dumps(record)
    assert result is not None
    changed = result.text != value
    fixes = sum(f.fixed for f in result.findings)
    stats.fixes += fixes
    stats.reports += len(result.findings) - fixes
    if changed:
        stats.changed += 1
    if settings.findings_field:
        record[settings.field] = result.text
        record[settings.findings_field] = outcome_fields(result)
        return _dumps(record)
    if not changed:
        return line  # byte for byte as it came
    record[settings.field] = result.text
    return _dumps(record)


_SETTINGS: RecordSettings | None = None


def _init(settings: RecordSettings) -> None:
    global _SETTINGS
    _SETTINGS = settings
    warm_up(settings.config, tables=True)


def _clean_lines(chunk: tuple[int, list[bytes]]) -> tuple[list[bytes], CorpusStats]:
    first, lines = chunk
    settings = _SETTINGS or RecordSettings()
    stats = CorpusStats()
    out = []
    for i, line in enumerate(lines):
        new = clean_line(line, settings, stats, first + i)
        stats.rewritten += new != line
        out.append(new)
    return out, stats


def _numbered_chunks(stream: IO[bytes]) -> Iterator[tuple[int, list[bytes]]]:
    number = 1
    for lines in chunked(_lines(stream), size=len):
        yield number, lines
        number += len(lines)


def _lines(stream: IO[bytes]) -> Iterator[bytes]:
    for line in stream:
        yield line[:-1] if line.endswith(b"\n") else line


def clean_jsonl(
    source: IO[bytes],
    sink: IO[bytes],
    *,
    field: str = "text",
    config: Config | None = None,
    jobs: int | None = 1,
    findings_field: str | None = None,
    error_field: str = ERROR_FIELD,
    progress: Callable[[int], None] | None = None,
) -> CorpusStats:
    """Clean ``field`` of every JSON Lines record of ``source`` into ``sink``.

    :param source: the decompressed input (see :func:`open_input`).
    :param sink: where the records go, in input order, one per line.
    :param jobs: worker processes (``None`` or ``0``: one per CPU).
    :param findings_field: add this field to every record, with the
        counts of :func:`outcome_fields`.
    :param error_field: the field that says why a record was left as it was.
    :param progress: called with the number of input bytes done so far.
    """
    settings = RecordSettings(
        field=field,
        config=config or Config(),
        findings_field=findings_field,
        error_field=error_field,
    )
    stats = CorpusStats()
    n = resolve_jobs(jobs)
    warm_up(settings.config, tables=n > 1)  # before the workers fork: they inherit it
    for out, part in ordered_map(
        _clean_lines, _numbered_chunks(source), jobs=n, initializer=_init, initargs=(settings,)
    ):
        for line in out:
            sink.write(line)
            sink.write(b"\n")
        stats.add(part)
        if progress is not None:
            progress(stats.bytes_in)
    return stats


# -- Parquet -----------------------------------------------------------------------


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise CorpusError(
            "Parquet needs the pyarrow package", hint="pip install 'cleantext-cjk[parquet]'"
        ) from None
    return pyarrow


def clean_values(
    values: list[Any], settings: RecordSettings
) -> tuple[list[Any], list[str | None], list[dict[str, Any] | None], CorpusStats]:
    """Clean a column of values: the new values, an error per value (or
    ``None``), the :func:`outcome_fields` per value, and the counts."""
    stats = CorpusStats()
    texts: list[Any] = list(values)
    errors: list[str | None] = [None] * len(values)
    outcomes: list[dict[str, Any] | None] = [None] * len(values)
    where = [i for i, v in enumerate(values) if isinstance(v, str)]
    results = clean_batch((values[i] for i in where), config=settings.config, errors="keep")
    for i, result in zip(where, results):
        stats.bytes_in += len(values[i])
        if result.error is not None:
            errors[i] = result.error
            continue
        summary = outcome_fields(result)
        stats.fixes += summary["fixes"]
        stats.reports += summary["reports"]
        stats.changed += summary["changed"]
        texts[i] = result.text
        outcomes[i] = summary
    for i, value in enumerate(values):
        if not isinstance(value, str):
            errors[i] = (
                f"field {settings.field!r} is null"
                if value is None
                else f"field {settings.field!r} is not a string"
            )
    stats.records = len(values)
    stats.rewritten = stats.changed
    for i, error in enumerate(errors):
        if error is not None:
            stats.errors += 1
            if len(stats.failures) < 100:
                stats.failures.append((i + 1, error))
    return texts, errors, outcomes, stats


def _clean_values_chunk(
    values: list[Any],
) -> tuple[list[Any], list[str | None], list[dict[str, Any] | None], CorpusStats]:
    return clean_values(values, _SETTINGS or RecordSettings())


def clean_table(table: Any, settings: RecordSettings, stats: CorpusStats | None = None) -> Any:
    """A ``pyarrow.Table`` with ``settings.field`` cleaned (the error and
    findings columns added), cleaning in this process."""
    pa = _pyarrow()
    if settings.field not in table.column_names:
        raise CorpusError(
            f"no column {settings.field!r}",
            hint="columns are: " + ", ".join(table.column_names),
        )
    texts, errors, outcomes, part = clean_values(table.column(settings.field).to_pylist(), settings)
    if stats is not None:
        stats.add(part)
    return _assemble(pa, table, settings, texts, errors, outcomes)


def _assemble(
    pa: Any,
    table: Any,
    settings: RecordSettings,
    texts: list[Any],
    errors: list[str | None],
    outcomes: list[dict[str, Any] | None],
) -> Any:
    i = table.column_names.index(settings.field)
    column = pa.array(texts, type=table.schema.field(i).type)
    table = table.set_column(i, table.schema.field(i), column)
    table = _put(pa, table, settings.error_field, pa.array(errors, type=pa.string()))
    if settings.findings_field:
        table = _put(pa, table, settings.findings_field, pa.array(outcomes, type=_outcome_type(pa)))
    return table


def _put(pa: Any, table: Any, name: str, column: Any) -> Any:
    if name in table.column_names:
        i = table.column_names.index(name)
        return table.set_column(i, pa.field(name, column.type), column)
    return table.append_column(pa.field(name, column.type), column)


def _outcome_type(pa: Any) -> Any:
    return pa.struct(
        [
            ("changed", pa.bool_()),
            ("fixes", pa.int64()),
            ("reports", pa.int64()),
            ("steps", pa.struct([(step, pa.int64()) for step in STEP_ORDER])),
            ("page", pa.string()),
        ]
    )


def clean_parquet(
    source: str | os.PathLike[str],
    destination: str | os.PathLike[str] | IO[bytes],
    *,
    field: str = "text",
    config: Config | None = None,
    jobs: int | None = 1,
    findings_field: str | None = None,
    error_field: str = ERROR_FIELD,
    progress: Callable[[int], None] | None = None,
) -> CorpusStats:
    """Clean ``field`` of every row of the Parquet file ``source`` into
    ``destination``, batch by batch (:data:`PARQUET_BATCH_ROWS` rows).

    The other columns and the row order are kept; an ``error_field``
    column is added (null where the row was cleaned), and the
    ``findings_field`` column when asked for. ``progress`` is called with
    the number of rows done so far.
    """
    pa = _pyarrow()
    pq = pa.parquet
    settings = RecordSettings(
        field=field,
        config=config or Config(),
        findings_field=findings_field,
        error_field=error_field,
    )
    try:
        reader = pq.ParquetFile(source)
    except (OSError, pa.ArrowException) as exc:
        why = str(exc).rstrip(". ")
        raise CorpusError(f"{os.fspath(source)}: cannot read as Parquet: {why}") from None
    if field not in reader.schema_arrow.names:
        raise CorpusError(
            f"{os.fspath(source)}: no column {field!r}",
            hint="columns are: " + ", ".join(reader.schema_arrow.names),
        )
    stats = CorpusStats()
    n = resolve_jobs(jobs)
    warm_up(settings.config, tables=n > 1)
    batches: list[Any] = []  # the batches whose cleaned values are pending, in order

    def values() -> Iterator[list[Any]]:
        for batch in reader.iter_batches(batch_size=PARQUET_BATCH_ROWS):
            batches.append(pa.Table.from_batches([batch]))
            yield batch.column(field).to_pylist()

    writer = None
    try:
        for texts, errors, outcomes, part in ordered_map(
            _clean_values_chunk, values(), jobs=n, initializer=_init, initargs=(settings,)
        ):
            before = batches.pop(0)
            table = _assemble(pa, before, settings, texts, errors, outcomes)
            # A rerun rewrites nothing: added columns equal to what is there
            # already are no change.
            part.rewritten = part.changed
            for name in (settings.error_field, settings.findings_field):
                if name and not (
                    name in before.column_names and before.column(name).equals(table.column(name))
                ):
                    part.rewritten = part.records
            if writer is None:
                writer = pq.ParquetWriter(destination, table.schema)
            writer.write_table(table)
            stats.add(part, offset=stats.records)
            if progress is not None:
                progress(stats.records)
        if writer is None:  # no rows: write the schema alone
            empty = _assemble(pa, reader.schema_arrow.empty_table(), settings, [], [], [])
            writer = pq.ParquetWriter(destination, empty.schema)
    finally:
        if writer is not None:
            writer.close()
    return stats
