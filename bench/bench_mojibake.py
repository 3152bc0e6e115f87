"""Mojibake repair benchmark: cleantext's ``mojibake`` step against ftfy.

Run from the repository root::

    python bench/bench_mojibake.py            # full run (a few minutes)
    python bench/bench_mojibake.py --quick    # under a minute
    python bench/bench_mojibake.py --seed 1   # another sample of texts

Tables printed:

1. Repair rate per mojibake kind x length. Real text from ``bench/corpus.py``
   (People's Daily / reviews for Simplified, native Big5 blogs for
   Traditional) is damaged the way each kind damages it: encoded with the
   right codec and decoded with the wrong one, *strictly*. A case is
   *reversible* when that strict decode succeeds (nothing was lost); only
   those are scored, and the share of reversible cases is printed. A repair
   is right when the output equals the original text exactly. ftfy runs
   ``fix_encoding`` (its default encoding fixes) on the same cases.
   ``partial`` rows damage one sentence in the middle of a clean text.
2. Clean text from the same corpora (and Japanese, Korean, English, Western
   European) run through the step: how many texts change (must be 0), with
   ftfy's ``fix_text`` defaults and ``fix_encoding`` for comparison.
3. ftfy's own test cases (``../shared/peers/ftfy``): how many match.
4. Throughput of the step on clean text, medians of several runs (the
   People's Daily news alone, and every source of a language: the book and
   hotel reviews hold some real GBK-read-as-Big5 damage, which the step
   repairs, see table 2).

The plausibility tables the repair is checked with come from jieba's word
list, not from any of these texts.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import peers_dir, snippets  # noqa: E402

from cleantext.steps import Context  # noqa: E402
from cleantext.steps.mojibake import fix_mojibake  # noqa: E402


def _strict(enc: str, dec: str, bom: bool = False) -> Callable[[str], str | None]:
    def damage(text: str) -> str | None:
        try:
            data = text.encode(enc)
            if bom:
                data = b"\xef\xbb\xbf" + data
            return data.decode(dec)
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None

    return damage


# (label, corpus language, damage function)
KINDS: list[tuple[str, str, Callable[[str], str | None]]] = [
    ("utf8-as-gbk", "zh-hans", _strict("utf-8", "gb18030")),
    ("utf8-as-gbk (trad)", "zh-hant", _strict("utf-8", "gb18030")),
    ("gbk-as-latin1", "zh-hans", _strict("gbk", "latin-1")),
    ("gbk-as-cp1252", "zh-hans", _strict("gbk", "cp1252")),
    ("big5-as-gbk", "zh-hant", _strict("big5", "gb18030")),
    ("gbk-as-big5", "zh-hans", _strict("gbk", "big5")),
    ("utf8-as-big5", "zh-hans", _strict("utf-8", "cp950")),
    ("utf8-as-sjis", "zh-hans", _strict("utf-8", "cp932")),
    ("utf8-bom-as-gbk", "zh-hans", _strict("utf-8", "gb18030", bom=True)),
]

LENGTHS = ("8-40", "~200", "~2000")
POOL = 10
#: Added to every corpus seed (``--seed``): another draw of texts, to check
#: that a change is not tuned to one sample.
SEED = 0


def texts(lang: str, length: str, n: int, seed: int) -> list[str]:
    seed += SEED * 1000
    if length == "8-40":
        out: list[str] = []
        per = max(1, n // 5)
        for k, size in enumerate((8, 16, 24, 32, 40)):
            out += snippets(lang, size, per, seed=seed + k)
        return out[:n]
    size = 200 if length == "~200" else 2000
    return snippets(lang, size, n, seed=seed)


def _ftfy_fix_encoding(text: str) -> str:
    import ftfy

    return ftfy.fix_encoding(text)


def _ours(text: str) -> str:
    return fix_mojibake(text, Context())[0]


def repair_table(n: int) -> None:
    print(
        f"\n## 1. Repair rate (exact match) per kind x length, reversible cases only (n <= {n} per cell)\n"
    )
    print(
        f"Texts drawn per cell: {n * POOL}; 'reversible' = how many of them the kind damages without loss (first {n} kept).\n"
    )
    print("| kind | length | reversible | cleantext | ftfy fix_encoding |")
    print("|---|---|---|---|---|")
    totals = {"ours": [0, 0], "ftfy": [0, 0]}
    for label, lang, damage in KINDS:
        for length in LENGTHS:
            # Draw up to POOL x n texts to find n whose damage is reversible
            # (most UTF-8 texts do not decode strictly as GBK, Big5 or
            # Shift_JIS: a real decoder loses a byte there).
            cases = texts(lang, length, n * POOL, seed=zlib.crc32(label.encode()) % 1000)
            rev = [(t, d) for t in cases if (d := damage(t)) is not None and d != t][:n]
            if not rev:
                print(f"| {label} | {length} | 0/{len(cases)} | - | - |")
                continue
            ok = sum(1 for t, d in rev if _ours(d) == t)
            fok = sum(1 for t, d in rev if _ftfy_fix_encoding(d) == t)
            totals["ours"][0] += ok
            totals["ours"][1] += len(rev)
            totals["ftfy"][0] += fok
            totals["ftfy"][1] += len(rev)
            print(
                f"| {label} | {length} | {len(rev)}/{len(cases)} | "
                f"{ok}/{len(rev)} = {100 * ok / len(rev):.1f}% | {fok}/{len(rev)} = {100 * fok / len(rev):.1f}% |"
            )
    # partial damage: one sentence in the middle of clean text
    for label, lang, damage in KINDS[:6]:
        cases = texts(lang, "~200", n, seed=7)
        rev = []
        for t in cases:
            a, b = len(t) // 3, 2 * len(t) // 3
            d = damage(t[a:b])
            if d is not None and d != t[a:b]:
                rev.append((t, t[:a] + d + t[b:]))
        if not rev:
            continue
        ok = sum(1 for t, d in rev if _ours(d) == t)
        fok = sum(1 for t, d in rev if _ftfy_fix_encoding(d) == t)
        totals["ours"][0] += ok
        totals["ours"][1] += len(rev)
        totals["ftfy"][0] += fok
        totals["ftfy"][1] += len(rev)
        print(
            f"| {label} partial | ~200 | {len(rev)}/{len(cases)} | "
            f"{ok}/{len(rev)} = {100 * ok / len(rev):.1f}% | {fok}/{len(rev)} = {100 * fok / len(rev):.1f}% |"
        )
    o, f = totals["ours"], totals["ftfy"]
    print(
        f"| **all** | | {o[1]} | {o[0]}/{o[1]} = {100 * o[0] / o[1]:.1f}% | {f[0]}/{f[1]} = {100 * f[0] / f[1]:.1f}% |"
    )
    lossy_table(n)


def lossy_table(n: int) -> None:
    """UTF-8 read as GB18030 by a decoder that replaces what it cannot use
    (what browsers and editors do): not reversible, so not in the table
    above. A case counts as recovered when every character is back except
    the ones that lost a byte, which come out as U+FFFD (and are reported)."""
    print("\n### 1b. UTF-8 read as GB18030 with replacement (lossy; not in the total above)\n")
    print(
        "| text | length | cases | fully recovered but lost chars | chars recovered | chars lost | ftfy chars recovered |"
    )
    print("|---|---|---|---|---|---|---|")
    for lang in ("zh-hans", "zh-hant"):
        for length in LENGTHS:
            cases = texts(lang, length, n, seed=23)
            ok = rec = lost = total = frec = 0
            for t in cases:
                d = t.encode("utf-8").decode("gb18030", "replace")
                out = _ours(d)
                fo = _ftfy_fix_encoding(d)
                total += len(t)
                if len(out) == len(t):
                    same = sum(1 for a, b in zip(out, t) if a == b)
                    miss = sum(1 for a, b in zip(out, t) if a != b and a == "\ufffd")
                    rec += same
                    lost += miss
                    ok += same + miss == len(t)
                if len(fo) == len(t):
                    frec += sum(1 for a, b in zip(fo, t) if a == b)
            print(
                f"| {lang} | {length} | {len(cases)} | {ok} = {100 * ok / len(cases):.0f}% | "
                f"{100 * rec / total:.1f}% | {100 * lost / total:.1f}% | {100 * frec / total:.1f}% |"
            )


def clean_table(n: int) -> None:
    import ftfy

    print("\n## 2. Clean text changed (must be 0; n = texts per cell)\n")
    print(
        "| language | length | texts | cleantext changed | cleantext reports | ftfy fix_text changed | ftfy fix_encoding changed |"
    )
    print("|---|---|---|---|---|---|---|")
    total = changed_total = 0
    examples: list[tuple[str, Any]] = []
    for lang in ("zh-hans", "zh-hant", "ja", "ko", "en", "latin"):
        for length in LENGTHS:
            cases = texts(lang, length, n, seed=11)
            changed = reports = f1 = f2 = 0
            for t in cases:
                out, findings = fix_mojibake(t, Context())
                changed += out != t
                examples.extend((lang, f) for f in findings if f.fixed)
                reports += sum(1 for f in findings if not f.fixed)
                f1 += ftfy.fix_text(t) != t
                f2 += ftfy.fix_encoding(t) != t
            total += len(cases)
            changed_total += changed
            print(f"| {lang} | {length} | {len(cases)} | {changed} | {reports} | {f1} | {f2} |")
    print(f"| **all** | | {total} | {changed_total} | | | |")
    if examples:
        print(
            "\nEvery change made to the 'clean' texts, for inspection (the corpus itself has some damage):\n"
        )
        for lang, f in examples[:20]:
            print(f"- {lang}: {f.code} {f.original[:40]!r} -> {(f.replacement or '')[:40]!r}")


def peer_table() -> None:
    print("\n## 3. ftfy's own cases (../shared/peers/ftfy), expected = fixed-encoding or fixed\n")
    print("| file | cases | cleantext matches |")
    print("|---|---|---|")
    d = peers_dir() / "ftfy"
    for name in ("in-the-wild.json", "synthetic.json", "negative.json", "language-names.json"):
        cases = json.loads((d / name).read_text("utf-8"))
        ok = sum(1 for c in cases if _ours(c["original"]) == c.get("fixed-encoding", c["fixed"]))
        print(f"| {name} | {len(cases)} | {ok} |")


def _median_mbs(func: Callable[[], object], nbytes: int, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return nbytes / 1e6 / statistics.median(times)


def throughput_table(quick: bool) -> None:
    import ftfy

    runs = 3 if quick else 7
    print(f"\n## 4. Throughput on clean text (MB of UTF-8 per second, median of {runs} runs)\n")
    print("| text | MB | cleantext mojibake step | ftfy fix_encoding | ratio |")
    print("|---|---|---|---|---|")
    for lang, source in (("zh-hans", "pd1998"), ("zh-hans", None), ("zh-hant", None), ("en", None)):
        body = "\n".join(snippets(lang, 2000, 100 if quick else 500, seed=3, source=source))
        label = f"{lang} ({source or 'all sources'})"
        nbytes = len(body.encode("utf-8"))
        ours = _median_mbs(lambda: fix_mojibake(body, Context()), nbytes, runs)
        theirs = _median_mbs(lambda: ftfy.fix_encoding(body), nbytes, max(1, runs // 2))
        print(
            f"| {label} | {nbytes / 1e6:.1f} | {ours:.1f} | {theirs:.1f} | {ours / theirs:.1f}x |"
        )
    # a damaged page: every 20th line is mojibake
    lines = snippets("zh-hans", 200, 400 if quick else 2000, seed=4)
    lines = [
        (ln.encode("utf-8").decode("gb18030", "replace") if i % 20 == 0 else ln)
        for i, ln in enumerate(lines)
    ]
    body = "\n".join(ln.replace("\n", " ") for ln in lines)
    nbytes = len(body.encode("utf-8"))
    ours = _median_mbs(lambda: fix_mojibake(body, Context()), nbytes, runs)
    print(f"| zh-hans, 5% of lines UTF-8-as-GBK | {nbytes / 1e6:.1f} | {ours:.1f} | - | - |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer cases, under a minute")
    parser.add_argument(
        "--seed", type=int, default=0, help="draw another sample of texts (default 0)"
    )
    args = parser.parse_args(argv)
    global SEED
    SEED = args.seed
    random.seed(0)
    t0 = time.perf_counter()
    n = 20 if args.quick else 100
    repair_table(n)
    clean_table(n)
    peer_table()
    throughput_table(args.quick)
    print(f"\n(ran in {time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
