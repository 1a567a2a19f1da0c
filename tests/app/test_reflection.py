"""Pilot tests: reflecting on a rejection, autosave and drafts, tag suggestions, the list, search and Lessons,
the employer's feedback and the support circle's names."""

from datetime import timedelta

import pytest
from textual.widgets import Input, Static, TextArea

from tui.widgets.keybar import KeyBar
from tui.widgets.lazy_list import LazyList

from tests.app.test_inbox import seed, select, type_text
from tests.conftest import SIZE, TODAY, run_app
from tests.app.test_dialogs import SMALL
from tui.actions.support import add_person
from tui.domain.support import check_person
from tui.app import OnwardApp
from tui.domain.inbox import DRAFT_WAITS, Section
from tui.domain.models import OutcomeKind, Stage
from tui.domain.reflections import DRAFT_OPENS, NEW_DRAFT_OPENS, check_reflection
from tui.actions.reflections import keep_draft
from tui.screens.lessons import LessonsScreen
from tui.screens.reflection import ReflectionEditor
from tui.store.repository import Journal
from tests.journal_steps import log, reflect

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


def reject(path, app_id=1, stage=Stage.INTERVIEW):
    journal = Journal.open(path)
    log(journal, app_id, OutcomeKind.REJECTED, TODAY, stage=stage)
    journal.close()


def test_done_when_quit_mid_sentence_keeps_every_character(journal_path):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("r", "i")  # rejected after an interview
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, ReflectionEditor)
        assert pilot.app.focused.id == "mood"
        assert editor.query_one("#stage").value == "interview"  # prefilled from the rejection
        await pilot.press("2")
        await pilot.press("tab", "tab", "tab")  # feelings, stage, what went well
        assert pilot.app.focused.id == "went_well"
        await type_text(pilot, "Quick SQL")
        await pilot.press("tab", "tab")
        assert pilot.app.focused.id == "gaps"
        await type_text(pilot, "tableau")
        await pilot.press("tab")
        await type_text(pilot, "I froze when they asked about confl")
        await pilot.press("ctrl+q")  # no pause: quit straight away, mid-sentence

    run_app(app, steps)
    journal = Journal.open(journal_path)
    [reflection] = journal.reflections.every()
    assert (reflection.mood, reflection.went_well, reflection.gaps) == (2, "Quick SQL", ("tableau",))
    assert reflection.stumbles == "I froze when they asked about confl"
    assert reflection.stage is Stage.INTERVIEW
    assert journal.reflections.reflected_application_ids() == {1}
    journal.close()

    again = OnwardApp(journal_path, today=TODAY)

    async def check(pilot):
        inbox = pilot.app.screen.inbox
        assert inbox.section(Section.TO_REFLECT_ON) == []
        await pilot.press("2")
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LessonsScreen)
        assert "tableau ×1  Acme" in str(pilot.app.screen.query_one("#lessons-gaps").render())

    run_app(again, check)


def test_autosave_after_a_pause_and_the_indicator(journal_path, editor_clock):
    seed(journal_path, "Acme")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("e")
        await pilot.press("4")
        await pilot.pause()
        editor = pilot.app.screen
        assert "unsaved" in str(editor.query_one("#save-state").render())
        await editor_clock.advance(pilot, 0.9)
        assert "unsaved" in str(editor.query_one("#save-state").render())  # not before a second's pause
        await editor_clock.advance(pilot, 0.2)
        assert str(editor.query_one("#save-state").render()) == "✓ saved"
        assert pilot.app.journal.reflections.every()[0].mood == 4
        await pilot.press("tab")
        await type_text(pilot, "relieved")
        await pilot.press("ctrl+s")
        assert pilot.app.journal.reflections.every()[0].feelings == ("relieved",)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ReflectionEditor)

    run_app(app, steps)


