"""A script's table of strings, one long line, is code, piped.

pinyin-match's ``src/traditional_dict.js`` (npm) is a comment and one line
of 86,643 characters: ``var traditional = {"yi":"一丿乁...","er":...}``,
every Han character that reads each syllable. Piped, none of its five
lines was shaped like code and its joints (``;{}`` pairs) were too few for
minified code, so the mojibake step "repaired" 68 runs of its rare
characters as UTF-8 read as GBK or Big5. The joints of a table of strings
(``","`` and ``":"``) count now. The table below was made for this test
from characters of that kind.
"""

from __future__ import annotations

from cleantext import Config, clean
from cleantext.pagemodel import _code_dense, decide

RARE = "鎿紾氍憒氘肝昜旮楳"
KEYS = "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo".split()
BODY = ",".join(f'"{k}":"{RARE[i % 9 :]}{RARE[: i % 9]}一乙"' for i, k in enumerate(KEYS * 3))
SCRIPT = f"/**\n * 收录常用汉字\n */\nvar table = {{{BODY}}};\n\nexport const dict = table\n"


def test_table_of_strings_piped_is_code_and_kept() -> None:
    assert decide(SCRIPT, Config()).has_authored("code")
    r = clean(SCRIPT)
    assert r.text == SCRIPT and not r.fixes


def test_prose_with_quoted_words_has_no_such_joints() -> None:
    prose = "他说：“好。”" * 50 + '\nShe said "yes", then "no", and left.\n'
    assert _code_dense(prose) is None
