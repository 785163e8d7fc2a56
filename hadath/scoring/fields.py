"""The checks of one prediction item's fields: integers, labels, lists and objects, each failing with its
JSON path and what was expected (`Bad`), for the readers of every prediction format."""

from __future__ import annotations


class Bad(Exception):
    """One bad item: its JSON path and what was expected."""

    def __init__(self, where: str, message: str):
        self.where, self.message = where, message


def integer(item: dict, key: str, where: str) -> int:
    if key not in item:
        raise Bad(f"{where}.{key}", "missing; expected an integer offset")
    value = item[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise Bad(f"{where}.{key}", f"{value!r} is not an integer; expected an integer offset")
    return value


def offsets(item: dict, where: str, text: str | None, start_key="start", end_key="end") -> tuple[int, int]:
    start, end = integer(item, start_key, where), integer(item, end_key, where)
    if start < 0:
        raise Bad(f"{where}.{start_key}", f"{start} is negative; expected an offset >= 0")
    if end <= start:
        raise Bad(f"{where}.{end_key}", f"end {end} <= start {start}; expected end > start "
                   "(half-open [start, end) offsets)")
    if text is not None and end > len(text):
        raise Bad(f"{where}.{end_key}", f"{end} is beyond the document text ({len(text)} code points)")
    return start, end


def label(item: dict, key: str, where: str, allowed: list[str] | None, what: str) -> str:
    """A label of `allowed`; any non-empty string when `allowed` is None (gold that is no Hadath corpus)."""
    value = item.get(key)
    if allowed is None:
        if not isinstance(value, str) or not value:
            raise Bad(f"{where}.{key}", f"{value!r}; expected the {what} as a non-empty string")
        return value
    if not isinstance(value, str) or value not in allowed:
        shown = ", ".join(allowed[:12]) + (", ..." if len(allowed) > 12 else "")
        raise Bad(f"{where}.{key}", f"{value!r} is not a known {what}; expected one of {shown}")
    return value


def optional_str(item: dict, key: str, where: str) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise Bad(f"{where}.{key}", f"{value!r}; expected a string or null")
    return value


def as_list(obj: dict, key: str, where: str) -> list:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise Bad(f"{where}.{key}", f"expected a list, found {type(value).__name__}")
    return value


def as_object(item, where: str) -> dict:
    if not isinstance(item, dict):
        raise Bad(where, f"expected an object, found {type(item).__name__}")
    return item
