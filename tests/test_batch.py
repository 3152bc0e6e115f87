"""The batch API: clean_batch in order, the same with worker processes; ordered_map."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import cleantext
from cleantext.batch import chunked, ordered_map

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _inputs() -> list[str | bytes]:
    seed = (FIXTURES / "seed-000.in.txt").read_bytes()
    gbk = (FIXTURES / "gbk-news.in.txt").read_bytes()
    clean_zh = (FIXTURES / "clean-zh.in.txt").read_text(encoding="utf-8")
    return [seed, "蛟龍號?rdquo;", gbk, clean_zh, "", b"plain ascii\n", seed.decode()] * 3


def _key(r: cleantext.Result) -> tuple[object, ...]:
    return (
        r.text,
        r.data,
        r.changed,
        r.encoding,
        [(f.step, f.line, f.col, f.code, f.fixed) for f in r.findings],
    )


def test_clean_batch_is_clean_item_by_item() -> None:
    items = _inputs()
    got = list(cleantext.clean_batch(items))
    assert [_key(r) for r in got] == [_key(cleantext.clean(i)) for i in items]
    assert got[1].text == "蛟龍號”"
    assert got[2].encoding is not None and got[2].encoding != "utf-8"


def test_workers_give_the_same_results_in_the_same_order() -> None:
    items = _inputs()
    one = [_key(r) for r in cleantext.clean_batch(items, jobs=1)]
    two = [_key(r) for r in cleantext.clean_batch(items, jobs=2)]
    assert one == two


def test_options_reach_the_workers() -> None:
    items = ["青島高新區", "蛟龍號"] * 5
    texts = [r.text for r in cleantext.clean_batch(items, jobs=2, to_simplified=True)]
    assert texts == ["青岛高新区", "蛟龙号"] * 5


def test_errors_raise_or_keep() -> None:
    bad: list[object] = ["ok?rdquo;", 12345, "fine"]
    with pytest.raises(Exception):  # noqa: B017 - whatever clean() raises on an int
        list(cleantext.clean_batch(bad))  # type: ignore[arg-type]
    kept = list(cleantext.clean_batch(bad, errors="keep", jobs=2))  # type: ignore[arg-type]
    assert [r.error is None for r in kept] == [True, False, True]
    assert kept[0].text == "ok”" and kept[2].text == "fine"
    with pytest.raises(ValueError):
        list(cleantext.clean_batch([], errors="ignore"))  # type: ignore[arg-type]


def test_ordered_map_reads_its_input_lazily() -> None:
    pulled = 0

    def source():  # an endless input: only a bounded window may be read ahead
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield i

    results = ordered_map(abs, source(), jobs=2, in_flight=4)
    assert list(itertools.islice(results, 10)) == list(range(10))
    assert pulled <= 10 + 4
    results.close()


def test_ordered_map_raises_at_the_failing_item() -> None:
    got = []
    with pytest.raises(ZeroDivisionError):
        for x in ordered_map(_inverse, [1, 2, 0, 4], jobs=2):
            got.append(x)
    assert got == [1.0, 0.5]


def _inverse(x: int) -> float:
    return 1 / x


def test_chunked_respects_both_limits() -> None:
    chunks = list(chunked(["a" * 10, "b", "c", "d" * 3], max_items=2, max_size=4, size=len))
    assert chunks == [["a" * 10], ["b", "c"], ["d" * 3]]
