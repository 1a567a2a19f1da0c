"""Provides `check_then_ask`: the one way the Inbox checks an outcome that asks something more (the stage of a
rejection, the day of a screening, whether an offer is meant) before asking it, so a closed application is asked
about first, in the app's words, and one refused (already at that status) is refused at once, whichever key logs
it; and `confirm_offer`, the question an offer asks."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.actions import NeedsReopen, Refused, applications
from tui.actions.results import in_app_words
from tui.domain.models import OutcomeKind
from tui.domain.text import excerpt
from tui.screens.confirm import ConfirmDialog
from tui.store.database import JournalError

if TYPE_CHECKING:
    from tui.app import OnwardApp


def check_then_ask(onward: OnwardApp, application_id: int, outcome: OutcomeKind, go_on: Callable[[bool], None]) -> None:
    """Check `outcome` can be logged, then `go_on(reopen)` to ask the rest: at once when it can; after a yes
    when the application is closed (NeedsReopen); never when it is refused (said kindly instead)."""
    try:  # checked before the next question, so nobody picks a stage or a day for nothing
        applications.check_outcome(onward.journal, application_id, outcome, onward.today)
    except NeedsReopen as closed:
        def answered(yes: bool | None) -> None:
            if yes:
                go_on(True)

        onward.push_screen(ConfirmDialog(closed.question, closed.hint, writes=True), answered)
        return
    except Refused as refusal:
        onward.notify(in_app_words(refusal), severity="warning", markup=False)
        return
    except JournalError as error:
        onward.notify(str(error), title="Not saved", severity="error", markup=False)
        return
    go_on(False)


def confirm_offer(onward: OnwardApp, company: str, reopen: bool, log: Callable[[], object]) -> None:
    """An offer is the big one, celebrated and posted to the wall: a stray o asks first, then `log()`s it. A
    closed application was asked about already (`reopen`, by `check_then_ask`): one question is enough."""
    if reopen:
        log()
        return

    def confirmed(yes: bool | None) -> None:
        if yes:
            log()

    onward.push_screen(ConfirmDialog(f"Log an offer from {excerpt(company)}?", "y logs it and celebrates.", writes=True), confirmed)
