from datetime import date, timedelta

from tui.domain.entries import check_application, check_win
from tui.domain.models import OutcomeKind, Stage
from tui.domain.reflections import check_reflection
from tests.journal_steps import add_app, add_win, edit_win, log, reflect, remove_win, undo
from tui.actions import wins

TODAY = date(2026, 11, 27)


def add(journal, n):
    entry = check_application(company=f"Co{n}", role="Analyst", today=TODAY, applied=f"{30 - n} days ago")
    return add_app(journal, entry)


def automatic(journal):
    """Automatic wins other than streak milestones (applications on consecutive days earn those too)."""
    return sorted(w.title for w in journal.wins.every() if w.automatic and "streak" not in w.title)


def test_done_when_tenth_application_interview_posts_and_undo_removes_only_it(journal):
    changes = [add(journal, n)[1] for n in range(1, 11)]
    assert automatic(journal) == ["Your 10th application — that's persistence", "Your first application — the hardest one!"]
    change = log(journal, 10, OutcomeKind.INTERVIEW, TODAY)
    assert "Interview invite from Co10" in automatic(journal)
    assert journal.wins.unseen_ids()
    undo(journal, change)
    assert automatic(journal) == ["Your 10th application — that's persistence", "Your first application — the hardest one!"]
    undo(journal, changes[-1])  # undo adding the 10th application: its milestone goes with it
    assert automatic(journal) == ["Your first application — the hardest one!"]


def test_reflection_win_comes_and_goes_with_the_rejection(journal):
    app, _ = add(journal, 1)
    rejection = log(journal, app.id, OutcomeKind.REJECTED, TODAY, stage=Stage.APPLICATION)
    reflect(journal, check_reflection(mood=2, today=TODAY), TODAY, application_id=app.id)
    assert "Turned the Co1 rejection into lessons" in automatic(journal)
    reopened = log(journal, app.id, OutcomeKind.SCREENING, TODAY, reopen=True)
    assert "Turned the Co1 rejection into lessons" not in automatic(journal)
    undo(journal, reopened)
    assert "Turned the Co1 rejection into lessons" in automatic(journal)
    assert rejection.subject == "Co1"


def test_a_deleted_automatic_win_stays_deleted_until_undone(journal):
    app, _ = add(journal, 1)
    log(journal, app.id, OutcomeKind.OFFER, TODAY)
    [offer] = [w for w in journal.wins.every() if w.title == "Offer from Co1!"]
    change = remove_win(journal, offer.id)
    log(journal, app.id, OutcomeKind.NOTE, TODAY, note="later")  # a later write on the same application
    assert "Offer from Co1!" not in automatic(journal)
    undo(journal, change)
    assert "Offer from Co1!" in automatic(journal)
    assert journal.wins.get(offer.id).title == "Offer from Co1!"


def test_edit_and_delete_manual_wins_with_undo(journal):
    win_id = wins.add_win(journal, check_win(title="Feedback", kind="resume_feedback", today=TODAY)).id
    edit = edit_win(journal, win_id, check_win(title="Great feedback", kind="networking", today=TODAY, on="yesterday"))
    edited = journal.wins.get(win_id)
    assert (edited.title, edited.kind.value, edited.on) == ("Great feedback", "networking", TODAY - timedelta(days=1))
    undo(journal, edit)
    assert journal.wins.get(win_id).title == "Feedback"
    removal = remove_win(journal, win_id)
    assert all(w.id != win_id for w in journal.wins.every())
    undo(journal, removal)
    assert journal.wins.get(win_id).title == "Feedback"


def test_seen_marks(journal):
    add(journal, 1)
    assert len(journal.wins.unseen_ids()) == 1
    wins.mark_wins_seen(journal)
    assert journal.wins.unseen_ids() == set()
    add_win(journal, check_win(title="Mine", kind="other", today=TODAY))
    assert journal.wins.unseen_ids() == set()  # a win you add yourself is not news to you
