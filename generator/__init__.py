"""Publish a county's yearly livelihood-project notice (民生工程) as an MkDocs site."""

from __future__ import annotations

__version__ = "0.1.0"
