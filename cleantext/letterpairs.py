"""How natural the non-ASCII characters of a single-byte reading are in
their context: a character-pair model of text in the alphabets single-byte
code pages encode (Latin with accents, Cyrillic, Greek, Hebrew, Arabic,
Thai...).

Detection uses it to rank the readings a few words give (a 20-40 character
excerpt decodes in dozens of code pages, and chardet's bigrams see little
in it): ``ŝablono`` against ``þablono``, ``«%s»`` against ``ا%sب``, ``và``
against ``vа`` with a Cyrillic ``а``. The readings of one input in
ASCII-compatible code pages differ only where its bytes are not ASCII, so
only the pairs touching a non-ASCII character are scored; the rest would
be the same for every reading.

The shares come from the translated messages of Debian packages in about
ninety languages, each language weighing the same
(``data/letter_pairs.txt.gz``, built by ``scripts/build_letter_pairs.py``).

>>> logprob("ŝablono") > logprob("þablono")
True
>>> logprob("«%s»") > logprob("ا%sب")
True
"""

from __future__ import annotations

import gzip
import math
import operator
import unicodedata

from .textutil import lazy_re, read_data

__all__ = ["language_logprob", "logprob", "normalize", "word_text"]

#: Weight of a pair's own share against the second character's share.
_LAMBDA = 0.9
#: Share of a character the data never saw.
_FLOOR = 1e-8

_FIRST: dict[str, float] = {}
_PAIR: dict[str, float] = {}
_MEMO: dict[str, float] = {}
#: language -> (letter shares, log10 P(letter | letter before)) of its words
_LANGS: dict[str, tuple[dict[str, float], dict[str, float]]] = {}
#: the same in a fixed order (the index of a language in the vectors)
_ORDER: list[tuple[dict[str, float], dict[str, float]]] = []
_ALL: frozenset[int] = frozenset()
#: non-ASCII character -> the indices of the languages that write it
_WRITERS: dict[str, frozenset[int]] = {}
#: memos: a letter pair's, a word's and an input's ASCII words' vector of
#: log10 likelihoods, one per language
_PAIR_VECTORS: dict[str, list[float]] = {}
_WORD_VECTORS: dict[str, list[float]] = {}
_PLAIN_VECTORS: dict[tuple[str, ...], list[float]] = {}
_PICKERS: dict[frozenset[int], tuple[int, ...]] = {}
_add = operator.add
#: what separates words: ASCII characters other than letters (a
#: non-ASCII symbol stays in its word: ``”ppna`` is no Swedish word)
_non_letters = lazy_re("[^a-z\x80-\U0010ffff]+")

_NORMAL = str.maketrans(dict.fromkeys("0123456789", "0") | dict.fromkeys("\t\n\r\f\v", " "))


def normalize(text: str) -> str:
    """Composed (NFC: Vietnamese in cp1258 decodes to a letter and a
    combining tone mark), ASCII digits read as ``0``, whitespace as a
    space: what the model counts.

    >>> normalize("v1.2\\tok"), normalize("Vie\\u0302\\u0323t")
    ('v0.0 ok', 'Việt')
    """
    return unicodedata.normalize("NFC", text).translate(_NORMAL)


def _load() -> None:
    if _FIRST:
        return
    raw = read_data("letter_pairs.txt.gz")
    uni, pair = _FIRST, _PAIR
    writers: dict[str, set[str]] = {}
    for line in gzip.decompress(raw).decode("utf-8").split("\n"):
        if not line or line[0] == "#":
            continue
        tag, _, body = line.partition("\t")
        if tag == "L":
            uni, pair = {}, {}
            _LANGS[body] = (uni, pair)
            lang = body
            continue
        share = 10 ** (-int(tag[1:]) / 8.0)
        if tag[0] in "uw":
            uni.update(dict.fromkeys(body, share))
            if tag[0] == "w":
                for ch in body:
                    if ch > "\x7f":
                        writers.setdefault(ch, set()).add(lang)
        else:
            pair.update(dict.fromkeys([body[i : i + 2] for i in range(0, len(body) - 1, 2)], share))
    global _ALL
    _ORDER.extend(_LANGS.values())
    index = {lang: i for i, lang in enumerate(_LANGS)}
    _ALL = frozenset(range(len(_ORDER)))
    _WRITERS.update({ch: frozenset(index[x] for x in langs) for ch, langs in writers.items()})
    for uni, pair in _LANGS.values():
        # each pair's smoothed log10 P(second | first), once
        for key, share in pair.items():
            p = _LAMBDA * share / uni[key[0]] + (1 - _LAMBDA) * uni.get(key[1], _FLOOR)
            pair[key] = math.log10(p)


