"""A remove or merge question names what goes; y takes exactly that, or nothing when another window or the
command line changed it while the question was up (try7 P: a note and an interview added meanwhile went too)."""

from datetime import timedelta

import pytest

from tests.actions.test_editing import added, counts
from tests.conftest import TODAY
from tui.actions.applications import log_outcome
from tui.actions.as_asked import as_asked
from tui.actions.editing import merge_applications, remove
from tui.actions.results import ChangedSince
from tui.domain.changes import Record
from tui.domain.models import OutcomeKind
from tui.store.repository import Journal

AGAIN = "press Delete again to see what goes"


@pytest.fixture
def elsewhere(journal_path):
    """The same journal in another window (or the command line)."""
    other = Journal.open(journal_path)
    yield other
    other.close()


def test_yes_removes_nothing_when_a_note_and_an_interview_were_added_since_the_question(journal, journal_path, elsewhere):
    zeta = added(journal, "Zeta", "Dev", applied="today")
    asked = as_asked(journal, Record.APPLICATION, zeta, AGAIN)
    log_outcome(elsewhere, zeta, OutcomeKind.NOTE, TODAY, note="important note added elsewhere")
    log_outcome(elsewhere, zeta, OutcomeKind.INTERVIEW, TODAY, takes_place_on=TODAY + timedelta(days=7))
    before = counts(journal_path)
    with pytest.raises(ChangedSince) as refused:
        remove(journal, Record.APPLICATION, zeta, asked=asked)
    assert str(refused.value) == (
        "Zeta changed since you were asked (a note and an interview were added) — not removed; "
        "press Delete again to see what goes."
    )
    assert counts(journal_path) == before
    # Asked again, it names what goes now, and yes takes it.
    again = as_asked(journal, Record.APPLICATION, zeta, AGAIN)
    assert remove(journal, Record.APPLICATION, zeta, asked=again).message == "Removed Zeta — Dev."
    assert journal.applications.every() == []


def test_yes_removes_what_was_named_when_nothing_changed(journal):
    zeta = added(journal, "Zeta", "Dev")
    asked = as_asked(journal, Record.APPLICATION, zeta, AGAIN)
    assert remove(journal, Record.APPLICATION, zeta, asked=asked).message == "Removed Zeta — Dev."


def test_a_step_taken_away_or_a_record_edited_since_is_said_too(journal, elsewhere):
    zeta = added(journal, "Zeta", "Dev")
    screening = log_outcome(journal, zeta, OutcomeKind.SCREENING, TODAY).id
    asked = as_asked(journal, Record.APPLICATION, zeta, AGAIN)
    remove(elsewhere, Record.EVENT, screening)
    with pytest.raises(ChangedSince, match=r"^Zeta changed since you were asked \(an outcome was removed\) — not removed; "):
        remove(journal, Record.APPLICATION, zeta, asked=asked)
    note = log_outcome(journal, zeta, OutcomeKind.NOTE, TODAY, note="first").id
    asked = as_asked(journal, Record.EVENT, note, AGAIN)
    elsewhere.db.execute("UPDATE events SET note = 'second' WHERE id = ?", [note])
    elsewhere.db.conn.commit()
    with pytest.raises(ChangedSince, match=r"^The note at Zeta changed since you were asked \(it was edited\) — not removed"):
        remove(journal, Record.EVENT, note, asked=asked)


def test_yes_on_a_record_removed_since_says_so(journal, elsewhere):
    zeta = added(journal, "Zeta", "Dev")
    asked = as_asked(journal, Record.APPLICATION, zeta, AGAIN)
    remove(elsewhere, Record.APPLICATION, zeta)
    with pytest.raises(ChangedSince, match="removed since you were asked .* nothing was removed"):
        remove(journal, Record.APPLICATION, zeta, asked=asked)


def test_yes_merges_nothing_when_either_changed_since_the_question(journal, journal_path, elsewhere):
    keep = added(journal, "Zeta", "Dev")
    other = added(journal, "Zeta", "Dev", again=True)
    asked = tuple(as_asked(journal, Record.APPLICATION, i, "press m again to see what moves") for i in (keep, other))
    log_outcome(elsewhere, other, OutcomeKind.REJECTED, TODAY)
    before = counts(journal_path)
    with pytest.raises(ChangedSince) as refused:
        merge_applications(journal, keep, other, asked=asked)
    assert str(refused.value) == "Zeta changed since you were asked (a rejection was added) — not merged; press m again to see what moves."
    assert counts(journal_path) == before
