"""Parley: a self-hosted blog engine with real conversation under the posts."""

__version__ = "0.1.0"
