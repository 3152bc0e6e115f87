"""Pinyin readings of Han characters, and parsing of written pinyin.

The table is ``data/pinyin_readings.tsv``, generated from pypinyin by
``scripts/gen_pinyin_readings.py``; it is loaded on first use only (the
pinyin step calls :func:`readings_of` only after its pre-check found a
``Han(latin)`` candidate), so importing this module costs nothing.

A written syllable is parsed into ``(base, tone)``: ``base`` is lowercase
ASCII letters plus ``ü`` (``v`` and ``u:`` are read as ``ü``; after j, q, x
and y it is written ``u``, as pinyin does), ``tone`` is 1-4, 5 for the
neutral tone, or ``None`` when the syllable was written without a tone.

>>> parse_syllable("qū"), parse_syllable("qu1"), parse_syllable("QU")
(('qu', 1), ('qu', 1), ('qu', None))
>>> parse_syllable("lv4"), parse_syllable("lǜ"), parse_syllable("zhe")
(('lü', 4), ('lü', 4), ('zhe', None))
>>> parse_syllable("qūū") is None, parse_syllable("1") is None, is_syllable("hello")
(True, True, False)
>>> is_reading("區", "qū"), is_reading("區", "qu1"), is_reading("區", "qu"), is_reading("區", "qu3")
(True, True, True, False)
>>> is_reading("著", "zhe"), is_reading("乾", "gan1"), is_reading("乾", "kun")
(True, True, False)
"""

from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import Any

_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}

#: Letters that may appear in a written pinyin syllable (tone-marked vowels
#: included), for regular expressions. ``:`` is for ``u:``.
PINYIN_LETTERS = (
    "a-zA-Z\u00fc\u00dc\u0101\u00e1\u01ce\u00e0\u0113\u00e9\u011b\u00e8"
    "\u012b\u00ed\u01d0\u00ec\u014d\u00f3\u01d2\u00f2\u016b\u00fa\u01d4\u00f9"
    "\u01d6\u01d8\u01da\u01dc\u0144\u0148\u01f9\u1e3f\u00ea\u1ebf\u1ec1"
    "\u0300\u0301\u0304\u030c\u0308"
)

_BASE_RE = re.compile(r"[a-zü]{1,6}")


@lru_cache(maxsize=4096)
def parse_syllable(written: str) -> tuple[str, int | None] | None:
    """``(base, tone)`` of one written syllable, or ``None`` if it cannot be
    pinyin (wrong letters, two tone marks, a mark and a digit...).

    This only checks the shape; :func:`is_syllable` checks that the base
    is a real syllable.
    """
    s = unicodedata.normalize("NFD", written.strip()).lower()
    tone: int | None = None
    if s and s[-1] in "012345":
        tone = int(s[-1]) or 5
        s = s[:-1]
    marks = [c for c in s if c in _TONE_MARKS]
    if marks:
        if tone is not None or len(marks) > 1:
            return None
        tone = _TONE_MARKS[marks[0]]
        s = "".join(c for c in s if c not in _TONE_MARKS)
    s = unicodedata.normalize("NFC", s).replace("u:", "ü").replace("v", "ü")
    s = s.replace("ê", "e")
    if not _BASE_RE.fullmatch(s):
        return None
    if s[0] in "jqxy":
        s = s.replace("ü", "u")
    return s, tone


@lru_cache(maxsize=1)
def _table() -> str:
    """The data file's lines after its header, with a newline in front (see
    :func:`_entry`).

    Building a dict of 43,000 entries costs more (50 ms) than the lookups a
    document needs, and a search of the whole text per character costs
    0.3 ms (a farm page annotates a thousand distinct characters), so
    lookups search the text by bisection: its lines are sorted by character.
    """
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "pinyin_readings.tsv")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start = 0
    while text.startswith("#", start):
        start = text.index("\n", start) + 1
    return "\n" + text[start:]


#: :func:`_entry` searches the table between two landmarks, the lines
#: holding every this many characters of it (a line holds 7.5 on average).
LANDMARK_STEP = 512


@lru_cache(maxsize=1)
def _landmarks() -> tuple[list[str], list[int]]:
    """The character and the start of the line holding every
    :data:`LANDMARK_STEP`-th character of the table, in the table's order
    (ascending, both): some 600, found by as many searches (0.2 ms), where
    each lookup's search then starts from a stretch of some 70 lines, not
    43,000 (6 steps of bisection, not 17; a farm page looks up a thousand
    characters or more)."""
    table = _table()
    keys: list[str] = []
    starts: list[int] = []
    for at in range(1, len(table), LANDMARK_STEP):
        start = table.rfind("\n", 0, at) + 1
        keys.append(table[start])
        starts.append(start)
    return keys, starts