def test_text_without_a_mood_is_kept_as_a_draft_and_comes_back(journal_path):
    seed(journal_path, "Acme")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("e")
        await pilot.pause()
        pilot.app.screen.query_one("#body", TextArea).text = "Typed before choosing a mood"
        await pilot.press("escape")  # leaving: kept as a draft, since a mood is still needed
        await pilot.pause()

    run_app(app, steps)
    journal = Journal.open(journal_path)
    assert journal.reflections.every() == []
    journal.close()

    again = OnwardApp(journal_path, today=TODAY)

    async def reopen(pilot):
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert editor.query_one("#body", TextArea).text == "Typed before choosing a mood"
        await pilot.press("3", "ctrl+s")
        await pilot.pause()
        assert pilot.app.journal.reflections.every()[0].body == "Typed before choosing a mood"
        assert pilot.app.journal.reflections.draft(editor.draft_key) is None

    run_app(again, reopen)


def acme_hint(app) -> str:
    """The hint of Acme's row under To reflect on in the Inbox."""
    (row,) = [
        row for row in app.screen.rows
        if row is not None and row.section is Section.TO_REFLECT_ON and row.application and row.application.company == "Acme"
    ]
    return row.hint


def panel_says_draft(app) -> bool:
    """Whether the Inbox's side panel says a draft is kept for the selected application (the row's words)."""
    from tui.widgets.detail_panel import DetailPanel

    return f"{DRAFT_WAITS[0].upper()}{DRAFT_WAITS[1:]}." in app.screen.query_one(DetailPanel).content.plain


def test_a_draft_left_by_quitting_is_pointed_at_from_its_rejections_row_and_side_panel_until_saved(journal_path):
    seed(journal_path, "Acme", "Beta")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        assert not acme_hint(pilot.app).startswith(DRAFT_WAITS)
        await pilot.press("e")
        await pilot.pause()
        pilot.app.screen.query_one("#body", TextArea).text = "Typed before choosing a mood"
        await pilot.press("escape")  # kept as a draft: the row says so at once
        await pilot.pause()
        assert acme_hint(pilot.app) == f"{DRAFT_WAITS} · F ask for feedback · rejected after interview · data"
        assert pilot.app.screen.selected_application.company == "Acme"
        assert panel_says_draft(pilot.app)  # and so does the side panel, in the row's words
        await pilot.press("e")
        await pilot.pause()
        pilot.app.screen.query_one("#body", TextArea).text = "Typed before choosing a mood, and more"
        await pilot.press("ctrl+q")  # quit with no mood: kept as a draft

    run_app(app, steps)
    again = OnwardApp(journal_path, today=TODAY)

    async def reopen(pilot):
        # On reopening, the row points at the words waiting, naming the key that opens them.
        assert acme_hint(pilot.app).startswith(f"{DRAFT_WAITS} · ")
        assert panel_says_draft(pilot.app)
        await pilot.press("e")
        await pilot.pause()
        assert pilot.app.screen.query_one("#body", TextArea).text == "Typed before choosing a mood, and more"
        await pilot.press("3", "ctrl+s", "escape")
        await pilot.pause()
        assert pilot.app.journal.reflections.every()[0].body == "Typed before choosing a mood, and more"
        assert not panel_says_draft(pilot.app)  # saved: no draft waits any more

    run_app(again, reopen)


