"""A replica's address, checked before Litestream starts, and what Litestream says put in one line: a USB disk
that is not plugged in (Litestream would have made the folder on the laptop's own disk), a read-only folder
(copied to: refused; restored or pulled from: fine), an s3:// replica with no credentials or a store that
refuses, and what each device is called to the others (user@host, or `onward replicate --device NAME`).
With the real Litestream; no test reaches beyond this machine (a fake S3 store answers on 127.0.0.1)."""

from __future__ import annotations

import errno
import getpass
import http.server
import json
import os
import socket
import tempfile
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.cli.test_replicate_cli import Device, desktop, laptop, ok, url  # noqa: F401  (fixtures)
from tests.store.test_replica import pytestmark, wait_until  # noqa: F401  (skips as that file does)
from tui.actions import replica as replicas
from tui.domain.replica import Replica, explain_litestream
from tui.paths import onward_command
from tui.store import replica as store

CREDENTIALS = (
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "LITESTREAM_ACCESS_KEY_ID", "LITESTREAM_SECRET_ACCESS_KEY", "AWS_PROFILE",
    "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CA_BUNDLE",
)


@pytest.fixture
def no_credentials(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An environment with no S3 credentials anywhere (nor a ~/.aws folder), and Litestream, should it run
    anyway, kept from asking the network for an EC2 instance role."""
    for name in CREDENTIALS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# A disk that is not plugged in


def test_a_replica_on_a_disk_not_plugged_in_is_refused_and_nothing_is_made_on_this_disk(laptop: Device, tmp_path: Path) -> None:
    """Found by a tester: `onward replicate file:///media/usb/onward` with /media/usb absent made it, and the
    copy landed on the laptop's own disk."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    absent = tmp_path / "media" / "usb"
    status, _, err = laptop.onward("replicate", (absent / "onward").as_uri(), "--once")
    assert status == 2
    assert one_line(err).startswith(f"onward: {absent} doesn't exist — is the disk plugged in?")
    assert not (tmp_path / "media").exists()
    assert "No replica" in ok(laptop.onward("replicate", "--status"))  # not remembered


@pytest.mark.parametrize("shape", ["parent is a file", "folder is a file", "folder links to nothing"])
def test_a_replica_folder_that_cant_be_one_is_refused_in_its_own_words_and_the_replica_before_stays(
    laptop: Device, tmp_path: Path, url: str, shape: str
) -> None:
    """Found by a tester: a folder that is a link to nowhere passed the checks, Litestream failed, and the address
    was remembered anyway (the working replica dropped); a parent that is a file was 'doesn't exist'."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    place = tmp_path / "elsewhere"
    place.mkdir()
    if shape == "parent is a file":
        (place / "usb").write_text("x")
        folder, expected = place / "usb" / "onward", f"{place / 'usb'} is a file, not a folder: choose another folder with `onward "
    elif shape == "folder is a file":
        (place / "onward").write_text("x")
        folder, expected = place / "onward", f"{place / 'onward'} is a file, not a folder: choose another folder with `onward "
    else:
        (place / "onward").symlink_to(tmp_path / "unmounted")
        folder, expected = place / "onward", f"is a link to {tmp_path / 'unmounted'}, which doesn't exist — is the disk plugged in?"
    status, _, err = laptop.onward("replicate", folder.as_uri(), "--once")
    assert status == 2 and expected in one_line(err) and f"{url} is still the replica." in err
    assert f"Replica: {url}" in ok(laptop.onward("replicate", "--status"))


def test_a_new_replica_litestream_cannot_copy_to_is_not_remembered(
    laptop: Device, tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    other = tmp_path / "nas"
    other.mkdir()
    monkeypatch.setattr(replicas, "copy_continuously", lambda *args, **kwargs: 1)  # Litestream failed its own way
    status, _, err = laptop.onward("replicate", (other / "onward").as_uri(), "--once")
    assert status == 2 and err.strip().endswith(f"{url} is still the replica.")
    monkeypatch.undo()
    assert f"Replica: {url}" in ok(laptop.onward("replicate", "--status"))


def test_litestream_never_makes_the_folder_of_a_disk_unplugged_while_it_copies_and_the_app_says_so(
    laptop: Device, url: str, tmp_path: Path
) -> None:
    """The app's Litestream runs for hours: with the disk unplugged meanwhile, it must not make /media/usb/onward
    on this machine's own disk (Litestream makes every folder on the way to a file it writes), and the app
    says the replica can't be reached."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    laptop._monkeypatch.setenv("XDG_CONFIG_HOME", str(laptop.config))
    child, check, message = replicas.start_copying(laptop.journal, datetime.now(timezone.utc))
    assert child is not None and message == "" and not check.refusal
    try:
        (tmp_path / "usb").rename(tmp_path / "usb-unplugged")
        before = store.local_position(laptop.journal)
        status, _, err = laptop.onward("add", "Beta", "Engineer")
        assert status == 0 and f"{tmp_path / 'usb'} doesn't exist — is the disk plugged in?" in err
        # Litestream has taken the write, to copy it (and failed: the folder is not there).
        wait_until(lambda: store.local_position(laptop.journal) > before, "Litestream to take the write")
        _, _, said = replicas.start_copying(laptop.journal, datetime.now(timezone.utc), start=False)
        assert said.startswith("The replica can't be reached (") and "is the disk plugged in?" in said
    finally:
        child.stop()  # its last copy on the way out too
    # Litestream ended on its own when told twice (it retries a last copy for 30 s): killed after the app's
    # exit waited 10 s for it, it would say -9.
    assert child.process.returncode == 0
    assert not (tmp_path / "usb").exists()
    (tmp_path / "usb-unplugged").rename(tmp_path / "usb")
    ok(laptop.onward("replicate", "--once"))  # back: copied there, where it was
    assert "already holds everything" in ok(laptop.onward("pull", "--yes"))


# A read-only folder


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Folders put in the list are read-only: chmod 555, and, as root (whom chmod does not stop: CI runs as
    root), also to Onward's two checks (os.access and a file made there), as a disk mounted read-only is."""
    folders: list[Path] = []
    if os.geteuid() == 0:
        def under(path: object) -> bool:
            return any(Path(str(path)).resolve().is_relative_to(folder.resolve()) for folder in folders)

        real_access, real_mkstemp = os.access, tempfile.mkstemp

        def access(path, mode, *args, **kwargs):  # type: ignore[no-untyped-def]
            return False if mode & os.W_OK and under(path) else real_access(path, mode, *args, **kwargs)

        def mkstemp(*args, **kwargs):  # type: ignore[no-untyped-def]
            if under(kwargs.get("dir") or ""):
                raise PermissionError(errno.EACCES, "Permission denied")
            return real_mkstemp(*args, **kwargs)

        monkeypatch.setattr(os, "access", access)
        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    yield folders
    for folder in folders:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)


