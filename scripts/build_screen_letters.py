"""Regenerate ``cleantext/data/screen_letters.gz``: the letter of every
character of the BMP for each table of the CJK mojibake screens
(:mod:`cleantext.cjkmojibake.screen`, section "the letters of the BMP").

The letters are computed by the screens' own tables from Python's codecs
and the package's own data (``cjk_freq.txt.gz``, ``_cjk_common.py``):
run this after changing either, or the screens' letters. The tests compute
them again and compare (``tests/test_screen_letters.py``). Run from the
repository root::

    python scripts/build_screen_letters.py [--python OTHER_PYTHON ...]

The letters hang on the codecs and ``unicodedata`` of the Python that
computes them, so the file lists the Unicode versions of the Pythons found
to give the same letters, and a Python of any other Unicode version does
not use it (its tables fill themselves, as without the file). Each
``--python`` (an interpreter; it needs no packages installed) computes them
too, and its Unicode version is listed if its letters are the same. The
file of 2 December 2026 was found the same on CPython 3.10.13, 3.11.7,
3.12.1 and 3.13.0 (Unicode 13.0.0, 14.0.0, 15.0.0, 15.1.0).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleantext.cjkmojibake import screen  # noqa: E402

OUT = ROOT / "cleantext" / "data" / "screen_letters.gz"


#: Run by each --python: its Unicode version and the digest of its letters.
_OTHER = """
import hashlib, sys, unicodedata
sys.path.insert(0, sys.argv[1])
from cleantext.cjkmojibake import screen
print(unicodedata.unidata_version, hashlib.sha256(screen.bmp_letters_file(())).hexdigest())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", action="append", default=[], help="another interpreter")
    args = parser.parse_args()
    versions = {unicodedata.unidata_version}
    ours = hashlib.sha256(screen.bmp_letters_file(())).hexdigest()
    for python in args.python:
        out = subprocess.run(
            [python, "-c", _OTHER, str(ROOT)], capture_output=True, text=True, check=True
        ).stdout.split()
        if out[1] == ours:
            versions.add(out[0])
        print(
            f"{python}: Unicode {out[0]}, {'the same letters' if out[1] == ours else 'OTHER letters: not listed'}"
        )
    data = screen.bmp_letters_file(versions)
    # (mtime 0: the same bytes every run, for a file kept in git)
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    OUT.write_bytes(packed)
    print(f"{OUT.relative_to(ROOT)}: {len(data):,} bytes, {len(packed):,} compressed")


if __name__ == "__main__":
    main()
