"""The `ducha` entry point as a new user meets it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_a_command_on_a_database_nobody_migrated_says_to_migrate(tmp_path):
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'new.sqlite3'}", DUCHA_DEMO="1",
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "ducha.cli", "audit", "verify"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "请先运行 `ducha migrate`" in done.stderr and "Traceback" not in done.stderr
