"""Reading text files whose encoding is not known in advance.

Chinese local news reaches researchers as UTF-8, UTF-8 with a byte-order mark,
GB18030/GBK (older mainland sites and Windows tools) or Big5 (Taiwan, Hong Kong
and older traditional-script archives). :func:`read_text_file` accepts all of
them and returns the text exactly as decoded: line endings (``\\r\\n``) are kept,
so offsets into the returned string are offsets into the file's text.

A file that is not text in one of these encodings (a binary file, a file with
NUL bytes, bytes that decode only to garbage) raises
:class:`UndecodableFileError`, which names the file. Nothing is ever decoded
with replacement characters: a fact's text is always the file's own text.

>>> from ordos_nlp.io import decode_bytes
>>> decode_bytes("东胜区".encode("gb18030"))
('东胜区', 'gb18030')
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Optional, Union

__all__ = ["UndecodableFileError", "read_text_file", "decode_bytes", "ENCODINGS"]

PathLike = Union[str, "os.PathLike[str]"]

#: The encodings tried without a byte-order mark, in order of preference when
#: several decode the same bytes equally well. GB18030 is a superset of GBK and
#: GB2312; cp950 is the Big5 variant that Windows writes, big5hkscs adds Hong
#: Kong characters.
ENCODINGS = ("utf_8", "gb18030", "cp950", "big5hkscs")

# Byte-order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE
# one), with the codec that reads and drops them.
_BOMS = (
    (b"\xef\xbb\xbf", "utf_8_sig"),
    (b"\xff\xfe\x00\x00", "utf_32"),
    (b"\x00\x00\xfe\xff", "utf_32"),
    (b"\xff\xfe", "utf_16"),
    (b"\xfe\xff", "utf_16"),
)

# A decoded text may hold at most this share of suspicious characters (controls
# other than whitespace, private-use, unassigned, surrogates, U+FFFD).
_MAX_BAD_SHARE = 0.005
# charset-normalizer's "chaos" above which a decoding counts as garbage (its own default,
# 0.2, refuses short clean texts such as 样的活动。” in GB18030).
_MAX_CHAOS = 0.5
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


class UndecodableFileError(UnicodeError):
    """A file that is not text in UTF-8, GB18030/GBK or Big5.

    ``path`` is the file (as given), ``reason`` says what was wrong; ``str(err)``
    is ``"<path>: cannot be read as text (<reason>)"``. A subclass of
    ``UnicodeError`` (and so of ``ValueError``).
    """

    def __init__(self, path: PathLike, reason: str):
        super().__init__(f"{os.fspath(path)}: cannot be read as text ({reason})")
        self.path = path
        self.reason = reason

    def __reduce__(self):  # picklable across worker processes
        return (type(self), (self.path, self.reason))


def _bad_share(text: str) -> float:
    if not text:
        return 0.0
    bad = 0
    for ch in set(text):  # distinct characters: a few thousand at most
        if ch.isprintable() and ch != "\ufffd" or ch in _ALLOWED_CONTROLS:
            continue
        # Zs/Zl/Zp/Cf (ideographic space, zero-width joiners, soft hyphens) are harmless.
        if ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs"):
            bad += text.count(ch)
    return bad / len(text)


def _checked(text: str, encoding: str, name: PathLike) -> tuple[str, str]:
    share = _bad_share(text)
    if share > _MAX_BAD_SHARE:
        raise UndecodableFileError(
            name, f"decodes as {encoding} only to control or private-use characters ({share:.1%}): binary data?"
        )
    return text, encoding


def _common_share(text: str, codec: str) -> float:
    """Share of the Han characters of ``text`` that are common in ``codec``'s script.

    GB-encoded bytes read as Big5 (and the reverse) give rare characters: Big5
    bytes read as GB18030 fall outside GB2312; GB bytes read as Big5 fall outside
    Big5's frequent-character block (0xA440-0xC67E). Short texts where both
    decodings are clean are told apart this way.
    """
    han = [ch for ch in set(text) if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return 0.0
    common = 0
    for ch in han:
        try:
            if codec == "gb18030":
                ch.encode("gb2312")
            elif not b"\xa4\x40" <= ch.encode("cp950") <= b"\xc6\x7e":
                continue
        except UnicodeEncodeError:
            continue
        common += 1
    return common / len(han)


_CN_CODECS = ("gb18030", "cp950", "big5hkscs")
_CN_NAMES = {"gb18030": "gb18030", "big5": "cp950", "cp950": "cp950", "big5hkscs": "big5hkscs"}
# Below this many bytes charset-normalizer's chaos measure is noise (a clean
# 4-character headline such as □营商轩 in GB18030 scores 0.5): short texts are
# ranked by their characters alone.
_MIN_BYTES_FOR_CHAOS = 64


def _chaos(data: bytes, codecs: list[str]) -> dict[str, float]:
    """charset-normalizer's chaos per codec; a codec missing from the result reads as garbage."""
    from charset_normalizer import from_bytes

    out: dict[str, float] = {}
    for m in from_bytes(data, cp_isolation=list(_CN_NAMES), threshold=_MAX_CHAOS, explain=False):
        for name in [m.encoding, *m.could_be_from_charset]:
            codec = _CN_NAMES.get(name)
            if codec in codecs:
                out[codec] = min(out.get(codec, 1.0), m.chaos)
    if "cp950" in out or "big5hkscs" in out:  # one Big5 family: share the measure
        best = min(out.get("cp950", 1.0), out.get("big5hkscs", 1.0))
        for codec in ("cp950", "big5hkscs"):
            if codec in codecs:
                out[codec] = best
    return out


