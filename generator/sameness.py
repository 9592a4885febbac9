"""Whether two values show the same on a page, and a new value made of the parts of an
old one it shares (``make serve``: what an edit left alone stays the object the last build
made its pages and files from, and comparing them stops at ``is``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .urls import Urls


def share(old: Any, new: Any) -> Any:
    """``new``, where each part is ``same`` as the matching part of ``old``, made of that
    part of ``old`` (in a tuple, an item with an ``id`` is matched by its id, others by their
    place). Parts are rebuilt, never changed: the data's dataclasses are frozen."""
    if same(old, new):
        return old
    if type(old) is not type(new):
        return new
    if isinstance(new, tuple):
        by_id = {item.id: item for item in reversed(old) if isinstance(getattr(item, "id", None), str)}
        items = []
        for place, item in enumerate(new):
            key = getattr(item, "id", None)
            if isinstance(key, str):
                items.append(share(by_id[key], item) if key in by_id else item)
            else:
                items.append(share(old[place], item) if place < len(old) else item)
        return tuple(items)
    if dataclasses.is_dataclass(new) and not isinstance(new, type):
        changes = {}
        for f in dataclasses.fields(new):
            if f.init:
                value = getattr(new, f.name)
                shared = share(getattr(old, f.name), value)
                if shared is not value:
                    changes[f.name] = shared
        return dataclasses.replace(new, **changes) if changes else new
    return new


def same(a: Any, b: Any, known: dict[tuple[int, int], tuple[Any, Any, bool]] | None = None) -> bool:
    """Whether ``a`` and ``b`` show the same on a page: ``==`` is not enough (1.0 == 1 and
    Decimal("1.0") == Decimal("1"), which a page writes differently; True == 1; a dict's
    order is the order it is shown in). The same object is the same at once: what did not
    change is shared with the last build. A kind not known here is never the same.
    ``known`` (``Same``) keeps each pair of compound values compared, with the values."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, Decimal):
        return bool(a.as_tuple() == b.as_tuple())
    if isinstance(a, float):
        return repr(a) == repr(b)
    if isinstance(a, str | int | bool | Path) or a is None:
        return bool(a == b)
    if known is None:
        return _same_parts(a, b, None)
    pair = known.get((id(a), id(b)))
    if pair is None:  # the values are kept with the answer: their ids stay theirs
        pair = known[(id(a), id(b))] = (a, b, _same_parts(a, b, known))
    return pair[2]


def _same_parts(a: Any, b: Any, known: dict[tuple[int, int], tuple[Any, Any, bool]] | None) -> bool:
    """``same`` for two compound values of one type (loops, not ``all``: after every save
    of ``make serve`` it compares ~90,000 values)."""
    if isinstance(a, Urls):  # every address of a notice, made from its year alone
        return same(vars(a), vars(b), known)
    if isinstance(a, tuple | list):
        if len(a) != len(b):
            return False
        for x, y in zip(a, b, strict=True):  # noqa: SIM110 (a loop: no generator per value)
            if x is not y and not same(x, y, known):
                return False
        return True
    if isinstance(a, dict | MappingProxyType):
        if list(a) != list(b):
            return False
        for key, x in a.items():
            y = b[key]
            if x is not y and not same(x, y, known):
                return False
        return True
    names = _FIELDS.get(type(a))
    if names is None:
        if not dataclasses.is_dataclass(a) or isinstance(a, type):
            return False
        names = _FIELDS[type(a)] = tuple(f.name for f in dataclasses.fields(a))
    for name in names:
        x, y = getattr(a, name), getattr(b, name)
        if x is not y and not same(x, y, known):
            return False
    return True


_FIELDS: dict[type, tuple[str, ...]] = {}  # each dataclass's fields, by its type


class Same:
    """``same`` for one build: the pages and files of a notice are all made from it (and a
    feed entry names its notice), so after an edit the old and new notice would be compared
    again for each; here each pair of values is compared once."""

    def __init__(self) -> None:
        self._known: dict[tuple[int, int], tuple[Any, Any, bool]] = {}

    def __call__(self, a: Any, b: Any) -> bool:
        return same(a, b, self._known)


def same_call(a: Any, b: Any, compare: Callable[[Any, Any], bool] | None = None) -> bool:
    """Whether two makers of a file make the same: the same object, or the same function
    given the same arguments (compared by ``compare``, ``same`` if not given)."""
    compare = compare or same
    if a is b:
        return True
    if not (isinstance(a, partial) and isinstance(b, partial)) or a.func is not b.func:
        return False
    return compare(a.args, b.args) and compare(a.keywords, b.keywords)
