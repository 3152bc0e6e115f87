"""Ray Data: the same cleaning over sharded JSON Lines and Parquet on a local
Ray instance with two CPUs, record for record equal to single-process corpus mode."""

from __future__ import annotations

import faulthandler
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleantext.corpus import clean_jsonl, clean_parquet

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _records() -> list[dict[str, object]]:
    texts = [
        (FIXTURES / "seed-000.in.txt").read_text(encoding="utf-8"),
        (FIXTURES / "seed-000.out.txt").read_text(encoding="utf-8"),
        (FIXTURES / "clean-zh.in.txt").read_text(encoding="utf-8"),
        (FIXTURES / "entities-md.in.txt").read_text(encoding="utf-8"),
        "蛟龍號?rdquo;",
        "青島高新區(qū)",
    ]
    return [
        {"id": i, "text": texts[i % len(texts)], "source": f"shard-{i % 3}", "n": i * 7}
        for i in range(60)
    ]


#: A Ray instance that hangs (a worker that never starts on a loaded CI
#: machine) ends the test run with every thread's traceback instead of
#: holding CI until its own timeout. The three tests take about 90 s on a
#: shared, loaded 2-core machine.
RAY_MODULE_TIMEOUT = 900


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    faulthandler.dump_traceback_later(RAY_MODULE_TIMEOUT, exit=True)
    # address="local": a new instance of its own, even where RAY_ADDRESS
    # names a cluster; two CPUs, as on a small CI machine.
    ray.init(
        address="local",
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        object_store_memory=200 * 1024 * 1024,
    )
    try:
        yield
    finally:
        ray.shutdown()
        faulthandler.cancel_dump_traceback_later()


def _single_process(records: list[dict[str, object]]) -> dict[int, dict[str, object]]:
    src = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    out = io.BytesIO()
    clean_jsonl(io.BytesIO(src), out, field="text", findings_field="cleantext")
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    return {int(r["id"]): r for r in rows}


def _read_json_shards(folder: Path) -> list[dict[str, object]]:
    rows = []
    for p in sorted(folder.iterdir()):
        if p.suffix == ".json":
            rows += [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()]
    return rows


def test_ray_jsonl_equals_single_process(tmp_path: Path, local_ray: None) -> None:
    from cleantext import raydata

    records = _records()
    shards = tmp_path / "in"
    shards.mkdir()
    for k in range(3):  # three input shards
        part = records[k::3]
        (shards / f"part-{k}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part), encoding="utf-8"
        )
    raydata.run(str(shards), str(tmp_path / "out"), field="text", findings_field="cleantext")
    rows = _read_json_shards(tmp_path / "out")
    expected = _single_process(records)
    assert sorted(int(r["id"]) for r in rows) == sorted(expected)  # type: ignore[call-overload]
    for row in rows:
        want = dict(expected[int(row["id"])])  # type: ignore[arg-type]
        assert row.pop("cleantext_error") is None
        assert row == want
    assert any(r["cleantext"]["changed"] for r in rows)  # type: ignore[index]


def test_ray_parquet_equals_single_process(tmp_path: Path, local_ray: None) -> None:
    from cleantext import raydata

    records = _records()
    table = pa.Table.from_pylist(records)
    shards = tmp_path / "in"
    shards.mkdir()
    for k in range(2):
        pq.write_table(table.slice(k * 30, 30), shards / f"part-{k}.parquet")
    raydata.run(str(shards), str(tmp_path / "out"), field="text")
    got = pa.concat_tables(
        [pq.read_table(p) for p in sorted((tmp_path / "out").glob("*.parquet"))]
    ).to_pylist()
    pq.write_table(table, tmp_path / "one.parquet")
    clean_parquet(tmp_path / "one.parquet", tmp_path / "single.parquet", field="text")
    single = {r["id"]: r for r in pq.read_table(tmp_path / "single.parquet").to_pylist()}
    assert len(got) == len(records)
    assert sorted(r["id"] for r in got) == sorted(single)
    for row in got:
        assert row == single[row["id"]]


def test_cleantext_ray_command(tmp_path: Path, local_ray: None) -> None:
    from typer.testing import CliRunner

    from cleantext import cli

    records = _records()[:12]
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    result = CliRunner().invoke(
        cli.app, ["ray", str(src), str(tmp_path / "out"), "--findings-field", "cleantext"]
    )
    assert result.exit_code == 0, result.output
    rows = _read_json_shards(tmp_path / "out")
    expected = _single_process(records)
    assert sorted(int(r["id"]) for r in rows) == sorted(expected)  # type: ignore[call-overload]
    for row in rows:
        assert row.pop("cleantext_error") is None
        assert row == expected[int(row["id"])]  # type: ignore[arg-type]
    bad = CliRunner().invoke(cli.app, ["ray", str(src), str(tmp_path / "o2"), "--format", "csv"])
    assert bad.exit_code == 2
