"""The action layer's rules: one set for the app and the command line, and undo that undoes only itself."""

from datetime import timedelta

import pytest

from tests.conftest import TODAY
from tui.actions import NeedsReopen, Refused
from tui.actions.applications import add_application, edit_application, log_outcome
from tui.actions.reflections import save_reflection
from tui.actions.steps import change_settings, finish_next_step, log_action, mark_rest_day
from tui.actions.undo import undo
from tui.actions.wins import add_win, edit_win, remove_win
from tui.domain.entries import check_action, check_application, check_win
from tui.domain.models import ActionKind, OutcomeKind, Stage, Status
from tui.domain.reflections import check_reflection
from tui.store.repository import Journal
from tui.store.transfer import export_journal


def added(journal, company="Acme", applied="3 days ago"):
    return add_application(journal, check_application(company=company, role="Analyst", today=TODAY, applied=applied)).id


def test_a_second_rejection_is_refused_and_writes_nothing(journal):
    app = added(journal)
    log_outcome(journal, app, OutcomeKind.REJECTED, TODAY)
    before = export_journal(journal)
    with pytest.raises(Refused, match="already marked rejected"):
        log_outcome(journal, app, OutcomeKind.REJECTED, TODAY)
    assert export_journal(journal) == before


def test_the_same_status_again_is_refused(journal):
    app = added(journal)
    log_outcome(journal, app, OutcomeKind.SCREENING, TODAY)
    with pytest.raises(Refused, match="already at screening"):
        log_outcome(journal, app, OutcomeKind.SCREENING, TODAY)


def test_a_second_follow_up_on_one_day_is_refused_but_the_next_day_is_fine(journal):
    app = added(journal)
    log_outcome(journal, app, OutcomeKind.FOLLOWED_UP, TODAY - timedelta(days=1))
    log_outcome(journal, app, OutcomeKind.FOLLOWED_UP, TODAY)
    with pytest.raises(Refused, match="already followed up"):
        log_outcome(journal, app, OutcomeKind.FOLLOWED_UP, TODAY)
    assert [e.kind for e in journal.applications.get(app).events] == [OutcomeKind.FOLLOWED_UP] * 2


def test_an_empty_note_is_refused(journal):
    app = added(journal)
    with pytest.raises(Refused, match="needs some words"):
        log_outcome(journal, app, OutcomeKind.NOTE, TODAY, note="  \n ")


def test_reopening_a_closed_application_needs_to_be_asked_for(journal):
    app = added(journal)
    log_outcome(journal, app, OutcomeKind.REJECTED, TODAY)
    with pytest.raises(NeedsReopen) as refused:
        log_outcome(journal, app, OutcomeKind.SCREENING, TODAY)
    assert "anyway?" in refused.value.question and "--reopen" in str(refused.value)
    assert journal.applications.get(app).status is Status.REJECTED
    assert [w.title for w in journal.wins.every() if "Screening" in w.title] == []
    log_outcome(journal, app, OutcomeKind.SCREENING, TODAY, reopen=True)
    assert journal.applications.get(app).status is Status.SCREENING


@pytest.mark.parametrize("kind, hint", [
    (OutcomeKind.WITHDRAWN, "Yes makes it withdrawn (still closed); no leaves it offer."),
    (OutcomeKind.REJECTED, "Yes makes it rejected (still closed); no leaves it offer."),
    (OutcomeKind.SCREENING, "Yes reopens the application at screening; no leaves it offer."),
    (OutcomeKind.FOLLOWED_UP, "Yes goes ahead and it stays offer; no changes nothing."),
])
def test_the_question_on_a_closed_application_says_what_yes_does(journal, kind, hint):
    """An offer withdrawn was asked with "Yes goes ahead; it stays offer." and then became withdrawn."""
    app = added(journal)
    log_outcome(journal, app, OutcomeKind.OFFER, TODAY)
    with pytest.raises(NeedsReopen) as asked:
        log_outcome(journal, app, kind, TODAY)
    assert asked.value.hint == hint
    log_outcome(journal, app, kind, TODAY, reopen=True)
    assert journal.applications.get(app).status is (kind.status or Status.OFFER)


def test_a_rejection_defaults_to_the_furthest_stage(journal):
    app = added(journal)
    log_outcome(journal, app, OutcomeKind.INTERVIEW, TODAY - timedelta(days=1))
    done = log_outcome(journal, app, OutcomeKind.REJECTED, TODAY)
    assert journal.applications.get(app).rejection.stage is Stage.INTERVIEW
    assert "one step closer" in done.note.lower() or done.note


