"""Provides safe writing of the files Onward makes for the user (exports, later backups): private, atomic,
never over the journal, and never over an existing file unless asked."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from tui.domain.text import shown_path
from tui.store.database import APPLICATION_ID, SQLITE_MAGIC

# SQLite keeps these beside a journal; writing over any of them can lose or corrupt the journal.
JOURNAL_COMPANIONS = ("", "-wal", "-shm", "-journal")


class FileRefused(Exception):
    """A file was not written (and nothing was left half-written); the message is one line for the user."""


def journal_family(journal: Path) -> list[Path]:
    """The journal and the files SQLite keeps beside it."""
    return [Path(f"{journal}{suffix}") for suffix in JOURNAL_COMPANIONS]


def _is_same_file(target: Path, protected: Path) -> bool:
    if os.path.realpath(target) == os.path.realpath(protected):
        return True
    try:  # a hard link or another spelling (case-insensitive folders) of the same file
        return os.path.lexists(target) and protected.exists() and os.path.samefile(target, protected)
    except OSError:
        return False


def is_journal_or_companion(path: Path, journals: Iterable[Path]) -> bool:
    """Whether `path` is one of `journals` or a file SQLite keeps beside one (-wal, -shm, -journal), by any
    spelling or link: a file Onward neither writes over nor reads as something else (an import)."""
    return any(_is_same_file(path, protected) for journal in journals for protected in journal_family(Path(journal)))


def is_onward_journal(path: Path) -> bool:
    """Whether the file at `path` is an Onward journal (this one, another, a backup), by its header."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    return header.startswith(SQLITE_MAGIC) and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def check_target(target: Path, *, journals: Iterable[Path] = (), force: bool = False) -> None:
    """Raise FileRefused unless `target` may be written: not a journal or its companions, not a folder,
    not an existing file unless `force`."""
    if is_journal_or_companion(target, journals):
        raise FileRefused(f"{shown_path(target)} is your journal (or a file SQLite keeps beside it); choose another file name.")
    if target.is_dir():
        raise FileRefused(f"{shown_path(target)} is a folder; give a file name.")
    if os.path.lexists(target):
        if target.is_symlink() or not target.is_file():
            raise FileRefused(f"{shown_path(target)} is not a plain file (a device, a pipe or a link); give the name of a file to write.")
        if is_onward_journal(target):
            raise FileRefused(f"{shown_path(target)} is an Onward journal; Onward never writes over a journal, even with --force.")
        if not force:
            raise FileRefused(f"{shown_path(target)} already exists; choose another name, or add --force to replace it.")


def write_private_file(
    target: Path, content: str | bytes | Iterable[str], *, journals: Iterable[Path] = (), force: bool = False
) -> Path:
    """Write `content` to `target` as a new file only its owner can read (0600), all at once or not at all.

    Refuses the journal and its -wal/-shm/-journal files, folders, and existing files unless `force`.
    The text (whole, or in pieces) is written to a private temporary file in the same folder, synced, then moved into place.
    """
    target = Path(target)
    journals = list(journals)
    # Text may come in pieces (an export streamed from the journal): written as it comes, never whole in memory.
    pieces: Iterable[bytes] = (
        [content.encode("utf-8")] if isinstance(content, str)
        else [content] if isinstance(content, bytes)
        else _batched(piece.encode("utf-8") for piece in content)
    )
    check_target(target, journals=journals, force=force)
    folder = target.parent
    temporary = folder / f".{target.name}.{os.urandom(6).hex()}.part"  # secrets.token_hex(6), without loading hmac and hashlib
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as error:
        raise FileRefused(f"Can't write {shown_path(target)}: {error.strerror}. Nothing was written.") from error
    try:
        try:
            # The mode given to os.open is reduced by the umask; make it exactly private.
            os.fchmod(descriptor, 0o600)
            for data in pieces:
                view = memoryview(data)
                while view:
                    view = view[os.write(descriptor, view):]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        # Checked again just before the move: the journal or a new file may have appeared meanwhile.
        check_target(target, journals=journals, force=force)
        if force:
            os.replace(temporary, target)
        else:
            _move_without_replacing(temporary, target)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, FileExistsError):
            raise FileRefused(f"{shown_path(target)} already exists; choose another name, or add --force to replace it.") from error
        if isinstance(error, OSError):
            raise FileRefused(f"Can't write {shown_path(target)}: {error.strerror}. Nothing was written.") from error
        raise
    _sync_folder(folder)
    return target


def _batched(pieces: Iterable[bytes], size: int = 1 << 20) -> Iterator[bytes]:
    """Small pieces joined into writes of about `size` bytes (one system call per record would be slow)."""
    held: list[bytes] = []
    count = 0
    for piece in pieces:
        held.append(piece)
        count += len(piece)
        if count >= size:
            yield b"".join(held)
            held, count = [], 0
    if held:
        yield b"".join(held)


def _move_without_replacing(temporary: Path, target: Path) -> None:
    # A hard link fails if the name is taken, so a file created meanwhile is never replaced.
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: the check just made has to do
        if os.path.lexists(target):
            raise FileExistsError(target) from None
        os.replace(temporary, target)
        return
    os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    # Makes the new name durable; not every platform can open a folder, which is fine.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
