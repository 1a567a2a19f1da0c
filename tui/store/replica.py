"""Provides the journal's continuous copy through Litestream: finding the binary, the configuration written
beside the journal (0600), how far the replica and this device have got, restoring the replica into a
temporary file, running Litestream, this device's id, and the journal's record of who last wrote."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tui.domain.replica import (
    INSTALL_HINT, Position, Replica, ReplicaError, earliest_of, explain_litestream, litestream_config, long_name_line, long_path_line,
    no_credentials_line, position_of, refused_line, txid_text,
)
from tui.domain.text import shown_path
from tui.store.files import write_private_file
from tui.store.schema import DEVICE_NAMES_SETTING, JOURNAL_SETTING, REPLICA_SETTING

TYPE_CHECKING = False  # typing's, read alike by the type checker
if TYPE_CHECKING:
    import subprocess

# subprocess, shutil, socket, secrets and tempfile load in the functions that run Litestream or name this
# device: every write asks whether the journal has a replica (tui.actions.replica.may_write), and a journal
# without one never needs them (`onward add` stays quick: tests/cli/test_imports.py).

ANSWER_SECONDS = 60
"""How long a listing of the replica may take before Onward gives up on it (a store that does not answer)."""

RESTORE_SECONDS = 600

STOP_SECONDS = 5
"""How long Litestream may take to finish its last copy after Ctrl+C before it is asked again."""

CHILD_STOP_SECONDS = 10
"""How long the app's Litestream may take to finish its last copy when the app closes, before it is killed."""
CHILD_STOP_POLL_SECONDS = 0.1
"""How often, meanwhile, the app looks whether it ended and whether the replica is still within reach."""


class ReplicaUnavailable(ReplicaError):
    """Litestream is not installed, or the replica could not be reached or read. Its message is Onward's one
    line; `said`, Litestream's own words behind it ('' when the line is all there is)."""

    def __init__(self, message: str, said: str = "") -> None:
        super().__init__(message)
        self.said = said


# What can be told before Litestream is started (a file:// replica's folder, an s3:// replica's credentials)


def not_a_folder(replica: Replica) -> str:
    """'' unless `replica` is a file:// one whose folder, or the parent it would be made in, is a file: then the
    line saying which ("/media/usb is a file, not a folder"), without a full stop (a caller may say what to do)."""
    if replica.folder is None:
        return ""
    folder = Path(replica.folder)
    if folder.parent.exists() and not folder.parent.is_dir():
        return f"{folder.parent} is a file, not a folder"
    if folder.parent.is_dir() and folder.exists() and not folder.is_dir():
        return f"{shown_path(folder)} is a file, not a folder"
    return ""


def missing_parent(replica: Replica) -> str:
    """'' unless `replica` is a file:// one whose folder can't be there: its parent doesn't exist (a disk not
    plugged in, a share not mounted; Litestream would make the folder on this machine's own disk), the parent or
    the folder is a file, or the folder is a link to a place that doesn't exist. Then the line saying so."""
    if replica.folder is None:
        return ""
    file = not_a_folder(replica)
    if file:
        return f"{file}: choose another folder."
    folder = Path(replica.folder)
    parent = folder.parent
    if not parent.is_dir():
        return f"{parent} doesn't exist — is the disk plugged in?"
    if folder.is_symlink() and not folder.exists():
        return f"{shown_path(folder)} is a link to {shown_path(os.readlink(folder))}, which doesn't exist — is the disk plugged in?"
    return ""


def check_reachable(replica: Replica) -> None:
    """Raise ReplicaUnavailable (one line) when a file:// replica's path is longer than the file system allows or
    its disk is not there, or an s3:// replica has no credentials or its endpoint refuses connections: said
    before Litestream is started (which would ask the network for credentials, and try a refused endpoint
    again for a minute)."""
    problem = (
        path_problem(replica.url) or missing_parent(replica)
        or (no_credentials_line(replica.url) if missing_credentials(replica) else "") or endpoint_refuses(replica)
    )
    if problem:
        raise ReplicaUnavailable(problem)


_NAME_MAX, _PATH_MAX = 255, 4096
"""What a file system allows for a name and a path when it can't be asked (Linux's limits, in bytes)."""


def path_problem(url: str) -> str:
    """'' unless `url` is a file:// address whose path is longer than this system allows, or holds a folder name
    longer than the file system it would be on allows (there, any look at the folder fails with "File name too
    long"): then the line saying so. Asked of an address not checked yet (before Onward's own limit on an
    address's length, which a path too long for the system also passes)."""
    from urllib.parse import unquote, urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme.lower() != "file" or not parts.path.startswith("/"):
        return ""
    folder = unquote(parts.path)
    existing = os.path.dirname(folder)
    while not os.path.isdir(existing) and existing != os.path.dirname(existing):
        existing = os.path.dirname(existing)  # the nearest folder there: the file system the replica would be on
    name_max, path_max = _NAME_MAX, _PATH_MAX
    try:
        name_max, path_max = os.pathconf(existing, "PC_NAME_MAX"), os.pathconf(existing, "PC_PATH_MAX")
    except (OSError, ValueError, AttributeError):  # not asked here (Windows has no pathconf)
        pass
    length = len(os.fsencode(folder))
    if length >= path_max:  # PATH_MAX counts the NUL that ends a path
        return long_path_line(length, path_max - 1)
    for name in folder.split("/"):
        if len(os.fsencode(name)) > name_max:
            return long_name_line(name, len(os.fsencode(name)), name_max)
    return ""


