"""An edit made to the theme's HTML after a build: its checkbox toggles' autocomplete.

Material's ``base.html`` writes the drawer and search toggles, outside any template block,
as ``<input … type="checkbox" id="__drawer" autocomplete="off">``. HTML allows
``autocomplete`` only on inputs that take text (the W3C Nu checker reports both, on every
page), and an override can replace only blocks: copying the whole ``base.html`` to drop one
attribute would fork the theme. So the attribute is removed here, from every page, by
``finish`` (with or without the plugin). The attribute kept Firefox from restoring a
checked toggle on reload; ``assets/minsheng.js`` unchecks both when a page is shown.
"""

from __future__ import annotations

TOGGLES = ("__drawer", "__search")


def _written(toggle: str) -> bytes:
    return f'type="checkbox" id="{toggle}" autocomplete="off">'.encode()


def without_autocomplete(page: bytes) -> bytes:
    """``page`` with ``autocomplete`` dropped from the theme's toggles."""
    for toggle in TOGGLES:
        page = page.replace(_written(toggle), f'type="checkbox" id="{toggle}">'.encode())
    return page