def test_drafts_of_saved_and_new_reflections_are_pointed_at_in_the_reflections_area(journal_path):
    seed(journal_path, "Acme", "Beta")
    journal = Journal.open(journal_path)
    reflect(journal, check_reflection(mood=2, today=TODAY, body="The panel was tough"), TODAY - timedelta(days=2), application_id=1)
    reflect(journal, check_reflection(mood=4, today=TODAY, body="Good chat"), TODAY - timedelta(days=1), application_id=2)
    keep_draft(journal, "reflection:1", {"mood": 2, "body": "The panel was tough, and the day I read was not a day"})
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    def lines(screen, index):
        return [line.plain for line in screen._entry(index)]

    def title(screen):
        return str(screen.query_one("#reflections-title", Static).render())

    async def steps(pilot):
        await pilot.press("2")
        await pilot.pause()
        screen = pilot.app.screen
        assert lines(screen, 1)[1].strip() == f"{DRAFT_OPENS} · The panel was tough"  # Acme's, the older
        assert DRAFT_OPENS not in lines(screen, 0)[1] and NEW_DRAFT_OPENS not in title(screen)
        await pilot.press("down", "enter")  # Enter opens it, with the words kept
        await pilot.pause()
        assert pilot.app.screen.query_one("#body", TextArea).text == "The panel was tough, and the day I read was not a day"
        await pilot.press("escape")
        await pilot.pause()
        # A free-standing one typed without a mood is kept as a draft: the title points at it, n opens it.
        await pilot.press("n")
        await pilot.pause()
        pilot.app.screen.query_one("#body", TextArea).text = "Something on my mind"
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen and NEW_DRAFT_OPENS in title(screen)
        await pilot.press("n")
        await pilot.pause()
        assert pilot.app.screen.query_one("#body", TextArea).text == "Something on my mind"
        await pilot.press("4", "ctrl+s", "escape")
        await pilot.pause()
        assert NEW_DRAFT_OPENS not in title(screen)

    run_app(app, steps)


def test_tag_suggestions_come_from_past_reflections(journal_path):
    seed(journal_path, "Acme", "Beta")
    journal = Journal.open(journal_path)
    reflect(journal, check_reflection(mood=2, today=TODAY, gaps="tableau, sql", feelings="frustrated"), TODAY)
    journal.close()
    reject(journal_path, app_id=2)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await select(pilot, "Beta")
        await pilot.press("e", "1", "tab")
        await type_text(pilot, "fr")
        await pilot.pause()
        feelings = pilot.app.screen.query_one("#feelings", Input)
        assert feelings._suggestion == "frustrated"
        await pilot.press("right")
        assert feelings.value == "frustrated"
        gaps = pilot.app.screen.query_one("#gaps", Input)
        gaps.focus()
        await type_text(pilot, "sql, ta")
        await pilot.pause()
        assert gaps._suggestion == "sql, tableau"

    run_app(app, steps)


def test_reflection_list_open_new_and_search(journal_path):
    seed(journal_path, "Acme", "Beta")
    journal = Journal.open(journal_path)
    reflect(journal, check_reflection(mood=2, today=TODAY, body="The panel was tough"), TODAY - timedelta(days=2), application_id=1)
    reflect(journal, check_reflection(mood=4, today=TODAY, body="Good chat with a mentor"), TODAY - timedelta(days=1), application_id=2)
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("2")
        await pilot.pause()
        screen = pilot.app.screen
        assert [r.body for r in screen.shown] == ["Good chat with a mentor", "The panel was tough"]  # newest first
        await pilot.press("slash")
        await type_text(pilot, "panel")
        await pilot.pause()
        assert [r.body for r in screen.shown] == ["The panel was tough"]
        await pilot.press("enter")  # keep the search, back to the list
        assert isinstance(pilot.app.focused, LazyList)
        await pilot.press("enter")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, ReflectionEditor) and editor.reflection.body == "The panel was tough"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReflectionEditor) and pilot.app.screen.application is None
        await pilot.press("5", "ctrl+s", "escape")
        await pilot.pause()
        assert len(screen.shown) == 3

    run_app(app, steps)


def test_next_step_shows_in_today_and_d_marks_it_done(journal_path):
    journal = Journal.open(journal_path)
    reflect(journal, 
        check_reflection(mood=3, today=TODAY, next_step="Ask Sam for a mock interview", next_step_on="today"), TODAY
    )
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        screen = pilot.app.screen
        [row] = [r for r in screen.inbox.section(Section.TODAY) if r.next_step]
        assert row.text == "Ask Sam for a mock interview"
        await pilot.press("d")
        await pilot.pause()
        assert not [r for r in screen.inbox.section(Section.TODAY) if r.next_step]
        assert any(r.hint == "✓ next step done" for r in screen.inbox.section(Section.TODAY))
        await pilot.press("z")
        await pilot.pause()
        assert [r for r in screen.inbox.section(Section.TODAY) if r.next_step]

    run_app(app, steps)