PROBE_SECONDS = 2
"""How long a connection to an s3:// replica's endpoint may take to be made before Litestream is left to try."""


def endpoint_refuses(replica: Replica) -> str:
    """'' unless `replica` is an s3:// one whose endpoint (--endpoint) refused a connection just now (nothing
    listens there, a store not started): then the line saying so. Litestream, through the AWS SDK, tries a
    refused connection again and again, and said so only when Onward stopped waiting a minute later. A
    connection not made within PROBE_SECONDS, a name not found, or an endpoint reached through a proxy is left
    to Litestream (which says a name not found at once)."""
    from urllib.parse import urlsplit

    if not replica.endpoint or urlsplit(replica.url).scheme.lower() != "s3":
        return ""
    try:
        point = urlsplit(replica.endpoint)
        host, port = point.hostname, point.port or (443 if point.scheme == "https" else 80)
    except ValueError:
        return ""
    if not host or _through_proxy(point.scheme, host):
        return ""
    import socket

    try:
        socket.create_connection((host, port), timeout=PROBE_SECONDS).close()
    except ConnectionRefusedError:
        return refused_line(replica, host, port)
    except (OSError, ValueError):  # not answered in time, no such name, unreachable: Litestream says so itself
        return ""
    return ""


def _through_proxy(scheme: str, host: str) -> bool:
    """Whether Litestream would reach `host` through a proxy named in the environment (HTTPS_PROXY, HTTP_PROXY,
    less the names and domains NO_PROXY lists; never for this machine itself, as Go's HTTP client does): then a
    refused direct connection says nothing of it. An address range in NO_PROXY is not read: taken as proxied,
    the store is left to Litestream."""
    names = ("https_proxy", "HTTPS_PROXY") if scheme == "https" else ("http_proxy", "HTTP_PROXY")
    if not any(os.environ.get(name) for name in names):
        return False
    if host == "localhost" or host.startswith("127.") or host == "::1":
        return False
    host = host.lower()
    for entry in (os.environ.get("no_proxy") or os.environ.get("NO_PROXY") or "").lower().split(","):
        entry = entry.strip()
        if entry == "*":
            return False
        if entry.startswith("["):  # [::1]:9000
            name = entry[1:].partition("]")[0]
        else:
            name = entry.rsplit(":", 1)[0] if entry.count(":") == 1 else entry  # a port left out; a bare IPv6 kept
        name = name.lstrip("*").lstrip(".")
        if name and (host == name or host.endswith("." + name)):
            return False
    return True


def write_problem(replica: Replica) -> str:
    """'' unless `replica` is a file:// one Onward can't write to (its folder, its folders of transactions, or
    the parent the folder is made in when it does not exist yet): then why, e.g. "Onward can't write to
    /media/usb/onward (read-only)". Asked before Litestream is started to copy there, never before reading."""
    if replica.folder is None:
        return ""
    import errno
    import tempfile

    folder = Path(replica.folder)
    target = folder if folder.exists() else folder.parent
    folders = [target, *(sorted(p for p in (folder / "ltx").glob("*") if p.is_dir()) if target == folder else [])]
    for each in folders:
        if each.is_dir() and not os.access(each, os.W_OK | os.X_OK):
            return f"Onward can't write to {each} (read-only)"
    # os.access goes by the permission bits: root, a share mounted read-only by the other side, or a folder a
    # service owns can still refuse. A file made and removed says for sure.
    try:
        descriptor, probe = tempfile.mkstemp(prefix=".onward-write-check-", dir=target)
    except OSError as error:
        reason = "read-only" if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM) else (error.strerror or str(error))
        return f"Onward can't write to {shown_path(target)} ({reason})"
    os.close(descriptor)
    os.unlink(probe)
    return ""


_CREDENTIAL_PAIRS = (("AWS_ACCESS_KEY_ID", "LITESTREAM_ACCESS_KEY_ID"), ("AWS_SECRET_ACCESS_KEY", "LITESTREAM_SECRET_ACCESS_KEY"))
_CREDENTIAL_SOURCES = (
    "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
)


def missing_credentials(replica: Replica) -> bool:
    """Whether `replica` is an s3:// one with nowhere for Litestream to find its keys: neither pair of key
    variables (Litestream's LITESTREAM_… or the AWS_… ones), nor a profile, web identity or container
    credentials named in the environment, nor a shared credentials or config file (~/.aws/credentials,
    ~/.aws/config, or where AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE say). Litestream (the AWS SDK's
    default chain) would then ask the network for an EC2 instance role and fail with words of its own."""
    from urllib.parse import urlsplit

    if urlsplit(replica.url).scheme.lower() != "s3":
        return False
    environment = os.environ
    if all(environment.get(aws) or environment.get(litestream) for aws, litestream in _CREDENTIAL_PAIRS):
        return False
    if any(environment.get(name) for name in _CREDENTIAL_SOURCES):
        return False
    files = (
        environment.get("AWS_SHARED_CREDENTIALS_FILE") or "~/.aws/credentials",
        environment.get("AWS_CONFIG_FILE") or "~/.aws/config",
    )
    try:
        return not any(Path(file).expanduser().is_file() for file in files)
    except RuntimeError:  # no home folder to expand ~ with
        return True


def replica_setting_in(copy: Path) -> str | None:
    """The replica setting kept in a backup file (read only: the file is not changed), or None."""
    return setting_in(copy, REPLICA_SETTING)


