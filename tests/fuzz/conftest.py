"""The ``fuzz`` Hypothesis profile: bounded for CI (≈ 60 s for the whole folder on two busy
cores), longer on request.

    HDSWATCH_FUZZ_SCALE=20 pytest tests/fuzz      # twenty times the examples (≈ 20 minutes)

Each test asks for ``examples(n)``: ``n`` examples at scale 1. No example database is written
(the runs leave no file in the repository); a failure prints the blob that replays it
(``@reproduce_failure``), and any crash found is kept as an explicit regression test.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SCALE = float(os.environ.get("HDSWATCH_FUZZ_SCALE", "1") or "1")

settings.register_profile(
    "fuzz",
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("fuzz")


def examples(n: int) -> settings:
    """The fuzz profile with ``n × HDSWATCH_FUZZ_SCALE`` examples."""
    return settings(FUZZ, max_examples=max(1, round(n * SCALE)))
