"""Cleaning many documents: in input order, in bounded memory, in worker processes.

:func:`clean_batch` is the library's batch API: it cleans each item of an
iterable as its own document and yields the :class:`cleantext.Result` of
each, in input order.

>>> [r.text for r in clean_batch(["蛟龍號?rdquo;", "干净的文本。"])]
['蛟龍號”', '干净的文本。']

With ``jobs=N`` the items go to ``N`` worker processes in chunks. Each
worker sets itself up once (imports, tables, compiled patterns, the
configuration) and then cleans chunk after chunk; at most a few chunks per
worker are in flight, so an input far larger than memory streams through.
The output is the same as with ``jobs=1``, item for item.

:func:`ordered_map` is the engine underneath, shared with corpus mode
(:mod:`cleantext.corpus`) and the CLI's ``-j``: it maps a function over
chunks in worker processes and yields the results in input order.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from .config import Config
from .pipeline import Result, clean
from .steps import STEPS

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

#: Items per chunk sent to a worker, and the most bytes (or characters) of
#: text a chunk holds; whichever is reached first closes the chunk.
CHUNK_ITEMS = 256
CHUNK_SIZE = 1 << 20

#: Chunks in flight per worker: enough to keep every worker busy while the
#: parent writes results, few enough to keep memory bounded.
IN_FLIGHT_PER_JOB = 3


def default_jobs() -> int:
    """The number of CPUs this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int | None) -> int:
    """``None`` or ``0`` means one per CPU; anything else at least 1.

    >>> resolve_jobs(1), resolve_jobs(-3), resolve_jobs(None) == default_jobs()
    (1, 1, True)
    """
    if not jobs:
        return default_jobs()
    return max(1, jobs)


def mp_context() -> Any:
    """``fork`` where it is safe (Linux, no other thread running): workers
    start at once and share the parent's imported modules and tables;
    otherwise ``forkserver`` or ``spawn``."""
    import multiprocessing  # here, not at the top: the CLI's start would pay for it

    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def chunked(
    items: Iterable[T],
    *,
    max_items: int = CHUNK_ITEMS,
    max_size: int = CHUNK_SIZE,
    size: Callable[[T], int] | None = None,
) -> Iterator[list[T]]:
    """Group ``items`` into lists of at most ``max_items`` items and about
    ``max_size`` in ``size`` (an item larger than that is a chunk of its own).

    >>> list(chunked(range(5), max_items=2))
    [[0, 1], [2, 3], [4]]
    >>> list(chunked(["aaaa", "b", "cc", "d"], max_size=4, size=len))
    [['aaaa'], ['b', 'cc', 'd']]
    """
    chunk: list[T] = []
    total = 0
    for item in items:
        n = size(item) if size is not None else 0
        if chunk and (len(chunk) >= max_items or total + n > max_size):
            yield chunk
            chunk, total = [], 0
        chunk.append(item)
        total += n
    if chunk:
        yield chunk


def ordered_map(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int = 1,
    initializer: Callable[..., None] | None = None,
    initargs: Sequence[Any] = (),
    in_flight: int | None = None,
    context: Any = None,
) -> Iterator[R]:
    """``map(func, items)`` in ``jobs`` worker processes, results in input order.

    ``items`` is consumed lazily: at most ``in_flight`` (default
    :data:`IN_FLIGHT_PER_JOB` per job) calls are pending at once, so memory
    stays bounded whatever the input's length. ``func``, the items and the
    results must pickle. ``initializer(*initargs)`` runs once in each worker
    (and once in this process when ``jobs`` is 1, which runs everything
    here without processes). An exception raised by ``func`` is raised here,
    at that item's place in the order. ``context`` is the multiprocessing
    context (default :func:`mp_context`, chosen when the pool starts: choose
    it earlier if threads may start in between).
    """
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield from map(func, items)
        return
    import gc
    from concurrent.futures import ProcessPoolExecutor  # only when workers are asked for

    limit = in_flight or jobs * IN_FLIGHT_PER_JOB
    pending: deque[Future[R]] = deque()
    context = context or mp_context()
    # Forked workers inherit every object of this process (modules, tables):
    # frozen, the workers' garbage collections skip them instead of walking
    # them again and again (and writing to their pages, which copies them).
    # 50 files of 200 KB at -j 2: 5% less CPU in the workers.
    freeze = context.get_start_method() == "fork"
    if freeze:
        gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=context,
            initializer=initializer,
            initargs=tuple(initargs),
        ) as pool:
            try:
                for item in items:
                    pending.append(pool.submit(func, item))
                    if len(pending) >= limit:
                        yield pending.popleft().result()
                while pending:
                    yield pending.popleft().result()
            finally:
                for fut in pending:
                    fut.cancel()
    finally:
        if freeze:
            gc.unfreeze()