def setting_in(copy: Path, key: str) -> str | None:
    """A setting as a journal file holds it (JSON text; read only: the file is not changed, nor brought up to
    this Onward's schema), or None when it holds none or can't be read."""
    import sqlite3
    from contextlib import closing

    try:
        with closing(sqlite3.connect(f"{Path(copy).resolve().as_uri()}?mode=ro", uri=True)) as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row and isinstance(row[0], str) else None


def litestream_binary() -> str:
    """The Litestream binary: the one installed beside this Python (onward[replicate]), else on PATH."""
    import shutil

    beside = Path(sys.executable).parent / "litestream"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("litestream")
    if found is None:
        raise ReplicaUnavailable(f"Litestream is not installed; {INSTALL_HINT} brings it.")
    return found


def config_path(journal: Path) -> Path:
    """Where Onward keeps the Litestream configuration for `journal`: beside it."""
    return Path(journal).with_name(Path(journal).name + ".litestream.yml")


def link_path(journal: Path) -> Path:
    """The link beside `journal` to its file:// replica's folder, which Litestream is given instead of the folder."""
    journal = Path(journal).resolve()
    return journal.with_name(journal.name + ".litestream-replica")


def _replica_link(journal: Path, replica: Replica) -> str | None:
    """For a file:// replica, a symbolic link beside the journal to its folder (made again each time), or None.
    Litestream makes every folder missing on the way to a file it writes: given the folder itself, with the
    disk unplugged, it would make /media/usb/onward on this machine's own disk and copy there. Through a
    link to a folder that is not there it can make nothing; it fails to write until the disk is back."""
    if replica.folder is None:
        return None
    link = link_path(journal)
    try:
        if os.path.islink(link) and os.readlink(link) == replica.folder:
            return str(link)
        temporary = link.with_name(f".{link.name}.{os.getpid()}")
        if os.path.lexists(temporary):
            os.unlink(temporary)
        os.symlink(replica.folder, temporary)
        os.replace(temporary, link)
    except (OSError, NotImplementedError):
        return None  # no symbolic links here (Windows without the right to make them): the folder itself
    return str(link)


def _make_folder(replica: Replica) -> None:
    """Make a file:// replica's folder when its parent is there and it is not (Litestream is given a link to
    it, through which it makes nothing); raises ReplicaUnavailable when the disk is not there."""
    if replica.folder is None or missing_parent(replica):
        return
    try:
        os.mkdir(replica.folder, 0o700)
    except FileExistsError:
        pass
    except OSError as error:
        raise ReplicaUnavailable(f"Onward can't write to {Path(replica.folder).parent} ({error.strerror or error}).") from None


def write_config(journal: Path, replica: Replica) -> Path:
    """Write (again) the configuration for `journal` and `replica`, readable only by its owner."""
    journal = Path(journal).resolve()
    text = litestream_config(str(journal), replica, _replica_link(journal, replica))
    return write_private_file(config_path(journal), text, journals=[journal], force=True)


def _with_config(config: Path) -> list[str]:
    # Litestream would read $NAME in its configuration as an environment variable: a journal's path with a
    # $ in it must stay as it is (credentials come from Litestream's own variables, not the file).
    return ["-no-expand-env", "-config", str(config)]


def _run(arguments: list[str], seconds: float, replica: Replica | None = None) -> str:
    import subprocess

    try:
        done = subprocess.run(
            [litestream_binary(), *arguments], capture_output=True, text=True, timeout=seconds, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired:
        raise ReplicaUnavailable(f"the replica did not answer within {seconds:g} seconds.") from None
    except OSError as error:
        raise ReplicaUnavailable(f"Litestream could not be started: {error.strerror or error}.") from None
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or ["no reason given"])[-1].removeprefix("Error: ")
        explained = explain_litestream(said, replica) if replica is not None else ""
        if explained:
            raise ReplicaUnavailable(explained, said)
        raise ReplicaUnavailable(f"Litestream: {said}.")
    return done.stdout


@contextmanager
def _reading(replica: Replica) -> Iterator[tuple[Path, Path]]:
    """A private scratch folder with a configuration naming `replica` for a database there (the endpoint of an
    S3-compatible store goes only in a configuration): (configuration, database path)."""
    import tempfile

    check_reachable(replica)
    with tempfile.TemporaryDirectory(prefix="onward-replica-") as folder:
        database = Path(folder) / "journal.db"
        config = Path(folder) / "litestream.yml"
        write_private_file(config, litestream_config(str(database), replica))
        yield config, database


def _listing(replica: Replica, seconds: float) -> str:
    """`litestream ltx -json -level all` of the replica, waiting at most `seconds`; raises ReplicaUnavailable."""
    with _reading(replica) as (config, database):
        listing = _run(["ltx", "-json", "-level", "all", *_with_config(config), str(database)], seconds, replica)
    # Litestream logs on the same output as the list (an sftp:// replica: "time=… level=WARN msg=…").
    return "\n".join(line for line in listing.splitlines() if not line.startswith("time="))


def replica_position(replica: Replica, seconds: float = ANSWER_SECONDS) -> Position:
    """How far the replica has got (Position() when it holds nothing yet), waiting at most `seconds` for the
    answer; raises ReplicaUnavailable."""
    return position_of(_listing(replica, seconds))


