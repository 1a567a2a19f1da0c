from datetime import date

import pytest

from tui.domain.entries import EntryError, check_action, check_application, check_win
from tui.domain.models import ActionKind, WinKind

TODAY = date(2026, 11, 27)


def test_application_is_cleaned():
    entry = check_application(company="  Acme\x07 ", role="Data  Analyst", today=TODAY, applied="yesterday", notes="a\r\nb")
    assert (entry.company, entry.role, entry.applied_on, entry.notes) == ("Acme", "Data Analyst", date(2026, 11, 26), "a\nb")


def test_application_names_every_problem():
    with pytest.raises(EntryError) as error:
        check_application(company=" ", role="", today=TODAY, applied="tomorrow", url="not a url")
    problems = error.value.problems.by_field
    assert set(problems) == {"company", "role", "applied", "url"}
    assert "future" in problems["applied"]


def test_huge_text_is_refused():
    with pytest.raises(EntryError) as error:
        check_application(company="A" * 201, role="r", today=TODAY)
    assert "at most 200" in error.value.problems.by_field["company"]


def test_win_and_action_kinds_are_checked():
    assert check_win(title="Feedback", kind="resume_feedback", today=TODAY).kind is WinKind.RESUME_FEEDBACK
    assert check_action(kind="networking", today=TODAY, note="coffee").kind is ActionKind.NETWORKING
    with pytest.raises(EntryError, match="not a kind of win"):
        check_win(title="x", kind="milestone", today=TODAY)
    with pytest.raises(EntryError, match="not a kind of action"):
        check_action(kind="napping", today=TODAY)
    with pytest.raises(EntryError, match="empty"):
        check_win(title="  ", kind="other", today=TODAY)
