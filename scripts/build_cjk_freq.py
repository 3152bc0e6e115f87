"""Build ``cleantext/data/cjk_freq.txt.gz``: Han character and bigram
log-frequencies for :mod:`cleantext.plausibility`.

Source: jieba 0.42.1 (MIT licence, https://pypi.org/project/jieba/0.42.1/),
file ``jieba/dict.txt``: 349,046 words with corpus frequencies. Each word's
frequency is added to every character in it (unigrams) and to every pair of
adjacent characters in it (bigrams). Every word is also converted to
Traditional Chinese with OpenCC ``s2t`` and counted again, so the tables
cover both scripts. Only bigrams seen often enough to matter are kept.

Usage::

    pip download --no-deps --no-binary :all: jieba==0.42.1
    tar xzf jieba-0.42.1.tar.gz
    python scripts/build_cjk_freq.py jieba-0.42.1/jieba/dict.txt

Output format (UTF-8 text, gzip-compressed): ``#`` lines are the
provenance header; ``N <total>`` gives counts; then lines
``c<q>\\t<chars>`` (characters whose log10 probability is ``-q/8``); then
the line ``r\\t<rows>``: the two-character bigrams, whose smoothed log10
probability ``log10(L * P(second | first) + (1 - L) * P(second))`` is
``-q/8`` (``L`` = ``LAMBDA`` below), one row per first character (in code
point order, one space between rows): the first character, the second
characters of its bigrams (in code point order), then one character per
bigram, ``chr(Q0 + q)`` (:func:`row_line`; :mod:`cleantext.plausibility`
keeps the rows as they are: some 6,500 strings, not one object per bigram);
then lines ``m<q>\\t<chars>``: the characters whose lowest bigram into them
(they are its second character) has that ``q`` (derived from the bigrams by
:func:`min_into_lines`, so that :func:`cleantext.plausibility._min_into` is
read, not computed over 140,000 pairs, in every process that needs it;
``tests/test_cold_start.py`` holds the lines to the bigrams).

``python scripts/build_cjk_freq.py --derived`` rewrites the ``m`` lines of
the existing file from its own bigrams (no jieba needed).
"""

from __future__ import annotations

import gzip
import math
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from cleantext.textutil import is_han

OUT = Path(__file__).resolve().parent.parent / "cleantext" / "data" / "cjk_freq.txt.gz"
MAX_BIGRAMS = 160_000
MIN_CHAR_COUNT = 3
#: Weight of the bigram estimate against the unigram one.
LAMBDA = 0.6
#: A bigram's ``q`` is written as the character ``chr(Q0 + q)`` (ASCII, never
#: a Han character, a space or a line end): :data:`cleantext.plausibility._Q0`.
Q0 = 0x30
#: Entries of jieba's dictionary that are mojibake, not words: the GBK
#: readings of the first two bytes of UTF-8's commonest punctuation (E2 80:
#: “ ” ‘ ’ — …; E3 80: 、 。 「 」; EF BC: ， ！ （ ） ： ；), each a
#: one-character "word" counted thousands of times (锛 12,605, 銆 6,982,
#: 鈥 2,416) in the text jieba counted, where the characters themselves are
#: all but unused. Counted, they made UTF-8 read as GBK look like Chinese,
#: and a "repair" into them look like a repair ('Ã¢â€' -> '芒鈥'). Only these
#: entries go: a word with one of the characters in it is counted as before.
MOJIBAKE_ENTRIES = frozenset({"锛", "銆", "鈥"})


def row_line(bg_buckets: dict[int, list[str]]) -> str:
    """The ``r`` line: for each first character of the bigrams (in code point
    order), the character, the second characters of its bigrams (in code
    point order), then the ``q`` of each as ``chr(Q0 + q)``."""
    rows: dict[str, dict[str, int]] = {}
    for q, bigrams in bg_buckets.items():
        if not 0 <= q <= 0x7E - Q0:
            raise ValueError(f"q={q} has no character")
        for bg in bigrams:
            rows.setdefault(bg[0], {})[bg[1]] = q
    return "r\t" + " ".join(
        first
        + "".join(sorted(rows[first]))
        + "".join(chr(Q0 + q) for _, q in sorted(rows[first].items()))
        for first in sorted(rows)
    )


