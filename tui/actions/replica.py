"""Provides what a person does with the journal's continuous copy (a Litestream replica): choose it, start
copying (never from a journal behind the copy), ask how far it has got, restore it or pull it over the
journal, and the check every write makes first: two devices, one writer at a time, never a silent fork."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from itertools import takewhile
from pathlib import Path
from typing import TYPE_CHECKING

from tui.actions.results import Refused
from tui.domain.replica import (
    Position, Replica, ReplicaError, another_journal_message, behind_message, check_replica, is_behind, lag_line, later_writes_message, moment_text,
    nothing_as_early_message, written_after,
)
from tui.paths import onward_command
from tui.store import replica as store
from tui.store.database import JournalError
from tui.store.files import write_private_file
from tui.store.repository import Journal

if TYPE_CHECKING:
    from tui.actions.pulled_drafts import CarriedDrafts
    from tui.domain.onward_json import OnwardData

DIVERGED = "diverged"
SUPERSEDED = "superseded"
LAG_ANSWER_SECONDS = 5
"""How long `onward streak` waits for a replica out of reach before leaving its lag line out."""


def check_address(url: str, endpoint: str | None = None, key_path: str | None = None) -> Replica:
    """The replica `url` names (`check_replica`), its path first checked against this system's limits: a
    file:// path longer than the system allows, or with a folder name longer than its file system allows, is
    said as such (not as an address Onward can't read, nor as the file system's own "File name too long").
    Raises ReplicaError; nothing is written."""
    problem = store.path_problem(url)
    if problem:
        raise ReplicaError(problem)
    return check_replica(url, endpoint, key_path)


def configured(journal: Journal) -> Replica | None:
    """The replica the journal is copied to, or None."""
    return Replica.from_json(journal.setting_text(store.REPLICA_SETTING))


def choose_replica(journal: Journal, replica: Replica) -> None:
    """Remember `replica` in the journal's settings (its address only: credentials stay in the environment)."""
    before = configured(journal)
    if before != replica:
        if before is not None and before.url != replica.url:
            store.forget_local_state(journal.path)  # how far it copied to the old replica says nothing of the new one
        with journal.transaction():
            journal.put_setting(store.REPLICA_SETTING, replica.to_json())


def take_back_choice(journal: Journal, previous: Replica | None) -> None:
    """A replica just chosen that Litestream could not copy to: the one before it (or none) is the replica again."""
    if previous is not None:
        choose_replica(journal, previous)
    elif configured(journal) is not None:
        with journal.transaction():
            journal.put_setting(store.REPLICA_SETTING, None)


def require_litestream() -> None:
    """Raise ReplicaError (one line naming what installs it) when Litestream is not installed: said before
    anything is fetched or written."""
    store.litestream_binary()


def copy_continuously(
    journal_path: Path, replica: Replica, *, once: bool = False, started: Callable[[], None] | None = None
) -> int:
    """Run Litestream for the journal in the foreground until it stops or is asked to (Ctrl+C, SIGTERM), or
    (`once`) until it has copied what there is; its exit status (0 when stopped on request). `started` is
    called once Litestream runs (never when it is refused first: another copy holds the journal)."""
    return store.replicate(journal_path, replica, once=once, started=started)


def refuse_while_copying(journal_path: Path, then: str) -> None:
    """Refuse (Refused, naming how to stop it) replacing the journal while `onward replicate` copies it: the
    Litestream running would go on from the journal replaced. `then`: what to do once it is stopped."""
    try:
        store.refuse_while_replicating(journal_path, then)
    except ReplicaError as error:
        raise Refused(f"{error} Nothing was changed.") from None


def newer_in_replica(journal: Journal, replica: Replica) -> bool:
    """Whether `replica` holds writes this journal does not (what `onward pull` brings); Refused when it
    holds no journal at all (a disk not mounted?) or can't be reached."""
    try:
        state = replica_state(journal, replica)
    except ReplicaError as error:
        raise ReplicaRefused(_nothing_changed(error), said_by(error)) from None
    if state.position.empty:
        raise Refused(f"The replica {replica.shown} holds no copy of a journal (a disk not mounted?). Nothing was changed.")
    return behind(journal, replica, state)


