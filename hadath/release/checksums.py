"""`SHA256SUMS` of a release, in the format `sha256sum -c` reads: `<hex>  <relative path>` a line."""

from __future__ import annotations

from pathlib import Path

from ..corpus.text import file_sha256

NAME = "SHA256SUMS"




def release_files(folder: Path) -> list[str]:
    """Every file of a release but `SHA256SUMS`, as sorted POSIX paths relative to `folder`."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != NAME)


def render(folder: Path) -> str:
    return "".join(f"{file_sha256(folder / name)}  {name}\n" for name in release_files(folder))


def problems(folder: Path) -> list[str]:
    """What disagrees with `SHA256SUMS`: missing, changed and unlisted files."""
    path = folder / NAME
    if not path.is_file():
        return [f"{path}: missing; expected a checksum file written by hadath build"]
    out = []
    listed = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            out.append(f"{path}: line {number}: expected '<sha256>  <path>', found {line!r}")
            continue
        listed[name] = digest
    for name, digest in listed.items():
        target = folder / name
        if not target.is_file():
            out.append(f"{name}: listed in {NAME} but missing")
        elif file_sha256(target) != digest:
            out.append(f"{name}: SHA-256 is {file_sha256(target)}; {NAME} says {digest}")
    for name in release_files(folder):
        if name not in listed:
            out.append(f"{name}: not listed in {NAME}")
    return out
