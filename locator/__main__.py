"""`python -m locator`: the same as the `locator` command."""

import sys

from locator.cli import main

sys.exit(main())
