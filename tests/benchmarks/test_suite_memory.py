"""The suite's memory figure (tests/benchmarks/suite_memory.py) adds up every process under pytest, each as
its kind: a tree of processes stands in for pytest, a pytest-xdist worker, a process the worker started and
one pytest started itself, each holding a known amount. No figure of the real suite is judged here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.benchmarks.suite_memory import MB, sample

pytestmark = pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc (Linux)")

HOLD_AND_WAIT = "held = b'x' * ({mb} * 1024 * 1024); print('ready', flush=True); sys.stdin.read()"
STARTED = f"import sys; {HOLD_AND_WAIT.format(mb=16)}"
STARTED_BY_PYTEST = f"import sys; {HOLD_AND_WAIT.format(mb=24)}"
# As pytest-xdist starts a worker (through execnet): the code comes on its standard input.
WORKER = (
    "import subprocess, sys\n"
    f"started = subprocess.Popen([sys.executable, '-c', {STARTED!r}], stdin=subprocess.PIPE, stdout=subprocess.PIPE)\n"
    "assert started.stdout.readline() == b'ready\\n'\n"
    f"{HOLD_AND_WAIT.format(mb=32)}\n"
)
PYTEST = (
    "import subprocess, sys\n"
    "worker = subprocess.Popen([sys.executable, '-u', '-c', 'import sys;exec(eval(sys.stdin.readline()))'],"
    " stdin=subprocess.PIPE, stdout=subprocess.PIPE)\n"
    f"worker.stdin.write({repr(WORKER)!r}.encode() + b'\\n'); worker.stdin.flush()\n"
    "assert worker.stdout.readline() == b'ready\\n'\n"
    f"started = subprocess.Popen([sys.executable, '-c', {STARTED_BY_PYTEST!r}], stdin=subprocess.PIPE, stdout=subprocess.PIPE)\n"
    "assert started.stdout.readline() == b'ready\\n'\n"
    f"{HOLD_AND_WAIT.format(mb=64)}\n"
)


def test_the_peak_adds_up_pytest_its_workers_and_what_they_started():
    with subprocess.Popen([sys.executable, "-c", PYTEST], stdin=subprocess.PIPE, stdout=subprocess.PIPE) as pytest_:
        assert pytest_.stdout.readline() == b"ready\n"  # all four hold their memory now
        now = sample(pytest_.pid)
        pytest_.stdin.close()  # each one's stdin closes as its parent ends: all four end
    assert set(now) == {"pytest", "worker", "other"}, now
    assert now["pytest"] >= 64 * MB and now["worker"] >= 32 * MB and now["other"] >= (16 + 24) * MB, now
    assert now["worker"] < (32 + 16) * MB, now  # neither the worker's process nor pytest's other one is a worker
