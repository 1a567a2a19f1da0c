"""Keys typed in one burst (a fast typist, a paste into the terminal, `tmux send-keys`) land where they would
have landed typed slowly; a yes/no question is never answered by keys typed before it appeared
(tui/typed_ahead.py). Each burst is posted to the app in one go, as the terminal delivers it: pilot.press waits
for the app to be idle between keys, which no person does."""

from datetime import timedelta

from textual import events
from textual.widgets import Input, TextArea

from tests.app.test_inbox import notifications, reopen, seed, select
from tests.conftest import TODAY, run_app
from tests.journal_steps import log
from tui.app import HERE, OnwardApp
from tui.domain.models import OutcomeKind, Stage, Status
from tui.screens.application_form import ApplicationForm
from tui.screens.confirm import ConfirmDialog
from tui.screens.inbox import InboxScreen
from tui.screens.interview_dialogs import DayQuestion
from tui.screens.reflection import ReflectionEditor
from tui.screens.win_form import WinForm
from tui.store.repository import Journal

NAMED = {"tab": "\t", "enter": "\r", "space": " ", "escape": "\x1b", "shift+tab": None, "ctrl+s": None, "delete": None}


def burst(app, *keys: str) -> None:
    """Post `keys` to the app in one go: a name of one character is typed as such; "Tab", "enter"… are keys;
    a longer word is its letters."""
    for key in keys:
        if key in NAMED:
            app.post_message(events.Key(key, NAMED[key]))
        else:
            for character in key:
                app.post_message(events.Key("space" if character == " " else character, character))


async def typed(pilot) -> None:
    """Until every key of the burst has been handed on and has settled."""
    for _ in range(200):
        await pilot.pause()
        if not getattr(pilot.app, "typed_ahead", None) or not pilot.app.typed_ahead.busy:
            break
    await pilot.pause()


def test_text_typed_right_after_n_goes_into_the_new_form_field_by_field(journal_path):
    """Burst "n BurstCo Tab BurstRole" in the Inbox: the form opened with every field empty (the letters went
    to the Inbox's list, handed there before n had opened the form)."""

    async def steps(pilot):
        burst(pilot.app, "n", "BurstCo", "tab", "BurstRole")
        await typed(pilot)
        form = pilot.app.screen
        assert isinstance(form, ApplicationForm)
        assert [form.query_one(f"#{name}", Input).value for name in ("company", "role")] == ["BurstCo", "BurstRole"]
        assert pilot.app.focused is form.query_one("#role")

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_text_typed_right_after_w_goes_into_the_win(journal_path):
    async def steps(pilot):
        burst(pilot.app, "w", "FastWin")
        await typed(pilot)
        assert isinstance(pilot.app.screen, WinForm)
        assert pilot.app.screen.query_one("#title", Input).value == "FastWin"

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_keys_typed_while_the_app_starts_wait_for_the_inbox(journal_path):
    """Typed as the app opens, before the Inbox was up: the keys were lost (n opened nothing, or an empty form)."""

    class TypedAtOnce(OnwardApp):
        CSS_PATH = [str(HERE / path) for path in OnwardApp.CSS_PATH]

        def on_mount(self) -> None:
            super().on_mount()
            burst(self, "n", "Quick", "tab", "Analyst")

    async def steps(pilot):
        await typed(pilot)
        form = pilot.app.screen
        assert isinstance(form, ApplicationForm)
        assert [form.query_one(f"#{name}", Input).value for name in ("company", "role")] == ["Quick", "Analyst"]

    run_app(TypedAtOnce(journal_path, today=TODAY), steps)


def reject(path, app_id=1):
    journal = Journal.open(path)
    log(journal, app_id, OutcomeKind.REJECTED, TODAY, stage=Stage.INTERVIEW)
    journal.close()


