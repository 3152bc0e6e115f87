"""Regenerate the zh-Hant rows of ``cleantext/data/spam_terms.tsv``.

The zh-Hans and en rows are written by hand. Each zh-Hans term that OpenCC's
``s2t`` changes gets a zh-Hant row with the same category, so the lexicon
matches Traditional spam without converting the text at run time.

Run: ``python scripts/make_spam_terms.py`` (rewrites the file in place).
"""

from __future__ import annotations

from pathlib import Path

import opencc

PATH = Path(__file__).resolve().parent.parent / "cleantext" / "data" / "spam_terms.tsv"


def main() -> None:
    s2t = opencc.OpenCC("s2t")
    comments, rows = [], []
    for line in PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            comments.append(line)
            continue
        term, category, language = line.split("\t")
        if language != "zh-Hant":
            rows.append((term, category, language))
    seen = {t for t, _, _ in rows}
    hant = []
    for term, category, language in rows:
        if language == "zh-Hans":
            t = s2t.convert(term)
            if t not in seen:
                seen.add(t)
                hant.append((t, category, "zh-Hant"))
    body = ["\t".join(r) for r in rows + hant]
    PATH.write_text("\n".join(comments + body) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
