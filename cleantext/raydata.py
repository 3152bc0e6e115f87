"""Clean sharded JSON Lines or Parquet on a Ray cluster with Ray Data.

Ray does the distribution: :func:`clean_dataset` adds one ``map_batches``
stage that calls :func:`cleantext.clean_batch` on each batch of the text
column (one process per task; Ray runs as many tasks as there are CPUs),
and :func:`run` reads the input with ``read_json``/``read_parquet`` and
writes the result with ``write_json``/``write_parquet``. Each record is
cleaned exactly as :func:`cleantext.corpus.clean_values` (and so the
single-process ``cleantext clean --jsonl``) cleans it.

Needs the ``ray`` extra: ``pip install 'cleantext-cjk[ray]'``. On a
cluster, start Ray first (``ray start --head``, then ``ray start
--address=HEAD:6379`` on each worker) and set ``RAY_ADDRESS``; without it
:func:`run` starts a local Ray instance.
"""

from __future__ import annotations

import os
from typing import Any

from .config import Config
from .corpus import ERROR_FIELD, CorpusError, RecordSettings, _assemble, _pyarrow, clean_values

#: Rows per Ray batch: large enough that per-batch overhead is small, small
#: enough to keep each task's memory modest.
BATCH_ROWS = 512


def _ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError:
        raise CorpusError(
            "cleantext ray needs Ray Data", hint="pip install 'cleantext-cjk[ray]'"
        ) from None
    return ray


class _CleanBatches:
    """The ``map_batches`` function: a ``pyarrow.Table`` in, the same table
    with the text column cleaned (and the added columns) out."""

    def __init__(self, settings: RecordSettings) -> None:
        self.settings = settings

    def __call__(self, table: Any) -> Any:
        pa = _pyarrow()
        s = self.settings
        if s.field not in table.column_names:
            raise CorpusError(f"no column {s.field!r} in the input")
        texts, errors, outcomes, _ = clean_values(table.column(s.field).to_pylist(), s)
        return _assemble(pa, table, s, texts, errors, outcomes)


def clean_dataset(
    ds: Any,
    *,
    field: str = "text",
    config: Config | None = None,
    findings_field: str | None = None,
    error_field: str = ERROR_FIELD,
    batch_size: int = BATCH_ROWS,
) -> Any:
    """``ds`` (a ``ray.data.Dataset``) with ``field`` cleaned in every row.

    Rows that cannot be cleaned keep their value and get ``error_field``
    (null elsewhere); ``findings_field`` adds the per-row counts.
    """
    settings = RecordSettings(
        field=field,
        config=config or Config(),
        findings_field=findings_field,
        error_field=error_field,
    )
    return ds.map_batches(
        _CleanBatches(settings), batch_format="pyarrow", batch_size=batch_size, zero_copy_batch=True
    )


def input_format(path: str) -> str:
    """``"parquet"`` or ``"json"`` from the path's extension(s); a folder by
    the files in it.

    >>> input_format("shards/part-0001.parquet"), input_format("a.jsonl.gz")
    ('parquet', 'json')
    """
    probe = path
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if not n.startswith((".", "_")))
        probe = names[0] if names else ""
    return "parquet" if ".parquet" in probe.lower() or probe.endswith(".pq") else "json"


def run(
    source: str,
    destination: str,
    *,
    field: str = "text",
    config: Config | None = None,
    fmt: str | None = None,
    findings_field: str | None = None,
    error_field: str = ERROR_FIELD,
    batch_size: int = BATCH_ROWS,
    num_cpus: int | None = None,
    preserve_order: bool = True,
) -> None:
    """Read ``source`` (a file, a folder of shards, or a glob Ray accepts),
    clean it, write shards of the same format into the folder
    ``destination``.

    Connects to ``RAY_ADDRESS`` when set (or a running local instance);
    otherwise starts a local instance with ``num_cpus`` CPUs (default:
    all). ``preserve_order`` keeps rows in input order across shards.
    """
    ray = _ray()
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
        if num_cpus is not None and not os.environ.get("RAY_ADDRESS"):
            kwargs["num_cpus"] = num_cpus
        ray.init(**kwargs)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = preserve_order
    kind = fmt or input_format(source)
    ds = ray.data.read_parquet(source) if kind == "parquet" else ray.data.read_json(source)
    out = clean_dataset(
        ds,
        field=field,
        config=config,
        findings_field=findings_field,
        error_field=error_field,
        batch_size=batch_size,
    )
    if kind == "parquet":
        out.write_parquet(destination)
    else:
        out.write_json(destination, force_ascii=False)