@lru_cache(maxsize=8192)
def _entry(ch: str) -> tuple[str, str]:
    """The readings field and the variants field of ``ch``'s line.

    >>> _entry("〇"), _entry("a"), _entry("\U00032389")
    (('líng,yuán,xīng', ''), ('', ''), ('mò', ''))
    """
    if len(ch) != 1:
        return "", ""
    table = _table()
    # Bisection over the lines, which are sorted by character (a test
    # checks the file): ``lo`` and ``hi`` are line starts, the line looked
    # at is the one holding the middle offset. They start at the landmarks
    # around ``ch``: the lines before the last landmark at or before it hold
    # smaller characters, those from the next one on larger ones.
    keys, starts = _landmarks()
    i = bisect_right(keys, ch)
    lo = starts[i - 1] if i else 1
    hi = starts[i] if i < len(starts) else len(table)
    while lo < hi:
        at = table.rfind("\n", lo - 1, (lo + hi) // 2) + 1
        key = table[at]
        if key == ch:
            end = table.find("\n", at)
            reads, _, var = table[at + 2 : end].partition("\t")
            return reads, var
        if key < ch:
            lo = table.find("\n", at) + 1 or hi
        else:
            hi = at
    return "", ""


def _raw(ch: str) -> str:
    return _entry(ch)[0]


def variants_of(ch: str) -> str:
    """The characters that one of OpenCC's character tables maps ``ch`` to
    or from (its Simplified, Traditional, Taiwan, Hong Kong and Japanese
    forms), as one string; empty if none.

    >>> variants_of("績"), variants_of("干")
    ('绩', '乾幹榦')
    """
    return _entry(ch)[1]


@lru_cache(maxsize=8192)
def readings_of(ch: str) -> tuple[tuple[str, int | None], ...]:
    """The readings of ``ch`` as ``(base, tone)`` pairs (tone 5 = neutral);
    empty for characters the table does not know."""
    parsed = []
    for r in _raw(ch).split(","):
        p = parse_syllable(r) if r else None
        if p is not None:
            parsed.append((p[0], 5 if p[1] is None else p[1]))
    return tuple(parsed)


#: Every syllable base that is the reading of some character in the table
#: (a test derives it from the table again: :func:`_syllables_of_table`).
#: Written out: deriving it parses 1,500 spellings, 30 ms, and one
#: bracketed word that is no reading asks.
SYLLABLES = frozenset(
    (
        "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu "
        "ca cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou "
        "chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang "
        "dao de dei den deng di dia dian diao die din ding diu dong dou du duan dui dun duo e ei en "
        "eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen geng gong "
        "gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hm hng hong hou "
        "hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan "
        "jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la "
        "lai lan lang lao le lei len leng li lia lian liang liao lie lin ling liu lo long lou lu "
        "luan lun luo lü lüe m ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo "
        "mou mu n na nai nan nang nao ne nei nen neng ng ni nia nian niang niao nie nin ning niu "
        "nong nou nu nuan nun nuo nü nüe o ou pa pai pan pang pao pei pen peng pi pian piao pie pin "
        "ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao "
        "re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai "
        "shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si "
        "song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong "
        "tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wong wu xi xia xian xiang xiao xie "
        "xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue "
        "yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi "
        "zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo"
    ).split()
)


def syllables() -> frozenset[str]:
    """Every syllable base that is the reading of some character."""
    return SYLLABLES


def _syllables_of_table() -> frozenset[str]:
    """:data:`SYLLABLES` as the table gives them."""
    written = set(re.findall(r"^[^#\t]+\t([^\t\n]*)", _table(), re.M))
    spelled = {r for rs in written for r in rs.split(",")}
    return frozenset(p[0] for p in map(parse_syllable, spelled) if p is not None)


def is_syllable(written: str) -> bool:
    """True if ``written`` parses and its base is a real syllable."""
    p = parse_syllable(written)
    return p is not None and p[0] in syllables()


def _fold(base: str) -> str:
    return base.replace("ü", "u")


@lru_cache(maxsize=8192)
def matching_reading(ch: str, written: str) -> tuple[str, int | None] | None:
    """The reading of ``ch`` that ``written`` spells, or ``None``.

    A toneless spelling matches any tone, and so does the neutral tone
    (``ge5``, ``bu0``: in context any syllable may lose its tone, 一個 yí ge);
    ``u`` for ``ü`` is accepted (people type ``lu4`` for ``lǜ``) when the
    exact spelling matches nothing.
    """
    return _match(readings_of(ch), written)


@lru_cache(maxsize=8192)
def matching_variant_reading(ch: str, written: str) -> tuple[str, int | None, str] | None:
    """``(base, tone, via)`` when ``written`` is a reading of ``ch``
    (``via`` empty) or else of one of its :func:`variants_of` (``via`` that
    character: 績(jì) is read as its Simplified form 绩); or ``None``.

    >>> matching_variant_reading("績", "jì"), matching_variant_reading("績", "jī")
    (('ji', 4, '绩'), ('ji', 1, ''))
    >>> matching_variant_reading("績", "zhì") is None
    True
    """
    found = _match(readings_of(ch), written)
    if found is not None:
        return found[0], found[1], ""
    for v in variants_of(ch):
        found = _match(readings_of(v), written)
        if found is not None:
            return found[0], found[1], v
    return None


def _match(rs: tuple[tuple[str, int | None], ...], written: str) -> tuple[str, int | None] | None:
    p = parse_syllable(written)
    if p is None:
        return None
    base, tone = p
    for exact in (True, False):
        for rbase, rtone in rs:
            same = rbase == base if exact else _fold(rbase) == _fold(base)
            if same and (tone is None or tone == 5 or tone == rtone):
                return rbase, (tone if tone is not None else None)
    return None


def is_reading(ch: str, written: str) -> bool:
    """True if ``written`` is a reading of ``ch`` (see :func:`matching_reading`)."""
    return matching_reading(ch, written) is not None


def is_prefix_of_reading(ch: str, written: str) -> bool:
    """True if ``written`` (toneless letters) starts a reading of ``ch``
    without being all of it: ``ch`` for 產 (chǎn)."""
    s = unicodedata.normalize("NFD", written).lower()
    s = "".join(c for c in s if c not in _TONE_MARKS)
    s = unicodedata.normalize("NFC", s).replace("v", "ü")
    if not s or not _BASE_RE.fullmatch(s):
        return False
    return any(_fold(b).startswith(_fold(s)) and _fold(b) != _fold(s) for b, _ in readings_of(ch))


#: Traditional characters that a Traditional -> Simplified conversion maps
#: by guess, and the Simplified character each reading calls for. A key is
#: ``(base, tone)``; ``tone=None`` means "any tone". Readings that do not
#: decide (藉 jiè is 借 in 藉口 but stays in 慰藉) are left out.
T2S_BY_READING: dict[str, dict[tuple[str, int | None], str]] = {
    "乾": {("qian", None): "乾", ("gan", None): "干"},
    "著": {
        ("zhu", 4): "著",
        ("zhe", None): "着",
        ("zhao", None): "着",
        ("zhuo", None): "着",
    },
    "藉": {("ji", 2): "藉"},
    "瞭": {("liao", 3): "了", ("liao", 4): "瞭"},
    "蘋": {("ping", None): "苹", ("pin", None): "蘋"},
    "於": {("yu", None): "于", ("wu", None): "於"},
    "徵": {("zheng", None): "征", ("zhi", None): "徵"},
    "祇": {("qi", None): "祇", ("zhi", None): "只"},
    "彷": {("pang", None): "彷", ("fang", None): "仿"},
}


def t2s_by_reading(ch: str, reading: tuple[str, int | None]) -> str | None:
    """The Simplified character ``reading`` calls for, if the table decides.

    >>> t2s_by_reading("乾", ("qian", 2)), t2s_by_reading("著", ("zhe", None))
    ('乾', '着')
    >>> t2s_by_reading("瞭", ("liao", None)) is None
    True
    """
    choices = T2S_BY_READING.get(ch)
    if not choices:
        return None
    base, tone = reading
    found = choices.get((base, None))
    if found is None and tone is not None:
        found = choices.get((base, tone))
    if found is None and tone is None:
        # A toneless spelling decides only if every tone of it agrees.
        options = {v for (b, _), v in choices.items() if b == base}
        found = options.pop() if len(options) == 1 else None
    return found


def _han_run_readings(run: str) -> list[tuple[str, int | None] | None]:
    from pypinyin import Style, pinyin  # heavy: only for annotations nothing else explains

    out: list[tuple[str, int | None] | None] = []
    for item in pinyin(run, style=Style.TONE, heteronym=False, errors="default"):
        p = parse_syllable(item[0]) if item and item[0] else None
        out.append(None if p is None else (p[0], 5 if p[1] is None else p[1]))
    return out


@lru_cache(maxsize=4096)
def context_readings(run: str, index: int) -> tuple[tuple[str, int | None], ...]:
    """The readings pypinyin's phrase dictionary gives ``run[index]`` in the
    Han run ``run``, as it is and in Simplified form (OpenCC ``t2s``): what a
    site farm that annotated the Simplified text with pypinyin and converted
    it afterwards wrote after that character (成績(jì): 績 alone is jī).

    Imports pypinyin and OpenCC, so the pinyin step asks only about
    annotations that no reading of the character or its variants explains.

    >>> context_readings("成績", 1)  # 績 as it is, and as 绩
    (('ji', 1), ('ji', 4))
    """
    if not 0 <= index < len(run):
        return ()
    forms = [run]
    simplified = _t2s().convert(run)
    if simplified != run:
        if len(simplified) != len(run):
            simplified = "".join(_t2s().convert(c) for c in run)
        if len(simplified) == len(run):
            forms.append(simplified)
    found: list[tuple[str, int | None]] = []
    for form in forms:
        rs = _han_run_readings(form)
        if len(rs) == len(form):
            r = rs[index]
            if r is not None and r not in found:
                found.append(r)
    return tuple(found)


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def matching_context_reading(run: str, index: int, written: str) -> tuple[str, int | None] | None:
    """The reading of ``run[index]`` in its context (see
    :func:`context_readings`) that ``written`` spells, or ``None``."""
    return _match(context_readings(run, index), written)
