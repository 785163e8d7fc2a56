"""Markdown pieces of the dataset card: numbers and tables."""

from __future__ import annotations


def n(value: int) -> str:
    return f"{value:,}"


def table(header: list[str], rows: list[list], numeric: bool = True) -> str:
    """A markdown table; the columns after the first are right-aligned when `numeric`."""
    align = "|".join("---" if i == 0 or not numeric else "---:" for i in range(len(header)))
    lines = ["| " + " | ".join(header) + " |", f"|{align}|"]
    lines += ["| " + " | ".join(n(c) if isinstance(c, int) else str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