def test_enter_on_an_open_application_edits_it(journal_path):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("enter")
        await pilot.pause()
        company = pilot.app.screen.query_one("#company", Input)
        assert company.value == "Acme"
        company.value = "Acme Corp"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.journal.applications.get(1).company == "Acme Corp"
        await pilot.press("z")
        assert pilot.app.journal.applications.get(1).company == "Acme"

    run_app(app, steps)


def test_reflection_list_shows_plain_words_not_markdown(journal_path):
    seed(journal_path, "Acme [/]")
    journal = Journal.open(journal_path)
    reflect(journal, check_reflection(mood=2, today=TODAY, body="## **Tableau** is the [gap](https://x.org) — `again`\nmore"),
            TODAY - timedelta(days=1), application_id=1)
    reflect(journal, check_reflection(mood=4, today=TODAY, body="- [bold]sql[/] *practice*\x1b[31m"), TODAY)
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("2")
        await pilot.pause()
        listing = pilot.app.screen.query_one("#reflection-list", LazyList)
        lines = [listing.render_line(y).text.rstrip() for y in range(4)]
        assert lines[1].strip() == "[bold]sql[/] practice"  # markup shown literally, escape sequences gone whole
        assert "Acme [/]" in lines[2]
        assert lines[3].strip() == "Tableau is the gap — again"

    run_app(app, steps)


@pytest.mark.parametrize("size", [SIZE, SMALL])
def test_feedback_opened_on_typed_autosaved_and_back_when_reopened(journal_path, size, editor_clock):
    seed(journal_path, "Acme")
    reject(journal_path)
    journal = Journal.open(journal_path)
    reflection = reflect(journal, check_reflection(mood=3, today=TODAY, went_well="Good SQL"), TODAY, application_id=1)
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        # As the Inbox opens it once the employer has replied.
        pilot.app.push_screen(ReflectionEditor(reflection=reflection, application=pilot.app.journal.applications.get(1), focus="feedback"))
        await pilot.pause()
        await pilot.pause()
        editor = pilot.app.screen
        feedback = editor.query_one("#feedback", TextArea)
        assert pilot.app.focused is feedback
        fields = editor.query_one("#reflection-fields").region
        assert fields.contains_region(feedback.region) and fields.contains_region(editor.query_one("#field-feedback").region)
        await type_text(pilot, "Wanted more Tableau")
        await editor_clock.advance(pilot, 1.1)  # the autosave, as for every other answer
        assert str(editor.query_one("#save-state").render()) == "✓ saved"
        assert pilot.app.journal.reflections.every()[0].feedback == "Wanted more Tableau"
        assert pilot.app.journal.reflections.every()[0].went_well == "Good SQL"  # the rest kept as it was
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, ReflectionEditor)
        assert editor.query_one("#feedback", TextArea).text == "Wanted more Tableau"
        assert pilot.app.focused.id == "mood"  # opened from the list: at the top, as before

    run_app(app, steps, size=size)


def test_feedback_without_a_mood_is_kept_in_a_draft_even_on_quit(journal_path):
    seed(journal_path, "Acme")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, ReflectionEditor)
        editor.query_one("#feedback").focus()
        await type_text(pilot, "They wanted a portfol")
        await pilot.press("ctrl+q")  # no pause, no mood: kept as a draft

    run_app(app, steps)
    journal = Journal.open(journal_path)
    assert journal.reflections.every() == []
    assert journal.reflections.draft("application:1")["feedback"] == "They wanted a portfol"
    journal.close()

    again = OnwardApp(journal_path, today=TODAY)

    async def reopen(pilot):
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert editor.query_one("#feedback", TextArea).text == "They wanted a portfol"
        await pilot.press("3", "ctrl+s")
        await pilot.pause()
        assert pilot.app.journal.reflections.every()[0].feedback == "They wanted a portfol"
        assert pilot.app.journal.reflections.draft(editor.draft_key) is None

    run_app(again, reopen)


