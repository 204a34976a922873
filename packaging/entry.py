"""The bundle's program: the `locator` command (the app when run without a command)."""

import sys

from locator.cli import main

sys.exit(main())
