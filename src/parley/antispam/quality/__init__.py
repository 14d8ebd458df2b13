"""Participation quality: the learned low-value model and text-similarity helpers (no Django)."""
