"""The command line's own costs: cold start, and what it adds over the library.

Run from the repository root: python bench/bench_cli.py [--repeat 10] [--files 200]

Tables printed:

1. Cold start (median and min wall time of ``--repeat`` runs, after one
   warm-up): bare ``python``, ``import typer``, ``import cleantext`` plus
   one ``clean`` of a short text in-process, and the ``cleantext`` console
   script on one small clean file (what a pre-commit hook pays per
   process). Typer 0.29+ would add pydantic (it builds a TypeAdapter per
   parameter): about 0.1-0.2 s more; the project pins typer below 0.29.
2. Import time of the big pieces, from ``python -X importtime`` (one run,
   cumulative microseconds; noisy).
3. Many files, the way pre-commit passes them: ``--files`` copies of the
   seed page (real scraped text) and of its cleaned output in a temp dir;
   ``clean --check -q DIR`` over all of them in one process, against a
   fresh ``python`` process calling ``cleantext.clean`` on the same files
   (the ratio is what the CLI adds: Typer, the walk, reports).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e7e93553ca6a2c04.txt"
SEED_OUT = ROOT / "fixtures" / "seed-000.out.txt"


def timed(cmd: list[str], repeat: int, stdin: bytes | None = None) -> tuple[float, float]:
    subprocess.run(cmd, input=stdin, capture_output=True)  # warm-up (page cache)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, input=stdin, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def cold_start(exe: str, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as d:
        small = Path(d, "small.txt")
        small.write_text("一段乾淨的中文文本，“引號”和全形標點。\n", encoding="utf-8")
        rows = [
            ("python -c pass", [sys.executable, "-c", "pass"], None),
            ("python -c 'import typer'", [sys.executable, "-c", "import typer"], None),
            (
                "python: import cleantext, clean() once",
                [
                    sys.executable,
                    "-c",
                    "import cleantext; cleantext.clean('一段中文。\\n'.encode())",
                ],
                None,
            ),
            ("cleantext --version", [exe, "--version"], None),
            ("cleantext clean --check small.txt", [exe, "clean", "--check", str(small)], None),
            ("cleantext clean < small.txt", [exe, "clean"], small.read_bytes()),
            ("cleantext detect --json small.txt", [exe, "detect", "--json", str(small)], None),
        ]
        print(f"## Cold start ({repeat} runs after a warm-up)\n")
        print("| command | median ms | min ms |")
        print("|---|---:|---:|")
        for label, cmd, stdin in rows:
            med, low = timed(cmd, repeat, stdin)
            print(f"| `{label}` | {med * 1000:.0f} | {low * 1000:.0f} |")
        print()


def import_times(exe: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        small = Path(d, "small.txt")
        small.write_text("一段乾淨的中文文本。\n", encoding="utf-8")
        proc = subprocess.run(
            [
                sys.executable,
                "-X",
                "importtime",
                "-c",
                "import sys; from cleantext.cli import main; sys.argv=['cleantext','clean','--check',sys.argv[1]]; main()",
                str(small),
            ],
            capture_output=True,
            text=True,
        )
    wanted = (
        "typer",
        "pydantic",
        "rich",
        "cleantext",
        "cleantext.cli",
        "cleantext.steps",
        "ftfy",
        "opencc",
        "pypinyin",
        "charset_normalizer",
    )
    found: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2].strip()
        if name in wanted or name.startswith("cleantext.steps."):
            found[name] = max(found.get(name, 0), int(parts[1]))
    print("## Import time (cumulative, one run, `clean --check small.txt`)\n")
    print("| module | ms |")
    print("|---|---:|")
    for name in sorted(found, key=lambda n: -found[n]):
        print(f"| `{name}` | {found[name] / 1000:.1f} |")
    missing = [w for w in wanted if w not in found]
    if missing:
        print(f"\nnot imported: {', '.join(missing)}")
    print()


_LIBRARY_LOOP = """
import sys
from pathlib import Path
import cleantext
for p in sorted(Path(sys.argv[1]).iterdir()):
    cleantext.clean(p.read_bytes(), filename=str(p))
"""


def many_files(exe: str, n: int, repeat: int) -> None:
    print(f"## {n} files in one process (median of {repeat} runs, each a fresh process)\n")
    print(
        "| input | MB | CLI `clean --check -q DIR` s | MB/s | python calling `cleantext.clean` s | CLI / library |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for label, src in (("seed page (dirty)", SEED), ("cleaned seed", SEED_OUT)):
        data = src.read_bytes()
        with tempfile.TemporaryDirectory() as d:
            for i in range(n):
                Path(d, f"page{i:04d}.txt").write_bytes(data)
            mb = n * len(data) / 1e6
            cli_t, _ = timed([exe, "clean", "--check", "-q", d], repeat)
            lib_t, _ = timed([sys.executable, "-c", _LIBRARY_LOOP, d], repeat)
        print(
            f"| {label} | {mb:.2f} | {cli_t:.2f} | {mb / cli_t:.2f} | {lib_t:.2f} | {cli_t / lib_t:.2f} |"
        )
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--files", type=int, default=200)
    args = ap.parse_args()
    exe = shutil.which("cleantext") or str(Path(sys.executable).with_name("cleantext"))
    if not Path(exe).exists():
        sys.exit(
            "bench_cli: error: the cleantext console script is not installed (pip install -e .)"
        )
    cold_start(exe, args.repeat)
    import_times(exe)
    many_files(exe, args.files, max(3, args.repeat // 3))


if __name__ == "__main__":
    main()