def behind(journal: Journal, replica: Replica, state: store.ReplicaState, *, copied_here: bool = True) -> bool:
    """Whether `replica` (as `state` found it) holds writes this journal does not: it moved past the newest
    transaction this journal is known to hold (`known_position`) and its newest copy holds other records than
    this journal, written by another device; or it holds another device's copy of a transaction this device
    wrote too (a fork) and other records. A replica also moves on with no write at all: Litestream 0.5,
    started on a journal whose -wal was put away since it last ran (the app or a command closing it) or that
    was just pulled, copies it as a new transaction (two such copies at once carry one transaction number: a
    fork of nothing written). Such a copy holds what this journal holds; and a copy naming this device as its
    last writer holds nothing another device wrote (each device records itself before its first write:
    `claim_writes`), as when this journal comes back to a replica it was copied to before. Only then is the
    replica's newest copy restored (once per transaction) to be compared."""
    forked_at = _fork(journal, replica, state, copied_here=copied_here)
    known = known_position(journal, replica, copied_here=copied_here)
    if not is_behind(state.position, known, forked_at):
        return False
    copy = _newest_copy(replica, state, forked_at)
    if copy is None:
        return True
    if copy.digest != store.content_digest(journal.db):
        if forked_at or copy.writer is None or not copy.writer[0] or copy.writer[0] != store.this_device().id:
            return True
    _found[(journal.path, replica)] = state.position.txid
    return False


def _fork(journal: Journal, replica: Replica, state: store.ReplicaState, *, copied_here: bool) -> int:
    """The transaction another device wrote too (`state.forked_at`), or 0 when none counts: a fork at or
    before what this journal was found to hold (by the comparison in `behind`, recorded at its next write:
    `claim_writes`) was of nothing written."""
    return state.forked_at if copied_here and state.forked_at > _held(journal, replica) else 0


def _newest_copy(replica: Replica, state: store.ReplicaState, forked_at: int) -> CopyRead | None:
    """The replica's newest copy; at a fork that counts (`forked_at`, from `_fork`), the other device's: read
    without this device's files of the same transactions (its own snapshot would read as the replica)."""
    return _copy_at(replica, state.position, state.own_files if forked_at else ())


_found: dict[tuple[Path, Replica], int] = {}
"""The newest transaction of a replica a journal was found to hold by comparing it with the replica's copy
(recorded in the journal at its next write: a comparison not needed again)."""


def _held(journal: Journal, replica: Replica) -> int:
    """The newest transaction of `replica` the journal records it holds (pulled, restored, or found)."""
    writer = journal.replica_writer()
    return writer[3] if writer is not None and writer[2] == replica.url else 0


def replica_state(journal: Journal, replica: Replica, seconds: float = store.ANSWER_SECONDS) -> store.ReplicaState:
    """How far `replica` has got (and, for a file:// replica, whether another device wrote a transaction this
    device's Litestream wrote too): a file:// replica's folder is read directly (~0.1 ms), another is asked
    through Litestream (~20 ms of CPU and a round trip), waiting at most `seconds`. Raises ReplicaError."""
    quick = store.file_replica_state(journal.path, replica)
    return quick if quick is not None else store.ReplicaState(store.replica_position(replica, seconds))


def known_position(journal: Journal, replica: Replica, *, copied_here: bool = True) -> int:
    """The newest transaction of `replica` this journal is known to hold: pulled or restored up to (the
    journal's record), or copied there by this device's own Litestream (unless not `copied_here`: its record
    is of the replica the journal remembers, not of one about to be chosen instead)."""
    return max(_held(journal, replica), store.local_position(journal.path) if copied_here else 0)


WriterRecord = tuple[str, str, str, int, str]
"""(device id, device name, replica URL, transaction id, moment), as `Journal.replica_writer` gives it."""


@dataclass(frozen=True)
class CopyRead:
    """What a replica's copy at a transaction holds, as far as the check before writing asks: the writer it
    records (None when none), the digest of its records (`store.content_digest`) and the id of the journal it
    is a copy of (`Journal.journal_id`; None for a copy written by an Onward before journals had one)."""

    writer: WriterRecord | None
    digest: str
    journal: str | None = None


_copies: dict[tuple[Replica, int, tuple[Path, ...]], CopyRead | None] = {}
"""A replica's copy at a transaction, as read once (a check repeated at each key restores nothing more)."""


def _copy_at(replica: Replica, position: Position, leaving_out: tuple[Path, ...] = ()) -> CopyRead | None:
    """The replica's copy at `position` (restored into a scratch file, once per transaction), `leaving_out`
    some of a file:// replica's files (`ReplicaState.own_files`); None when it can't be restored or read."""
    key = (replica, position.txid, leaving_out)
    if key not in _copies:
        _copies[key] = _read_copy(replica, position, leaving_out)
    return _copies[key]


def _last_writer(replica: Replica, position: Position) -> str:
    """The device named in the replica's newest copy as the last to write (only read when refusing)."""
    return _writer_of(_copy_at(replica, position))


