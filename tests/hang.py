"""A guard against a hang, not a speed test: speed is measured in ``make bench``.

Tests of refusals and of generated input once caught loops that never ended (issue 9).
Under a busy shared machine a wall-clock budget of a second or two fails for no fault of
the code, so the tests bound only what would never end."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator

HANG = 30  # seconds: a check that has not ended by then never would (it takes well under one)


@contextlib.contextmanager
def never_hangs(what: str) -> Iterator[None]:
    """Fail, rather than wait forever, when the block has not ended after HANG seconds."""

    def stop(signum: int, frame: object) -> None:
        raise AssertionError(f"{what}：{HANG} 秒后仍未结束")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(HANG)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
