"""Regenerate ``cleantext/_cjk_common.py``: the Han characters common in
Chinese text, which the CJK mojibake pre-check takes as usual.

From ``cleantext/data/cjk_freq.txt.gz`` (see :mod:`cleantext.plausibility`):
every character of GB2312 level 1 or Big5's common set whose log10
frequency is at least ``--threshold`` (jieba's list also rates some
mojibake characters such as '鍏' and '锛' as frequent, hence the level-1
filter), plus the Big5 characters that OpenCC's ``t2s`` turns into one of
those (Taiwan forms such as 為, 裡, 眾). Run from the repository root::

    python scripts/build_cjk_common.py [--threshold -5.0]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import opencc  # noqa: E402

from cleantext import plausibility  # noqa: E402

OUT = ROOT / "cleantext" / "_cjk_common.py"


def build(path: Path = OUT, threshold: float = -5.0) -> int:
    """Write the table into ``path`` (keeping its docstring); returns the
    number of characters."""
    plausibility._load()
    level1: set[str] = set()  # GB2312 level 1 and Big5's common set
    for a in range(0xA4, 0xD8):
        for b in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            for codec, lo, hi in (("gb2312", 0xB0, 0xD7), ("big5", 0xA4, 0xC6)):
                if lo <= a <= hi:
                    try:
                        level1.add(bytes([a, b]).decode(codec))
                    except UnicodeDecodeError:
                        pass
    # jieba's word list was built from web text with some mojibake in it
    # ('鍏', '锛', '銆' are frequent there): keep level-1 characters only.
    common = {c for c, lp in plausibility._UNI_RAW.items() if lp >= threshold and c in level1}
    # Taiwan-standard forms the table files under another variant (為 for
    # 爲, 裡 for 裏): Big5 characters that OpenCC's t2s makes a frequent one.
    t2s = opencc.OpenCC("t2s")
    big5 = {c for c in level1 if c.encode("big5", errors="ignore")}
    for c in big5 - common:
        s = t2s.convert(c)
        if s != c and s in common and plausibility._UNI_RAW.get(s, -9.0) >= threshold + 0.5:
            common.add(c)
    chars = sorted(common, key=ord)
    body = "".join(chars)
    with open(path, encoding="utf-8") as f:
        old = f.read()
    head = old[: old.index("COMMON_HAN = (")]
    lines = "".join(f'    "{body[i : i + 60]}"\n' for i in range(0, len(body), 60))
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + "COMMON_HAN = (\n" + lines + ")\n")
    return len(chars)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threshold", type=float, default=-5.0)
    args = ap.parse_args()
    n = build(OUT, args.threshold)
    print(f"wrote {OUT} ({n} characters)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
