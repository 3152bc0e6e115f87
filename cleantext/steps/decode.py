"""The ``decode`` step: bytes to text, remembering how to write it back.

First version: BOMs, strict UTF-8 fast path, then charset-normalizer with
GB2312 read as GB18030. Deeper detection lands with issue 3.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from ..config import Config
from ..errors import CleantextError
from ..findings import Finding

SUMMARY = "decode bytes to text: BOMs, strict UTF-8 first, then a checked detector"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass
class Decoded:
    """Decoded text plus what is needed to write it back the same way.

    :param encoding: a Python codec name (``codecs.lookup(...).name``).
    :param confidence: 0 to 1.
    :param bom: the input started with a BOM (not part of ``text``).
    :param lossy: some bytes could not be decoded and became U+FFFD.
    """

    text: str
    encoding: str
    confidence: float
    bom: bool = False
    lossy: bool = False
    findings: list[Finding] = field(default_factory=list)


def normalize_encoding(name: str) -> str:
    """Canonical codec name; GB2312 and GBK are read as GB18030."""
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        raise CleantextError(
            f"unknown encoding {name!r}", hint="use a Python codec name such as gb18030, big5, utf-16"
        ) from None
    if canonical in ("gb2312", "gbk"):
        return "gb18030"
    return canonical


def decode_bytes(data: bytes, config: Config) -> Decoded:
    """Decode ``data``; never raises for bad bytes (see :attr:`Decoded.lossy`)."""
    if config.encoding:
        enc = normalize_encoding(config.encoding)
        bom = False
        for mark, name in _BOMS:
            if data.startswith(mark) and enc.startswith(name[:6]):
                data, bom = data[len(mark):], True
                break
        return _decode_with(data, enc, 1.0, bom)
    for mark, name in _BOMS:
        if data.startswith(mark):
            return _decode_with(data[len(mark):], name, 1.0, True)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return _decode_with(data, "utf-8", 0.0, False)
    enc = normalize_encoding(best.encoding)
    return _decode_with(data, enc, max(0.0, 1.0 - float(best.chaos)), False)


def _decode_with(data: bytes, enc: str, confidence: float, bom: bool) -> Decoded:
    try:
        return Decoded(data.decode(enc), enc, confidence, bom)
    except UnicodeDecodeError as exc:
        text = data.decode(enc, errors="replace")
        f = Finding(
            step="decode",
            line=data[: exc.start].count(b"\n") + 1,
            col=1,
            code="undecodable-bytes",
            message=f"bytes that are not valid {enc} were replaced with U+FFFD",
            fixed=False,
            original=data[exc.start : exc.end].hex(" "),
        )
        return Decoded(text, enc, confidence, bom, lossy=True, findings=[f])


def encode_text(text: str, decoded: Decoded, config: Config) -> bytes:
    """Encode cleaned text: UTF-8 (keeping a UTF-8 BOM), or the input's own
    encoding with ``keep_encoding``."""
    enc = decoded.encoding
    if config.keep_encoding and enc != "utf-8":
        try:
            body = text.encode(enc)
        except UnicodeEncodeError as exc:
            raise CleantextError(
                f"the cleaned text has characters that {enc} cannot encode ({text[exc.start:exc.end]!r})",
                hint="drop --keep-encoding to write UTF-8",
            ) from None
        if decoded.bom:
            body = {
                "utf-16-le": codecs.BOM_UTF16_LE,
                "utf-16-be": codecs.BOM_UTF16_BE,
                "utf-32-le": codecs.BOM_UTF32_LE,
                "utf-32-be": codecs.BOM_UTF32_BE,
            }.get(enc, b"") + body
        return body
    body = text.encode("utf-8", "surrogatepass")
    if decoded.bom and enc == "utf-8":
        body = codecs.BOM_UTF8 + body
    return body
