"""Saqbol: an open-source anti-fraud platform for Kazakhstan."""

__version__ = "0.1.0"

__all__ = ["__version__"]