def test_a_free_standing_reflection_asks_for_feedback_only_when_opened_on_it_or_holding_some(journal_path):
    journal = Journal.open(journal_path)
    reflection = reflect(journal, check_reflection(mood=3, today=TODAY, feedback="Kind words from a recruiter"), TODAY)
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        for editor, shown in [
            (ReflectionEditor(), False),  # no employer to have replied
            (ReflectionEditor(focus="feedback"), True),
            (ReflectionEditor(reflection=reflection), True),  # holds some: never hidden
        ]:
            pilot.app.push_screen(editor)
            await pilot.pause()
            assert editor.query_one("#field-feedback").display is shown
            editor.dismiss(None)
            await pilot.pause()

    run_app(app, steps)
    with pytest.raises(ValueError):
        ReflectionEditor(focus="feedbak")


def test_who_to_talk_to_offers_the_support_circle(journal_path):
    seed(journal_path, "Acme")
    reject(journal_path)
    journal = Journal.open(journal_path)
    for name in ("Dev Patel", "Samira Okafor"):
        add_person(journal, check_person(name=name, relation="friend"))
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("e")
        await pilot.pause()
        talk_to = pilot.app.screen.query_one("#talk_to", Input)
        talk_to.focus()
        await type_text(pilot, "sAM")  # any case
        await pilot.pause()
        assert talk_to._suggestion == "Samira Okafor"
        await pilot.press("right")
        assert talk_to.value == "Samira Okafor"
        talk_to.value = ""
        await type_text(pilot, "Bo")
        await pilot.pause()
        assert talk_to._suggestion == ""  # nobody in the circle by that name

    run_app(app, steps)


def test_the_reflections_list_reads_the_names_of_the_rows_it_draws_and_searches_them_all(journal_path):
    """Ten years hold 3,000 reflections: drawing the list reads the companies of the rows on screen, not of
    all of them; a search still finds a reflection by a company far down the list."""
    from tests.journal_steps import add_app
    from tui.domain.entries import check_application
    from tui.domain.reflections import ReflectionEntry

    journal = Journal.open(journal_path)
    for n in range(60):
        app, _ = add_app(journal, check_application(company=f"Company {n:02}", role="Analyst", today=TODAY, applied="today"))
        reflect(journal, ReflectionEntry(mood=3, body=f"about {n}"), TODAY - timedelta(days=n), application_id=app.id)
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)
    statements: list[str] = []

    async def steps(pilot):
        pilot.app.journal.db.conn.set_trace_callback(statements.append)
        await pilot.press("2")
        await pilot.pause()
        pilot.app.journal.db.conn.set_trace_callback(None)
        listing = pilot.app.screen.query_one("#reflection-list", LazyList)
        drawn = "\n".join(strip.text for strip in listing.render_lines(listing.region.reset_offset))
        assert "Company 00" in drawn
        await pilot.press("slash")
        await type_text(pilot, "Company 59")
        await pilot.pause()
        assert [r.body for r in pilot.app.screen.shown] == ["about 59"]

    run_app(app, steps, size=SIZE)
    labels = [s for s in statements if "SELECT id, company, role, field FROM applications" in s]
    assert labels and max(s.count(",") for s in labels) < 3 + 30  # a row's name each, never all 60 at once