def test_applied_and_reflection_steps_are_not_logged_by_hand(journal):
    for kind in ("applied", "reflection"):
        with pytest.raises(Refused):
            log_action(journal, check_action(kind=kind, today=TODAY))
    assert journal.steps.every() == []


def test_a_follow_up_step_with_an_application_is_its_follow_up_and_one_without_says_it_is_general(journal):
    app = added(journal)
    general = log_action(journal, check_action(kind="followed_up", today=TODAY))
    assert general.message == "Logged a general follow-up (on no application) on 2026-11-27. Every step counts."
    assert not journal.applications.get(app).has_followed_up
    tied = log_action(journal, check_action(kind="followed_up", today=TODAY, note="emailed"), application_id=app)
    assert journal.applications.get(app).has_followed_up and "Acme" in tied.message
    undo(journal, tied.undo)
    assert not journal.applications.get(app).has_followed_up
    networking = log_action(journal, check_action(kind="networking", today=TODAY), application_id=app)
    assert networking.message.startswith("Logged networking") and not journal.applications.get(app).has_followed_up


def test_undo_refuses_when_the_command_line_changed_the_same_application(journal_path):
    window = Journal.open(journal_path)
    app = added(window)
    change = add_application  # keep the name readable below
    done = change(window, check_application(company="Globex", role="Analyst", today=TODAY))
    shell = Journal.open(journal_path)
    log_outcome(shell, done.id, OutcomeKind.INTERVIEW, TODAY, note="from the shell")
    shell.close()
    before = export_journal(window)
    with pytest.raises(Refused, match="Globex changed since"):
        undo(window, done.undo)
    assert export_journal(window) == before
    assert any(w.title == "Interview invite from Globex" for w in window.wins.every())
    undo(window, window_change := add_application(window, check_application(company="Initech", role="Analyst", today=TODAY)).undo)
    assert [a.company for a in window.applications.every()] == ["Acme", "Globex"]
    assert app == 1 and window_change.subject == "Initech"
    window.close()


def test_undo_after_a_restore_says_what_it_changed_is_no_longer_in_the_journal(journal_path, tmp_path):
    from tui.actions import backups

    window = Journal.open(journal_path)
    added(window)
    backup = backups.write_backup(journal_path, tmp_path / "before.db", today=TODAY)
    omega = add_application(window, check_application(company="Omega2", role="QA", today=TODAY))
    step = log_action(window, check_action(kind="networking", today=TODAY))
    with backups.prepared_restore(backup, journal_path) as plan:  # `onward restore` while the window is open
        backups.restore(plan, TODAY)
    shell = Journal.open(journal_path)
    psi = add_application(shell, check_application(company="Psi", role="QA", today=TODAY))
    with shell.transaction():  # made later than Omega2 was (a test writes both within one second)
        shell.db.execute("UPDATE applications SET created_at = '2030-01-01T00:00:00Z' WHERE id = ?", [psi.id])
    shell.close()
    assert psi.id == omega.id
    with pytest.raises(Refused) as omega_refused:
        undo(window, omega.undo)
    assert str(omega_refused.value) == (
        "Omega2 is no longer in the journal (restored from a backup, or removed in another window or the command line) "
        "— nothing to undo."
    )
    with pytest.raises(Refused) as step_refused:
        undo(window, step.undo)
    assert str(step_refused.value) == (
        "Can't undo “logged networking”: the step is no longer in the journal (restored from a backup, or removed in "
        "another window or the command line) — nothing to undo."
    )
    assert [a.company for a in window.applications.every()] == ["Acme", "Psi"]
    window.close()


def test_undo_refuses_a_setting_changed_elsewhere_but_not_another_setting(journal_path):
    window = Journal.open(journal_path)
    target = change_settings(window, weekly_target=3).undo
    rest = change_settings(window, rest_weekdays=frozenset({6})).undo
    shell = Journal.open(journal_path)
    change_settings(shell, weekly_target=4)
    shell.close()
    undo(window, rest)  # rest weekdays were not touched by the shell
    assert window.settings().rest_weekdays == frozenset({5, 6})
    with pytest.raises(Refused):
        undo(window, target)
    assert window.settings().weekly_target == 4
    window.close()


