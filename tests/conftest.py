"""Test settings shared by every test module.

The property tests draw the same examples on every run (``derandomize``), so that
``make test`` passes or fails on the code, not on the draw. To explore new draws,
run with ``HYPOTHESIS_EXPLORE=1``: each run then draws afresh and keeps the
failing examples in ``.hypothesis/``.
"""

import os

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile("explore" if os.environ.get("HYPOTHESIS_EXPLORE") else "repeatable")