def test_the_editor_given_the_next_reflection_keeps_every_promise(journal_path):
    # The app builds one editor and refills it for each reflection: nothing of the last one may show or be
    # written, and autosave, drafts and Ctrl+Q work on the refilled editor as on a new one.
    seed(journal_path, "Acme", "Birch")
    reject(journal_path, 1)
    reject(journal_path, 2, stage=Stage.SCREENING)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await select(pilot, "Acme")
        await pilot.press("e")
        await pilot.pause()
        first = pilot.app.screen
        assert isinstance(first, ReflectionEditor) and first.application.company == "Acme"
        await pilot.press("3", "tab")
        await type_text(pilot, "proud")
        await pilot.press("escape")
        await pilot.pause()
        [acme] = pilot.app.journal.reflections.every()
        assert (acme.mood, acme.feelings) == (3, ("proud",))

        await select(pilot, "Birch")
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert editor is first and editor.application.company == "Birch"
        assert "Birch" in str(editor.query_one("#reflection-title").render())
        assert editor.values() == {
            "mood": None, "stage": "screening", "feelings": "", "gaps": "", "next_step": "", "next_step_on": "",
            "talk_to": "", "went_well": "", "do_differently": "", "stumbles": "", "feedback": "", "body": "",
        }
        assert str(editor.query_one("#save-state").render()) == "new" and not editor.dirty
        assert pilot.app.focused.id == "mood"
        # Drafts: text without a mood is kept as Birch's draft and comes back in the refilled editor.
        editor.query_one("#body", TextArea).text = "Typed before choosing a mood"
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.journal.reflections.draft("application:2")["body"] == "Typed before choosing a mood"
        await select(pilot, "Birch")
        await pilot.press("e")
        await pilot.pause()
        assert pilot.app.screen is first
        assert editor.query_one("#body", TextArea).text == "Typed before choosing a mood"
        # Autosave after a pause.
        await pilot.press("5")
        await pilot.pause(1.3)
        assert str(editor.query_one("#save-state").render()) == "✓ saved"
        birch = [r for r in pilot.app.journal.reflections.every() if r.application_id == 2]
        assert [(r.mood, r.body) for r in birch] == [(5, "Typed before choosing a mood")]
        # Ctrl+Q mid-word keeps what was typed.
        await pilot.press("tab", "tab", "tab")
        assert pilot.app.focused.id == "went_well"
        await type_text(pilot, "Asked good questi")
        await pilot.press("ctrl+q")

    run_app(app, steps)
    journal = Journal.open(journal_path)
    by_application = {r.application_id: r for r in journal.reflections.every()}
    assert by_application[2].went_well == "Asked good questi"
    assert (by_application[1].mood, by_application[1].feelings, by_application[1].body) == (3, ("proud",), "")
    journal.close()


def test_words_typed_on_the_mood_row_begin_the_feelings_instead_of_being_lost(journal_path):
    seed(journal_path, "Acme")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("e")
        await pilot.pause()
        assert pilot.app.focused.id == "mood"
        await pilot.press("3")
        await type_text(pilot, "Relieved, tired")
        await pilot.pause()
        assert pilot.app.focused.id == "feelings"
        assert pilot.app.focused.value == "Relieved, tired"
        await pilot.press("ctrl+s")
        [reflection] = pilot.app.journal.reflections.every()
        assert (reflection.mood, reflection.feelings) == (3, ("relieved", "tired"))
        # The row's own keys still act there; the app's q and ? are letters, as in any text field (try7 Q:
        # "quite upset" typed on the row quit the app): Ctrl+Q quits, the words kept.
        await pilot.press("shift+tab")
        assert pilot.app.focused.id == "mood"
        await pilot.press("4")
        pilot.app.screen.query_one("#feelings", Input).value = ""
        await type_text(pilot, "quite? upset")
        await pilot.pause()
        assert pilot.app.is_running and pilot.app.focused.id == "feelings"
        assert pilot.app.focused.value == "quite? upset"
        await pilot.press("shift+tab")
        assert pilot.app.focused.id == "mood"
        keys = pilot.app.screen.query_one(KeyBar).keys()[1]
        assert [key.display for key in keys][:2] == ["F1", "^q"], keys
        await pilot.press("ctrl+q")
        await pilot.pause()

    run_app(app, steps)
    journal = Journal.open(journal_path)
    assert journal.reflections.every()[0].mood == 4
    assert journal.reflections.every()[0].feelings == ("quite? upset",)
    journal.close()