def test_undoing_a_reflection_then_its_rejection(journal):
    app = added(journal)
    rejection = log_outcome(journal, app, OutcomeKind.REJECTED, TODAY).undo
    saved = save_reflection(journal, check_reflection(today=TODAY, mood=2), TODAY, application_id=app)
    assert any("lessons" in w.title for w in journal.wins.every())
    with pytest.raises(Refused):
        undo(journal, rejection)  # the reflection came after: it must be undone first
    undo(journal, saved.undo)
    assert journal.reflections.every() == []
    assert not any("lessons" in w.title for w in journal.wins.every())
    assert not any(a.kind is ActionKind.REFLECTION for a in journal.steps.every())
    undo(journal, rejection)
    assert journal.applications.get(app).status is Status.APPLIED


def test_autosaves_of_one_reflection_undo_together(journal):
    first = save_reflection(journal, check_reflection(today=TODAY, mood=2), TODAY)
    second = save_reflection(journal, check_reflection(today=TODAY, mood=4, body="later"), TODAY, reflection_id=first.id)
    assert first.undo.coalesce_key == second.undo.coalesce_key
    undo(journal, first.undo.then(second.undo))
    assert journal.reflections.every() == []


def test_editing_a_reflection_undoes_back_to_what_it_was(journal):
    first = save_reflection(journal, check_reflection(today=TODAY, mood=2, body="before"), TODAY)
    edited = save_reflection(journal, check_reflection(today=TODAY, mood=4, body="after"), TODAY, reflection_id=first.id)
    undo(journal, edited.undo)
    [reflection] = journal.reflections.every()
    assert (reflection.mood, reflection.body) == (2, "before")


def test_every_action_and_its_undo_leave_the_journal_as_it_was(journal):
    app = added(journal)
    log_outcome(journal, app, OutcomeKind.SCREENING, TODAY - timedelta(days=2))
    reflection = save_reflection(
        journal, check_reflection(today=TODAY, mood=3, next_step="call Sam"), TODAY - timedelta(days=1)
    ).id
    win = add_win(journal, check_win(title="Good chat", kind="networking", today=TODAY)).id
    automatic = next(w.id for w in journal.wins.every() if w.automatic)
    actions = [
        lambda: add_application(journal, check_application(company="Globex", role="Dev", today=TODAY)),
        lambda: edit_application(journal, app, check_application(company="Acme Labs", role="Analyst", today=TODAY, applied="4 days ago")),
        lambda: log_outcome(journal, app, OutcomeKind.INTERVIEW, TODAY),
        lambda: log_outcome(journal, app, OutcomeKind.FOLLOWED_UP, TODAY),
        lambda: log_action(journal, check_action(kind="networking", today=TODAY, note="coffee")),
        lambda: add_win(journal, check_win(title="Feedback", kind="resume_feedback", today=TODAY)),
        lambda: edit_win(journal, win, check_win(title="Great chat", kind="networking", today=TODAY)),
        lambda: remove_win(journal, win),
        lambda: remove_win(journal, automatic),
        lambda: finish_next_step(journal, reflection, TODAY),
        lambda: mark_rest_day(journal, TODAY + timedelta(days=1), True, TODAY),
        lambda: change_settings(journal, weekly_target=3, rest_weekdays=frozenset({6})),
        lambda: save_reflection(journal, check_reflection(today=TODAY, mood=5), TODAY, reflection_id=reflection),
        lambda: save_reflection(journal, check_reflection(today=TODAY, mood=1), TODAY, application_id=app),
    ]
    for action in actions:
        before = export_journal(journal)
        done = action()
        assert export_journal(journal) != before, done.message
        undo(journal, done.undo)
        after = export_journal(journal)
        if "application:1" in after["drafts"] and "application:1" not in before["drafts"]:
            # The one thing an undo keeps: a new reflection's words, as its editor's draft (the test below).
            assert after["drafts"].pop("application:1")["mood"] == 1
        assert after == before, done.message


@pytest.mark.parametrize("kind", [OutcomeKind.GHOSTED, OutcomeKind.WITHDRAWN, OutcomeKind.FOLLOWED_UP, OutcomeKind.OFFER])
def test_a_closed_application_moves_only_when_asked_to(journal, kind):
    app = added(journal)
    log_outcome(journal, app, OutcomeKind.REJECTED, TODAY)
    with pytest.raises(NeedsReopen):
        log_outcome(journal, app, kind, TODAY)
    assert journal.applications.get(app).status is Status.REJECTED
    log_outcome(journal, app, kind, TODAY, reopen=True)
    log_outcome(journal, app, OutcomeKind.NOTE, TODAY, note="a note is always fine")


