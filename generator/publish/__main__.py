"""``python -m generator.publish``: what ``make site`` runs (see release.py)."""

import sys

from .release import main

sys.exit(main())