# -- clean_batch ------------------------------------------------------------------

_WORKER_CONFIG: Config | None = None
_WORKER_ERRORS: str = "raise"


def _init_worker(config: Config, errors: str) -> None:
    """Once per worker: keep the configuration and load the steps."""
    global _WORKER_CONFIG, _WORKER_ERRORS
    _WORKER_CONFIG, _WORKER_ERRORS = config, errors
    warm_up(config, tables=True)


#: A few lines with something for each default step to do (mojibake, a
#: broken entity, inline pinyin, a spam line), cleaned once by
#: :func:`warm_up` so that the tables the steps build on first use exist
#: before worker processes fork. Written for this purpose.
_WARM_UP_TEXT = (
    "免费在线视频,成人影院,六合彩开奖\n\n"
    "區(qū)域發(fā)展“蛟龍號?rdquo;\n"
    "鍙戝睍鏂板眬 ·¢Õ¹ 中文\n"
    "区域发展的新局面。\n"
)


def warm_up(config: Config, *, tables: bool = False) -> None:
    """Import the modules of the steps ``config`` runs (once per process;
    with ``fork`` the workers inherit what the parent loaded); ``tables``
    also cleans a few lines, which builds the tables the steps load on
    first use (about 0.15 s, paid once instead of once per worker)."""
    for name in config.active_steps():
        step = STEPS.get(name)
        if step is not None:
            step.func  # noqa: B018 - imports the step's module
    if tables:
        clean(_WARM_UP_TEXT, config.with_(filename=None))


def _clean_chunk(chunk: list[str | bytes]) -> list[Result]:
    config = _WORKER_CONFIG if _WORKER_CONFIG is not None else Config()
    if _WORKER_ERRORS == "raise":
        return [clean(item, config) for item in chunk]
    return [clean_or_keep(item, config) for item in chunk]


def clean_or_keep(item: str | bytes, config: Config) -> Result:
    """:func:`cleantext.clean`, but an input that cannot be cleaned comes
    back unchanged, with :attr:`cleantext.Result.error` saying why (an
    item that is neither ``str`` nor ``bytes`` comes back as empty text)."""
    try:
        return clean(item, config)
    except Exception as exc:  # any failure: the item is kept as it was
        message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
        if isinstance(item, str):
            text, data = item, item.encode("utf-8", "surrogatepass")
        elif isinstance(item, bytes):
            text, data = item.decode("utf-8", "surrogateescape"), item
        else:  # not text at all: nothing to keep
            text, data = "", b""
        return Result(
            text=text,
            findings=[],
            encoding=None,
            confidence=None,
            bom=False,
            original=text,
            data=data,
            changed=False,
            error=message,
        )


def _item_size(item: str | bytes) -> int:
    return len(item) if isinstance(item, (str, bytes)) else 0


def clean_batch(
    items: Iterable[str | bytes],
    *,
    jobs: int | None = 1,
    config: Config | None = None,
    errors: Literal["raise", "keep"] = "raise",
    **options: object,
) -> Iterator[Result]:
    """Clean each item of ``items`` as its own document; yield the results in order.

    :param items: texts (``str``) or raw bytes (decoded by the ``decode``
        step), any iterable; it is read lazily.
    :param jobs: worker processes; ``1`` (the default) cleans in this
        process, ``None`` or ``0`` uses one per CPU.
    :param config: a :class:`cleantext.Config`; or give its fields as
        keyword ``options``, as for :func:`cleantext.clean`.
    :param errors: ``"raise"`` (the default) raises the first error, at its
        item's place in the order; ``"keep"`` yields that item unchanged with
        :attr:`cleantext.Result.error` set, and goes on.

    Each worker sets itself up once. The results are the same, item for
    item, whatever ``jobs`` is.
    """
    if errors not in ("raise", "keep"):
        raise ValueError(f"errors must be 'raise' or 'keep', not {errors!r}")
    if config is None:
        config = Config.from_options(**options)
    elif options:
        config = config.with_(**options)
    n = resolve_jobs(jobs)
    if n <= 1:
        one = clean if errors == "raise" else clean_or_keep
        for item in items:
            yield one(item, config)
        return
    warm_up(config, tables=True)
    chunks = chunked(items, size=_item_size)
    for results in ordered_map(
        _clean_chunk, chunks, jobs=n, initializer=_init_worker, initargs=(config, errors)
    ):
        yield from results
