"""The production settings as bench/load.py runs them: config/settings/production.py, with its files elsewhere.

The collected static files and the demo content's media go to the run's own temporary folder (LOAD_BENCH_DIR),
removed at the end, so that a run leaves nothing in the work tree and never mixes its images with a developer's
media folder. Nothing else differs from production.
"""

import os
from pathlib import Path

from config.settings.production import *  # noqa: F403

_run_dir = Path(os.environ["LOAD_BENCH_DIR"])
STATIC_ROOT = _run_dir / "static"
MEDIA_ROOT = _run_dir / "media"
