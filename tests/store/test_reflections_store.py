from datetime import date, timedelta

import pytest

from tui.domain.entries import check_application
from tui.domain.models import ActionKind, OutcomeKind, Stage
from tui.domain.reflections import check_reflection
from tui.actions import Refused
from tui.store.transfer import export_journal, export_markdown
from tests.journal_steps import add_app, edit_app, finish_next_step, log, reflect, undo
from tui.actions import reflections

TODAY = date(2026, 11, 27)


@pytest.fixture
def rejected(journal):
    app, _ = add_app(journal, check_application(company="Acme", role="Analyst", today=TODAY, applied="5 days ago"))
    log(journal, app.id, OutcomeKind.REJECTED, TODAY, stage=Stage.INTERVIEW)
    return app


def reflection_steps(journal):
    return [(a.on, a.reflection_id) for a in journal.steps.every() if a.kind is ActionKind.REFLECTION]


def test_saving_records_one_reflection_step_per_day(journal, rejected):
    saved = reflect(journal, check_reflection(mood=2, today=TODAY), TODAY, application_id=rejected.id)
    for mood in (3, 4):
        reflect(journal, check_reflection(mood=mood, today=TODAY), TODAY, reflection_id=saved.id)
    assert reflection_steps(journal) == [(TODAY, saved.id)]
    tomorrow = TODAY + timedelta(days=1)
    reflect(journal, check_reflection(mood=4, today=tomorrow), tomorrow, reflection_id=saved.id)
    assert reflection_steps(journal) == [(TODAY, saved.id), (tomorrow, saved.id)]
    assert journal.reflections.get(saved.id).mood == 4
    assert journal.reflections.reflected_application_ids() == {rejected.id}
    assert journal.reflections.latest_of_application(rejected.id).id == saved.id


def test_reflection_fields_round_trip(journal, rejected):
    entry = check_reflection(
        mood=2, today=TODAY, feelings="sad, hopeful", stage="interview", went_well="SQL", do_differently="Dashboard",
        gaps="tableau", stumbles="Conflict question", next_step="Mock interview", next_step_on="Dec 3",
        talk_to="Jo", body="# Notes\n**bold** [b]literal[/b]",
    )
    saved = reflect(journal, entry, TODAY, application_id=rejected.id)
    [exported] = export_journal(journal)["reflections"]
    assert exported | {"id": 0} == {
        "id": 0, "on": "2026-11-27", "application_id": rejected.id, "mood": 2, "feelings": ["sad", "hopeful"],
        "stage": "interview", "went_well": "SQL", "do_differently": "Dashboard", "gaps": ["tableau"],
        "stumbles": "Conflict question", "next_step": "Mock interview", "next_step_on": "2026-12-03", "talk_to": "Jo",
        "body": "# Notes\n**bold** [b]literal[/b]", "next_step_done_on": None,
    }
    assert saved.first_line == "Notes"


def test_unknown_reflection_or_application(journal):
    with pytest.raises(Refused):
        reflect(journal, check_reflection(mood=3, today=TODAY), TODAY, reflection_id=99)
    with pytest.raises(Refused):
        reflect(journal, check_reflection(mood=3, today=TODAY), TODAY, application_id=99)


def test_drafts_keep_exact_text(journal):
    values = {"mood": None, "body": "half a thought\n\twith a tab", "gaps": "tab"}
    reflections.keep_draft(journal, "application:1", values)
    assert journal.reflections.draft("application:1") == values
    reflections.keep_draft(journal, "application:1", {"body": "more"})
    assert journal.reflections.draft("application:1") == {"body": "more"}
    reflections.drop_draft(journal, "application:1")
    assert journal.reflections.draft("application:1") is None


def test_next_step_done_counts_and_undo_reverses_it(journal):
    saved = reflect(journal, 
        check_reflection(mood=3, today=TODAY, next_step="Call Sam", next_step_on="today"), TODAY
    )
    change = finish_next_step(journal, saved.id, TODAY)
    assert journal.reflections.get(saved.id).next_step_done_on == TODAY
    assert [(a.kind, a.note) for a in journal.steps.every()][-1] == (ActionKind.OTHER, "Call Sam")
    undo(journal, change)
    assert journal.reflections.get(saved.id).next_step_done_on is None
    assert [a.kind for a in journal.steps.every()] == [ActionKind.REFLECTION]


def test_editing_an_application_and_undo(journal):
    app, _ = add_app(journal, check_application(company="Acme", role="Analyst", today=TODAY, applied="5 days ago"))
    edited, change = edit_app(journal, 
        app.id, check_application(company="Acme Corp", role="Senior Analyst", today=TODAY, applied="6 days ago")
    )
    assert (edited.company, edited.role, edited.applied_on) == ("Acme Corp", "Senior Analyst", TODAY - timedelta(days=6))
    assert journal.steps.every()[0].on == TODAY - timedelta(days=6)  # the applied step moves with it
    undo(journal, change)
    back = journal.applications.get(app.id)
    assert (back.company, back.role, back.applied_on) == ("Acme", "Analyst", TODAY - timedelta(days=5))
    assert journal.steps.every()[0].on == TODAY - timedelta(days=5)
    log(journal, app.id, OutcomeKind.SCREENING, TODAY - timedelta(days=2))
    with pytest.raises(Refused, match="after the first outcome"):
        edit_app(journal, app.id, check_application(company="Acme", role="Analyst", today=TODAY, applied="today"))


def test_markdown_export_newest_first(journal, rejected):
    reflect(journal, check_reflection(mood=2, today=TODAY, gaps="tableau", went_well="SQL"), TODAY - timedelta(days=3), application_id=rejected.id)
    reflect(journal, check_reflection(mood=4, today=TODAY, body="A good week."), TODAY)
    text = export_markdown(journal)
    first, second = text.index("## 2026-11-27 · Reflection"), text.index("## 2026-11-24 · Acme — Analyst")
    assert first < second
    assert "- **Gaps:** tableau" in text and "### What went well\n\nSQL" in text and "A good week." in text
