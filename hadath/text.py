"""Ingest normalization and hashing of document texts.

A text is normalized once, when it enters the corpus (BOM stripped, CRLF and CR turned into LF, NFC),
then hashed and never changed again: every offset points into exactly that string.
"""

from __future__ import annotations

import hashlib
import unicodedata

BOM = "\ufeff"


class TextError(ValueError):
    """Raw bytes that cannot become a corpus text."""


def normalize(raw: str) -> str:
    if raw.startswith(BOM):
        raw = raw[1:]
    return unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))


def decode(data: bytes, name: str = "<input>") -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TextError(f"{name}: not UTF-8: byte {exc.start} is 0x{data[exc.start]:02x}; "
                        "expected UTF-8 text") from None


def ingest(data: bytes, name: str = "<input>") -> str:
    """Bytes as received → the exact text to store."""
    return normalize(decode(data, name))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)
