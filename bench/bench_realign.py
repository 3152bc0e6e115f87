"""How often reading a run of GBK again in step gets it right, and how often wrong.

A farm's pages lose single bytes of their GBK text (see
``cleantext/cjkmojibake/realign.py``): a pinyin annotation written inside a
character (``?yàn)`` then a run one byte out of step), or the first byte of
``。`` (``?`` then a full-width form, folded to ASCII by NFKC, then the run).
Its decoder reads the rest; what it does with a pair of bytes it cannot
decode (GBK's user-defined area) we cannot see, so both are simulated: the
pair dropped (a gap in the run), or kept as the private-use character that
GB18030 gives it. Real Traditional text, nobody's on the team (the peer Big5
blogs and feeds, and People's Daily converted with OpenCC), is damaged so,
folded by NFKC as scraped corpora are, and each run is read again:

- right: the reading is the text that was there (NFKC-folded);
- wrong: it is not (a run read over a gap has a wrong character there);
- left: the run is left as it is.

Each is counted with the gap check (:func:`over_a_gap`) and without it.
Last, the cost of the worst case: a page of distinct paragraphs with every
``。`` damaged so.

    python bench/bench_realign.py [--n 1500] [--mb 1]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import paragraphs

from cleantext.cjkmojibake import realign

SOURCES = ["peer-big5", "pd1998-s2tw"]


def farm_decode(data: bytes, keep_private: bool) -> str:
    """GBK as the farm's decoder reads it: an unpaired first byte is ``?``;
    a pair with no character is dropped, or kept as private use."""
    out: list[str] = []
    i = 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
        elif i + 1 < len(data) and data[i + 1] >= 0x40:
            pair = data[i : i + 2]
            try:
                out.append(pair.decode("gbk"))
            except UnicodeDecodeError:
                if keep_private:
                    try:
                        out.append(pair.decode("gb18030"))
                    except UnicodeDecodeError:
                        pass
            i += 2
        else:
            out.append("?")
            i += 1
    return "".join(out)


def cases(
    lines: list[str], n: int, seed: int
) -> tuple[list[tuple[str, int, int]], list[tuple[str, int]]]:
    """Up to ``n`` places of each kind: (line, index of a Han character,
    byte offset) for a remnant, (line, index of a '。' before Han)."""
    rng = random.Random(seed)
    remnant: list[tuple[str, int, int]] = []
    stop: list[tuple[str, int]] = []
    for line in lines:
        try:
            line.encode("gbk")
        except UnicodeEncodeError:
            continue
        han = [m.start() for m in re.finditer("[\u4e00-\u9fff]", line)]
        for i in rng.sample(han, min(2, len(han))):
            remnant.append((line, i, len(line[:i].encode("gbk"))))
        for m in re.finditer("。(?=[\u4e00-\u9fff])", line):
            stop.append((line, m.start()))
    rng.shuffle(remnant)
    rng.shuffle(stop)
    return remnant[:n], stop[:n]


def run(
    remnant: list[tuple[str, int, int]], stop: list[tuple[str, int]], keep_private: bool
) -> dict[str, Counter[str]]:
    nfkc = unicodedata.normalize
    out = {"remnant": Counter[str](), "lost 。": Counter[str]()}
    for line, i, at in remnant:
        pre = line[:i] + "?yīn)"
        damaged = nfkc("NFKC", pre + farm_decode(line.encode("gbk")[at + 1 :], keep_private))
        truth = nfkc("NFKC", line[i + 1 :])
        got = realign.in_step(damaged, len(nfkc("NFKC", pre)))
        if got is None:
            out["remnant"]["left"] += 1
        else:
            fixed = nfkc("NFKC", got[1])
            out["remnant"]["right" if truth.startswith(fixed) else "wrong"] += 1
    for line, i in stop:
        at = len(line[:i].encode("gbk"))
        damaged = nfkc(
            "NFKC", line[:i] + "?" + farm_decode(line.encode("gbk")[at + 1 :], keep_private)
        )
        truth = nfkc("NFKC", line[i + 1 :])
        start = len(nfkc("NFKC", line[:i])) + 1
        runs = [r for r in realign.after_lost_lead(damaged) if r[0] == start]
        if not runs:
            out["lost 。"]["left"] += 1
        else:
            fixed = nfkc("NFKC", runs[0][2])
            out["lost 。"]["right" if truth.startswith(fixed) else "wrong"] += 1
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1500, help="places of each kind (default 1500)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--mb", type=float, default=1.0, help="size of the worst-case page (default 1 MB)"
    )
    args = ap.parse_args()
    t0 = time.perf_counter()
    lines = paragraphs("zh-hant", min_chars=40, max_chars=400, seed=args.seed, source=SOURCES)
    remnant, stop = cases(lines, args.n, args.seed)
    print(
        f"zh-hant paragraphs ({', '.join(SOURCES)}): {len(lines)}; places: {len(remnant)} remnants, {len(stop)} lost '。'"
    )
    print()
    print("| decoder | kind | gap check | right | wrong | left | wrong / read |")
    print("|---|---|---|---:|---:|---:|---:|")
    for keep_private, decoder in ((False, "drops pairs"), (True, "keeps them (private use)")):
        for check in (True, False):
            if check:
                table = run(remnant, stop, keep_private)
            else:
                with mock.patch.object(realign, "over_a_gap", lambda *a: False):
                    table = run(remnant, stop, keep_private)
            for kind, c in table.items():
                read = c["right"] + c["wrong"]
                share = f"{100 * c['wrong'] / read:.1f}%" if read else "-"
                print(
                    f"| {decoder} | {kind} | {'yes' if check else 'no'} | {c['right']} | {c['wrong']} | {c['left']} | {share} |"
                )
    print()
    # the worst case met in a page: every '。' before Han lost its first byte,
    # in distinct paragraphs (a page repeats its runs; these do not)
    damaged: list[str] = []
    size = 0
    for line in lines:
        try:
            data = line.encode("gbk").replace("。".encode("gbk"), b"?\xa3")
        except UnicodeEncodeError:
            continue
        text = unicodedata.normalize("NFKC", farm_decode(data, False))
        damaged.append(text)
        size += len(text.encode())
        if size >= args.mb * 1_000_000:
            break
    page = "\n".join(damaged)
    mb = len(page.encode()) / 1e6
    t = time.process_time()
    runs = realign.after_lost_lead(page)
    spent = time.process_time() - t
    print(
        f"every '。' lost in {mb:.1f} MB of distinct paragraphs ({page.count('?')} '?'): "
        f"{len(runs)} runs read again in {spent:.2f} s CPU = {mb / spent:.2f} MB/s"
    )
    print(f"time: {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
