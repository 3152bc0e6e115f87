"""Removals on clean prose: the page model must keep every line of it.

Documents of the corpus's Chinese prose (4,000 per script from ``corpus.documents``:
People's Daily 1998 and book reviews in Simplified, the same converted with
OpenCC ``s2tw`` and native Taiwanese blog text in Traditional), each cleaned on
its own with the default pipeline (in-process ``clean``), cycling through
them until ``--mb`` megabytes (UTF-8) have gone through. It prints the lines
removed per step (target 0), the page model's decisions and the number of
repair edits (the repair steps belong to other issues; they are counted here,
not judged).

Run: ``python bench/bench_prose.py [--mb 100]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import documents

from cleantext import clean


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=100.0, help="megabytes of text to clean")
    args = ap.parse_args(argv)
    docs = documents("zh-hans", 4000, (3, 12), seed=5) + documents("zh-hant", 4000, (3, 12), seed=6)
    unique = sum(len(d.encode()) for d in docs)
    target = int(args.mb * 1e6)
    removed: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    repairs: Counter[str] = Counter()
    examples: list[str] = []
    done = n = 0
    t0 = time.perf_counter()
    while done < target:
        for d in docs:
            r = clean(d)
            n += 1
            done += len(d.encode())
            kinds[r.page.kind if r.page else "none"] += 1
            for f in r.findings:
                if f.fixed and f.removes_lines:
                    removed[f.step] += (f.end_line or f.line) - f.line + 1
                    if len(examples) < 10:
                        examples.append(f"{f.step}: {f.original[:80]!r}")
                elif f.fixed:
                    repairs[f"{f.step}/{f.code}"] += 1
            if done >= target:
                break
    print(f"{done / 1e6:.1f} MB in {n} documents ({unique / 1e6:.1f} MB unique, cycled), "
          f"{time.perf_counter() - t0:.0f} s")  # fmt: skip
    print(f"page model: {dict(kinds)}")
    print(f"lines removed per step (target 0): {dict(removed) or 0}")
    for e in examples:
        print("  " + e)
    print(f"repair edits (other issues' steps, counted only): {dict(repairs) or 0}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
