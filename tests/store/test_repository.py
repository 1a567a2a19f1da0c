from datetime import date, timedelta

import pytest

from tui.domain.entries import check_action, check_application, check_win
from tui.domain.models import ActionKind, OutcomeKind, Stage, Status
from tui.actions import Refused
from tui.store.repository import Journal
from tests.journal_steps import act, add_app, add_win, log, undo

TODAY = date(2026, 11, 27)


def add(journal, company="Acme", days_ago=3):
    entry = check_application(company=company, role="Analyst", field="data", today=TODAY, applied=f"{days_ago} days ago")
    return add_app(journal, entry)


def test_adding_an_application_records_an_applied_action(journal):
    application, change = add(journal)
    assert application.status is Status.APPLIED
    actions = journal.steps.every()
    assert [(a.kind, a.on, a.application_id, a.automatic) for a in actions] == [
        (ActionKind.APPLIED, TODAY - timedelta(days=3), application.id, True)
    ]
    undo(journal, change)
    assert journal.applications.every() == [] and journal.steps.every() == []


def test_rejection_defaults_to_furthest_stage_and_undo_restores_status(journal):
    application, _ = add(journal)
    log(journal, application.id, OutcomeKind.INTERVIEW, TODAY - timedelta(days=1))
    change = log(journal, application.id, OutcomeKind.REJECTED, TODAY)
    rejected = journal.applications.get(application.id)
    assert rejected.status is Status.REJECTED
    assert rejected.rejection.stage is Stage.INTERVIEW
    undo(journal, change)
    assert journal.applications.get(application.id).status is Status.INTERVIEW


def test_outcomes_that_are_steps_record_actions_and_undo_removes_them(journal):
    application, _ = add(journal)
    change = log(journal, application.id, OutcomeKind.FOLLOWED_UP, TODAY)
    kinds = [a.kind for a in journal.steps.every()]
    assert kinds == [ActionKind.APPLIED, ActionKind.FOLLOWED_UP]
    undo(journal, change)
    assert [a.kind for a in journal.steps.every()] == [ActionKind.APPLIED]
    log(journal, application.id, OutcomeKind.REJECTED, TODAY, stage=Stage.APPLICATION)
    assert [a.kind for a in journal.steps.every()] == [ActionKind.APPLIED]  # a rejection is never a step


def test_bad_outcomes_write_nothing(journal):
    application, _ = add(journal)
    with pytest.raises(Refused):
        log(journal, 999, OutcomeKind.OFFER, TODAY)
    with pytest.raises(Refused, match="before you applied"):
        log(journal, application.id, OutcomeKind.OFFER, TODAY - timedelta(days=10))
    with pytest.raises(Refused, match="only with a rejection"):
        log(journal, application.id, OutcomeKind.OFFER, TODAY, stage=Stage.INTERVIEW)
    assert journal.applications.get(application.id).events == ()


def test_actions_and_wins_round_trip(journal):
    application, _ = add(journal)
    act(journal, check_action(kind="networking", today=TODAY, note="Coffee with Sam"))
    change = add_win(journal, check_win(title="Great feedback", kind="resume_feedback", today=TODAY, application_id=application.id))
    [win] = [w for w in journal.wins.every() if not w.automatic]
    assert (win.title, win.application_id, win.automatic) == ("Great feedback", application.id, False)
    assert journal.steps.every()[-1].note == "Coffee with Sam"
    undo(journal, change)
    assert [w for w in journal.wins.every() if not w.automatic] == []
    with pytest.raises(Refused):
        add_win(journal, check_win(title="x", kind="other", today=TODAY, application_id=42))


def test_user_text_is_stored_exactly(journal):
    typed = "[b]Acme[/b] 🚀 'quoted' \"double\"; DROP TABLE applications;--"
    application, _ = add(journal, company=typed)
    assert journal.applications.get(application.id).company == typed
    assert journal.applications.companies_of([application.id]) == {application.id: typed}
    assert journal.applications.labels_of([application.id])[application.id].company == typed


def test_data_survives_reopening(journal_path):
    journal = Journal.open(journal_path)
    application, _ = add(journal)
    log(journal, application.id, OutcomeKind.SCREENING, TODAY)
    journal.close()
    again = Journal.open(journal_path)
    assert again.applications.get(application.id).status is Status.SCREENING
    again.close()


def test_settings_default(journal):
    settings = journal.settings()
    assert settings.rest_weekdays == frozenset({5, 6})
    assert (settings.weekly_target, settings.follow_up_after_days, settings.ghosted_after_days) == (5, 7, 30)


def test_a_win_picker_offers_open_and_recent_applications_and_the_one_already_tied(journal):
    old_closed = add(journal, "Old Closed", days_ago=700)[0]
    log(journal, old_closed.id, OutcomeKind.WITHDRAWN, TODAY - timedelta(days=650))
    old_tied = add(journal, "Old Tied", days_ago=600)[0]
    log(journal, old_tied.id, OutcomeKind.GHOSTED, TODAY - timedelta(days=500))
    old_open = add(journal, "Old Open", days_ago=400)[0]  # still waiting: always offered
    recent = add(journal, "Recent", days_ago=10)[0]
    choices = journal.applications.choices(TODAY, including=[old_tied.id])
    assert [c.company for c in choices] == ["Recent", "Old Open", "Old Tied"]
    assert choices[0].title == "Recent — Analyst" and choices[0].applied_on == TODAY - timedelta(days=10)
    assert [c.company for c in journal.applications.choices(TODAY, limit=1)] == ["Recent"]


