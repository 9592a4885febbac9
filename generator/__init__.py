"""Publish a county's yearly livelihood-project notice (民生工程) as an MkDocs site."""

from __future__ import annotations

import os

__version__ = "0.1.0"

# lxml comes with citeproc-py (the citations). openpyxl would switch its writer to lxml when
# it is installed, which changes every workbook's bytes (their cache keys do not know it):
# the progress templates stay written by openpyxl's own writer. Set before any import of
# openpyxl, which reads it once.
os.environ.setdefault("OPENPYXL_LXML", "False")
