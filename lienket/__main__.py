"""`python -m lienket`: the command line (lienket.cli)."""

import sys

from lienket.cli import main

sys.exit(main())
