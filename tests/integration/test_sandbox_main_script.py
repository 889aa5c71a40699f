"""A file read under limits from a process whose main script cannot be imported again, as in an
Airflow worker (the ``airflow`` command fails to import in a task process): the reading child
must not import the caller's main script, and the file is read (kind ``contract``), not
reported as a crashed reading."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.integration.batch import write_batch

REPO = Path(__file__).resolve().parents[2]
SCRIPT = """\
import sys
if __name__ != "__main__":
    raise SystemExit("the main script was imported again")
from pathlib import Path
from hdswatch.sandbox import extract_limited
print(extract_limited(Path(sys.argv[1])).kind)
"""


def test_a_main_script_that_cannot_be_imported_again(tmp_path: Path) -> None:
    pdf = write_batch(tmp_path, 1)[0]
    script = tmp_path / "worker_main.py"
    script.write_text(SCRIPT)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "plugins")])}
    result = subprocess.run(
        [sys.executable, str(script), str(pdf)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "contract", result.stderr[-3000:]
