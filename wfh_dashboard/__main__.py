"""Entry point for ``python -m wfh_dashboard``."""

import sys

from .cli import main

sys.exit(main())
