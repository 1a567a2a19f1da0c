"""A replica's address as `check_replica` reads it, without Litestream: the one form a file:// address is kept
and said in, and a path no store can hold refused up front whatever the kind of replica."""

from __future__ import annotations

import pytest

from tui.domain.replica import ReplicaError, check_replica


@pytest.mark.parametrize("written", ["file:/media/usb/onward", "file:///media/usb/onward", "FILE:/media/usb/onward"])
def test_a_file_address_is_kept_in_the_form_the_messages_use(written: str) -> None:
    """`file:/media/usb/onward` is the same folder as `file:///media/usb/onward`: it was kept and said as typed,
    so the status and the writer's record named one folder two ways."""
    replica = check_replica(written)
    assert replica.url == "file:///media/usb/onward"
    assert replica.folder == "/media/usb/onward"


def test_a_file_address_keeps_its_percent_escapes() -> None:
    replica = check_replica("file:/media/my%20usb/onward")
    assert replica.url == "file:///media/my%20usb/onward" and replica.folder == "/media/my usb/onward"


@pytest.mark.parametrize("address", ["s3://bucket/on%00ward", "sftp://me@nas/on%0Award", "s3://bucket/a%09b", "file:///tmp/a%00b"])
def test_a_path_holding_a_character_that_cant_be_printed_is_refused_for_every_kind(address: str) -> None:
    """s3:// and sftp:// took %00 and %0A in their path, to be refused later by Litestream or the store in its own
    words (or after asking for credentials)."""
    with pytest.raises(ReplicaError, match="can't be printed"):
        check_replica(address)


@pytest.mark.parametrize("address", ["s3://bucket/onward", "sftp://me@nas/onward", "s3://bucket/my%20journal"])
def test_other_addresses_are_kept_as_written(address: str) -> None:
    assert check_replica(address).url == address
