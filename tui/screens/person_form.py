"""Provides the form for adding someone to the support circle, or changing who they are: name, relation, note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select

from tui.domain.models import Person, Relation
from tui.domain.support import PersonEntry, check_person
from tui.domain.text import printable
from tui.widgets.forms import Dialog, FormField


class PersonForm(Dialog[PersonEntry]):
    """Asks for a person of the support circle; dismisses with a checked PersonEntry, or None on cancel."""

    CSS_PATH = "person_form.tcss"

    def __init__(self, person: Person | None = None) -> None:
        super().__init__()
        self.person = person

    def compose(self) -> ComposeResult:
        person = self.person
        with VerticalScroll(classes="dialog", can_focus=False):
            yield Label("Change who they are" if person else "Add someone to your support circle", classes="dialog--title")
            yield Label(
                "Friends, family, a mentor, peers in the same search: people to share how it's going with.",
                classes="dialog--hint",
            )
            # Changing them, the cursor goes after what is there to correct (a key typed adds to it, not replaces it).
            name = Input(printable(person.name) if person else "", id="name", compact=True, placeholder="Sam", select_on_focus=person is None)
            yield FormField("Name", name, name="name")
            relations = Select(
                [(relation.label.capitalize(), relation.value) for relation in Relation],
                value=(person.relation if person else Relation.FRIEND).value, allow_blank=False, id="relation", compact=True,
            )
            yield FormField("Who are they to you?", relations, name="relation")
            note = Input(
                printable(person.note) if person else "", id="note", compact=True,
                placeholder="former manager, great at interview practice…", select_on_focus=person is None,
            )
            yield FormField("Note", note, name="note")
            yield self.buttons()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus(scroll_visible=False)

    def check(self) -> PersonEntry:
        relation = self.query_one("#relation", Select).value
        return check_person(
            name=self.query_one("#name", Input).value,
            relation=relation if isinstance(relation, str) else Relation.OTHER.value,
            note=self.query_one("#note", Input).value,
        )
