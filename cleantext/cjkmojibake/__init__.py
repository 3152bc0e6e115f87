"""Repair the CJK kinds of mojibake by byte round trips, checked by plausibility.

Mojibake is text whose bytes were decoded with the wrong codec. When the
wrong decoding lost nothing, encoding the damaged text back with that codec
gives the original bytes, and decoding those with the right codec gives the
original text. ftfy does this for the Latin family; this module does it for
the kinds that CJK text suffers, none of which ftfy repairs:

========================  =====================  ==================
code                      damaged (example)      repaired
========================  =====================  ==================
mojibake-utf8-as-gbk      ``鍙戝睍``               ``发展``
mojibake-gbk-as-latin1    ``·¢Õ¹``               ``发展``
mojibake-big5-as-gbk      ``祇甶``               ``發展``
mojibake-gbk-as-big5      ``楷桯``               ``发展``
mojibake-utf8-as-big5     ``鈭箏之``             ``人大``
mojibake-utf8-as-sjis     ``蜿大ｱ``               ``发展``
mojibake-utf8-bom-as-gbk  ``锘夸腑``             ``中`` (the BOM dropped)
========================  =====================  ==================

How a repair is found, per line: the line is encoded back with the wrong
codec, character by character (characters that codec cannot encode split
the line); the bytes are parsed as the right codec; the places where a
character boundary of both sides falls on the same byte cut the line into
*units* (for UTF-8 read as GBK: every two damaged characters of Han, say,
against three repaired ones). Each unit gets the difference of the
:mod:`cleantext.plausibility` scores of its repaired and damaged forms, and
the runs of units with the best positive total become the repaired spans.
A span is kept only when it is *clearly* more plausible than the damaged
text (:data:`MIN_GAIN` in total and :data:`MIN_GAIN_PER_CHAR` per damaged
character) and its repaired text contains nothing that is itself damage.
So a line that is half clean and half damaged gets only its damaged half
repaired, and clean text, whose round trips give nonsense, is left alone.

Three refinements:

- A run also takes in a neighbouring unit whose repair costs a little, when
  judged in context (a damaged character that happens to be cheap, like the
  kana ``い`` that Big5 ``中`` becomes), and more readily when the damaged
  character is *odd* in Chinese text (kana, Greek, symbols, private use).
- UTF-8 read as GB18030 by a lenient decoder has U+FFFD where a byte could
  not be used. Before another character that byte can only have been 0x80,
  which is put back; before ASCII or the end its value is lost, and the
  character it belonged to comes out as U+FFFD (the step reports it).
- :data:`RELAXED` thresholds: the step uses them near lines where a kind
  was found with strong evidence, so that names and one-character lines of
  a damaged page are repaired too. In a text that a kind damaged nearly
  everywhere, :data:`DOCUMENT` (a character the original codec cannot hold
  is a mark of damage), :func:`repair_whole` (a line at once, if no less
  plausible) and :func:`repair_gaps` (one or two characters the model
  prefers damaged at the edge of a repair) finish the job.

The module is pure Python with no third-party import; it does nothing until
:func:`suspect_lines` finds a line worth a look, which one regular
expression pass over the text decides (two unusual characters close
together; "usual" is :mod:`cleantext._cjk_common` plus scripts and
punctuation), or :func:`big5_suspect_lines` one for the Big5 kinds (a
short line with one unusual character that reads back into more usual
ones: GBK read as Big5 is mostly common characters). Long lines are examined only around
their suspect spots.

>>> repair_line("今天鍙戝睍很好")[0]
'今天发展很好'
>>> repair_line("中国经济发展很好")[0]
'中国经济发展很好'

The code is in three modules: :mod:`.roundtrip` (codecs, kinds, round
trips), :mod:`.precheck` (which lines to look at, marks of damage) and
:mod:`.decide` (which spans to repair); this package exports what the
``mojibake`` step uses. The table of common characters is built by
``scripts/build_cjk_common.py``.
"""

from __future__ import annotations

from . import decide, precheck, roundtrip, screen
from .decide import (
    DOCUMENT,
    MIN_GAIN,
    RELAXED,
    STRICT,
    STRICT_SEEN,
    Piece,
    Repair,
    Thresholds,
    forget_proofs,
    prove_many,
    repair,
    repair_gaps,
    repair_line,
    repair_whole,
    repaired_spans,
    strict_parts,
)
from .precheck import (
    big5_suspect_lines,
    big5_suspect_spans,
    char_class,
    damage_marks,
    has_damage_mark,
    match_lines,
    scan_lines,
    suspect_lines,
    suspect_spans,
    unrepaired_runs,
)
from .roundtrip import BIG5_KINDS, BOM_CODE, KINDS, LATIN, Kind, encode_all, utf8_coverage


def let_go() -> None:
    """Let go of the sets and tables of characters that the modules build
    from their data (the common characters, the plain ones, the Han of
    GB2312 and Big5, the tables of letters of the screens: some 8 MiB on
    10 MB of Chinese), and the tables the proofs filled with the characters
    of the texts seen (each character's bytes, repair and gain for each
    kind: another 13 MiB there, for its 6,400 characters under suspicion).
    Each is a pure function of the data (and of the character), made again
    on its next use: the answers stay the same. (For a large text only: a
    few milliseconds for the data, some 2 microseconds a character for the
    tables, which many small texts in turn would pay again and again.)"""
    decide.let_go()
    screen.let_go()
    precheck.let_go()
    roundtrip.forget_chars()


__all__ = [
    "BIG5_KINDS",
    "BOM_CODE",
    "DOCUMENT",
    "KINDS",
    "LATIN",
    "MIN_GAIN",
    "RELAXED",
    "STRICT",
    "STRICT_SEEN",
    "Kind",
    "Piece",
    "Repair",
    "Thresholds",
    "big5_suspect_lines",
    "big5_suspect_spans",
    "char_class",
    "damage_marks",
    "encode_all",
    "forget_proofs",
    "has_damage_mark",
    "let_go",
    "match_lines",
    "prove_many",
    "repair",
    "repair_gaps",
    "repair_line",
    "repair_whole",
    "repaired_spans",
    "scan_lines",
    "strict_parts",
    "suspect_lines",
    "suspect_spans",
    "unrepaired_runs",
    "utf8_coverage",
]