def _writer_of(copy: CopyRead | None) -> str:
    """The device a copy names as the last to write ("another device" when it names none)."""
    return copy.writer[1] if copy is not None and copy.writer is not None and copy.writer[1] else "another device"


def _read_copy(replica: Replica, position: Position, leaving_out: tuple[Path, ...] = ()) -> CopyRead | None:
    try:
        with store.restored_copy(replica, txid=position.txid, leaving_out=leaving_out) as copy:
            journal_id = _json_text(store.setting_in(copy, store.JOURNAL_SETTING))  # before opening gives it one
            journal = Journal.open(copy, create=False)
            try:
                return CopyRead(journal.replica_writer(), store.content_digest(journal.db), journal_id if isinstance(journal_id, str) else None)
            finally:
                journal.close()
    except (ReplicaError, JournalError, OSError):
        return None


@dataclass(frozen=True)
class Checked:
    """What the check before writing found: the replica's position, or why it could not be asked."""

    replica: Replica
    position: Position | None
    unreachable: str = ""
    said: str = ""
    """Litestream's own words behind `unreachable` ('' when none)."""


def check_not_behind(
    journal: Journal, seconds: float = store.ANSWER_SECONDS, replica: Replica | None = None
) -> Checked | None:
    """Refuse (Refused, one line) when the journal has a replica (or `replica`, about to be chosen) that holds
    newer writes than this journal: another device wrote there since (or wrote a transaction this device's
    Litestream copied there too). None when there is no replica; `unreachable` says why it could not be asked
    (within `seconds`)."""
    remembered = configured(journal)
    replica = replica or remembered
    if replica is None:
        return None
    try:
        state = replica_state(journal, replica, seconds)
    except ReplicaError as error:
        return Checked(replica, None, str(error), said_by(error))
    position = state.position
    # What this device's Litestream copied is of the replica remembered, not of one about to be chosen.
    copied_here = replica == remembered
    gone = _gone(journal, replica, position, copied_here=copied_here)
    if gone:
        return Checked(replica, None, gone)
    if not copied_here and not position.empty:
        _refuse_another_journal(journal, replica, position)
    if behind(journal, replica, state, copied_here=copied_here):
        copy = _newest_copy(replica, state, _fork(journal, replica, state, copied_here=copied_here))
        raise Refused(behind_line(journal, _writer_of(copy), position.at, None if copied_here else replica))
    return Checked(replica, position)


def behind_line(journal: Journal, device: str, at: datetime | None, other: Replica | None = None) -> str:
    """The line saying the journal is behind the copy `device` wrote at `at`, and the command that brings it
    (for this journal: with its --db). `other`: a replica not the journal's own (one about to be chosen), named,
    whose journal a restore takes (`onward pull` reads the journal's own replica only)."""
    if other is None:
        return behind_message(device, at, f"`{onward_command(journal.path, 'pull')}` first")
    restore = onward_command(journal.path, "restore", "--from", other.url)
    return behind_message(device, at, f"`{restore}` takes it here (this one is kept as a backup)", other.url)


def _gone(journal: Journal, replica: Replica, position: Position, *, copied_here: bool = True) -> str:
    """Why `replica` is out of reach when it holds nothing though it held this journal before: an unmounted
    disk or a folder moved away, not a fresh start (or a read-only folder Litestream could never write to);
    '' when it holds something, or never held this journal."""
    if not position.empty or not known_position(journal, replica, copied_here=copied_here):
        return ""
    return store.write_problem(replica) or f"{replica.shown} is empty or missing (a disk not mounted?)"


def _refuse_another_journal(journal: Journal, replica: Replica, position: Position) -> None:
    """Refuse (Refused, one line) choosing `replica` when its newest copy is of another journal than this one
    (another id): copying there would overwrite that journal, and pulling it would replace this one. A copy
    with no id (written by an Onward before journals had one) can't say: the check of writes goes on."""
    copy = _copy_at(replica, position)  # the copy `behind` reads next, read once
    here = journal.journal_id()
    if copy is None or copy.journal is None or here is None or copy.journal == here:
        return
    device = copy.writer[1] if copy.writer is not None and copy.writer[1] else "another device"
    raise Refused(another_journal_message(onward_command(journal.path, "restore", "--from", replica.url), device, position.at))


@dataclass(frozen=True)
class WriteCheck:
    """Whether this journal may write now: `refusal` is the one line a write is refused with ('' when it
    may); `warning` says the replica could not be asked (writes are kept here meanwhile); `lag` says the
    replica is more than a day behind the journal's last write ('' when not)."""

    refusal: str = ""
    warning: str = ""
    lag: str = ""
    checked: Checked | None = None


