"""Hadath: an Arabic news corpus with gold entity and event annotations."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hadath")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"