def test_an_earlier_application_added_later_becomes_the_first(journal):
    added(journal, "Acme", applied="today")
    globex = added(journal, "Globex", applied="3 days ago")
    [first] = [w for w in journal.wins.every() if w.title.startswith("Your first application")]
    assert (first.application_id, first.on) == (globex, TODAY - timedelta(days=3))


def test_undoing_a_new_reflection_takes_its_draft_so_the_next_one_never_shows_it(journal):
    """Found by a new-user walk: a draft kept for a reflection that z removed came back, with the other
    rejection's words, in the next reflection written (SQLite gave it the same id)."""
    from tui.actions import reflections as reflecting
    from tui.domain.reflections import ReflectionEntry

    alpha = add_application(journal, check_application(company="Alpha", role="Analyst", today=TODAY))
    beta = add_application(journal, check_application(company="Beta", role="Analyst", today=TODAY))
    saved = reflecting.save_reflection(journal, ReflectionEntry(mood=2), TODAY, application_id=alpha.id)
    reflecting.keep_draft(journal, f"reflection:{saved.id}", {"went_well": "SECRET ALPHA NOTES"})
    undo(journal, saved.undo)
    again = reflecting.save_reflection(journal, ReflectionEntry(mood=5), TODAY, application_id=beta.id)
    assert again.id == saved.id  # the id is given again…
    assert journal.reflections.draft(f"reflection:{again.id}") is None  # …but not the removed one's draft


def test_undoing_a_new_reflection_keeps_its_words_as_a_draft_its_editor_opens(journal):
    """z after minutes of writing takes the reflection away, not the writing: what the last save held (autosave
    saves a new reflection, then its edits coalesce into one undo) waits as the application's draft."""
    from tui.domain.reflections import editor_values

    app = add_application(journal, check_application(company="Acme", role="Analyst", today=TODAY)).id
    first = save_reflection(journal, check_reflection(mood=2, today=TODAY, body="It stung."), TODAY, application_id=app)
    later = save_reflection(
        journal, check_reflection(mood=3, today=TODAY, body="It stung. Then I wrote the whole story down.", gaps="sql"),
        TODAY, reflection_id=first.id,
    )
    assert first.undo is not None and later.undo is not None
    undo(journal, first.undo.then(later.undo))  # as the app coalesces an editor's saves
    assert journal.reflections.every() == []
    kept = journal.reflections.draft(f"application:{app}")
    assert kept is not None and kept["body"] == "It stung. Then I wrote the whole story down." and kept["gaps"] == "sql"
    assert kept == {**editor_values(check_reflection(mood=3, today=TODAY, body="It stung. Then I wrote the whole story down.", gaps="sql")),
                    "stage": None}


def test_an_application_on_a_day_with_a_step_leaves_the_streak_unwalked(journal_path, monkeypatch):
    """The streak's milestones move only when a day gains its first step (tui.domain.runs.changes_step_days):
    an application added on a day that has one already does not walk every day of the journal again (issue
    26: ~8 ms of `onward add` on ten years), and one added on a new day still posts the milestone it completes.
    Each add opens the journal afresh, as `onward add` does: nothing remembered from before."""
    from tui.actions import views

    walks = []
    real_walk = views.runs_of
    monkeypatch.setattr(views, "runs_of", lambda *args: walks.append(args) or real_walk(*args))

    def add_afresh(company: str, applied: str) -> set[str]:
        fresh = Journal.open(journal_path)
        try:
            entry = check_application(company=company, role="Analyst", today=TODAY, applied=applied)
            add_application(fresh, entry, again=True)
            return {win.title for win in fresh.wins.every()}
        finally:
            fresh.close()

    add_afresh("Acme", "2 days ago")
    add_afresh("Beta", "yesterday")
    assert len(walks) == 2  # each gave its day its first step
    wins = add_afresh("Core", "today")
    assert len(walks) == 3 and "3-day streak of persistent days" in wins
    assert add_afresh("Dune", "today") == wins and add_afresh("Echo", "yesterday") == wins
    assert len(walks) == 3  # days that had a step: the runs are as they were


def test_adding_says_where_its_step_counts(journal):
    def added(company, applied):
        entry = check_application(company=company, role="Analyst", today=TODAY, applied=applied)
        return add_application(journal, entry, today=TODAY).message

    assert added("Today Co", "today") == "Added Today Co — Analyst. Nice — that's a step."
    assert added("Yester Co", "yesterday") == "Added Yester Co — Analyst. Nice — counted as a step yesterday."
    assert added("Older Co", "2026-11-25") == "Added Older Co — Analyst. Nice — counted as a step on Wed 25 Nov."