def may_write(journal: Journal, seconds: float = store.ANSWER_SECONDS) -> WriteCheck:
    """May this journal write now? The one answer the command line (before each write) and the app (before
    each write, and every few seconds while it is open) ask: not when it is behind its replica (another
    device wrote there since; `onward pull` first). A file:// replica is read directly (cheap enough for every
    write); another is asked through Litestream, waiting at most `seconds` (see `refusal_now`)."""
    try:
        checked = check_not_behind(journal, seconds)
    except Refused as refusal:
        return WriteCheck(refusal=str(refusal))
    if checked is None:
        return WriteCheck()
    if checked.position is None:
        return WriteCheck(warning=checked.unreachable, checked=checked)
    lag = lag_line(checked.replica.url, checked.position, store.last_written(journal.path))
    return WriteCheck(lag=lag, checked=checked)


STILL_ASKING = "Onward is still asking the replica whether another device wrote there; try again in a moment."
"""The app's answer to a write before its first answer from an sftp:// or s3:// replica."""


def refusal_now(journal: Journal) -> str | None:
    """The line a write is refused with now ('' when it may), when that is cheap to know: no replica, or a
    file:// replica (its folder read directly, ~0.1 ms). None when only Litestream can tell (sftp://, s3://:
    a process and a round trip): the app then goes by its last answer, asked in the background every few
    seconds (`may_write`)."""
    replica = configured(journal)
    if replica is None:
        return ""
    if store.file_replica_folder(replica) is None:
        return None
    return may_write(journal).refusal


def replica_lag(journal: Journal) -> str:
    """"Your copy at URL is N days behind." when the journal's replica is more than a day older than the
    journal's last write; '' when not, when there is no replica, or when it can't be reached."""
    replica = configured(journal)
    if replica is None:
        return ""
    try:
        position = store.replica_position(replica, LAG_ANSWER_SECONDS)
    except ReplicaError:
        return ""
    return lag_line(replica.url, position, store.last_written(journal.path))


def _device_names(journal: Journal) -> dict[str, str]:
    """The names devices were given (onward replicate --device NAME), by device id."""
    return _names_in(journal.setting_text(store.DEVICE_NAMES_SETTING))


def _names_in(text: str | None) -> dict[str, str]:
    """The device names a `DEVICE_NAMES_SETTING` value holds, by device id ({} when none or unreadable)."""
    names = _json_text(text)
    return {key: value for key, value in names.items() if isinstance(value, str)} if isinstance(names, dict) else {}


def _json_text(text: str | None) -> object:
    """A setting's JSON text read (None when there is none or it is not JSON)."""
    try:
        return json.loads(text) if text is not None else None
    except ValueError:
        return None


def keep_device_names(journal: Journal, replaced: Path | None) -> None:
    """A journal restored over `replaced` (the journal it replaced, kept; None when there was none) keeps the
    device names that journal held and the restored one lacks: a name given after the copy restored was
    written. This device's own name is the one it last gave itself (the replaced journal's); another device's
    is the restored journal's, when it has one."""
    if replaced is None:
        return
    before = _names_in(store.setting_in(replaced, store.DEVICE_NAMES_SETTING))
    names = _device_names(journal)
    kept = {**before, **names}
    own = store.this_device().id
    if own in before:
        kept[own] = before[own]
    if kept != names:
        with journal.transaction():
            journal.put_setting(store.DEVICE_NAMES_SETTING, json.dumps(kept, sort_keys=True))


def device_name(journal: Journal) -> str:
    """What this device is called to the others (in "This journal is behind the copy written on NAME"): the
    name it was given (onward replicate --device NAME), else user@host."""
    device = store.this_device()
    return _device_names(journal).get(device.id) or device.name


def name_device(journal: Journal, name: str) -> None:
    """Call this device `name` (checked by check_device_name) from now on; kept in the journal's settings under
    this device's id, so the journal copied to other devices names each of them rightly."""
    names = _device_names(journal)
    device = store.this_device()
    if names.get(device.id) != name:
        with journal.transaction():
            journal.put_setting(store.DEVICE_NAMES_SETTING, json.dumps({**names, device.id: name}, sort_keys=True))


