"""Ingest normalization and hashing of document texts.

A text is normalized once, when it enters the corpus (BOM stripped, CRLF and CR turned into LF, NFC),
then hashed and never changed again: every offset points into exactly that string.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

BOM = "\ufeff"
PROCLITICS = "وفبلك"
# A word character for boundary tests: letters, digits, and the Arabic marks and tatweel that `\w` misses.
_WORD_CHAR = re.compile(r"[\w\u064B-\u065F\u0670\u0640]")
# Control characters a text may not hold: C0 and DEL, but tab and line feed (CR is turned into LF).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


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


def control_character(text: str) -> str | None:
    """Where `text` holds a control character, in words (`U+0000 at line 3, character 17`), or None."""
    m = CONTROL.search(text)
    if m is None:
        return None
    line = text.count("\n", 0, m.start()) + 1
    column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    return f"U+{ord(m.group()):04X} at line {line}, character {column}"


def ingest(data: bytes, name: str = "<input>") -> str:
    """Bytes as received → the exact text to store."""
    text = normalize(decode(data, name))
    found = control_character(text)
    if found:
        raise TextError(f"{name}: holds the control character {found}; expected text "
                        "(only tab and line feed among the control characters)")
    return text


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_sha256(path) -> str:
    """SHA-256 of a file's bytes, read in blocks so large files need little memory."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def _is_word_char(ch: str) -> bool:
    return bool(_WORD_CHAR.match(ch))


def word_occurrences(text: str, surface: str) -> list[int]:
    """Starts of `surface` in `text` as a whole word, also behind one proclitic (`وسامر` holds `سامر`)."""
    starts, i = [], text.find(surface)
    while i >= 0:
        before_ok = i == 0 or not _is_word_char(text[i - 1]) or (
            text[i - 1] in PROCLITICS and (i == 1 or not _is_word_char(text[i - 2])))
        end = i + len(surface)
        if before_ok and (end == len(text) or not _is_word_char(text[end])):
            starts.append(i)
        i = text.find(surface, i + 1)
    return starts