def test_tabbing_back_into_feelings_written_adds_to_them_instead_of_replacing_them(journal_path):
    """A tester's saved feelings were wiped by the first key typed after tabbing into the field."""
    seed(journal_path, "Acme")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("e", "3", "tab")
        await type_text(pilot, "tired")
        await pilot.press("tab")
        await pilot.pause()
        assert pilot.app.focused.id != "feelings"
        await pilot.press("shift+tab")
        await pilot.pause()
        assert pilot.app.focused.id == "feelings"
        await type_text(pilot, ", calm")
        await pilot.pause()
        assert pilot.app.focused.value == "tired, calm"
        await pilot.press("ctrl+s")
        [reflection] = pilot.app.journal.reflections.every()
        assert reflection.feelings == ("tired", "calm")

    run_app(app, steps)


def test_the_editor_opened_again_on_another_reflection_adds_after_its_feelings(journal_path):
    """The editor is built once and given each reflection: its fields' cursors start after the words there."""
    seed(journal_path, "Acme", "Beta")
    journal = Journal.open(journal_path)
    reflect(
        journal, check_reflection(mood=2, today=TODAY, feelings="sad, stuck", went_well="Portfolio was strong"),
        TODAY - timedelta(days=2), application_id=1,
    )
    reflect(journal, check_reflection(mood=4, today=TODAY, feelings="ok"), TODAY - timedelta(days=1), application_id=2)
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("enter")  # the newest: "ok"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("down", "enter")  # the other, in the same editor
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, ReflectionEditor) and editor.reflection.feelings == ("sad", "stuck")
        editor.query_one("#feelings", Input).focus()
        await pilot.pause()
        await type_text(pilot, ", calm")
        assert editor.query_one("#feelings", Input).value == "sad, stuck, calm"
        # And a written answer: what is typed goes after it, not before ("typed before killPortfolio was strong").
        editor.query_one("#went_well", TextArea).focus()
        await pilot.pause()
        await type_text(pilot, " and kind")
        assert editor.query_one("#went_well", TextArea).text == "Portfolio was strong and kind"

    run_app(app, steps)


def test_the_editor_opened_first_on_a_written_answer_adds_after_it(journal_path):
    seed(journal_path, "Acme")
    journal = Journal.open(journal_path)
    reflect(journal, check_reflection(mood=2, today=TODAY, went_well="Portfolio was strong"), TODAY, application_id=1)
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, ReflectionEditor)
        editor.query_one("#went_well", TextArea).focus()
        await pilot.pause()
        await type_text(pilot, " and kind")
        assert editor.query_one("#went_well", TextArea).text == "Portfolio was strong and kind"

    run_app(app, steps)


def test_the_side_panel_of_a_reflected_rejection_says_when_it_was_reflected_on_and_what_opens_it(journal_path):
    """Found by a tester (try7 I): the panel of a rejection reflected on never said so, nor how to get back in."""
    from tui.domain.dates import day_name
    from tui.widgets.detail_panel import DetailPanel

    seed(journal_path, "Acme", "Beta")
    reject(journal_path)
    journal = Journal.open(journal_path)
    reflect(journal, check_reflection(mood=2, today=TODAY, body="The panel was tough"), TODAY - timedelta(days=2), application_id=1)
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("C")  # the reflected rejection is with the closed ones
        await pilot.pause()
        await select(pilot, "Beta")  # not rejected: nothing said of reflecting
        assert "Reflected on" not in pilot.app.screen.query_one(DetailPanel).content.plain
        await select(pilot, "Acme")
        said = pilot.app.screen.query_one(DetailPanel).content.plain
        assert f"Reflected on {day_name(TODAY - timedelta(days=2), TODAY)} — e opens it." in said
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReflectionEditor)
        assert pilot.app.screen.query_one("#body", TextArea).text == "The panel was tough"

    run_app(app, steps)
