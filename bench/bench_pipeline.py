"""Throughput of the whole default pipeline, beside ftfy on the same input.

Run: python bench/bench_pipeline.py [--mb 10] [--repeat 5]

Inputs (all built from the seed page in seeds/):
  seed-docs   the raw seed page as many separate documents (~10 MB in all):
              spam header, inline pinyin, broken entity, a duplicated article
  one-doc     the same bytes as one ~10 MB document (dedupe sees every copy)
  clean-docs  the seed's cleaned output (fixtures/seed-000.out.txt) as many
              documents: what a pre-commit hook sees on an already clean repo
  zh-docs     real text nobody on the team wrote: 400 Simplified documents of
              bench/corpus.py (People's Daily 1998, reviews; fetched into its
              cache on first use) joined by blank lines, ~0.75 MB, one text:
              clean prose with a few real repeated paragraphs (--no-corpus
              leaves it out)

For each input it prints the median wall time of several runs, MB/s (input
bytes / time) and the ratio against ftfy.fix_text with its default config on
the same text in the same run. It also times the cold start of
`cleantext clean --check` on one small file (median of 10 runs).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cleantext  # noqa: E402


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def cold_start(repeat: int = 10) -> float | None:
    exe = shutil.which("cleantext")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory() as d:
        p = Path(d, "small.txt")
        p.write_text("一段干净的中文文本，“引号”和全角标点。\n", encoding="utf-8")
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            subprocess.run([exe, "clean", "--check", str(p)], capture_output=True, check=False)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--mb", type=float, default=10.0, help="input size in MB (default 10)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    ap.add_argument("--no-ftfy", action="store_true", help="skip the ftfy comparison")
    ap.add_argument("--no-corpus", action="store_true", help="leave out the zh-docs input")
    args = ap.parse_args()

    seed = (ROOT / "seeds" / "000_e7e93553ca6a2c04.txt").read_bytes()
    cleaned = (ROOT / "fixtures" / "seed-000.out.txt").read_bytes()
    n_docs = max(1, int(args.mb * 1e6 / len(seed)))
    inputs = {
        "seed-docs": [seed] * n_docs,
        "one-doc": [b"\n".join([seed] * n_docs)],
        "clean-docs": [cleaned] * max(1, int(args.mb * 1e6 / len(cleaned))),
    }
    if not args.no_corpus:
        sys.path.insert(0, str(ROOT / "bench"))
        import corpus

        docs = corpus.documents("zh-hans", 400, (3, 12), seed=5)
        inputs["zh-docs"] = ["\n\n".join(docs).encode("utf-8")]
    print(
        f"cleantext {cleantext.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores"
    )
    print(f"median of {args.repeat} runs; MB = 10^6 bytes of input\n")
    header = f"{'input':<11} {'MB':>6} {'cleantext s':>12} {'MB/s':>8} {'ftfy s':>8} {'MB/s':>8} {'speed-up':>9}"
    print(header)
    print("-" * len(header))
    for name, docs in inputs.items():
        size = sum(len(d) for d in docs) / 1e6

        def run_ct() -> None:
            for d in docs:
                cleantext.clean(d)

        t_ct = median_time(run_ct, args.repeat)
        if args.no_ftfy:
            print(f"{name:<11} {size:6.1f} {t_ct:12.3f} {size / t_ct:8.1f}")
            continue
        import ftfy

        texts = [d.decode("utf-8") for d in docs]

        def run_ftfy() -> None:
            for t in texts:
                ftfy.fix_text(t)

        t_ff = median_time(run_ftfy, max(1, min(args.repeat, 3)))
        print(
            f"{name:<11} {size:6.1f} {t_ct:12.3f} {size / t_ct:8.1f} {t_ff:8.3f} {size / t_ff:8.1f} {t_ff / t_ct:8.1f}x"
        )
    cs = cold_start()
    if cs is None:
        print("\ncold start: `cleantext` is not on PATH (pip install the project first)")
    else:
        print(
            f"\ncold start of `cleantext clean --check small.txt`: {cs * 1000:.0f} ms (median of 10)"
        )


if __name__ == "__main__":
    main()