def make_read_only(folders: list[Path], folder: Path) -> None:
    for path in [*folder.rglob("*"), folder]:
        if path.is_dir():
            path.chmod(0o555)
    folders.append(folder)


def test_a_read_only_folder_is_said_to_be_read_only_and_nothing_is_copied(
    laptop: Device, tmp_path: Path, read_only: list[Path]
) -> None:
    """Found by a tester: a replica folder that is there but read-only was called "empty or missing"."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    folder = tmp_path / "ro"
    folder.mkdir()
    make_read_only(read_only, folder)
    status, _, err = laptop.onward("replicate", folder.as_uri(), "--once")
    assert status == 2
    assert one_line(err).startswith(f"onward: Onward can't write to {folder} (read-only): ")
    # The way out, built for this journal: run as printed, it acts on it (--db).
    assert f"or choose another folder with `{onward_command(laptop.journal, 'replicate', 'file:///OTHER/FOLDER')}`." in err
    assert "No replica" in ok(laptop.onward("replicate", "--status"))
    assert not list(folder.iterdir())


def test_a_read_only_replica_is_restored_and_pulled_from_but_not_copied_to(
    laptop: Device, desktop: Device, url: str, tmp_path: Path, read_only: list[Path]
) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(desktop.onward("add", "Gamma", "Lead"))
    ok(desktop.onward("replicate", "--once"))
    make_read_only(read_only, tmp_path / "usb")  # the disk mounted read-only

    status, _, err = laptop.onward("replicate", "--once")
    assert status == 2 and one_line(err).startswith(f"onward: Onward can't write to {tmp_path / 'usb' / 'onward'} (read-only): ")
    assert "Pulled" in ok(laptop.onward("pull", "--yes"))  # reading is fine
    assert laptop.companies() == ["Acme", "Gamma"]
    third = Device(tmp_path, "third", laptop._monkeypatch, laptop._capsys)
    assert "Restored" in ok(third.onward("restore", "--from", url, "--yes"))
    assert third.companies() == ["Acme", "Gamma"]


def test_a_journal_whose_replica_is_now_an_empty_read_only_folder_hears_read_only_not_missing(
    laptop: Device, url: str, tmp_path: Path, read_only: list[Path]
) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    folder = tmp_path / "usb" / "onward"
    folder.rename(tmp_path / "usb" / "elsewhere")
    folder.mkdir()
    make_read_only(read_only, folder)
    status, _, err = laptop.onward("add", "Beta", "Engineer")
    assert status == 0
    assert f"(Onward can't write to {folder} (read-only)); this write is kept here" in one_line(err)
    assert "empty or missing" not in err


# S3: credentials, and what Litestream says


def test_an_s3_replica_without_credentials_is_said_in_one_line_naming_the_variables(
    laptop: Device, url: str, no_credentials: None
) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    s3 = ["s3://bucket/onward", "--endpoint", "http://127.0.0.1:1"]
    for argv in (["replicate", *s3, "--once"], ["restore", "--from", *s3, "--yes"]):
        status, _, err = laptop.onward(*argv)
        line = one_line(err)
        assert status == 2, argv
        assert line.startswith("onward: s3://bucket/onward needs credentials, and none are set: export LITESTREAM_ACCESS_KEY_ID"), line
        assert "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY" in line and "AWS_PROFILE" in line
        assert "Litestream" not in line.split("export", 1)[0]  # Onward's words, not Litestream's
    assert f"Replica: {url}" in ok(laptop.onward("replicate", "--status"))  # the one before is kept
    assert laptop.companies() == ["Acme"]


def test_pull_and_status_of_a_remembered_s3_replica_without_credentials_say_so(laptop: Device, no_credentials: None) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    from tui.store.repository import Journal

    journal = Journal.open(laptop.journal)
    try:
        replicas.choose_replica(journal, Replica("s3://bucket/onward", "http://127.0.0.1:1"))
    finally:
        journal.close()
    status_text = ok(laptop.onward("replicate", "--status"))
    assert "Can't reach it: s3://bucket/onward needs credentials, and none are set" in status_text
    status, _, err = laptop.onward("pull", "--yes")
    assert status == 2 and "needs credentials, and none are set" in one_line(err) and "Nothing was changed." in err


@pytest.mark.parametrize(
    ("environment", "files", "missing"),
    [
        ({}, [], True),
        ({"AWS_ACCESS_KEY_ID": "k"}, [], True),  # half a pair is no credential
        ({"AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"}, [], False),
        ({"LITESTREAM_ACCESS_KEY_ID": "k", "LITESTREAM_SECRET_ACCESS_KEY": "s"}, [], False),
        ({"LITESTREAM_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"}, [], False),  # Litestream mixes them too
        ({"AWS_PROFILE": "backup"}, [], False),
        ({}, [".aws/credentials"], False),
        ({}, [".aws/config"], False),
    ],
)
def test_where_litestream_finds_s3_credentials_is_where_onward_looks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_credentials: None, environment: dict[str, str], files: list[str],
    missing: bool,
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    for file in files:
        (tmp_path / "home" / file).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "home" / file).write_text("[default]\n")
    assert store.missing_credentials(Replica("s3://bucket/onward")) is missing
    assert store.missing_credentials(Replica((tmp_path / "x").as_uri())) is False  # only s3:// needs them


def settings_of(journal: Path) -> list[tuple[str, str]]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(journal)) as conn:
        return sorted(conn.execute("SELECT key, value FROM settings").fetchall())


def test_an_s3_endpoint_that_refuses_connections_is_said_at_once_without_starting_litestream(
    laptop: Device, url: str, monkeypatch: pytest.MonkeyPatch, no_credentials: None
) -> None:
    """Found by a tester: `onward replicate s3://bucket/x --endpoint http://127.0.0.1:9` said after a minute that
    the replica "did not answer": Litestream (the AWS SDK) tries a refused connection again and again. Said at
    once, by Onward, for replicate, restore, pull, --status and the app's check alike; nothing is remembered."""
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LITESTREAM_ACCESS_KEY_ID", "onward-test")
    monkeypatch.setenv("LITESTREAM_SECRET_ACCESS_KEY", "onward-test")
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]  # closed again: nothing listens there, a connection is refused
    endpoint = f"http://127.0.0.1:{port}"
    said = f"{endpoint} can't be reached: 127.0.0.1 refused the connection on port {port}"
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    before = settings_of(laptop.journal)

    run = store._run

    def never_the_store(arguments: list[str], *more: object) -> str:
        if arguments[0] in ("ltx", "restore"):
            raise AssertionError("Litestream was asked the store (it tries a refused connection for a minute)")
        return run(arguments, *more)  # type: ignore[arg-type]  # its own record here (reset) is fine

    monkeypatch.setattr(store, "_run", never_the_store)
    status, _, err = laptop.onward("replicate", "s3://bucket/onward", "--endpoint", endpoint, "--once")
    assert status == 2 and one_line(err).startswith(f"onward: {said}; check the address given with --endpoint")
    assert f"{url} is still the replica." in err
    status, _, err = laptop.onward("restore", "--from", "s3://bucket/onward", "--endpoint", endpoint, "--yes")
    assert status == 2 and said in one_line(err) and err.strip().endswith("Nothing was changed.")
    assert settings_of(laptop.journal) == before and laptop.companies() == ["Acme"]
    from tui.store.repository import Journal

    journal = Journal.open(laptop.journal)
    try:
        replicas.choose_replica(journal, Replica("s3://bucket/onward", endpoint))
        assert said in replicas.may_write(journal).warning  # what a write from the command line says
    finally:
        journal.close()
    laptop._monkeypatch.setenv("XDG_CONFIG_HOME", str(laptop.config))
    child, check, message = replicas.start_copying(laptop.journal, datetime.now(timezone.utc))
    assert child is None and not check.refusal and message.startswith(said)  # the app's notice
    assert f"Can't reach it: {said}" in ok(laptop.onward("replicate", "--status"))
    status, _, err = laptop.onward("pull", "--yes")
    assert status == 2 and said in one_line(err) and "Nothing was changed." in err


