"""Test settings shared by every test module.

Under continuous integration (``CI`` set, as CI services do) the property tests
draw the same examples on every run, so that a result depends on the code and
not on the draw; run locally, they draw new examples each time and keep the
failing ones in ``.hypothesis/``.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