def test_the_filter_s_stored_search_text_follows_edits_and_is_filled_for_older_journals(tmp_path):
    """The filter matches a stored copy of the domain's haystack (company, role, field): an edit updates it,
    and opening a journal from before it existed fills it in."""
    from tests.journal_steps import add_app, edit_app, log
    from tui.domain.entries import check_application
    from tui.domain.models import OutcomeKind

    path = tmp_path / "journal.db"
    journal = Journal.open(path)
    app, _ = add_app(journal, check_application(company="Ærø Ltd", role="Analyst", today=TODAY, applied="9 days ago"))
    log(journal, app.id, OutcomeKind.WITHDRAWN, TODAY)
    found = lambda query: [a.company for a in journal.applications.listed_by_id(journal.applications.closed(matching=query, limit=10).closed)]  # noqa: E731
    assert found("ærø") == ["Ærø Ltd"]
    edit_app(journal, app.id, check_application(company="Straße GmbH", role="Analyst", today=TODAY, applied="9 days ago"))
    assert found("ærø") == [] and found("STRASSE") == ["Straße GmbH"]  # casefolded, as the domain matches
    # A journal from before the stored copy: the column is added and filled when it is opened.
    journal.db.execute("DROP INDEX applications_by_last_heard")
    journal.db.execute("ALTER TABLE applications DROP COLUMN search")
    journal.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm006_application_search_text'")
    journal.db.execute("PRAGMA user_version = 5")
    journal.close()
    journal = Journal.open(path)
    assert found("strasse analyst") == ["Straße GmbH"]
    journal.close()


def test_copies_of_a_journal_written_before_it_had_an_id_get_the_same_one_and_another_journal_another(tmp_path):
    """A journal has its own id (the same in every copy: Onward JSON carries it so an import tells a copy's
    edited record from an unrelated journal's). A journal written before had none: opened, each copy makes it
    from its first record, so two copies made back then (a backup, another device's restore) agree, and an
    unrelated journal's differs; a new journal gets a random one."""
    import shutil

    from tests.journal_steps import add_app
    from tui.domain.entries import check_application
    from tui.store.schema import JOURNAL_SETTING

    def before_ids(path, written_at: str) -> None:
        journal = Journal.open(path)
        add_app(journal, check_application(company="Acme", role="Analyst", today=TODAY, applied="today"))
        journal.db.execute("UPDATE applications SET created_at = ?", [written_at])
        journal.db.execute("DELETE FROM settings WHERE key = ?", [JOURNAL_SETTING])
        journal.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm016_journal_lineage'")
        journal.db.execute("PRAGMA user_version = 15")
        journal.close()

    before_ids(tmp_path / "laptop.db", "2026-10-01T08:00:00Z")
    shutil.copy(tmp_path / "laptop.db", tmp_path / "desktop.db")  # copied before Onward kept ids
    before_ids(tmp_path / "unrelated.db", "2026-10-02T09:30:00Z")  # another journal's first record: another moment
    ids = []
    for name in ("laptop", "desktop", "unrelated", "new"):
        journal = Journal.open(tmp_path / f"{name}.db")
        ids.append(journal.journal_id())
        journal.close()
    assert all(ids) and ids[0] == ids[1] and len({ids[0], ids[2], ids[3]}) == 3


def test_a_stored_status_a_planned_stage_took_back_is_put_right_on_opening(tmp_path):
    """Migration 18: a journal written while a screening still planned after an interview held took the status
    back stores interview again (the Inbox and `onward list` read it; `onward show` works it out)."""
    path = tmp_path / "journal.db"
    journal = Journal.open(path)
    app, _ = add_app(journal, check_application(company="Contoso", role="Analyst", today=TODAY, applied="20 days ago"))
    log(journal, app.id, OutcomeKind.INTERVIEW, TODAY - timedelta(days=10), takes_place_on=TODAY - timedelta(days=11))
    log(journal, app.id, OutcomeKind.SCREENING, TODAY - timedelta(days=5), takes_place_on=TODAY + timedelta(days=3))
    journal.db.execute("UPDATE applications SET status = ?", [Status.SCREENING.value])  # as the older rule stored it
    journal.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm018_planned_stages_take_nothing_back'")
    journal.db.execute("PRAGMA user_version = 17")
    journal.close()
    journal = Journal.open(path)
    stored = journal.db.execute("SELECT status FROM applications WHERE id = ?", [app.id]).fetchone()[0]
    assert stored == Status.INTERVIEW.value == journal.applications.get(app.id).status.value
    journal.close()


def test_a_stored_status_a_cancelled_interview_set_is_put_right_on_opening(tmp_path):
    """Migration 19: an application whose only interview was called off stored "interview" (`onward list`,
    the Inbox) while Insights counted no interview reached: it stores the stage that took place again."""
    path = tmp_path / "journal.db"
    journal = Journal.open(path)
    app, _ = add_app(journal, check_application(company="Zeta", role="Dev", today=TODAY, applied="20 days ago"))
    log(journal, app.id, OutcomeKind.INTERVIEW, TODAY - timedelta(days=5), takes_place_on=TODAY + timedelta(days=3))
    journal.db.execute("UPDATE events SET held = 'cancelled' WHERE application_id = ?", [app.id])
    journal.db.execute("UPDATE applications SET status = ?", [Status.INTERVIEW.value])  # as the older rule stored it
    journal.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm019_cancelled_stages_move_nothing'")
    journal.db.execute("PRAGMA user_version = 18")
    journal.close()
    journal = Journal.open(path)
    stored = journal.db.execute("SELECT status FROM applications WHERE id = ?", [app.id]).fetchone()[0]
    assert stored == Status.APPLIED.value == journal.applications.get(app.id).status.value
    journal.close()
