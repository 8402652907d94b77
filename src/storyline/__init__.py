"""Storyline: who said what, where each copy came from, and where the accounts conflict."""

__version__ = "0.1.0"
