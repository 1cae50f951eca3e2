"""Stopping the job worker as its systemd unit stops it (scripts/ducha-worker.service).

systemd's default KillMode (control-group) sends SIGTERM to every process of the unit at once: django-q2's
sentinel and workers then die on the spot (the job in hand with them) and the cluster's main process waits for
ever on the dead sentinel, so `systemctl stop` hung for the unit's TimeoutStopSec (half an hour) before SIGKILL.
With KillMode=mixed only the main process gets SIGTERM: it tells the sentinel to stop, the job in hand finishes,
and the worker exits."""

import configparser
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
UNIT = ROOT / "scripts" / "ducha-worker.service"


def _children(pid):
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _wait(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_the_worker_unit_signals_only_the_main_process():
    unit = configparser.ConfigParser(strict=False)
    unit.read(UNIT)
    assert unit["Service"]["ExecStart"].endswith("ducha qcluster")
    assert unit["Service"].get("KillMode") == "mixed"
    assert unit["Service"].get("KillSignal", "SIGTERM") == "SIGTERM"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
def test_the_worker_stops_within_seconds_when_its_main_process_is_told_to(tmp_path):
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'worker.sqlite3'}", DUCHA_DEMO="1",
               PYTHONPATH=str(ROOT))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run = [sys.executable, "-m", "ducha.cli"]
    subprocess.run([*run, "migrate", "-v", "0"], env=env, cwd=tmp_path, check=True, timeout=300)
    worker = subprocess.Popen([*run, "qcluster"], env=env, cwd=tmp_path, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # Up: the main process has its sentinel, and the sentinel its workers.
        assert _wait(lambda: any(_children(s) for s in _children(worker.pid)), 60)
        worker.send_signal(signal.SIGTERM)  # what KillMode=mixed does
        assert worker.wait(timeout=60) == 0
        assert _wait(lambda: not _children(worker.pid), 10)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
