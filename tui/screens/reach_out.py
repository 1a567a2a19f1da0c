"""Provides the dialog for logging that the user reached out to someone for support: who (the circle's
names offered as they type; someone new joins the circle with who they are to the user), a note, the day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select, Static

from tui.domain.models import Person, Relation
from tui.domain.support import ReachOutEntry, check_reach_out, choose_between, last_contacted_phrase, people_called
from tui.domain.text import printable
from tui.widgets.forms import Dialog, FormField


class ReachOutForm(Dialog[ReachOutEntry]):
    """Asks whom the user talked to; dismisses with a checked ReachOutEntry, or None on cancel."""

    CSS_PATH = "reach_out.tcss"

    def __init__(self, today: date, people: Sequence[Person], *, name: str = "") -> None:
        super().__init__()
        self.today = today
        self.people = list(people)
        self.name_given = name

    def compose(self) -> ComposeResult:
        names = [person.name for person in self.people]
        with VerticalScroll(classes="dialog", can_focus=False):
            yield Label("Reach out for support", classes="dialog--title")
            yield Label(
                "Sharing how it's going with someone you trust helps — and it counts as a step.", classes="dialog--hint"
            )
            who = Input(
                printable(self.name_given), id="name", compact=True,
                placeholder="a name: Sam, Mum, my mentor…", suggester=SuggestFromList(names, case_sensitive=False),
            )
            yield FormField("Who did you talk to?", who, name="name")
            yield Static("", id="who-is", markup=False)
            relations = Select(
                [(relation.label.capitalize(), relation.value) for relation in Relation],
                value=Relation.FRIEND.value, allow_blank=False, id="relation", compact=True,
            )
            yield FormField("New to your circle — who are they to you?", relations, name="relation")
            yield FormField("Note", Input(id="note", compact=True, placeholder="what you talked about…"), name="note")
            yield FormField("Day", Input("today", id="on", compact=True), name="on")
            yield self.buttons()

    def on_mount(self) -> None:
        self._show_who()
        target = "#note" if self.name_given else "#name"
        self.query_one(target, Input).focus(scroll_visible=False)

    @on(Input.Changed, "#name")
    def _show_who(self) -> None:
        """Name who they are when the circle knows them; else ask who they are to the user."""
        typed = self.query_one("#name", Input).value
        called = people_called(self.people, typed) if typed.strip() else []
        person = called[0] if len(called) == 1 else None
        known = self.query_one("#who-is", Static)
        if len(called) > 1:
            known.update(Content.styled(choose_between(typed, called), "$text-muted"))
        elif person is not None:
            known.update(Content.styled(
                f"{printable(person.name)} · {person.relation.label} · {last_contacted_phrase(person, self.today)}", "$text-muted"
            ))
        else:
            known.update("")  # someone new: the relation question below asks who they are
        self.query_one("#field-relation").display = not called and bool(typed.strip())

    def check(self) -> ReachOutEntry:
        relation = self.query_one("#relation", Select).value
        return check_reach_out(
            name=self.query_one("#name", Input).value, on=self.query_one("#on", Input).value, today=self.today,
            people=self.people, note=self.query_one("#note", Input).value,
            relation=str(relation) if isinstance(relation, str) else Relation.FRIEND.value,
        )
