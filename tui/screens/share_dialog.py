"""Provides the share dialog: ask someone in the support circle for advice about a reflection with a short
summary of it, choosing what it holds (private parts only when ticked), seeing exactly what will be
copied, and copying it to the clipboard. The summary is the domain's `share_text`, as `onward` prints it."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, SelectionList, Static

from tui.domain.models import ApplicationLabel, Person, Reflection, application_title
from tui.domain.support import PRIVATE_FIELDS, SHARE_LABELS, SHARED_BY_DEFAULT, people_named, share_fields, share_text
from tui.domain.text import clean_line, excerpt
from tui.widgets.forms import FormField, TickList

COPIED = (
    "Paste it into a message. Some terminals don't pass the clipboard on: if nothing pastes, "
    "select the preview by hand (shift+drag in most terminals)."
)
"""Shown under the title "Copied" once the summary is on the clipboard."""


class ShareDialog(ModalScreen[None]):
    """Ticks for each part of `reflection` that has something in it (the facts and lessons ticked, how it felt
    and the private notes not), an optional name to greet, and a live preview; Ctrl+S copies, Esc closes."""

    CSS_PATH = "share_dialog.tcss"
    AUTO_FOCUS = "#share-parts"
    BINDINGS = [
        Binding("ctrl+s", "copy", "Copy", id="share.copy", priority=True, tooltip="copy the summary to the clipboard"),
        Binding("escape", "close", "Close", id="share.close", tooltip="close without copying anything more"),
    ]

    def __init__(self, reflection: Reflection, application: ApplicationLabel | None, people: Sequence[Person]) -> None:
        super().__init__()
        self.reflection = reflection
        self.application = application
        self.people = people
        self.parts = share_fields(reflection, application)
        """The parts with something to share, in the summary's order."""
        named = people_named(people, reflection.talk_to)
        self.first_to = clean_line(named[0].name) if named else ""
        """Whom the reflection said to talk to, when that is someone in the circle."""

    def compose(self) -> ComposeResult:
        day, application = self.reflection.on.isoformat(), self.application
        if application is not None:
            about = f"About {excerpt(application_title(application.company, application.role))}, {day}."
        else:
            about = f"About your reflection of {day}."
        with Vertical(classes="dialog"):
            yield Label("Ask someone for advice", classes="dialog--title")
            yield Label(
                f"{about} Tick what to share: how it felt and your own notes stay out unless you tick them.",
                classes="dialog--hint", markup=False,
            )
            with Horizontal(id="share-body"):
                # Room for every part (11 at most) with its label at 80×24, so nothing here needs scrolling.
                parts = TickList[str](
                    *((self._part_label(name), name, name in SHARED_BY_DEFAULT) for name in self.parts),
                    id="share-parts", compact=True,
                )
                yield FormField("Share (space ticks)", parts, name="parts")
                with VerticalScroll(id="share-preview-box") as box:
                    box.border_title = "What will be copied"
                    first = [name for name in self.parts if name in SHARED_BY_DEFAULT]
                    yield Static(Content(share_text(self.reflection, self.application, first, to=self.first_to)), id="share-preview")
            with Horizontal(id="share-actions"):
                with Horizontal(id="share-to-row"):
                    yield Label("To (optional)", id="share-to-label")
                    circle = SuggestFromList([clean_line(person.name) for person in self.people], case_sensitive=False)
                    yield Input(self.first_to, id="share-to", compact=True, suggester=circle, placeholder="a name")
                yield Button("Copy  ctrl+s", variant="primary", id="copy", compact=True)
                yield Button("Close  esc", id="close", compact=True)

    @staticmethod
    def _part_label(name: str) -> Content:
        if name in PRIVATE_FIELDS:
            return Content.assemble(SHARE_LABELS[name], (" · private", "$text-muted"))
        return Content(SHARE_LABELS[name])

    @property
    def included(self) -> list[str]:
        """The parts ticked, in the summary's order."""
        ticked = set(self.query_one("#share-parts", SelectionList).selected)
        return [name for name in self.parts if name in ticked]

    @property
    def to(self) -> str:
        """The name to greet, as one clean line."""
        return clean_line(self.query_one("#share-to", Input).value)

    @property
    def text(self) -> str:
        """Exactly what Copy puts on the clipboard."""
        return share_text(self.reflection, self.application, self.included, to=self.to)

    @on(SelectionList.SelectedChanged, "#share-parts")
    @on(Input.Changed, "#share-to")
    def _follow(self) -> None:
        self.query_one("#share-preview", Static).update(Content(self.text))

    @on(Input.Submitted, "#share-to")
    @on(Button.Pressed, "#copy")
    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify(COPIED, title="Copied", timeout=10, markup=False)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