def note_writer(journal: Journal, replica: Replica, txid: int, now: datetime) -> None:
    """Record this device as the replica's writer, this journal holding it up to `txid` (written only when
    that changes the record). Only before a write of the journal (`claim_writes`), when the journal's replica
    is chosen, or when a backup or an older moment is restored over it: opening, reading, copying and pulling
    write nothing (on another device, the journal would read as behind)."""
    device = store.this_device()
    name = device_name(journal)
    writer = journal.replica_writer()
    if writer is not None and writer[0] == device.id and writer[1] == name and writer[2] == replica.url and writer[3] >= txid:
        return
    with journal.transaction():
        journal.put_replica_writer(device.id, name, replica.url, txid, now.astimezone(timezone.utc).isoformat(timespec="seconds"))


class ReplicaRefused(Refused):
    """Refused for a reason a replica gave; `said`: Litestream's own words behind the line ('' when none), for a
    line of their own after it (`with_said`)."""

    def __init__(self, message: str, said: str = "") -> None:
        super().__init__(message)
        self.said = said


def said_by(error: object) -> str:
    """Litestream's own words behind Onward's line for a replica's error ('' when the line is all there is)."""
    said = getattr(error, "said", "")
    return " ".join(said.splitlines()) if isinstance(said, str) else ""


def with_said(error: Exception | str, said: str = "") -> str:
    """A replica's line, and Litestream's own words behind it on a line of their own (the app, --status)."""
    said = said or said_by(error)
    return f"{error}\nLitestream said: {said}" if said else str(error)


def _nothing_changed(error: ReplicaError) -> str:
    """A replica's error, then "Nothing was changed."."""
    text = str(error)
    return f"{text}{'' if text.endswith(('.', '?', '!')) else '.'} Nothing was changed."


def _unreachable(checked: Checked, kept: str = "") -> ReplicaRefused:
    return ReplicaRefused(
        f"The replica can't be reached ({checked.unreachable.rstrip('.')}), so Onward can't tell whether another "
        f"device wrote there; writes stay on this device until it can.{kept}",
        checked.said,
    )


def cannot_copy(replica: Replica, journal_path: Path) -> str:
    """Why Litestream can't be started to copy to `replica` now, a line ('' when it can): a file:// replica's disk
    not there (Litestream would copy to this machine's own disk), its folder a file or read-only, an s3:// one
    without credentials. Reading from such a replica (a pull, a restore) may still be fine. A folder that can't
    be one is said with the command choosing another for the journal at `journal_path`."""
    problem = store.path_problem(replica.url)
    if problem:
        return problem
    another = f"choose another folder with `{onward_command(journal_path, 'replicate', 'file:///OTHER/FOLDER')}`"
    problem = store.not_a_folder(replica)
    if problem:
        return f"{problem}: {another}."
    try:
        store.check_reachable(replica)
    except ReplicaError as error:
        if replica.folder is None:
            return str(error)
        return f"{error} Nothing is copied until it is: Onward won't make the folder on this machine's own disk."
    problem = store.write_problem(replica)
    if problem:
        return f"{problem}: mount it with write access, or {another}."
    return ""


def claim_writes(journal: Journal, now: datetime, checked: WriteCheck | None = None) -> None:
    """Before a write of a journal that has a replica and may write (`may_write`, whose answer is `checked`):
    this device becomes the replica's last writer, as the copy of the write will say (written once, not
    before every write), the journal holding the replica up to where it was just found (not behind it). Also
    written when the check had to compare the journal with the replica's copy (`behind`): the transaction
    found held is recorded, so that comparison is not made again."""
    replica = configured(journal)
    if replica is None:
        return
    found = _found.pop((journal.path, replica), 0)
    writer = journal.replica_writer()
    if writer is not None and writer[0] == store.this_device().id and writer[1] == device_name(journal) and writer[2] == replica.url:
        if found > writer[3]:
            note_writer(journal, replica, found, now)
        return
    asked = checked.checked if checked is not None else None
    now_at = asked.position.txid if asked is not None and asked.position is not None and asked.replica == replica else 0
    note_writer(journal, replica, max(known_position(journal, replica), now_at, found), now)


def ready_to_replicate(
    journal: Journal, now: datetime, checked: Checked | None = None, *, chosen: Replica | None = None, name: str | None = None
) -> Replica:
    """Check the journal may be copied now (not behind, the replica in reach); raises Refused. Litestream
    started from a journal behind its replica would overwrite the newer copy. `checked`: what `may_write`
    found just now (not asked again). `chosen`: a replica to copy to from now on, remembered only once it
    passed (a mistyped address that can't be reached leaves the one before); this device is then its writer
    (choosing writes the journal). Starting to copy to the replica chosen before writes nothing. `name`:
    what to call this device from now on (onward replicate --device NAME), kept once it passed too."""
    before = configured(journal)
    kept = f" {before.shown} is still the replica." if chosen is not None and before is not None and before != chosen else ""
    target = checked.replica if checked is not None else chosen or before
    if target is not None and (problem := cannot_copy(target, journal.path)):
        raise Refused(problem + kept)
    if checked is None and chosen is not None and before is not None and chosen != before:
        _refuse_leaving_behind(journal, chosen)
    checked = checked or check_not_behind(journal, replica=chosen)
    if checked is None:
        raise Refused(f"This journal has no replica yet; `{onward_command(journal.path, 'replicate', 'URL')}` chooses one.")
    if checked.position is None:
        raise _unreachable(checked, kept)
    if name is not None:
        name_device(journal, name)
    if before != checked.replica:
        choose_replica(journal, checked.replica)
        note_writer(journal, checked.replica, checked.position.txid, now)
    return checked.replica


