"""Provides a yes/no question for changes worth a second thought, such as removing a win."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from tui.domain.text import printable


class ConfirmDialog(ModalScreen[bool]):
    """Asks `question`; y answers yes, n or Escape no, and Enter yes unless `enter_says_no` (a question whose yes
    is seldom meant, such as adding an application already in the journal: an Enter pressed twice on a form
    added it again; and every question whose yes loses words typed: discard a form, quit or leave an editor that
    could not save, take one window's words over the other's — a reflexive Enter keeps them).

    `writes=True`: a question that exists to write (its yes writes to the journal, its no changes nothing:
    remove, log an offer, reopen, merge, settle): like the forms, it does not open while the journal is behind
    its replica (tui/widgets/write_forms.py). A question whose no matters too (discard what was typed? quit?)
    is asked whatever the journal's state."""

    CSS_PATH = "confirm.tcss"
    KEEPS_EARLIER_TOASTS = True
    """The toasts up when it opens stay in sight over it (tui/widgets/toasts.py): it has no fields, and its
    question sits in the middle rows, clear of them at the top."""
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
        Binding("enter", "enter", "Answer", show=False, id="confirm.enter"),
    ]

    WRITES_THE_JOURNAL = False
    """Set by `writes`: its yes is a write (tui/widgets/write_forms.py)."""

    def __init__(self, question: str, detail: str = "", *, writes: bool = False, enter_says_no: bool = False) -> None:
        super().__init__()
        self.enter_says_no = enter_says_no
        self.question = question
        self.detail = detail
        self.WRITES_THE_JOURNAL = writes
        self.answer: bool | None = None
        """What it was answered (None while unanswered, or closed without one): keys typed before it appeared
        go on after a yes (tui/typed_ahead.py)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(printable(self.question), classes="dialog--title", markup=False)
            if self.detail:
                yield Label(printable(self.detail), classes="dialog--subtitle", markup=False)
            hint = "y: yes · n / esc / enter: no" if self.enter_says_no else "y / enter: yes · n / esc: no"
            yield Label(hint, classes="dialog--hint")

    def action_enter(self) -> None:
        self.action_answer(not self.enter_says_no)

    def action_answer(self, yes: bool) -> None:
        self.answer = yes
        self.dismiss(yes)