def buckets_of_row_line(line: str) -> dict[int, list[str]]:
    """The bigrams of an ``r`` line by ``q`` (what :func:`row_line` was given)."""
    buckets: dict[int, list[str]] = {}
    for row in line.partition("\t")[2].split(" "):
        n = (len(row) - 1) // 2
        for second, q in zip(row[1 : n + 1], row[n + 1 :]):
            buckets.setdefault(ord(q) - Q0, []).append(row[0] + second)
    return buckets


def min_into_lines(bg_buckets: dict[int, list[str]]) -> list[str]:
    """The ``m`` lines: for each character that ends a bigram, the ``q`` of
    its lowest one (the highest ``q``), the characters of each ``q`` in
    code point order, the lines by ``q``."""
    low: dict[str, int] = {}
    for q, bigrams in bg_buckets.items():
        for bg in bigrams:
            if q > low.get(bg[1], -1):
                low[bg[1]] = q
    by_q: dict[int, list[str]] = {}
    for ch, q in low.items():
        by_q.setdefault(q, []).append(ch)
    return [f"m{q}\t" + "".join(sorted(by_q[q])) for q in sorted(by_q)]


def rewrite_derived() -> int:
    """Rewrite the ``m`` lines of :data:`OUT` from its own ``r`` line."""
    lines = gzip.decompress(OUT.read_bytes()).decode("utf-8").rstrip("\n").split("\n")
    kept = [ln for ln in lines if not ln.startswith("m")]
    buckets = buckets_of_row_line(next(ln for ln in kept if ln[0] == "r"))
    derived = min_into_lines(buckets)
    data = ("\n".join(kept + derived) + "\n").encode("utf-8")
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{OUT}: m lines rewritten, {len(data)} bytes raw, {OUT.stat().st_size} compressed")
    return 0


def main(argv: list[str]) -> int:
    if argv == ["--derived"]:
        return rewrite_derived()
    import opencc

    s2t = opencc.OpenCC("s2t")
    words: Counter[str] = Counter()
    for raw in Path(argv[0]).read_text(encoding="utf-8").splitlines():
        parts = raw.split(" ")
        if len(parts) < 2:
            continue
        word, freq = parts[0], int(parts[1])
        if freq <= 0 or not all(is_han(c) for c in word) or word in MOJIBAKE_ENTRIES:
            continue
        words[word] += freq
    extra: Counter[str] = Counter()
    for word, freq in words.items():
        trad = s2t.convert(word)
        extra[trad] += freq
    words.update(extra)

    chars: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    for word, freq in words.items():
        for c in word:
            chars[c] += freq
        for a, b in zip(word, word[1:]):
            bigrams[a + b] += freq
    total = sum(chars.values())
    left: Counter[str] = Counter()
    for bg, n in bigrams.items():
        left[bg[0]] += n

    char_buckets: dict[int, list[str]] = {}
    for c, n in chars.items():
        if n < MIN_CHAR_COUNT:
            continue
        q = round(-math.log10(n / total) * 8)
        char_buckets.setdefault(q, []).append(c)
    kept = [bg for bg, n in bigrams.most_common(MAX_BIGRAMS) if n >= 20]
    bg_buckets: dict[int, list[str]] = {}
    for bg in kept:
        # P(second | first), with the first character's count as context.
        p = bigrams[bg] / chars[bg[0]]
        pu = chars[bg[1]] / total
        q = max(0, round(-math.log10(LAMBDA * p + (1 - LAMBDA) * pu) * 8))
        bg_buckets.setdefault(q, []).append(bg)

    lines = [
        "# Han character and bigram log10 frequencies for cleantext.plausibility.",
        "# Generated by scripts/build_cjk_freq.py; do not edit.",
        "# Source: jieba 0.42.1 dict.txt (MIT licence, https://pypi.org/project/jieba/),",
        "# word frequencies summed per character and per in-word bigram, plus the",
        "# same words converted with OpenCC s2t (opencc "
        + getattr(opencc, "__version__", "?")
        + ").",
        f"N\t{LAMBDA}\t{total}\t{sum(len(v) for v in char_buckets.values())}\t{len(kept)}",
    ]
    for q in sorted(char_buckets):
        lines.append(f"c{q}\t" + "".join(sorted(char_buckets[q])))
    lines.append(row_line(bg_buckets))
    lines += min_into_lines({q: sorted(bgs) for q, bgs in bg_buckets.items()})
    data = ("\n".join(lines) + "\n").encode("utf-8")
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(
        f"{OUT}: {len(data)} bytes raw, {OUT.stat().st_size} compressed;"
        f" {sum(len(v) for v in char_buckets.values())} chars, {len(kept)} bigrams"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