def _refuse_leaving_behind(journal: Journal, chosen: Replica) -> None:
    """Refuse (Refused) choosing `chosen` while the journal is behind the replica it has: copying elsewhere would
    take it out of "behind" without a pull, and what the other device wrote there would never come here. The
    replica chosen before out of reach (a disk gone for good) does not stop the choice."""
    try:
        check_not_behind(journal)
    except Refused as refusal:
        then = onward_command(journal.path, "replicate", chosen.url)
        raise Refused(f"{str(refusal).rstrip('.')}, then `{then}`. Nothing was changed.") from None


def status_text(journal: Journal) -> str:
    """Where the journal is copied, when the copy last caught up, and whether this journal is behind it."""
    replica = configured(journal)
    if replica is None:
        return f"No replica: {onward_command(journal.path, 'replicate', 'URL')} starts copying the journal continuously."
    lines = [f"Replica: {replica.shown}" + (f" (endpoint {replica.endpoint})" if replica.endpoint else "")]
    lines.append(f"This device: {device_name(journal)} ({onward_command(journal.path, 'replicate', '--device', 'NAME')} renames it).")
    try:
        state = replica_state(journal, replica)
    except ReplicaError as error:
        return "\n".join([*lines, with_said(f"Can't reach it: {error}", said_by(error))])
    position = state.position
    gone = _gone(journal, replica, position)
    if gone:  # the words `onward replicate` refuses with: not "holds nothing yet", which it would not copy to
        return "\n".join([*lines, f"Can't reach it: {gone.rstrip('.')}; nothing is copied there until it can be."])
    if position.empty:
        lines.append(f"It holds nothing yet: {onward_command(journal.path, 'replicate')} copies the journal there.")
        return "\n".join(lines)
    lines.append(f"Last caught up: {moment_text(position.at)} (transaction {position.txid}).")
    if behind(journal, replica, state):
        lines.append(f"This journal is behind it: `{onward_command(journal.path, 'pull')}` first.")
    return "\n".join(lines)


@contextmanager
def replica_copy(replica: Replica, at: datetime | None = None, *, pulling: Path | None = None) -> Iterator[tuple[Path, Position]]:
    """The replica restored into a scratch file (its newest, or as it was at `at`), and the position it was
    restored at; raises Refused when there is nothing to restore. `pulling`: the journal a pull brings up to
    date, whose refusal named the other device of a fork (`behind`): that device's copy is the one pulled."""
    try:
        position = store.replica_position(replica)
        if position.empty:
            raise Refused(f"The replica {replica.shown} holds no copy of a journal yet. Nothing was changed.")
        state = store.file_replica_state(pulling, replica) if pulling is not None and at is None else None
        other_side = state.own_files if state is not None and state.forked_at else ()
        with store.restored_copy(replica, txid=None if at is not None else position.txid, at=at, leaving_out=other_side) as copy:
            yield copy, position
    except ReplicaError as error:
        early = _nothing_as_early(replica, at) if at is not None else ""
        if early:
            raise Refused(f"{early} Nothing was changed.") from None
        raise ReplicaRefused(_nothing_changed(error), said_by(error)) from None


def _nothing_as_early(replica: Replica, at: datetime) -> str:
    """The line naming the replica's earliest copy when a restore of the moment `at` failed for want of one as
    early ('' when the replica holds one, or can't say)."""
    try:
        earliest = store.earliest_copy(replica)
    except ReplicaError:
        return ""
    return nothing_as_early_message(replica.url, at, earliest) if earliest is not None and at <= earliest else ""


