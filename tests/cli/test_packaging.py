"""The demo journal ships inside the wheel, so `onward --demo` works from an installed package."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_carries_the_demo_and_stylesheets(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    [wheel] = tmp_path.glob("onward-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "tui/data/demo.json" in names
    assert {"tui/app.tcss", "tui/screens/inbox.tcss"} <= names
    # Imported straight from the wheel file, far from the source tree, the demo still loads.
    code = (
        "import json, tui; from tui.paths import demo_journal_text; "
        "print(tui.__file__); print(len(json.loads(demo_journal_text())['applications']))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=tmp_path, env={"PYTHONPATH": str(wheel), "PATH": "/usr/bin:/bin"})
    where, count = result.stdout.split()
    assert where.startswith(str(wheel))
    assert int(count) >= 25
