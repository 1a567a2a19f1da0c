"""An sftp:// replica, with the real Litestream, against an `sshd` of the test's own: on 127.0.0.1, on a free
high port, with a throwaway host key and an authorized key in the test's folder (nothing reaches beyond this
machine, and no one else's ssh is touched). Skipped, saying why, where sshd is not installed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_replicate_cli import Device, desktop, laptop, ok  # noqa: F401  (fixtures)
from tests.store.test_replica import WAIT_SECONDS, export_of, pytestmark  # noqa: F401  (skips as that file does)

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if os.access("/usr/sbin/sshd", os.X_OK) else None)
KEYGEN = shutil.which("ssh-keygen")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answering(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            return connection.recv(4).startswith(b"SSH-")
    except OSError:
        return False


class Sshd:
    def __init__(self, folder: Path, port: int, key: Path, process: subprocess.Popen[bytes]) -> None:
        self.folder, self.port, self.key, self.process = folder, port, key, process

    def url(self, path: Path) -> str:
        return f"sftp://{os.environ.get('USER') or 'root'}@127.0.0.1:{self.port}{path}"


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[Sshd]:
    if SSHD is None or KEYGEN is None:
        pytest.skip("sshd is not installed (Debian: apt-get install openssh-server): the sftp:// test runs its own")
    if os.geteuid() == 0 and not os.path.isdir("/run/sshd"):
        # sshd run by root insists on its privilege separation folder (an empty folder the package's service makes).
        try:
            os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
        except OSError:
            pytest.skip("sshd needs /run/sshd, which can't be made here")
    folder = tmp_path / "sshd"
    folder.mkdir()
    host_key, user_key = folder / "host_ed25519", folder / "user_ed25519"
    for key in (host_key, user_key):
        subprocess.run([KEYGEN, "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True, timeout=30)
    (folder / "authorized_keys").write_text(user_key.with_suffix(".pub").read_text())
    port = free_port()
    config = folder / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_key}\nPidFile {folder / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {folder / 'authorized_keys'}\nPubkeyAuthentication yes\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\nPermitRootLogin prohibit-password\n"
        "Subsystem sftp internal-sftp\n"
    )
    process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stdin=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        give_up = time.monotonic() + WAIT_SECONDS
        while not answering(port):
            if process.poll() is not None:
                said = process.stderr.read().decode(errors="replace").strip() if process.stderr else ""
                pytest.skip(f"sshd would not start here: {said.splitlines()[-1] if said else 'no reason given'}")
            assert time.monotonic() < give_up, "sshd never answered"
            time.sleep(0.05)
        yield Sshd(folder, port, user_key, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_an_sftp_replica_on_a_local_sshd_is_copied_to_and_restored_from(
    laptop: Device, desktop: Device, sshd: Sshd, tmp_path: Path
) -> None:
    replica = sshd.url(tmp_path / "nas" / "onward")
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("add", "Beta", "Engineer"))
    ok(laptop.onward("replicate", replica, "--key", str(sshd.key), "--once"))
    assert list((tmp_path / "nas" / "onward").rglob("*.ltx"))  # it went through sshd to the "NAS"
    status = ok(laptop.onward("replicate", "--status"))
    assert f"Replica: {replica}" in status and "Last caught up:" in status

    ok(desktop.onward("restore", "--from", replica, "--key", str(sshd.key), "--yes"))
    assert desktop.companies() == ["Acme", "Beta"]
    assert export_of(desktop.journal) == export_of(laptop.journal)

    ok(desktop.onward("add", "Gamma", "Lead"))  # the desktop's turn, copied over sftp too
    ok(desktop.onward("replicate", "--once"))
    status_code, _, err = laptop.onward("add", "Delta", "Dev")
    assert status_code == 2 and "This journal is behind the copy written on desktop at " in err
    ok(laptop.onward("pull", "--yes"))
    assert laptop.companies() == ["Acme", "Beta", "Gamma"]
