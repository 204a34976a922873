"""`locator --self-test`: check that the app works on this machine, step by step."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    """Run the self-test (registry, place lookup, window, map, PDF); 0 when all pass."""
    from locator.ui.self_test import run_self_test  # Qt only loads for the window

    return run_self_test()
