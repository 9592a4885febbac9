"""``python -m generator.publish.build ARGS``: ``mkdocs build ARGS``, but a failure of the
system (a full disk, a read-only folder) is said in Chinese, not as Python's traceback.

``make site`` (release.py) builds through this: MkDocs explains its own and our plugin's
errors, but an OSError while it writes the site would reach the clerk as a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..atomic import reason


def main(argv: Sequence[str] | None = None) -> int:
    from mkdocs.__main__ import cli

    try:
        cli.main(args=["build", *(sys.argv[1:] if argv is None else argv)], prog_name="mkdocs")
    except SystemExit as exc:  # click's way to end: mkdocs' own messages are printed
        return exc.code if isinstance(exc.code, int) else 1
    except OSError as exc:
        print(f"错误：生成网站时 {reason(exc)}。", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
