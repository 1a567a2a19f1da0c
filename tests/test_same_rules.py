"""One set of rules: the same morning, done on the command line and in the app, leaves the same journal,
and the same mistakes are refused by both."""

from pathlib import Path

import pytest

from textual import events

from tests.app.test_inbox import notifications
from tests.conftest import TODAY, run_app
from tui.app import OnwardApp
from tui.cli import main
from tui.screens.confirm import ConfirmDialog
from tui.store.repository import Journal
from tui.store.transfer import export_journal


def exported(path: Path) -> dict:
    """What the journal holds (its own id left out: two journals made apart have two; and when each record was
    first written: the two are written seconds apart)."""
    journal = Journal.open(path)
    try:
        return {key: without_moments(value) for key, value in export_journal(journal).items() if key != "journal"}
    finally:
        journal.close()


def without_moments(value):
    if isinstance(value, dict):
        return {key: without_moments(item) for key, item in value.items() if key != "created_at"}
    return [without_moments(item) for item in value] if isinstance(value, list) else value


async def paste(pilot, text: str) -> None:
    """Text into the focused field as a paste: one event, where typing it key by key took ~4 s of Pilot's
    waits for 68 characters (typing into the forms is tests/app/test_inbox.py's and test_typed_ahead.py's)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def test_the_command_line_and_the_app_keep_the_same_journal(tmp_path, monkeypatch, capsys):
    by_hand, by_keys = tmp_path / "cli.db", tmp_path / "app.db"
    monkeypatch.setenv("ONWARD_TODAY", TODAY.isoformat())

    def onward(*argv: str) -> int:
        return main(["--db", str(by_hand), *argv])

    assert onward("add", "Zed Labs", "Data Analyst", "--field", "data") == 0
    assert onward("log", "1", "screening") == 0
    assert onward("act", "career_fair", "--note", "Tableau module 4") == 0
    assert onward("win", "Recruiter loved my portfolio", "--app", "1") == 0
    assert onward("log", "1", "rejected", "--stage", "screening") == 0
    # The same mistakes, refused the same way: exit 2 and nothing written.
    assert onward("log", "1", "rejected") == 2
    assert onward("log", "1", "screening") == 2
    assert onward("act", "applied") == 2
    assert "--reopen" in capsys.readouterr().err

    app = OnwardApp(by_keys, today=TODAY)

    async def steps(pilot):
        await pilot.press("n")
        await pilot.pause()
        await paste(pilot, "Zed Labs")
        await pilot.press("tab")
        await paste(pilot, "Data Analyst")
        await pilot.press("tab")
        await paste(pilot, "data")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s", "enter")  # no day: it happened today
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("down", "enter")  # career fair (the list opens on Networking)
        await paste(pilot, "Tableau module 4")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await paste(pilot, "Recruiter loved my portfolio")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("r", "s")  # rejected after the screening
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert any("already marked rejected" in n for n in notifications(pilot.app))
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)  # reopening asks first…
        await pilot.press("n")  # …and no changes nothing
        await pilot.pause()

    run_app(app, steps)
    assert exported(by_keys) == exported(by_hand)


@pytest.mark.parametrize("kind", ["applied", "reflection"])
def test_steps_other_actions_record_are_not_offered_anywhere(kind):
    from tui.actions.steps import USER_ACTION_KINDS
    from tui.cli import USER_ACTION_KINDS as CLI_KINDS
    from tui.screens.action_form import OFFERED_KINDS

    assert kind not in CLI_KINDS
    assert kind not in {k.value for k in OFFERED_KINDS}
    assert [k.value for k in OFFERED_KINDS] == CLI_KINDS == [k.value for k in USER_ACTION_KINDS]


def test_a_mistyped_kind_is_told_only_the_kinds_logged_by_hand():
    from tui.domain.entries import EntryError, check_action

    with pytest.raises(EntryError) as error:
        check_action(kind="bogus", today=TODAY)
    offered = str(error.value).split("use one of: ")[1]
    assert "networking" in offered and "applied" not in offered and "reflection" not in offered
