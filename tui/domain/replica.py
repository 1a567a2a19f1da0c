"""Provides the rules of a continuous copy of the journal kept by Litestream (a replica): which addresses are
accepted, the configuration Onward writes for it, what Litestream's list of transactions says about how far
the replica has got, whether a journal is behind it, and the service files that keep it running.

Pure: no files, no processes, no clock (the moment is a parameter)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import PurePosixPath
from urllib.parse import SplitResult, unquote, urlsplit

from tui.domain.text import number, shell_word

INSTALL_HINT = "pip install 'onward[replicate]'"
"""What installs the Litestream binary Onward runs."""

SCHEMES = ("file", "sftp", "s3")
MAX_URL_LENGTH = 1000


class ReplicaError(ValueError):
    """A replica address or answer Onward can't use; the message is one line for the user."""


@dataclass(frozen=True)
class Replica:
    """Where the journal is continuously copied: Litestream's replica URL, and an S3-compatible endpoint."""

    url: str
    endpoint: str = ""
    key_path: str = ""
    """An sftp:// replica's SSH private key file (its path only: the key stays where it is)."""

    @property
    def shown(self) -> str:
        """Its URL as every message shows it: one that can be pasted back into a shell (quoted when it holds a
        space: file:///tmp/my usb/onward), as a path is (tui.domain.text.shell_word)."""
        return shell_word(self.url)

    @property
    def folder(self) -> str | None:
        """A file:// replica's folder, its address decoded (file:///media/my%20usb/onward is /media/my usb/onward);
        None for another kind."""
        parts = urlsplit(self.url)
        return unquote(parts.path) if parts.scheme.lower() == "file" else None

    def to_json(self) -> str:
        kept = {"url": self.url, "endpoint": self.endpoint, "key_path": self.key_path}
        return json.dumps({name: value for name, value in kept.items() if value})

    @staticmethod
    def from_json(text: str | None) -> Replica | None:
        """The replica kept in the settings, or None when there is none (or what is kept can't be read)."""
        if not text:
            return None
        try:
            value = json.loads(text)
        except ValueError:
            return None
        if not isinstance(value, dict) or not isinstance(value.get("url"), str):
            return None
        endpoint, key_path = value.get("endpoint"), value.get("key_path")
        return Replica(
            value["url"], endpoint if isinstance(endpoint, str) else "", key_path if isinstance(key_path, str) else ""
        )


