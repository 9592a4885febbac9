"""Publish a county's yearly livelihood-project notice (民生工程) as an MkDocs site."""

from __future__ import annotations

import os

__version__ = "0.1.0"

# lxml comes with citeproc-py (the citations). openpyxl, which reads filled progress templates
# (the importer) and fills them in the tests, would switch to lxml when it is installed: it
# stays on the standard library's XML, which its import tests were written against, whether
# lxml is there or not. Set before any import of openpyxl, which reads it once.
os.environ.setdefault("OPENPYXL_LXML", "False")
