"""Offsets in UTF-16 code units, as JavaScript and Java tools count them, against Hadath's code points.

The two agree on Arabic text; every character above U+FFFF (an emoji, a flag) takes two UTF-16 units
and one code point, so every offset after it differs.
"""

from __future__ import annotations

from bisect import bisect_left


class OffsetError(ValueError):
    """A UTF-16 offset that falls inside a surrogate pair or past the text."""


class Utf16Offsets:
    """Converts offsets of one text between code points and UTF-16 code units."""

    def __init__(self, text: str):
        self.text = text
        # units[i] is the UTF-16 offset of code point i; units[len(text)] is the UTF-16 length.
        self.units = [0] * (len(text) + 1)
        total = 0
        for i, ch in enumerate(text):
            self.units[i] = total
            total += 2 if ord(ch) > 0xFFFF else 1
        self.units[len(text)] = total
        self.identical = total == len(text)

    def to_utf16(self, offset: int) -> int:
        return offset if self.identical else self.units[offset]

    def to_code_points(self, offset: int) -> int:
        """The code-point offset of a UTF-16 offset; raises `OffsetError` if it splits a character."""
        if not 0 <= offset <= self.units[-1]:
            raise OffsetError(f"UTF-16 offset {offset} lies outside the text, which has {self.units[-1]} units")
        if self.identical:
            return offset
        i = bisect_left(self.units, offset)
        if self.units[i] != offset:
            raise OffsetError(f"UTF-16 offset {offset} falls inside the surrogate pair of "
                              f"U+{ord(self.text[i - 1]):04X}; expected an offset between characters")
        return i


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
