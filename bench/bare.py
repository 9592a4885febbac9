"""``mkdocs`` with the plugin's post-build finish (minify + Pagefind) left out.

For the benchmark's second comparison only ("without the finish step on both sides"):
the baseline's stock build is compared with this build, in which ``on_post_build`` still
checks the address lock but ``finish`` does nothing. Everything else is the real
``mkdocs`` command.
"""

from __future__ import annotations

import sys

from mkdocs.__main__ import cli

import generator.plugin


def _no_finish(*args: object, **kwargs: object) -> None:
    return None


generator.plugin.finish = _no_finish  # type: ignore[assignment]

if __name__ == "__main__":
    sys.exit(cli())