def later_writes(replica: Replica, newest: Position, at: datetime, moment: str, journal_path: Path) -> str:
    """The line saying `replica` was written after the moment `at` (`moment`, as the person gave it) and what
    restoring that moment does to those writes; '' when it was not."""
    try:
        # Litestream's list says moments to the second; a file:// replica's files say them to the millisecond.
        quick = store.file_replica_state(journal_path, replica)
    except ReplicaError:
        quick = None
    if quick is not None and quick.position.txid == newest.txid:
        newest = quick.position
    if not written_after(newest, at):
        return ""
    return later_writes_message(moment, newest, _last_writer(replica, newest))


@dataclass(frozen=True)
class KeptNewest:
    """The replica's newest copy, kept before an older moment is restored over it (`keep_newest`)."""

    path: Path
    made: tuple[Path, ...] = ()
    """The folders made to hold it (none was there: a new device), innermost first."""

    def forget(self) -> None:
        """Delete it and the folders made for it: a restore answered no leaves nothing behind."""
        self.path.unlink(missing_ok=True)
        for folder in self.made:
            try:
                folder.rmdir()
            except OSError:
                return  # something else is in it now: kept


def keep_newest(replica: Replica, newest: Position, journal_path: Path, today: date) -> KeptNewest:
    """The replica's newest copy kept in the journal's backups folder (…-superseded.db), before a restore of
    an older moment supersedes it: once that journal is copied there, the replica's newest copy is the older
    one (Litestream 0.5 copies it as its next transaction), and Litestream's own retention decides how long
    the writes before it can still be restored from the replica. Raises Refused."""
    from tui.store import backups

    try:
        with store.restored_copy(replica, txid=newest.txid) as copy:
            target = backups.default_backup_path(journal_path, today, SUPERSEDED)
            made = tuple(takewhile(lambda folder: not folder.exists(), (target.parent, *target.parent.parents)))
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            return KeptNewest(backups.write_backup(copy, target, today=today), made)
    except (ReplicaError, JournalError, OSError) as error:
        raise Refused(f"The replica's newest copy could not be kept ({str(error).rstrip('.')}). Nothing was changed.") from None


def after_restore(
    journal_path: Path, replica: Replica, position: Position, now: datetime, *, superseding: bool = False, replaced: Path | None = None
) -> None:
    """A journal restored from its replica (its newest copy: a pull, a new device) holds it up to `position`:
    recorded, and Litestream's record of the journal it replaced forgotten. The replica is remembered as this
    device reached it: the copy holds the address the device that wrote it used (another mount point, another
    spelling of it). The device that wrote the copy stays its last writer: pulling writes nothing of this
    device's own (the other device, seeing Litestream copy the pulled journal, is not behind). An older
    moment restored over writes made after it (`superseding`) is this device's write: the other devices,
    behind it once it is copied, pull it. The device names the journal it replaced (`replaced`, kept) held
    and the copy lacks are kept (`keep_device_names`)."""
    store.forget_local_state(journal_path)
    journal = Journal.open(journal_path)
    try:
        keep_device_names(journal, replaced)
        choose_replica(journal, replica)
        if superseding:
            note_writer(journal, replica, position.txid, now)
            return
        writer = journal.replica_writer()
        device_id, name, at = (writer[0], writer[1], writer[4]) if writer is not None else ("", "", "")
        with journal.transaction():
            journal.put_replica_writer(device_id, name, replica.url, position.txid, at or now.astimezone(timezone.utc).isoformat(timespec="seconds"))
    finally:
        journal.close()


def after_backup_restore(journal_path: Path, kept: Path | None, now: datetime) -> None:
    """A backup put back on a journal with a replica (as the journal `kept` before the restore had) supersedes the replica (a bad
    day undone): it keeps that replica, recorded as holding it up to its newest, so the next write and the next
    copy are not refused as behind. Nothing is recorded when the replica can't be reached (the next write then
    says so)."""
    journal = Journal.open(journal_path, create=False)
    try:
        replica = configured(journal) or (Replica.from_json(store.replica_setting_in(kept)) if kept else None)
        if replica is None:
            return
        choose_replica(journal, replica)
        try:
            position = store.replica_position(replica)
        except ReplicaError:
            return
        store.forget_local_state(journal_path)
        note_writer(journal, replica, position.txid, now)
    finally:
        journal.close()


def own_export(old_export: str) -> OnwardData:
    """The Onward JSON of the journal a pull replaces, read back without a today: what it holds was written
    on a device whose day may be later than this one's (another time zone: a step dated tomorrow here), and a
    journal's own days are not a person's file to check (read with today, a pull crashed after replacing it)."""
    from tui.domain.onward_json import read_onward

    return read_onward(json.loads(old_export), None)


_HAPPENED = frozenset({"applied_on", "on", "done_on", "settled_through", "next_step_done_on"})
"""The keys of Onward JSON whose days say what happened (an import refuses one after its today)."""


