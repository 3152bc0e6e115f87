"""Throughput of the plausibility score, beside ftfy's badness measure.

Run: python bench/bench_plausibility.py [--chars 460000] [--repeat 5]

This is the figure tests/test_plausibility.py used to assert on wall time
(300,000 characters/s), which failed under load: speed is measured here.
The input is real text (People's Daily 1998 sentences from bench/corpus.py)
joined to --chars characters. It prints the median time of --repeat runs of
``cleantext.plausibility.score`` and of ``ftfy.badness.badness`` (ftfy's own
"does this look like mojibake" measure) on the same text, characters per
second for each, and the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cleantext import plausibility  # noqa: E402


def median_time(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chars", type=int, default=460_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    from corpus import sentences

    text = ""
    pool = sentences("zh-hans", n=20000, seed=7)
    i = 0
    while len(text) < args.chars:
        text += pool[i % len(pool)]
        i += 1
    text = text[: args.chars]
    plausibility.score("预热")  # load the tables first
    ours = median_time(lambda: plausibility.score(text), args.repeat)
    from ftfy import badness

    theirs = median_time(lambda: badness.badness(text), args.repeat)
    n = len(text)
    print(f"{n:,} characters of real text, median of {args.repeat}")
    print(f"{'':<24} {'seconds':>8} {'chars/s':>12}")
    print(f"{'plausibility.score':<24} {ours:>8.3f} {n / ours:>12,.0f}")
    print(f"{'ftfy.badness.badness':<24} {theirs:>8.3f} {n / theirs:>12,.0f}")
    print(f"ratio (ftfy time / ours): {theirs / ours:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
