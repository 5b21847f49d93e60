"""coklit: cross-check Indonesian voter lists against Bawaslu field records."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("coklit")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"