@pytest.mark.parametrize(
    ("shape", "line"),
    [
        ("a folder name of 300 characters", "in the replica's path is 300 characters long, more than the file system allows ("),
        ("a path of 5,000 characters", "the replica's path is 5,"),
        ("a path of 1,500 characters", "the replica's address is 1,"),
    ],
)
def test_a_replica_path_too_long_is_said_as_such_and_nothing_changes(
    laptop: Device, url: str, tmp_path: Path, shape: str, line: str
) -> None:
    """Found by a tester: a folder name of 300 characters exited 1 with a raw "File name too long", and a path of
    over 4,096 characters was told to "give the replica as file:///…" (as it was). Each says what is too long."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    before = settings_of(laptop.journal)
    if shape.startswith("a folder name"):
        folder, why = tmp_path / ("a" * 300) / "onward", "more than the file system allows"
    elif "5,000" in shape:
        folder, why = tmp_path.joinpath(*["b" * 199] * 25), "more than this system allows"
    else:
        folder, why = tmp_path.joinpath(*["c" * 199] * 7), "more than the 1,000 Onward takes: give a folder with a shorter path."
    for argv in (["replicate", folder.as_uri(), "--once"], ["restore", "--from", folder.as_uri(), "--yes"]):
        status, _, err = laptop.onward(*argv)
        assert status == 2, err
        assert line in one_line(err) and why in err, err
    assert settings_of(laptop.journal) == before and laptop.companies() == ["Acme"]
    assert f"Replica: {url}" in ok(laptop.onward("replicate", "--status"))


class FakeS3:
    """An S3-compatible store on 127.0.0.1 that answers every request with one error."""

    def __init__(self, status: int, code: str) -> None:
        class Answer(http.server.BaseHTTPRequestHandler):
            def answer(self) -> None:
                body = f"<?xml version='1.0'?><Error><Code>{code}</Code><Message>{code} here</Message></Error>".encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_PUT = do_HEAD = do_POST = do_DELETE = answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answer)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize(
    ("status", "code", "line"),
    [
        (404, "NoSuchBucket", 'the bucket "bucket" doesn\'t exist at {endpoint}: check the name in s3://bucket/onward and --endpoint.'),
        (403, "AccessDenied", "{endpoint} refused access to s3://bucket/onward: check LITESTREAM_ACCESS_KEY_ID"),
        (403, "InvalidAccessKeyId", "{endpoint} refused access to s3://bucket/onward: check LITESTREAM_ACCESS_KEY_ID"),
    ],
)
def test_what_an_s3_store_answers_is_one_line_with_litestreams_words_on_the_next(
    laptop: Device, monkeypatch: pytest.MonkeyPatch, no_credentials: None, status: int, code: str, line: str
) -> None:
    monkeypatch.setenv("LITESTREAM_ACCESS_KEY_ID", "onward-test")
    monkeypatch.setenv("LITESTREAM_SECRET_ACCESS_KEY", "onward-test")
    ok(laptop.onward("add", "Acme", "Analyst"))
    store_ = FakeS3(status, code)
    try:
        expected = line.format(endpoint=store_.endpoint)
        answer, _, err = laptop.onward("restore", "--from", "s3://bucket/onward", "--endpoint", store_.endpoint, "--yes")
        first, second = err.strip().splitlines()
        assert answer == 2 and first.startswith(f"onward: {expected}") and first.endswith("Nothing was changed."), err
        assert second.startswith("Litestream said: ") and code in second
        answer, _, err = laptop.onward("replicate", "s3://bucket/onward", "--endpoint", store_.endpoint, "--once")
        first, second = err.strip().splitlines()
        assert answer == 2 and f"can't be reached ({expected.rstrip('.')}" in first, err
        assert second.startswith("Litestream said: ") and code in second
    finally:
        store_.close()
    assert laptop.companies() == ["Acme"]


@pytest.mark.parametrize(
    ("said", "starts"),
    [
        ("operation error S3: ListObjectsV2, get identity: get credentials: failed to refresh cached credentials, no EC2 IMDS role found",
         "s3://bucket/onward needs credentials, and none are set"),
        ("operation error S3: ListObjectsV2, https response error StatusCode: 403, RequestID: , api error SignatureDoesNotMatch: x",
         "https://s3.example.com refused access to s3://bucket/onward"),
        ("operation error S3: ListObjectsV2, https response error StatusCode: 404, api error NoSuchBucket: The specified bucket does not exist",
         'the bucket "bucket" doesn\'t exist at https://s3.example.com'),
        ('request send failed, Get "https://s3.example.com/bucket": dial tcp 127.0.0.1:1: connect: connection refused',
         "https://s3.example.com can't be reached: check the address and this machine's network."),
        ('Get "https://s3.example.com/bucket": dial tcp: lookup s3.example.com on 10.0.0.53:53: no such host',
         "https://s3.example.com can't be reached"),
        ("s3: cannot load aws config: unable to add custom RootCAs HTTPClient, has no WithTransportOptions, *http.Client",
         "Litestream can't use the certificates AWS_CA_BUNDLE names"),
        ("something else entirely", ""),
    ],
)
def test_litestreams_common_errors_are_put_in_one_line(said: str, starts: str) -> None:
    line = explain_litestream(said, Replica("s3://bucket/onward", "https://s3.example.com"))
    assert line.startswith(starts) and "\n" not in line
    assert (line == "") is (starts == "")


def test_an_sftp_login_refused_names_the_key_option() -> None:
    line = explain_litestream("ssh: handshake failed: ssh: unable to authenticate, attempted methods [none publickey]", Replica("sftp://me@nas/onward"))
    assert line == "nas refused the login: check the user in sftp://me@nas/onward and the SSH key given with --key."
    line = explain_litestream('open /onward/ltx/0/x.ltx: sftp: "Permission denied" (SSH_FX_PERMISSION_DENIED)', Replica("sftp://me@nas/onward"))
    assert line == "nas refused access to the folder of sftp://me@nas/onward: check who may read and write it there."


# What a device is called


def test_a_device_is_called_user_at_host_unless_it_was_given_a_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by a tester: every device on one host was called by the host's name ("vm"), so two machines both
    called "laptop" (or two people on one) could not be told apart."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    expected = f"{getpass.getuser()}@{socket.gethostname()}"[:40]
    assert store.this_device().name == expected
    assert json.loads(store.device_file().read_text()) == {"id": store.this_device().id}  # the name is worked out each time
    store.device_file().write_text(json.dumps({"id": "old", "name": socket.gethostname()}))  # an older Onward's default
    assert store.this_device() == store.Device("old", expected)


def test_onward_replicate_device_names_this_machine_to_the_others(tmp_path: Path, url: str, laptop: Device, desktop: Device) -> None:
    for device in (laptop, desktop):  # two home folders of one user on one machine: the same user@host
        (device.config / "onward" / "device.json").write_text(json.dumps({"id": f"id-{device.name}"}))
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once", "--device", "  Work laptop "))
    assert f"This device: Work laptop ({onward_command(laptop.journal, 'replicate', '--device', 'NAME')} renames it)." in ok(laptop.onward("replicate", "--status"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    assert f"This device: {store.default_device_name()} (" in ok(desktop.onward("replicate", "--status"))  # user@host
    ok(desktop.onward("replicate", "--once", "--device", "Home desktop"))
    ok(desktop.onward("add", "Gamma", "Lead"))
    ok(desktop.onward("replicate", "--once"))
    status, _, err = laptop.onward("add", "Delta", "Dev")
    assert status == 2 and "This journal is behind the copy written on Home desktop at " in err
    ok(laptop.onward("pull", "--yes"))  # the desktop's journal, which names both: each still finds its own
    assert "This device: Work laptop" in ok(laptop.onward("replicate", "--status"))
    ok(laptop.onward("add", "Delta", "Dev"))
    ok(laptop.onward("replicate", "--once"))
    status, _, err = desktop.onward("add", "Epsilon", "Designer")
    assert status == 2 and "written on Work laptop at " in err


def test_device_alone_renames_this_machine_and_starts_nothing(laptop: Device, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by a tester: `onward replicate --device NAME`, as --status suggests, started copying and never returned."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    monkeypatch.setattr(replicas, "copy_continuously", lambda *args, **kwargs: pytest.fail("renaming started Litestream"))
    out = ok(laptop.onward("replicate", "--device", "Desk"))
    assert out == 'This machine is called Desk to the others from now on ("written on Desk").\n'
    assert f"This device: Desk ({onward_command(laptop.journal, 'replicate', '--device', 'NAME')} renames it)." in ok(laptop.onward("replicate", "--status"))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", '--device needs a name, e.g. --device "laptop".'),
        ("   ", '--device needs a name, e.g. --device "laptop".'),
        ("lap\ttop", "--device takes a name made of printable characters"),
        ("lap\x1b[31mtop", "--device takes a name made of printable characters"),
        ("x" * 41, "--device takes a name of at most 40 characters (41 given)."),
    ],
)
def test_a_device_name_onward_cant_use_is_refused_in_one_line_and_nothing_changes(
    laptop: Device, url: str, name: str, message: str
) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    status, _, err = laptop.onward("replicate", url, "--once", "--device", name)
    assert status == 2 and one_line(err).startswith(f"onward: {message}")
    assert "No replica" in ok(laptop.onward("replicate", "--status"))
    status, _, err = laptop.onward("replicate", "--status", "--device", "laptop")
    assert status == 2 and "--status takes no URL or --device" in err
    status, _, err = laptop.onward("replicate", "--service", "--device", "laptop")
    assert status == 2 and "--device goes with `onward " in err and " replicate --device NAME`, not --service" in err


def test_a_name_of_forty_characters_is_taken(laptop: Device, url: str) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once", "--device", "é" * 40))
    assert f"This device: {'é' * 40} (" in ok(laptop.onward("replicate", "--status"))