def _pair_lp(pair: str) -> float:
    first = _FIRST.get(pair[0])
    p = (1 - _LAMBDA) * _FIRST.get(pair[1], _FLOOR)
    if first:
        p += _LAMBDA * _PAIR.get(pair, 0.0) / first
    return math.log10(p)


def logprob(text: str) -> float:
    """log10 of how likely the pairs of ``text`` that touch a non-ASCII
    character are (each as the second character given the first)."""
    _load()
    text = normalize(text)
    memo = _MEMO
    total = 0.0
    prev = text[:1]
    for ch in text[1:]:
        if ch > "\x7f" or prev > "\x7f":
            pair = prev + ch
            lp = memo.get(pair)
            if lp is None:
                lp = memo[pair] = _pair_lp(pair)
            total += lp
        prev = ch
    return total


def word_text(text: str) -> str:
    """The words of ``text`` in lower case, one space between and around them.

    >>> word_text("Fuŝa kapo: 0 (%d)")
    ' fuŝa kapo d '
    """
    return " " + _non_letters().sub(" ", text.lower()).strip(" ") + " "


def _pair_vector(pair: str) -> list[float]:
    """log10 P(second | first) of ``pair`` in every language (``_ORDER``)."""
    vec = _PAIR_VECTORS.get(pair)
    if vec is None:
        vec = []
        for uni, pairs in _ORDER:
            lp = pairs.get(pair)
            if lp is None:
                lp = math.log10((1 - _LAMBDA) * uni.get(pair[1], _FLOOR))
            vec.append(lp)
        _PAIR_VECTORS[pair] = vec
    return vec


def _word_vector(word: str) -> list[float]:
    """The log10 likelihood of ``word`` (spaces around it) in every language."""
    vec = _WORD_VECTORS.get(word)
    if vec is None:
        vec = _pair_vector(word[:2])
        for i in range(1, len(word) - 1):
            vec = list(map(_add, vec, _pair_vector(word[i : i + 2])))
        _WORD_VECTORS[word] = vec
    return vec


def language_logprob(text: str) -> float:
    """log10 likelihood of the words of ``text`` in the language that
    explains them best, among those that write all its non-ASCII letters
    (``ınnestu lahendada`` is poor Turkish, ``õnnestu lahendada`` good
    Estonian).

    >>> language_logprob("ei õnnestu lahendada") > language_logprob("ei ınnestu lahendada")
    True
    """
    _load()
    words = word_text(normalize(text))
    letters = {ch for ch in words if ch > "\x7f"}
    langs: frozenset[int] | None = None
    for ch in letters:
        w = _WRITERS.get(ch, frozenset())
        langs = w if langs is None else langs & w
    if langs is None:
        langs = _ALL
    elif not langs:
        langs = frozenset().union(*(_WRITERS.get(ch, frozenset()) for ch in letters))
        if not langs:
            return _FLOOR_LP * len(words)
    if len(_WORD_VECTORS) > 50_000:
        _WORD_VECTORS.clear()
        _PLAIN_VECTORS.clear()
    split = words.split(" ")
    plain = tuple(w for w in split if w and w.isascii())
    # The ASCII words are the same in most readings of an input: summed once.
    total = _PLAIN_VECTORS.get(plain)
    if total is None:
        total = [0.0] * len(_ORDER)
        for word in plain:
            total = list(map(_add, total, _word_vector(" " + word + " ")))
        _PLAIN_VECTORS[plain] = total
    for word in split:
        if word and not word.isascii():
            total = list(map(_add, total, _word_vector(" " + word + " ")))
    pick = _PICKERS.get(langs)
    if pick is None:
        pick = _PICKERS[langs] = tuple(sorted(langs))
    return max(map(total.__getitem__, pick))


_FLOOR_LP = math.log10(_FLOOR)