def latest_happened(old_export: str, today: date) -> date | None:
    """The latest day after `today` on which something the journal a pull replaced holds happened (written on a
    device a time zone ahead), or None: `onward import json` of its export refuses it until that day."""
    latest: date | None = None

    def walk(value: object) -> None:
        nonlocal latest
        if isinstance(value, dict):
            for key, item in value.items():
                if key in _HAPPENED and isinstance(item, str):
                    try:
                        day = date.fromisoformat(item)
                    except ValueError:
                        continue
                    if day > today and (latest is None or day > latest):
                        latest = day
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(old_export))
    return latest


def only_here(old_export: str, journal: Journal, today: date) -> str:
    """What importing `old_export` (Onward JSON of the journal before a pull) would add to `journal`: '' when
    nothing (the JSON import's duplicate skipping decides, as `onward import json` would)."""
    from tui.actions.imports import plan_import

    plan = plan_import(journal, own_export(old_export))
    if not plan.adds_anything:
        return ""
    from tui.domain.text import plural

    differ = plural(len(plan.not_taken), "detail")  # an edit made here to a record both hold: "0 applications" hid it
    return plan.summary() + (f"; {differ} of records both hold, written otherwise here" if plan.not_taken else "")


def wrote_since(old_export: str, replica: Replica, txid: int, today: date) -> bool:
    """Whether the journal a pull replaces (its Onward JSON, `old_export`) holds records the replica did not
    hold at transaction `txid`, the newest this journal was known to hold: written here since. A record the
    other device removed or changed since then is not. True when that copy can't be restored (compacted away,
    out of reach): then what the journal holds and the replica's newest copy does not is offered, as if written here."""
    if txid <= 0:
        return True
    try:
        with store.restored_copy(replica, txid=txid) as copy:
            base = Journal.open(copy, create=False)
            try:
                return bool(only_here(old_export, base, today))
            finally:
                base.close()
    except (ReplicaError, JournalError, OSError):
        return True


def carry_drafts(old_export: str, journal: Journal, today: date, said: dict[str, str] | None = None) -> CarriedDrafts:
    """Put back in `journal` (just pulled) the drafts the journal it replaced held, each only on the same record
    (tui.actions.pulled_drafts): what was typed in an editor while the journal was behind its replica."""
    from tui.actions.pulled_drafts import carry_drafts as carry

    return carry(old_export, journal, today, said)


def drafts_said(journal: Journal) -> dict[str, str]:
    """The drafts earlier pulls carried into this journal and said (read before a pull replaces it)."""
    from tui.actions.pulled_drafts import drafts_said as said

    return said(journal)


def keep_diverged(kept: Path, journal_path: Path, old_export: str, today: date) -> tuple[Path, Path]:
    """The journal a pull replaced, renamed …-diverged.db, and its Onward JSON beside it (…-diverged.json)."""
    from tui.store import backups  # here: every write asks may_write, which never needs the backups module

    target = backups.default_backup_path(journal_path, today, DIVERGED)
    os.replace(kept, target)
    export = write_private_file(target.with_suffix(".json"), old_export)
    return target, export


def start_copying(
    journal_path: Path, now: datetime, *, start: bool = True, seconds: float = store.ANSWER_SECONDS
) -> tuple[store.Child | None, WriteCheck, str]:
    """For the app: whether the journal may write now (`may_write`, waiting at most `seconds` for the replica),
    Litestream started for the journal while the app is open (None when it has no replica, may not be copied
    now, `onward replicate` copies it already, or not `start`; a Litestream left copying by one killed
    outright is ended first), and a line to show ('' when all is well). Opens its own connection: it runs off the
    screen's thread."""
    journal = Journal.open(journal_path, create=False)
    try:
        check = may_write(journal, seconds)
        if check.refusal or check.checked is None:
            return None, check, check.refusal
        if not start:
            # Litestream runs already; a replica gone out of reach meanwhile (a disk unplugged) is said.
            return None, check, with_said(_unreachable(check.checked)) if check.checked.position is None else ""
        store.end_left_running(journal_path)  # one an app or `onward replicate` killed outright left copying
        if store.replicating_now(journal_path) is not None:
            return None, check, ""  # `onward replicate` copies it already: a second Litestream would fight it over the replica
        try:
            replica = ready_to_replicate(journal, now, check.checked)
        except Refused as refusal:
            return None, check, with_said(refusal)
    finally:
        journal.close()
    try:
        return store.start_child(journal_path, replica), check, ""
    except ReplicaError as error:
        return None, check, f"The journal is not being copied to {replica.shown}: {error}"
