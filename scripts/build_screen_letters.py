"""Regenerate ``cleantext/data/screen_letters.gz``: the letter of every
character of the BMP for each table of the CJK mojibake screens
(:mod:`cleantext.cjkmojibake.screen`, section "the letters of the BMP").

The letters are computed by the screens' own tables from Python's codecs
and the package's own data (``cjk_freq.txt.gz``, ``_cjk_common.py``):
run this after changing either, or the screens' letters. The tests compute
them again and compare (``tests/test_screen_letters.py``). Run from the
repository root::

    python scripts/build_screen_letters.py
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleantext.cjkmojibake import screen  # noqa: E402

OUT = ROOT / "cleantext" / "data" / "screen_letters.gz"


def main() -> None:
    data = screen.bmp_letters_file()
    # (mtime 0: the same bytes every run, for a file kept in git)
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    OUT.write_bytes(packed)
    print(f"{OUT.relative_to(ROOT)}: {len(data):,} bytes, {len(packed):,} compressed")


if __name__ == "__main__":
    main()