def test_tab_out_of_a_picker_or_past_it_keeps_the_text_typed_after_it(journal_path):
    """In the reflection editor, from Feelings, Tab Tab "Prepared well": the text was lost (handed to the stage
    picker as it arrived). From the picker itself, Tab "ABC" the same, and out of a multi-line field."""
    seed(journal_path, "Acme")
    reject(journal_path)

    async def steps(pilot):
        await select(pilot, "Acme")
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, ReflectionEditor)
        editor.query_one("#feelings", Input).focus()
        await pilot.pause()
        burst(pilot.app, "tab", "tab", "Prepared well")
        await typed(pilot)
        assert pilot.app.focused is editor.query_one("#went_well", TextArea)
        assert editor.query_one("#went_well", TextArea).text == "Prepared well"
        editor.query_one("#stage").focus()
        await pilot.pause()
        burst(pilot.app, "tab", "ABC")
        await typed(pilot)
        assert editor.query_one("#went_well", TextArea).text == "Prepared wellABC"  # typed on where it ended
        burst(pilot.app, "tab", "Next time")  # out of a multi-line field
        await typed(pilot)
        assert editor.query_one("#do_differently", TextArea).text == "Next time"

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_keys_typed_as_the_reflection_editor_opens_wait_for_its_every_question(journal_path):
    """The editor draws its first questions first and mounts the rest right after (tui/screens/reflection.py):
    "e 4 Tab proud Tab Tab Went ok" typed in one burst lands as typed slowly, none of it in a question not yet
    there or Tab wrapping back to the mood."""
    seed(journal_path, "Acme")
    reject(journal_path)

    async def steps(pilot):
        await select(pilot, "Acme")
        burst(pilot.app, "e", "4", "tab", "proud", "tab", "tab", "Went ok")
        await typed(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, ReflectionEditor)
        assert pilot.app.focused is editor.query_one("#went_well", TextArea)
        assert (editor.values()["mood"], editor.values()["feelings"], editor.values()["went_well"]) == (4, "proud", "Went ok")

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_a_question_is_never_answered_by_keys_typed_before_it_and_yes_takes_them_on(journal_path):
    """Burst "s tomorrow Enter" on a rejected application: the Enter answered "Acme is closed (rejected). Log
    screening anyway?" with yes, unseen, and "tomorrow" was lost (an empty day then logged it for today). Now
    the question waits, saying so; yes hands "tomorrow" and the Enter on to the day question."""
    seed(journal_path, "Acme")
    reject(journal_path)

    async def steps(pilot):
        await select(pilot, "Acme")
        burst(pilot.app, "s", "tomorrow", "enter")
        await typed(pilot)
        assert isinstance(pilot.app.screen, ConfirmDialog), "not answered for the person"
        assert pilot.app.journal.applications.get(1).status is Status.REJECTED
        assert any("so not taken as its answer: 'tomorrow' enter. After y it goes on; n drops it." in line for line in notifications(pilot.app)), notifications(pilot.app)
        await pilot.press("y")
        await typed(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
        [planned] = pilot.app.journal.applications.planned_interviews()
        assert planned.takes_place_on == TODAY + timedelta(days=1)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_no_to_a_question_drops_the_keys_typed_before_it_and_says_so(journal_path):
    seed(journal_path, "Acme")
    reject(journal_path)

    async def steps(pilot):
        await select(pilot, "Acme")
        burst(pilot.app, "s", "tomorrow", "enter")
        await typed(pilot)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("n")
        await typed(pilot)
        assert isinstance(pilot.app.screen, InboxScreen), "no timeline (t), nothing else opened"
        assert any("Dropped (typed before the question): 'tomorrow' enter" in line for line in notifications(pilot.app))
        assert pilot.app.journal.applications.get(1).status is Status.REJECTED
        assert pilot.app.journal.applications.planned_interviews() == []

    run_app(OnwardApp(journal_path, today=TODAY), steps)
    assert reopen(journal_path).applications.get(1).status is Status.REJECTED


def test_a_whole_form_typed_in_one_burst_is_saved_as_typed(journal_path):
    """n, the fields with Tabs between them and Ctrl+S, in one go: saved as typed slowly."""

    async def steps(pilot):
        burst(pilot.app, "n", "Acme", "tab", "Analyst", "tab", "data", "ctrl+s")
        await typed(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
        saved = pilot.app.journal.applications.get(1)
        assert (saved.company, saved.role, saved.field) == ("Acme", "Analyst", "data")

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_text_pasted_right_after_n_goes_into_the_form(journal_path):
    async def steps(pilot):
        burst(pilot.app, "n")
        pilot.app.post_message(events.Paste("Pasted Co"))
        await typed(pilot)
        assert pilot.app.screen.query_one("#company", Input).value == "Pasted Co"

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_questions_put_up_by_a_key_or_after_a_moment_wait_for_keys_typed_after_them(journal_path):
    """"o y" (an offer, asked first) and "delete y" (remove, asked from a worker) in one go: the y was typed
    before the question appeared, so it answers neither; the person's own y then does."""
    seed(journal_path, "Acme", "Birch")

    async def steps(pilot):
        await select(pilot, "Acme")
        for first in ("o", "delete"):
            burst(pilot.app, first, "y")
            await typed(pilot)
            assert isinstance(pilot.app.screen, ConfirmDialog), first
            assert pilot.app.journal.applications.get(1).status is not Status.OFFER
            await pilot.press("n")
            await typed(pilot)
            assert isinstance(pilot.app.screen, InboxScreen)
        assert pilot.app.journal.applications.get(1).status is Status.APPLIED

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_a_key_typed_alone_costs_no_look_and_the_next_key_looks_at_it_first(journal_path, monkeypatch):
    """Issue 26: a key alone (nothing typed after it yet) is handed on and left be, so it costs what it did
    before keys were handed on in turn; the key typed after it looks at whether it has settled first (and a
    burst still waits, as the tests above show)."""
    from tui.typed_ahead import TypedAhead

    seed(journal_path, "Acme", "Birch", "Cedar")
    looks = []
    look = TypedAhead._look

    async def counted(self, screen, refreshed):
        looks.append(type(screen).__name__)
        return await look(self, screen, refreshed)

    monkeypatch.setattr(TypedAhead, "_look", counted)

    async def steps(pilot):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        looks.clear()
        inbox = pilot.app.screen
        start = inbox.selected_application
        await pilot.press("down")
        await pilot.pause()
        assert looks == [], "a key alone was looked at"
        moved = inbox.selected_application
        assert moved != start
        await pilot.press("s")
        await pilot.pause()
        assert looks and isinstance(pilot.app.screen, DayQuestion), "the next key did not look at the one before it"
        assert looks[0] == "InboxScreen"

    run_app(OnwardApp(journal_path, today=TODAY), steps)