def check_replica(url: str, endpoint: str | None = None, key_path: str | None = None) -> Replica:
    """The replica `url` names (file://PATH, sftp://USER@HOST/PATH with an optional SSH key file,
    s3://BUCKET/PATH with an optional --endpoint for an S3-compatible store); raises ReplicaError saying what
    is wrong. Never holds a password."""
    text = url.strip()
    if len(text) > MAX_URL_LENGTH:
        shorter = "a folder with a shorter path" if text[:7].lower() == "file://" else "a shorter address"
        raise ReplicaError(
            f"the replica's address is {number(len(text))} characters long, more than the {number(MAX_URL_LENGTH)} Onward takes: "
            f"give {shorter}."
        )
    if not text:
        raise ReplicaError("give the replica as file:///path, sftp://user@host/path or s3://bucket/path.")
    if not text.isprintable():
        raise ReplicaError(
            "the replica's address holds a tab, a line break or another character that can't be printed: give it without."
        )
    parts = _split(text, f'"{text[:60]}" is not an address Onward can read')
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise ReplicaError(
            f'"{text[:60]}" is not a replica Onward can use; give file:///path (a disk or mounted folder), '
            "sftp://user@host/path or s3://bucket/path."
        )
    if parts.password is not None:
        raise ReplicaError(
            "a password in the replica address would be stored; leave it out: an sftp:// replica takes an SSH key "
            "(--key PATH), an s3:// one its keys from the environment."
        )
    if parts.query or parts.fragment:
        raise ReplicaError("the replica address takes no ?options or #fragment; S3-compatible stores take --endpoint.")
    if not unquote(parts.path).isprintable():  # %00 (no path holds one, no store takes one), %09, %0A…
        raise ReplicaError(
            f'"{text[:60]}" names a folder with a character that can\'t be printed (%00, %09, %0A…): give a folder without one.'
        )
    if scheme == "file":
        if parts.netloc or not parts.path.startswith("/"):
            raise ReplicaError(f'"{text[:60]}" needs an absolute path: file:///media/usb/onward.')
        if PurePosixPath(parts.path) == PurePosixPath("/"):
            raise ReplicaError("file:/// is the whole disk; give a folder for the replica, e.g. file:///media/usb/onward.")
        # file:/media/usb is file:///media/usb: kept and said in the one form the examples and messages use.
        text = f"file://{parts.path}"
    elif not parts.hostname:
        what = "bucket" if scheme == "s3" else "host"
        raise ReplicaError(f'"{text[:60]}" names no {what}; e.g. {scheme}://{"bucket/onward" if scheme == "s3" else "me@nas/onward"}.')
    elif scheme == "s3" and parts.path.strip("/") == "":
        raise ReplicaError(f'"{text[:60]}" needs a folder in the bucket, e.g. s3://{parts.hostname}/onward.')
    cleaned_endpoint = (endpoint or "").strip()
    if cleaned_endpoint:
        if scheme != "s3":
            raise ReplicaError("--endpoint goes with an s3:// replica (an S3-compatible store).")
        not_an_address = f'--endpoint "{cleaned_endpoint[:60]}" is not an address like https://s3.example.com'
        point = _split(cleaned_endpoint, not_an_address)
        if point.scheme not in ("http", "https") or not point.hostname or point.password is not None or not cleaned_endpoint.isprintable():
            raise ReplicaError(not_an_address + ".")
    key = (key_path or "").strip()
    if key:
        if scheme != "sftp":
            raise ReplicaError("--key goes with an sftp:// replica (the SSH private key to log in with).")
        if not key.startswith("/") or not key.isprintable() or len(key) > MAX_URL_LENGTH:
            raise ReplicaError(f'--key "{key[:60]}" needs the absolute path of an SSH private key file, e.g. /home/me/.ssh/id_ed25519.')
    return Replica(text, cleaned_endpoint, key)


def _split(address: str, not_read: str) -> SplitResult:
    """`address` in its parts; raises ReplicaError starting with `not_read` when it can't be read ("http://[::1":
    an unclosed bracket) or names a port no connection can use (0, or past 65535)."""
    try:
        parts = urlsplit(address)
        port = parts.port
    except ValueError as error:
        reason = "its port is not a number from 1 to 65535" if "port" in str(error).lower() else "it can't be read as an address"
        raise ReplicaError(f"{not_read}: {reason}.") from None
    if port == 0:
        raise ReplicaError(f"{not_read}: its port is not a number from 1 to 65535.")
    return parts


def _quoted(text: str) -> str:
    # JSON strings are YAML strings: quotes and backslashes escaped, nothing read as YAML syntax.
    return json.dumps(text)


