"""The package as people get it: the wheel carries the demo, the stylesheets and the licence, the metadata
names the project, and the built wheel installs into a fresh environment where `onward` runs."""

import email
import re
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

import tui

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(folder), str(ROOT)],
        check=True, capture_output=True,
    )
    [built] = folder.glob("onward-*.whl")
    return built


def test_wheel_carries_the_demo_and_stylesheets(wheel, tmp_path):
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


def test_the_wheel_carries_the_licence_and_says_where_the_project_lives(wheel):
    archive = zipfile.ZipFile(wheel)
    [licence] = [name for name in archive.namelist() if name.endswith(".dist-info/licenses/LICENSE")]
    text = archive.read(licence).decode()
    assert text.startswith("MIT License") and "Copyright (c) 2026 the Onward authors" in text
    [metadata] = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
    fields = email.message_from_bytes(archive.read(metadata))
    assert fields["License-Expression"] == "MIT" and fields["License-File"] == "LICENSE"
    urls = dict(url.split(", ", 1) for url in fields.get_all("Project-URL"))
    assert {"Homepage", "Source", "Issues"} <= set(urls)
    assert all(url.startswith("https://github.com/onward-app/onward") for url in urls.values())
    classifiers = fields.get_all("Classifier")
    assert "License :: OSI Approved :: MIT License" not in classifiers  # the licence expression says it once
    assert "Environment :: Console" in classifiers and "Programming Language :: Python :: 3.11" in classifiers
    # python-dateutil stays: dates.py does its month and year arithmetic with relativedelta.
    assert any(requirement.startswith("python-dateutil") for requirement in fields.get_all("Requires-Dist"))


def test_the_readme_images_show_on_the_package_index():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme)
    assert len(images) >= 6
    for image in images:
        assert image.startswith("https://raw.githubusercontent.com/onward-app/onward/main/screenshots/"), image
        assert (ROOT / "screenshots" / image.rsplit("/", 1)[1]).is_file(), image  # and names a file we ship
    assert "pipx install " in readme and "onward completion bash" in readme


def test_the_sdist_carries_the_licence(tmp_path):
    pytest.importorskip("build", reason="the sdist is built with `build` (pip install build)")
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path), str(ROOT)], check=True, capture_output=True,
    )
    [sdist] = tmp_path.glob("onward-*.tar.gz")
    names = tarfile.open(sdist).getnames()
    assert any(name.endswith("/LICENSE") for name in names) and any(name.endswith("/README.md") for name in names)


NO_NETWORK = re.compile(
    r"NewConnectionError|Network is unreachable|Temporary failure in name resolution|Max retries exceeded|"
    r"Failed to establish a new connection|Read timed out|Connection refused"
)


def test_the_built_wheel_installs_in_a_fresh_venv_and_runs(wheel, tmp_path):
    """pip brings the dependencies (from its cache, or the index); without a network to reach them the test
    is skipped, saying so, but any other failure to install fails it."""
    environment = tmp_path / "venv"
    venv.create(environment)  # without pip of its own (ensurepip takes seconds): this pip installs into it
    python = environment / "bin" / "python"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-compile",
         "--disable-pip-version-check", str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    if installed.returncode != 0 and NO_NETWORK.search(installed.stdout + installed.stderr):
        pytest.skip(f"pip could not reach an index for the dependencies: {installed.stderr.strip().splitlines()[-1]}")
    assert installed.returncode == 0, installed.stderr
    onward = environment / "bin" / "onward"
    home = tmp_path / "home"
    env = {
        "PATH": f"{environment / 'bin'}:/usr/bin:/bin", "HOME": str(home), "ONWARD_TODAY": "2026-11-27",
        "XDG_DATA_HOME": str(home / "data"), "LANG": "C.UTF-8",
    }
    version = subprocess.run([str(onward), "--version"], capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    assert version.stdout.strip() == f"onward {tui.__version__}"
    where = subprocess.run([str(python), "-c", "import tui; print(tui.__file__)"], capture_output=True, text=True,
                           env=env, cwd=tmp_path, check=True)
    assert where.stdout.startswith(str(environment))  # the installed copy, not this source tree
    # Headless: Textual's own switches draw the app once without a terminal, save the screen and quit.
    shots = tmp_path / "shots"
    shots.mkdir()
    headless = {
        **env, "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver", "TEXTUAL_SCREENSHOT": "1",
        "TEXTUAL_SCREENSHOT_LOCATION": str(shots), "TEXTUAL_SCREENSHOT_FILENAME": "demo.svg",
    }
    demo = subprocess.run([str(onward), "--demo"], capture_output=True, text=True, env=headless, cwd=tmp_path, timeout=60)
    assert demo.returncode == 0, demo.stderr
    screen = (shots / "demo.svg").read_text(encoding="utf-8").replace("&#160;", " ")
    assert "Inbox" in screen and "Follow-ups due" in screen and "day streak" in screen
    assert not home.exists() or not any(home.rglob("*.db"))  # the demo is a throw-away copy: no journal left behind