def earliest_copy(replica: Replica, seconds: float = ANSWER_SECONDS) -> datetime | None:
    """When the earliest copy the replica holds was written (a restore of a moment no later finds nothing);
    None when it holds none. A file:// replica's folder is read directly (the files' modification times, which
    Litestream reads too); another is asked through Litestream (to the second). Raises ReplicaUnavailable."""
    folder = file_replica_folder(replica)
    if folder is None:
        return earliest_of(_listing(replica, seconds))
    check_reachable(replica)
    moments = []
    try:
        for file in _ltx_files(folder):
            if file.min_txid <= 1:
                try:
                    moments.append(datetime.fromtimestamp(file.path.stat().st_mtime, timezone.utc))
                except FileNotFoundError:
                    continue  # compacted away while listed
    except OSError as error:
        raise ReplicaUnavailable(f"{shown_path(folder.parent)} can't be read: {error.strerror or error}.") from None
    return min(moments, default=None)


def _local_folder(journal: Path) -> Path:
    """Litestream's own folder beside the journal (Litestream 0.5): .NAME-litestream/ltx/LEVEL/MIN-MAX.ltx."""
    return Path(journal).parent / f".{Path(journal).name}-litestream" / "ltx"


@dataclass(frozen=True)
class LtxFile:
    """One of Litestream's files of transactions, as its name says (ltx/LEVEL/MIN-MAX.ltx)."""

    level: int
    min_txid: int
    max_txid: int
    path: Path


def _ltx_files(folder: Path) -> list[LtxFile]:
    """The transaction files in a Litestream folder (…/ltx); [] when it does not exist. Raises OSError when it
    exists but can't be read."""
    try:
        levels = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    found = []
    for level in levels:
        if not level.name.isdigit():
            continue
        try:
            entries = list(os.scandir(level.path))
        except FileNotFoundError:
            continue  # compacted away while listed
        for entry in entries:
            low, dash, high = entry.name.removesuffix(".ltx").partition("-")
            if not entry.name.endswith(".ltx") or not dash:
                continue
            try:
                found.append(LtxFile(int(level.name), int(low, 16), int(high, 16), Path(entry.path)))
            except ValueError:
                continue
    return found


def local_position(journal: Path) -> int:
    """The newest transaction this device's Litestream made from `journal` (0 when it never ran here).
    Read from the names of the files in Litestream's own folder beside the journal: `litestream ltx` lists
    the replica's, not these."""
    try:
        return max((file.max_txid for file in _ltx_files(_local_folder(journal))), default=0)
    except OSError:
        return 0


_LTX_MOMENT = slice(32, 40)
"""Where an LTX file's header keeps when it was written: milliseconds since 1970, big-endian (LTX v1 header:
magic, flags, page size, commit, min and max transaction, timestamp)."""
_SUM_BYTES = 16
"""An LTX file ends with its trailer: the checksum after applying it and the file's own checksum."""


_WAL_SALTS = slice(64, 72)
"""Where an LTX header keeps the salts of the SQLite WAL its last transaction was read from (random per
WAL: two devices' WALs never share them)."""


def _head_and_tail(path: Path) -> tuple[bytes, bytes] | None:
    try:
        with open(path, "rb") as file:
            head = file.read(_WAL_SALTS.stop)
            file.seek(-_SUM_BYTES, os.SEEK_END)
            return head, file.read(_SUM_BYTES)
    except OSError:
        return None


def file_replica_folder(replica: Replica) -> Path | None:
    """The folder a file:// replica keeps its transaction files in (…/ltx), or None for another kind."""
    return Path(replica.folder) / "ltx" if replica.folder is not None else None


FORK_LOOKBACK = 32
"""How many of the newest transactions both this device's Litestream and the replica hold are compared."""


@dataclass(frozen=True)
class ReplicaState:
    """How far a replica has got, and (a file:// replica, read directly) the newest transaction both it and
    this device's Litestream hold in files that differ (another device wrote that transaction too: a fork), or 0."""

    position: Position
    forked_at: int = 0
    own_files: tuple[Path, ...] = ()
    """The replica's files at and after a fork that hold this device's own transactions (left out when the
    other device's copy is restored)."""


def file_replica_state(journal: Path, replica: Replica) -> ReplicaState | None:
    """For a file:// replica, its state read from the folders' names and a few bytes of the newest files
    (~0.1 ms of CPU; asking `litestream ltx` costs ~20 ms and a process); None for another kind of replica.
    Raises ReplicaUnavailable when the folder can't be read."""
    folder = file_replica_folder(replica)
    if folder is None:
        return None
    check_reachable(replica)
    try:
        copied = _ltx_files(folder)
    except OSError as error:
        raise ReplicaUnavailable(f"{shown_path(folder.parent)} can't be read: {error.strerror or error}.") from None
    newest = max((file.max_txid for file in copied), default=0)
    if newest == 0:
        return ReplicaState(Position())
    moments = []
    for file in copied:
        if file.max_txid == newest and (read := _head_and_tail(file.path)) is not None and len(read[0]) >= _LTX_MOMENT.stop:
            milliseconds = int.from_bytes(read[0][_LTX_MOMENT], "big")
            moments.append(datetime.fromtimestamp(milliseconds / 1000, timezone.utc))
    position = Position(newest, min(moments) if moments else None)
    try:
        mine = _ltx_files(_local_folder(journal))
    except OSError:
        return ReplicaState(position)
    own = {file.max_txid: file.path for file in mine if file.level == 0 and file.min_txid == file.max_txid}
    theirs: dict[int, list[LtxFile]] = {}
    for file in copied:
        if file.max_txid in own:
            theirs.setdefault(file.max_txid, []).append(file)
    same: list[LtxFile] = []  # the replica's files of this device's own transactions (newest first)
    for txid in sorted(theirs, reverse=True)[:FORK_LOOKBACK]:
        ours = _head_and_tail(own[txid])
        if ours is None:
            continue
        forked = False
        for file in theirs[txid]:
            read = _head_and_tail(file.path)
            if read is None or len(read[0]) < _WAL_SALTS.stop:
                continue
            if file.level == 0 and file.min_txid == file.max_txid:
                differs = read != ours  # a copy of the same file, byte for byte, when this device wrote it
            else:
                # A compacted file keeps the WAL salts of the last transaction it holds (0 when it keeps
                # none): another WAL's salts mean another device's transaction under the same number.
                salts = read[0][_WAL_SALTS]
                differs = salts != bytes(8) and salts != ours[0][_WAL_SALTS]
            forked = forked or differs
            if not differs:
                same.append(file)
        if forked:
            # The other device's copy is read without this device's files of the same transactions (a
            # snapshot this device's Litestream wrote just before it stopped, say, copied ahead of its own
            # transaction: restored, it would read as this device's copy).
            return ReplicaState(position, txid, tuple(file.path for file in same))
    return ReplicaState(position)