def litestream_config(journal: str, replica: Replica, folder: str | None = None) -> str:
    """The Litestream configuration Onward writes beside the journal: this one journal, this one replica.
    Credentials are not in it: Litestream reads them from its usual environment variables. `folder`: what
    Litestream is given for a file:// replica's folder instead of the folder itself (a link to it)."""
    lines = [
        "# Written by Onward (onward replicate); Onward writes it again each time it starts Litestream.",
        "dbs:",
        f"  - path: {_quoted(journal)}",
        "    replica:",
    ]
    if replica.folder is not None:
        # Given a file:// URL, Litestream writes to its path as written (/media/my%20usb for a space): the
        # folder itself, decoded as Onward reads it, is what it is given.
        lines += ["      type: file", f"      path: {_quoted(folder or replica.folder)}"]
    else:
        lines.append(f"      url: {_quoted(replica.url)}")
    if replica.endpoint:
        lines.append(f"      endpoint: {_quoted(replica.endpoint)}")
    if replica.key_path:
        lines.append(f"      key-path: {_quoted(replica.key_path)}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Position:
    """How far a replica (or a journal's own Litestream state) has got: the newest transaction id and when
    it was written (None when there is nothing yet)."""

    txid: int = 0
    at: datetime | None = None

    @property
    def empty(self) -> bool:
        return self.txid == 0


_HEX = re.compile(r"^[0-9a-fA-F]{1,16}$")


def _listed(ltx_json: str) -> list[dict]:
    """The files `litestream ltx -json -level all` lists, each with its max_txid checked; raises ReplicaError."""
    try:
        files = json.loads(ltx_json or "[]")
    except ValueError as error:
        raise ReplicaError("Litestream's list of transactions could not be read.") from error
    if files is None:
        return []
    if not isinstance(files, list):
        raise ReplicaError("Litestream's list of transactions could not be read.")
    for entry in files:
        if not isinstance(entry, dict) or not _HEX.match(str(entry.get("max_txid", ""))):
            raise ReplicaError("Litestream's list of transactions could not be read.")
    return files


def position_of(ltx_json: str) -> Position:
    """The position `litestream ltx -json -level all` describes: its highest transaction id and the time of
    the earliest file that reaches it (compaction copies a transaction into later files)."""
    best = Position()
    for entry in _listed(ltx_json):
        txid = int(entry["max_txid"], 16)
        at = _moment(entry.get("timestamp") or entry.get("created_at"))
        if txid > best.txid or (txid == best.txid and at is not None and (best.at is None or at < best.at)):
            best = Position(txid, at)
    return best


def earliest_of(ltx_json: str) -> datetime | None:
    """The moment of the earliest copy `litestream ltx -json -level all` lists (to the second): the earliest file
    a restore can start from, one holding the first transaction (the first changes, or a snapshot). A restore
    of a moment no later than it finds nothing (Litestream takes the files written before the moment). None
    when there is no such file."""
    moments = [
        moment for entry in _listed(ltx_json)
        if _HEX.match(str(entry.get("min_txid", ""))) and int(entry["min_txid"], 16) <= 1
        and (moment := _moment(entry.get("timestamp") or entry.get("created_at"))) is not None
    ]
    return min(moments, default=None)


def nothing_as_early_message(url: str, at: datetime, earliest: datetime) -> str:
    """What a restore of the moment `at` says when the replica at `url` holds nothing that early: its earliest
    copy named, to the second, in the time zone `at` was given in (as --at takes it)."""
    return (
        f"The replica {url} holds nothing as early as {at:%Y-%m-%d %H:%M}; its earliest copy is from "
        f"{earliest.astimezone(at.tzinfo):%Y-%m-%d %H:%M:%S}: give --at a later moment, or leave --at out for the newest copy."
    )


def _moment(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def txid_text(txid: int) -> str:
    """A transaction id as Litestream writes and reads it (16 hex digits)."""
    return f"{txid:016x}"


def is_behind(replica: Position, known: int, forked_at: int = 0) -> bool:
    """Whether the replica holds transactions newer than `known`, the newest this journal is known to hold
    (restored or pulled up to, or written by this device's own Litestream), or holds another device's copy
    of a transaction this device wrote too (`forked_at`, 0 when none: two devices wrote at the same time)."""
    return replica.txid > known or forked_at > 0


def moment_text(moment: datetime | None) -> str:
    """A replica's moment for people: 2026-12-07 06:33 UTC."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if moment else "an unknown time"


def behind_message(device: str, at: datetime | None, then: str, where: str = "") -> str:
    """The one line a write is refused with when the journal is behind its replica; `then`: what to do (the
    command made for this journal, with its --db), `where`: the replica's address when it is not the journal's
    own (one about to be chosen, which `onward pull` does not read)."""
    at_where = f" in {where}" if where else ""
    return f"This journal is behind the copy written on {device} at {moment_text(at)}{at_where}: {then}."


def another_journal_message(restore: str, device: str, at: datetime | None) -> str:
    """The one line choosing a replica is refused with when it holds a copy of another journal than this one;
    `restore`: the command taking that journal here (onward restore --from URL, with the journal's --db)."""
    return (
        f"That replica holds another journal (written on {device} at {moment_text(at)}): choose another address for "
        f"this one, or `{restore}` to take that journal here (this one is kept as a backup). Nothing was changed."
    )


def later_writes_message(moment: str, newest: Position, device: str) -> str:
    """What a restore of an older moment (`moment`, as the person gave it) says when the replica was written
    after it (a clause: the caller ends it with what happens next)."""
    return (
        f"The replica holds writes made after {moment} (its newest copy: {moment_text(newest.at)}, written on {device}): "
        "restoring that moment supersedes them on every device once this journal is copied there"
    )


def written_after(newest: Position, at: datetime) -> bool:
    """Whether a replica whose newest copy is `newest` was written after the moment `at`."""
    return newest.at is not None and newest.at > at


LAG_DAYS = 1
"""A replica more than this many days older than the journal's last write is said to be behind."""


def lag_line(url: str, replica: Position, last_write: datetime | None) -> str:
    """"Your copy at URL is N days behind." when the replica's newest position is more than a day older than
    the journal's last write ('' otherwise, or when either moment is unknown)."""
    if replica.at is None or last_write is None:
        return ""
    lag = last_write - replica.at
    if lag.total_seconds() <= LAG_DAYS * 86400:
        return ""
    days = max(lag.days, 1)
    return f"Your copy at {url} is {days} day{'s' if days != 1 else ''} behind."


def systemd_unit(command: list[str]) -> str:
    """A systemd user unit running `command` (onward … replicate) always, restarted when it stops."""
    quoted = " ".join(_systemd_word(word) for word in command)
    return (
        "# ~/.config/systemd/user/onward-replicate.service\n"
        "# then: systemctl --user daemon-reload && systemctl --user enable --now onward-replicate\n"
        "# Credentials (S3, SFTP) go in an EnvironmentFile= readable only by you, never in this file.\n"
        "[Unit]\n"
        "Description=Onward: copy the journal continuously with Litestream\n"
        "After=network-online.target\n\n"
        "[Service]\n"
        f"ExecStart={quoted}\n"
        "Restart=on-failure\n"
        "RestartSec=30\n\n"
        "[Install]\n"
        "WantedBy=default.target\n"
    )


def _systemd_word(word: str) -> str:
    if word and not re.search(r"[\s\"'\\$%;]", word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"').replace("$", "$$").replace("%", "%%") + '"'


def launchd_plist(command: list[str]) -> str:
    """A launchd agent (macOS) running `command` always."""
    from xml.sax.saxutils import escape

    arguments = "".join(f"\n      <string>{escape(word)}</string>" for word in command)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<!-- ~/Library/LaunchAgents/org.onward.replicate.plist; then: "
        "launchctl load ~/Library/LaunchAgents/org.onward.replicate.plist -->\n"
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
        '<plist version="1.0">\n'
        "  <dict>\n"
        "    <key>Label</key>\n    <string>org.onward.replicate</string>\n"
        f"    <key>ProgramArguments</key>\n    <array>{arguments}\n    </array>\n"
        "    <key>RunAtLoad</key>\n    <true/>\n"
        "    <key>KeepAlive</key>\n    <true/>\n"
        "  </dict>\n"
        "</plist>\n"
    )


CREDENTIAL_VARIABLES = "LITESTREAM_ACCESS_KEY_ID and LITESTREAM_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)"
"""The environment variables an s3:// replica's keys are read from (Litestream's own, or the AWS ones)."""


def no_credentials_line(url: str) -> str:
    """The one line said when an s3:// replica has no credentials to be reached with."""
    return (
        f"{url} needs credentials, and none are set: export {CREDENTIAL_VARIABLES}, or AWS_PROFILE naming a "
        "profile in ~/.aws/credentials; Onward never stores them."
    )


_LITESTREAM_ERRORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("credentials", ("get credentials", "no ec2 imds role", "nocredentialproviders", "static credentials are empty",
                     "failed to retrieve credentials", "no valid providers")),
    ("certificates", ("unable to add custom rootcas",)),
    ("denied", ("accessdenied", "access denied", "invalidaccesskeyid", "signaturedoesnotmatch", "statuscode: 403",
                "unable to authenticate", "permission denied")),
    ("no bucket", ("nosuchbucket", "bucket does not exist", "specified bucket does not exist")),
    ("unreachable", ("connection refused", "no such host", "i/o timeout", "network is unreachable", "no route to host",
                     "context deadline exceeded", "connection reset", "dial tcp")),
)


def refused_line(replica: Replica, host: str, port: int) -> str:
    """The one line said when nothing answers at an s3:// replica's endpoint (`host`, `port`): the connection was
    refused (Litestream, through the AWS SDK, would try again for a minute before saying so)."""
    return (
        f"{replica.endpoint} can't be reached: {host} refused the connection on port {port}; check the address given "
        "with --endpoint, and that the store is running."
    )


def long_name_line(name: str, length: int, limit: int) -> str:
    """The one line said when a folder name in a file:// replica's path (`name`, `length` bytes) is longer than
    the file system allows (`limit` bytes)."""
    shown = name if len(name) <= 40 else name[:39] + "…"
    unit = "characters" if length == len(name) else "bytes"
    return (
        f'the folder name "{shown}" in the replica\'s path is {number(length)} {unit} long, more than the file system '
        f"allows ({number(limit)} bytes): give the replica a shorter folder name."
    )


def long_path_line(length: int, limit: int) -> str:
    """The one line said when a file:// replica's path (`length` bytes) is longer than this system allows (`limit`)."""
    return (
        f"the replica's path is {number(length)} bytes long, more than this system allows ({number(limit)} bytes): "
        "give a folder with a shorter path."
    )


def explain_litestream(said: str, replica: Replica) -> str:
    """One line for people saying what Litestream's error `said` (its own words) means for `replica`: no
    credentials, access denied, no such bucket, the store out of reach; '' when it is none of those."""
    if replica.folder is not None:
        return ""  # a folder on this machine: Litestream's own words name the file and what went wrong
    lowered = said.lower()
    kind = next((kind for kind, marks in _LITESTREAM_ERRORS if any(mark in lowered for mark in marks)), "")
    parts = urlsplit(replica.url)
    where = replica.endpoint or (parts.hostname or replica.url)
    if kind == "credentials":
        return no_credentials_line(replica.url)
    if kind == "certificates":
        return "Litestream can't use the certificates AWS_CA_BUNDLE names (it makes its own connections); unset AWS_CA_BUNDLE for Onward."
    if kind == "denied":
        if parts.scheme.lower() == "sftp":
            if "unable to authenticate" in lowered or "handshake" in lowered:
                return f"{where} refused the login: check the user in {replica.shown} and the SSH key given with --key."
            return f"{where} refused access to the folder of {replica.shown}: check who may read and write it there."
        return f"{where} refused access to {replica.shown}: check {CREDENTIAL_VARIABLES}, and that those keys may use the bucket."
    if kind == "no bucket":
        return f'the bucket "{parts.hostname}" doesn\'t exist at {where}: check the name in {replica.shown}' + (
            " and --endpoint." if replica.endpoint else " (another store than AWS takes --endpoint)."
        )
    if kind == "unreachable":
        return f"{where} can't be reached: check the address and this machine's network."
    return ""


DEVICE_NAME_LENGTH = 40


def check_device_name(text: str) -> str:
    """The device name `text` gives (what other devices are told wrote the replica), stripped; raises
    ReplicaError saying what is wrong: empty, longer than 40 characters, or holding what can't be printed."""
    name = text.strip()
    if not name:
        raise ReplicaError('--device needs a name, e.g. --device "laptop".')
    if not name.isprintable():
        raise ReplicaError('--device takes a name made of printable characters (no tabs, line breaks or control characters), e.g. --device "laptop".')
    if len(name) > DEVICE_NAME_LENGTH:
        raise ReplicaError(f"--device takes a name of at most {DEVICE_NAME_LENGTH} characters ({len(name)} given).")
    return name
