"""Build ``cleantext/data/letter_pairs.txt.gz``: character-pair statistics
of text in alphabets single-byte code pages encode, for
:mod:`cleantext.letterpairs` (ranking the readings of a short input).

Source: the translated messages (``.mo`` catalogues, ``msgstr``) that these
Debian packages install, fetched with ``apt-get download`` and unpacked
with ``dpkg-deb -x`` (the same cache ``bench/bench_detect.py`` uses):
``TRAINING`` below. None of them is in ``bench/bench_detect.py``'s dev or
held-out split. Chinese, Japanese and Korean catalogues are left out (no
single-byte code page writes them).

Each language's text (its regional and script variants with it) is counted alone: the pairs of adjacent characters
(ASCII digits read as ``0``, whitespace as a space) in which one character
at least is not ASCII, and every character's count as the first of a pair.
Each language's counts are divided by its number of pairs, and the shares
averaged over the languages, so that every language weighs the same
whatever its catalogues' size. Only characters some single-byte code page
decodes to are kept, and pairs seen ``MIN_PAIR`` times or more.

Usage (from the repository root)::

    CLEANTEXT_CORPUS_CACHE=/work/cache/corpus python scripts/build_letter_pairs.py

Output format (UTF-8 text, gzip-compressed): ``#`` lines are the
provenance header; lines ``u<q>\\t<chars>`` give characters whose share as
the first of a pair is ``10 ** (-q / 8)``; lines ``p<q>\\t<pairs>``
(concatenated two-character pairs) pairs whose share is ``10 ** (-q / 8)``.
"""

from __future__ import annotations

import gzip
import math
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_detect import DEV_PACKAGES, HELDOUT_PACKAGES, messages  # noqa: E402

from cleantext import detect  # noqa: E402
from cleantext.letterpairs import normalize, word_text  # noqa: E402

OUT = ROOT / "cleantext" / "data" / "letter_pairs.txt.gz"
TRAINING = (
    "util-linux-locales",
    "e2fsprogs-l10n",
    "gnupg-l10n",
    "nano",
    "make",
    "aptitude-common",
    "debconf-i18n",
    "libglib2.0-data",
)
MIN_PAIR = 2
#: Languages with fewer characters of text are left out (too little to say).
MIN_CHARS = 3000


def main() -> int:
    assert not set(TRAINING) & set(DEV_PACKAGES + HELDOUT_PACKAGES)
    alphabet: set[str] = set(map(chr, range(0x80)))
    for name in detect._tables():
        alphabet.update(bytes(range(0x80, 0x100)).decode(name, "ignore"))
    by_lang: dict[str, list[str]] = defaultdict(list)
    # Vietnamese in cp1258 is a letter and a combining tone mark; the model
    # scores text composed (NFC), so the composed letters belong too.
    for ch in map(chr, range(0xC0, 0x2000)):
        if all(c in alphabet for c in unicodedata.normalize("NFD", ch)):
            alphabet.add(ch)
    for ch in map(chr, range(0x1E00, 0x1F00)):
        if all(c in alphabet for c in unicodedata.normalize("NFD", ch)):
            alphabet.add(ch)
    for lang, msgs in messages(TRAINING).items():
        # pt_BR with pt, sr@latin with sr: one language each
        by_lang[lang.split("_")[0].split("@")[0]].extend(msgs)
    pair_share: dict[str, float] = defaultdict(float)
    pair_seen: Counter[str] = Counter()
    first_share: dict[str, float] = defaultdict(float)
    langs = []
    per_lang: list[str] = []
    for lang, msgs in sorted(by_lang.items()):
        if lang in ("zh", "ja", "ko"):
            continue
        text = normalize(" ".join(msgs))
        high = [c for c in text if c > "\x7f"]
        if len(text) < MIN_CHARS or sum(c in alphabet for c in high) * 2 < len(high):
            continue  # too little text, or an alphabet no code page has
        langs.append(lang)
        words = word_text(text)
        wpairs = Counter(a + b for a, b in zip(words, words[1:]))
        wuni = Counter(words)
        wn = len(words)
        lines_lang = [f"L\t{lang}"]
        for tag, tab in (("w", wuni), ("v", wpairs)):
            groups_l: dict[int, list[str]] = defaultdict(list)
            for key, n in tab.items():
                if n >= MIN_PAIR and key != "  ":
                    groups_l[round(-8 * math.log10(n / wn))].append(key)
            for q in sorted(groups_l):
                lines_lang.append(f"{tag}{q}\t" + "".join(sorted(groups_l[q])))
        per_lang.extend(lines_lang)
        pairs: Counter[str] = Counter()
        firsts: Counter[str] = Counter()
        for a, b in zip(text, text[1:]):
            firsts[a] += 1
            if (a > "\x7f" or b > "\x7f") and a in alphabet and b in alphabet:
                pairs[a + b] += 1
        total = len(text) - 1
        for p, n in pairs.items():
            pair_share[p] += n / total
            pair_seen[p] += n
        for c, n in firsts.items():
            if c in alphabet:
                first_share[c] += n / total
    k = len(langs)
    lines = [
        "# letter_pairs: shares of character pairs in translated messages of Debian",
        "# packages (" + ", ".join(TRAINING) + "),",
        f"# {k} languages, each weighing the same: " + " ".join(langs),
        "# built by scripts/build_letter_pairs.py; u<q>: first-of-pair shares, p<q>: pair",
        "# shares, 10 ** (-q / 8)",
    ]
    for tag, table in (
        ("u", {c: v / k for c, v in first_share.items()}),
        ("p", {p: v / k for p, v in pair_share.items() if pair_seen[p] >= MIN_PAIR}),
    ):
        groups: dict[int, list[str]] = defaultdict(list)
        for key, share in table.items():
            groups[round(-8 * math.log10(share))].append(key)
        for q in sorted(groups):
            lines.append(f"{tag}{q}\t" + "".join(sorted(groups[q])))
    lines += per_lang
    OUT.write_bytes(gzip.compress("\n".join(lines).encode("utf-8") + b"\n", mtime=0))
    n_pairs = sum(1 for p, s in pair_seen.items() if s >= MIN_PAIR)
    print(f"{OUT}: {k} languages, {n_pairs} pairs, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