def content_digest(conn: Any) -> str:
    """A digest of what a journal holds (`conn`: its connection, sqlite3 or sqlite-utils), leaving out what
    says where and by whom it is copied (the replica writer record, the replica and device names settings), the
    journal's own id (a copy written by an Onward before it kept one has none until it opens) and Litestream's
    own tables: two journals with the same records have the same digest, whichever device copied or pulled them."""
    import hashlib

    digest = hashlib.sha256()
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
        "AND name NOT LIKE '\\_litestream%' ESCAPE '\\' AND name != 'replica_writer' ORDER BY name"
    ).fetchall()]
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        rows = conn.execute(f"SELECT * FROM {quoted}").fetchall()
        if table == "settings":
            rows = [row for row in rows if row[0] not in (REPLICA_SETTING, DEVICE_NAMES_SETTING, JOURNAL_SETTING)]
        digest.update(table.encode("utf-8", "surrogatepass"))
        for row in sorted(repr(tuple(row)) for row in rows):
            digest.update(row.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def last_written(journal: Path) -> datetime | None:
    """When the journal was last written: the newer of its file's and its -wal's modification times (reads
    change neither; None when it can't be read)."""
    moments = []
    for file in (Path(journal), Path(f"{journal}-wal")):
        try:
            moments.append(file.stat().st_mtime)
        except OSError:
            continue
    return datetime.fromtimestamp(max(moments), timezone.utc) if moments else None


def forget_local_state(journal: Path) -> None:
    """Clear Litestream's record of what it copied from `journal` (after the journal was replaced by a
    restore it describes another journal); `litestream reset` does it, with the journal's configuration."""
    config = config_path(Path(journal).resolve())
    if not config.is_file():
        return
    try:
        _run(["reset", *_with_config(config), str(Path(journal).resolve())], ANSWER_SECONDS)
    except ReplicaUnavailable:
        pass  # nothing to clear, or Litestream is gone: the next start compares positions with the replica anyway


@contextmanager
def restored_copy(
    replica: Replica, *, txid: int | None = None, at: datetime | None = None, leaving_out: tuple[Path, ...] = (),
    named: Replica | None = None,
) -> Iterator[Path]:
    """The replica restored into a temporary file (as it was at transaction `txid` or moment `at`, else its
    newest), removed afterwards; raises ReplicaUnavailable. A file:// replica can be restored `leaving_out`
    some of its files (`ReplicaState.own_files`: the other side of a fork). `named`: the replica a message
    names (the real one, not the scratch view of it, deleted once read)."""
    if leaving_out:
        with _without(replica, leaving_out) as view, restored_copy(view, txid=txid, at=at, named=replica) as database:
            yield database
        return
    named = named or replica
    with _reading(replica) as (config, database):
        arguments = ["restore", *_with_config(config), "-o", str(database)]
        if txid is not None:
            arguments += ["-txid", txid_text(txid)]
        if at is not None:
            # To the millisecond, as Litestream keeps each transaction's moment (it reads RFC 3339 fractions).
            arguments += ["-timestamp", at.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")]
        try:
            _run([*arguments, str(database)], RESTORE_SECONDS, named)
        except ReplicaUnavailable as error:
            if "no matching backup" in str(error) or "does not exist" in str(error):
                when = " at that moment" if at is not None else ""
                raise ReplicaUnavailable(f"the replica {named.shown} holds no copy of a journal{when}.") from None
            raise
        yield database


@contextmanager
def _without(replica: Replica, leaving_out: tuple[Path, ...]) -> Iterator[Replica]:
    """A file:// replica seen without some of its files: a scratch folder holding the others, hard links to
    them or (on another disk) copies keeping their moments. Not symbolic links: Litestream takes a file's size
    from the link itself (the length of the path it names) and refused every file as too short, or found none
    ("holds no copy of a journal", naming the scratch folder), and the journal forked by two copies at once could
    never be pulled."""
    import shutil
    import tempfile

    folder = file_replica_folder(replica)
    if folder is None:
        raise ValueError("only a file:// replica is read without some of its files")
    left_out = {Path(path) for path in leaving_out}
    try:
        files = _ltx_files(folder)
    except OSError as error:
        raise ReplicaUnavailable(f"{shown_path(folder.parent)} can't be read: {error.strerror or error}.") from None
    with tempfile.TemporaryDirectory(prefix="onward-replica-view-") as scratch:
        for file in files:
            if file.path in left_out:
                continue
            try:
                moment = file.path.stat()
            except FileNotFoundError:
                continue  # compacted away meanwhile
            seen = Path(scratch) / "ltx" / str(file.level) / file.path.name
            seen.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(file.path, seen)  # the same file (its size, its moment), where the scratch folder's disk is the replica's
            except FileNotFoundError:
                continue
            except OSError:
                try:
                    shutil.copyfile(file.path, seen)
                except FileNotFoundError:
                    continue
                except OSError as error:
                    raise ReplicaUnavailable(f"{shown_path(folder.parent)} can't be read: {error.strerror or error}.") from None
                os.utime(seen, ns=(moment.st_atime_ns, moment.st_mtime_ns))
        yield Replica(Path(scratch).as_uri())


def lock_path(journal: Path) -> Path:
    """The file `onward replicate` keeps locked beside the journal while its Litestream runs (naming its process)."""
    journal = Path(journal).resolve()
    return journal.with_name(journal.name + ".litestream.lock")


def _flock() -> object | None:
    try:
        import fcntl
    except ImportError:  # no fcntl (Windows): nothing is locked, nothing is found running
        return None
    return fcntl


@contextmanager
def replicating(journal: Path) -> Iterator[int | None]:
    """Lock the file beside `journal` saying Litestream copies it now (released when this process and the
    Litestream it starts, which is given the lock, have both ended); yields the locked file's descriptor (None
    where files can't be locked). Raises ReplicaUnavailable when another `onward replicate` holds it."""
    fcntl: Any = _flock()
    if fcntl is None:
        yield None
        return
    path = lock_path(journal)
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as error:
        raise ReplicaUnavailable(f"{shown_path(path)} can't be written: {error.strerror or error}.") from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReplicaUnavailable(_running_text(_holder_in(descriptor), "start it again here")) from None
        _name_holder(descriptor, 0, app=False)
        yield descriptor
    finally:
        os.close(descriptor)


@dataclass(frozen=True)
class LockHolder:
    """Who holds the lock beside a journal, as the lock file names them: the process that started Litestream
    (`onward replicate`, or the app when `app`; 0 when not named) and its Litestream (0 when not named: an
    Onward before this one wrote one number, or `onward replicate` before its Litestream started)."""

    owner: int = 0
    litestream: int = 0
    app: bool = False

    @property
    def pid(self) -> int:
        """The process holding the lock: `onward replicate` while it runs (its Litestream stops with it), else
        the Litestream (the app's own, or one left running by a starter killed outright); 0 when not named."""
        if self.owner and not self.app and _alive(self.owner):
            return self.owner
        return self.litestream or self.owner


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # there, another user's: not ours to judge
    return True


def _holder_in(descriptor: int) -> LockHolder:
    """The lock file's "OWNER LITESTREAM KIND" (an older Onward wrote one number: the process holding it)."""
    try:
        words = os.pread(descriptor, 64, 0).decode("ascii", "replace").split()
    except OSError:
        return LockHolder()
    numbers = [int(word) for word in words[:2] if word.isdigit()]
    if len(numbers) == 2:
        return LockHolder(numbers[0], numbers[1], app=words[2:3] == ["app"])
    return LockHolder(litestream=numbers[0]) if numbers else LockHolder()


def _name_holder(descriptor: int, litestream: int, *, app: bool) -> None:
    """Write in the lock file this process and the Litestream it started (whom a refusal names)."""
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, f"{os.getpid()} {litestream} {'app' if app else 'replicate'}".encode(), 0)


def _running_text(holder: LockHolder, then: str) -> str:
    if holder.app and holder.owner and _alive(holder.owner):
        # Its Litestream killed, the app starts another: quitting the app is what stops it.
        return (
            f"The Onward app (process {holder.owner}) is open on this journal and its Litestream copies it; "
            f"quit that app first (q), then {then}."
        )
    if holder.litestream and not (holder.owner and _alive(holder.owner)) and _alive(holder.litestream):
        return (
            f"Litestream (process {holder.litestream}) is still copying this journal, left running by an `onward "
            f"replicate` or Onward app that ended; stop it with `kill {holder.litestream}`, then {then}."
        )
    pid = holder.pid
    process = f" (process {pid})" if pid else ""
    kill = f", `kill {pid}`" if pid else ""
    return (
        f"Litestream is copying this journal right now{process}, for `onward replicate` or an open Onward app; "
        f"stop it first (quit the app, Ctrl+C where `onward replicate` runs{kill}, or `systemctl --user stop "
        f"onward-replicate` when it runs as a service), then {then}."
    )


def replicating_now(journal: Path) -> int | None:
    """The process to stop for the Litestream copying `journal` now (`LockHolder.pid`; 0 when it can't be
    told), None when none is."""
    holder = lock_holder(journal)
    return holder.pid if holder is not None else None


def lock_holder(journal: Path) -> LockHolder | None:
    """Who holds the lock of the Litestream copying `journal` now, None when none does."""
    fcntl: Any = _flock()
    if fcntl is None:
        return None
    try:
        descriptor = os.open(lock_path(journal), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None  # never replicated here
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _holder_in(descriptor)
        return None
    finally:
        os.close(descriptor)


def refuse_while_replicating(journal: Path, then: str) -> None:
    """Raise ReplicaUnavailable naming how to stop it when an `onward replicate` runs for `journal` now (a
    journal replaced under a running Litestream breaks it); `then` is what to do once it is stopped."""
    holder = lock_holder(journal)
    if holder is not None:
        raise ReplicaUnavailable(_running_text(holder, then))


def end_left_running(journal: Path) -> bool:
    """End the Litestream left copying `journal` by an `onward replicate` or an app that was killed outright
    (it holds the lock, the process that started it is gone): the app opened again would leave the copying to
    it, and nothing would ever stop it. On Linux it ends with its starter (`_ending_with_this_process`); this
    finds one an older Onward left. Only a process of this user running `litestream replicate` with this
    journal's configuration is ended (read from /proc: where there is none, nothing is, and a refusal names
    it). True when one was, and the lock is free."""
    import signal

    holder = lock_holder(journal)
    if holder is None or not holder.owner or not holder.litestream or _alive(holder.owner):
        return False
    if not _litestream_of(holder.litestream, config_path(journal)):
        return False
    litestream = holder.litestream

    def holding() -> bool:
        now = lock_holder(journal)
        return now is not None and now.litestream == litestream

    # SIGTERM: it copies what it has left, as when the app quits; killed if that takes too long (a replica
    # out of reach is retried for 30 s).
    for number in (signal.SIGTERM, signal.SIGKILL):
        if not holding() or not _litestream_of(litestream, config_path(journal)):
            break
        try:
            os.kill(litestream, number)
        except ProcessLookupError:
            break  # ended meanwhile, its lock with it
        give_up = time.monotonic() + CHILD_STOP_SECONDS
        while holding() and time.monotonic() < give_up:
            time.sleep(CHILD_STOP_POLL_SECONDS)
    return lock_holder(journal) is None


def _litestream_of(pid: int, config: Path) -> bool:
    """Whether process `pid` is this user's `litestream replicate` with the configuration `config` (not one
    copying another journal, nor a process that took the number of one that ended)."""
    process = Path(f"/proc/{pid}")
    try:
        if process.stat().st_uid != os.getuid():
            return False
        words = (process / "cmdline").read_bytes().split(b"\0")
    except (OSError, AttributeError):  # no /proc (macOS), gone, or not ours to read
        return False
    arguments = [os.fsdecode(word) for word in words]
    if not arguments or not Path(arguments[0]).name.startswith("litestream") or "replicate" not in arguments:
        return False
    if "-config" not in arguments[:-1]:
        return False
    named = arguments[arguments.index("-config") + 1]
    try:
        return os.path.samefile(process / "cwd" / named, config)  # (a relative name is the process's own folder's)
    except OSError:
        return False


def replicate(journal: Path, replica: Replica, *, once: bool = False, started: Callable[[], None] | None = None) -> int:
    """Run Litestream for `journal` in the foreground until it stops or is asked to (Ctrl+C, SIGTERM, passed
    on to it), or (`once`) until it has copied what there is; returns its exit status (0 when stopped on request).
    The journal is marked as being copied meanwhile (`replicating`): a pull or restore is refused. `started` is
    called once Litestream runs."""
    with replicating(journal) as locked:
        return _replicate(journal, replica, once=once, locked=locked, started=started)


_ENDS_WITH_STARTER = """\
import os, sys
try:
    import ctypes, signal
    ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG, kept across the exec below
except Exception:
    pass  # started as before: one left running is found by the next app (end_left_running)
else:
    if os.getppid() != int(sys.argv[1]):
        sys.exit(0)  # the starter ended before the signal was asked for
os.execv(sys.argv[2], sys.argv[2:])
"""


def _ending_with_this_process(command: list[str]) -> list[str]:
    """`command` run so that it is sent SIGTERM when this process ends, however it ends (Linux; elsewhere as
    it is): kill -9 of `onward replicate` or of the app left its Litestream copying, holding the journal's lock,
    and the app opened again left the copying to it, so that nothing ended it. Litestream finishes its last
    copy on SIGTERM and lets the lock go. A tiny Python sets PR_SET_PDEATHSIG and becomes `command` (the same
    process): no Python runs between fork and exec in this process, which has threads in the app (Popen's
    preexec_fn can deadlock there). Start it through `_from_a_lasting_thread`: the signal comes when the
    *thread* that started it ends."""
    if not sys.platform.startswith("linux") or not sys.executable:
        return command
    return [sys.executable, "-I", "-S", "-c", _ENDS_WITH_STARTER, str(os.getpid()), *command]


_starter: Any = None
"""The thread that starts Litestream in the app (a queue of work to it), made on first use."""


def _from_a_lasting_thread(start: Any) -> Any:
    """`start()`'s result, called on a thread that lasts as long as this process. PR_SET_PDEATHSIG is sent
    when the thread that started the child ends, not the process: the app starts Litestream from
    asyncio.to_thread's workers, and one tied to a worker would be stopped when that worker ends."""
    global _starter
    import threading

    if threading.current_thread() is threading.main_thread() or not sys.platform.startswith("linux"):
        return start()
    from concurrent.futures import Future
    import queue

    if _starter is None:
        work: queue.SimpleQueue[tuple[Any, Future[Any]]] = queue.SimpleQueue()

        def serve() -> None:
            while True:
                call, done = work.get()
                try:
                    done.set_result(call())
                except BaseException as error:  # handed to the caller, raised there
                    done.set_exception(error)

        threading.Thread(target=serve, name="onward-litestream-starter", daemon=True).start()
        _starter = work
    done: Future[Any] = Future()
    _starter.put((start, done))
    return done.result()


def _replicate(journal: Path, replica: Replica, *, once: bool, locked: int | None, started: Callable[[], None] | None) -> int:
    import subprocess

    import signal

    check_reachable(replica)
    _make_folder(replica)
    config = write_config(journal, replica)
    import tempfile

    # Once, Litestream's own lines are kept back and said only when it fails: a scheduled copy that worked
    # says one line of Onward's (run_replicate), not seven of Litestream's log.
    said = tempfile.TemporaryFile() if once else None
    child = subprocess.Popen(
        _ending_with_this_process([litestream_binary(), "replicate", *(["-once"] if once else []), *_with_config(config)]),
        stdin=subprocess.DEVNULL, stdout=said, stderr=subprocess.STDOUT if said is not None else None,
        pass_fds=(locked,) if locked is not None else (),  # the lock lasts as long as Litestream does
    )
    if locked is not None:
        _name_holder(locked, child.pid, app=False)
    if started is not None:
        started()
    asked = False

    def pass_on(number: int, frame: object) -> None:
        nonlocal asked
        asked = True
        child.send_signal(number)

    previous = signal.signal(signal.SIGTERM, pass_on)
    try:
        while True:
            try:
                status = child.wait()
                break
            except KeyboardInterrupt:
                asked = True
                # From a terminal Litestream got the same Ctrl+C and is finishing its last copy: a second
                # signal would cut that short. Passed on only when it did not come (a signal to Onward alone).
                try:
                    status = child.wait(timeout=STOP_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    child.send_signal(signal.SIGINT)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if said is not None:
            said.seek(0)
            if child.poll() not in (0, None) and not asked:
                sys.stderr.write(said.read().decode("utf-8", "replace"))
            said.close()
    return 0 if asked else status


@dataclass
class Child:
    """Litestream running beside the app; `stop` it on the way out."""

    process: subprocess.Popen
    replica: Replica | None = None
    """Where it copies to: out of reach when it is stopped, its last copy is not waited for."""
    started: float = field(default_factory=time.monotonic)
    """When it was started (time.monotonic)."""

    def running(self) -> bool:
        return self.process.poll() is None

    def ran_for(self) -> float:
        """Seconds since it was started."""
        return time.monotonic() - self.started

    def halt(self) -> None:
        """Stop it at once, copying nothing more (another device wrote to the replica: what this journal
        holds and the replica does not must not be copied over it)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def stop(self) -> None:
        """Litestream copies what it has left and ends (within CHILD_STOP_SECONDS, or it is killed). With the
        replica out of reach (a disk unplugged, credentials gone) that last copy cannot succeed, and Litestream
        retries it for 30 s: the app's exit waited 10 s on it. It is told again, Litestream's own "skip the
        retries", and ends at once."""
        import subprocess

        if self.process.poll() is not None:
            return
        self.process.terminate()
        give_up = time.monotonic() + CHILD_STOP_SECONDS
        while time.monotonic() < give_up:
            try:
                self.process.wait(timeout=CHILD_STOP_POLL_SECONDS)
                return
            except subprocess.TimeoutExpired:
                pass
            if self.replica is not None and (missing_parent(self.replica) or missing_credentials(self.replica)):
                # Again at each look: a signal that came before Litestream listened for the second is lost.
                self.process.terminate()
        self.process.kill()
        self.process.wait()  # gone, and with it the lock it held: a copy started next is not refused


def start_child(journal: Path, replica: Replica) -> Child:
    """Start Litestream for `journal` in the background, its output discarded (the app owns the terminal)."""
    import subprocess

    check_reachable(replica)
    _make_folder(replica)
    config = write_config(journal, replica)
    # Litestream holds the lock `onward replicate` holds, naming itself: an app killed outright leaves it
    # running, and the app opened again (or a pull, a restore) then finds it instead of starting a second
    # Litestream that would fight it over the replica. The lock goes when Litestream ends.
    # It also ends with the app, however the app ends (`_ending_with_this_process`).
    command = _ending_with_this_process([litestream_binary(), "replicate", *_with_config(config)])
    with replicating(journal) as locked:
        process = _from_a_lasting_thread(lambda: subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(locked,) if locked is not None else (),
        ))
        if locked is not None:
            _name_holder(locked, process.pid, app=True)
    return Child(process, replica)


# This device


@dataclass(frozen=True)
class Device:
    """This machine as the replica knows it: a random id kept in the user's config folder, and a name."""

    id: str
    name: str


def device_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("onward", appauthor=False)) / "device.json"


def default_device_name() -> str:
    """What a device is called until it is given a name (onward replicate --device NAME): user@host, so two
    people (or two home folders) on one machine, or two machines both called "laptop", can be told apart."""
    import getpass
    import socket

    from tui.domain.replica import DEVICE_NAME_LENGTH

    host = socket.gethostname() or "this device"
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        return host[:DEVICE_NAME_LENGTH]
    return f"{user}@{host}"[:DEVICE_NAME_LENGTH]


def this_device() -> Device:
    """This machine's id (made once, kept in the user's config folder, never in the journal) and the name it
    is known by when the journal gives it none (user@host; a name kept with the id is used instead, unless it
    is the bare host name an older Onward kept)."""
    import secrets
    import socket

    path = device_file()
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            name = value.get("name")
            if not isinstance(name, str) or not name or name == socket.gethostname()[:60]:
                name = default_device_name()
            return Device(value["id"], name)
    except (OSError, ValueError):
        pass
    device = Device(secrets.token_hex(8), default_device_name())
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_private_file(path, json.dumps({"id": device.id}), force=True)  # the name is worked out each time
    except Exception:
        pass  # a read-only home: the id lives for this run only
    return device
