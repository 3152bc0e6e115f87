"""Score spam and dedupe on the issue-9 page generator (``pagegen.py``).

Pages are built around real bodies (``corpus.documents``) with spam of 12
families at the head and/or tail, a second copy of the article under a
reformatted header in half of them, and hard negatives (footers, labelled
lines, body sentences from the corpus that mention gambling, invoices or
phone numbers). Each page is cleaned with the default pipeline (in-process
``clean``). Printed:

* spam lines removed (recall) and precision (a removed line that is not
  spam counts against it), per family;
* second copies removed whole with their header, the first copy intact;
* hard negatives and first-copy lines removed (target 0);
* idempotence: ``clean(clean(x)) == clean(x)``;
* pages with 100+ spam lines: cleaned in one pass.

Run: ``python bench/bench_pages.py [--quick] [--seed N]``.
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pagegen
from corpus import documents, sentences

from cleantext import clean

QUICK = "--quick" in sys.argv
SEED = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 0
N = 150 if QUICK else 600

_TOPICAL = re.compile(r"赌|彩票|发票|證件|证件|办证|色情|毒品|贷款|电话|微信|网址|视频")


def removed_lines(result) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """0-based input line -> step, for every line a fixed finding removed."""
    out: dict[int, str] = {}
    for f in result.findings:
        if f.fixed and f.removes_lines:
            for i in range(f.line - 1, f.end_line or f.line):
                out[i] = f.step
    return out


def main() -> int:
    rng = random.Random(SEED)
    pages: list[tuple[str, pagegen.Page]] = []
    for lang in ("zh-hans", "zh-hant"):
        docs = documents(lang, N, (3, 10), seed=SEED + 11)
        heads = [pagegen.title_of(x) for x in sentences(lang, 4 * N, seed=SEED + 12)]
        topical = [s for s in sentences(lang, seed=SEED + 13) if _TOPICAL.search(s)][: 4 * N]
        for k, doc in enumerate(docs):
            body = [p for p in doc.split("\n") if p.strip()]
            titles = heads[4 * k : 4 * k + 4]
            neg = [topical[k % len(topical)]] if topical and k % 3 == 0 else None
            many = k % 10 == 0
            page = pagegen.make_page(
                rng, body, titles, hant=lang == "zh-hant", negatives=neg, many=many
            )
            pages.append((lang, page))
            if k % 4 == 0:
                pages.append(("hard-negative", pagegen.hard_negative_page(rng, body, titles)))

    spam_total: Counter[str] = Counter()
    spam_hit: Counter[str] = Counter()
    wrong: Counter[str] = Counter()  # label of a wrongly removed line
    wrong_examples: list[str] = []
    missed_examples: list[str] = []
    copies = copies_ok = 0
    copy_fail: list[str] = []
    many = many_ok = 0
    idem = idem_ok = 0
    neg_pages = neg_ok = 0
    t0 = time.perf_counter()
    for lang, page in pages:
        r = clean(page.text)
        gone = removed_lines(r)
        for i, (line, label) in enumerate(zip(page.lines, page.labels)):
            if label.startswith("spam"):
                fam = label.partition(":")[2]
                spam_total["all"] += 1
                spam_total[fam] += 1
                if i in gone:
                    spam_hit["all"] += 1
                    spam_hit[fam] += 1
                elif len(missed_examples) < 40:
                    missed_examples.append(f"{fam}: {line[:90]}")
            elif label in ("body", "header", "neg") and i in gone:
                wrong[label] += 1
                if len(wrong_examples) < 25:
                    wrong_examples.append(f"{label} ({gone[i]}): {line[:90]}")
        if page.has_copy:
            copies += 1
            idx = [i for i, lab in enumerate(page.labels) if lab == "copy"]
            if all(i in gone for i in idx):
                copies_ok += 1
            elif len(copy_fail) < 15:
                left = [page.lines[i][:50] for i in idx if i not in gone]
                copy_fail.append(
                    f"header {page.header_first}->{page.header_second}: kept {left[:3]}"
                )
        if lang == "hard-negative":
            neg_pages += 1
            neg_ok += not gone
        if sum(lab.startswith("spam") for lab in page.labels) >= 100:
            many += 1
            many_ok += all(i in gone for i, lab in enumerate(page.labels) if lab.startswith("spam"))
        if lang != "hard-negative":
            idem += 1
            idem_ok += clean(r.text).text == r.text
    elapsed = time.perf_counter() - t0

    removed_total = spam_hit["all"] + sum(wrong.values())
    print(
        f"# page generator benchmark ({len(pages)} pages, seed {SEED}{', quick' if QUICK else ''})\n"
    )
    print(f"spam lines removed (recall): {spam_hit['all'] / max(1, spam_total['all']):.2%} "
          f"({int(spam_hit['all'])}/{int(spam_total['all'])})")  # fmt: skip
    print(f"precision (spam among removed non-copy lines): "
          f"{spam_hit['all'] / max(1, removed_total):.2%}; wrongly removed: {dict(wrong)}")  # fmt: skip
    print(f"second copies removed whole with their header: {copies_ok / max(1, copies):.2%} "
          f"({copies_ok}/{copies})")  # fmt: skip
    print(f"hard-negative pages untouched: {neg_ok}/{neg_pages}")
    print(f"pages with 100+ spam lines cleaned in one pass: {many_ok}/{many}")
    print(f"idempotent (clean twice = clean once): {idem_ok}/{idem}")
    print(f"time: {elapsed:.1f} s\n")
    print("| family | spam lines | recall |\n|---|---:|---:|")
    for fam in [*sorted(pagegen.FAMILIES), "nav"]:
        n = spam_total[fam]
        print(f"| {fam} | {n:.0f} | {spam_hit[fam] / max(1e-9, n):.2%} |")
    for title, rows in (("missed spam", missed_examples), ("wrongly removed", wrong_examples),
                        ("second copies not removed whole", copy_fail)):  # fmt: skip
        if rows:
            print(f"\n{title}:")
            for row in rows:
                print("  " + row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