def _detect(data: bytes, name: PathLike) -> tuple[str, str]:
    """``(text, codec)`` for non-UTF-8 ``data``: the best of GB18030 and Big5.

    Candidates are the codecs that decode ``data`` strictly to clean text. They
    are ranked by charset-normalizer's chaos (garbled sequences; only for texts
    of 64 bytes or more), then by the share of common characters, then GB18030
    before Big5 (the news this library reads is mostly mainland).
    """
    decoded: dict[str, str] = {}
    for codec in _CN_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _bad_share(text) <= _MAX_BAD_SHARE:
            decoded[codec] = text
    if not decoded:
        raise UndecodableFileError(name, "not UTF-8, GB18030/GBK or Big5 text")
    if len(data) >= _MIN_BYTES_FOR_CHAOS:
        chaos = _chaos(data, list(decoded))
        if not chaos:
            raise UndecodableFileError(
                name, f"decodes as {'/'.join(decoded)} only to garbled text: not UTF-8, GB18030/GBK or Big5"
            )
    else:
        chaos = dict.fromkeys(decoded, 0.0)
    ranked = sorted(
        (round(c, 1), -round(_common_share(decoded[codec], codec), 1), _CN_CODECS.index(codec), codec)
        for codec, c in chaos.items()
    )
    codec = ranked[0][-1]
    return decoded[codec], codec


def decode_bytes(data: bytes, *, name: PathLike = "<bytes>", encoding: Optional[str] = None) -> tuple[str, str]:
    """``(text, encoding)`` for ``data``; raises :class:`UndecodableFileError` naming ``name``.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32) and is dropped; otherwise
    strict UTF-8 is tried, then GB18030 and Big5, ranked by charset-normalizer
    and by how common the decoded characters are (ties go to GB18030: the news
    this library reads is mostly mainland). With ``encoding`` given, only that
    codec is tried. The returned encoding is a Python codec name (``utf_8``,
    ``utf_8_sig``, ``utf_16``, ``utf_32``, ``gb18030``, ``cp950``, ``big5hkscs``).
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode_bytes() expects bytes, got {type(data).__name__}")
    data = bytes(data)
    if encoding is not None:
        try:
            return _checked(data.decode(encoding), encoding, name)
        except UnicodeDecodeError as err:
            raise UndecodableFileError(name, f"not valid {encoding}: {err.reason} at byte {err.start}") from None
        except LookupError:
            raise ValueError(f"unknown encoding {encoding!r}") from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), codec, name)
            except UnicodeDecodeError as err:
                raise UndecodableFileError(
                    name, f"starts with a {codec} byte-order mark but is not valid {codec} at byte {err.start}"
                ) from None
    if b"\x00" in data:
        first = data.index(b"\x00")
        raise UndecodableFileError(name, f"contains NUL bytes (first at byte {first}): binary data?")
    try:
        return _checked(data.decode("utf_8"), "utf_8", name)
    except UnicodeDecodeError:
        pass
    return _detect(data, name)


def read_text_file(path: PathLike, encoding: Optional[str] = None) -> str:
    """The text of the file at ``path``, in whichever supported encoding it is written.

    Supported: UTF-8 (with or without a byte-order mark), UTF-16/UTF-32 with a
    byte-order mark, GB18030 (and so GBK, GB2312) and Big5 (cp950, Big5-HKSCS),
    detected with charset-normalizer. The text is returned exactly as decoded
    (no newline translation, no replacement characters).

    Raises :class:`UndecodableFileError` (naming the file) for binary or
    undecodable content, and the usual ``OSError`` (``FileNotFoundError``,
    ``IsADirectoryError``, ``PermissionError``) when the file cannot be read.
    ``encoding`` forces one codec instead of detecting it.
    """
    data = Path(path).read_bytes()
    return decode_bytes(data, name=path, encoding=encoding)[0]
