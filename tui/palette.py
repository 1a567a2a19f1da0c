"""What the command palette (Ctrl+P) and the help screen (?) list: every key of the screen in front and of the
app, each area to go to, and the commands that have no key (import, export, backup, settling old history).
Each names the key that works here: a browser gives some keys others (tui.web)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import Hit, Hits
from textual.screen import Screen
from textual.system_commands import SystemCommandsProvider

from tui.screens.help import key_label
from tui.widgets.screen_tabs import AREAS

if TYPE_CHECKING:
    from tui.app import OnwardApp


class OnwardCommands(SystemCommandsProvider):
    """Textual's search of the app's commands (`App.get_system_commands`), with a command naming each word typed
    as a whole word ahead of one where it is only part of a word: "settle" finds "inbox: settle old history…"
    first, then "…closed and settled applications" (Textual's fuzzy score ties them, and a tie keeps the order
    commands are listed in: the screen's keys first)."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            if (score := matcher.match(name)) > 0:
                yield Hit(score * whole_word_weight(query, name), matcher.highlight(name), callback, help=help_text)


def whole_word_weight(query: str, name: str) -> float:
    """2 when every word of `query` is a whole word of the command's `name` (case aside), else 1."""
    words = re.findall(r"\w+", query.lower())
    named = set(re.findall(r"\w+", name.lower()))
    return 2.0 if words and all(word in named for word in words) else 1.0


def onward_commands(app: OnwardApp, screen: Screen) -> Iterable[SystemCommand]:
    """The palette's commands of Onward's own, after Textual's (see `OnwardApp.get_system_commands`)."""
    area = getattr(screen, "HELP_TITLE", "Onward").lower()
    for binding in screen.BINDINGS:
        if isinstance(binding, Binding) and binding.id and binding.key != "escape":
            yield SystemCommand(
                f"{area}: {binding.tooltip or binding.description.lower()}",
                f"Key: {key_label(app, bound(app, binding))}",
                lambda action=binding.action, target=screen: app.run_action(action, target),
            )
    for area in AREAS:
        if area.mode != app.current_mode:
            yield SystemCommand(
                f"go: {area.title}", f"Key: {area.key}", lambda mode=area.mode: app.go_to(mode)
            )
    yield SystemCommand(
        "inbox: settle old history…", "What the Inbox asks about from before the follow-up window: kept, asked nothing of",
        app.action_settle_history,
    )
    yield SystemCommand("data: import…", "Onward JSON, LinkedIn's export or a spreadsheet (CSV): a preview first", app.action_import_data)
    yield SystemCommand("data: export…", "Onward JSON (everything), Markdown (reflections) or CSV (applications)", app.action_export_data)
    yield SystemCommand(
        "data: calendar feed (.ics)…", "Planned interviews, follow-ups due and next steps for your calendar",
        lambda: app.action_export_data("ics"),
    )
    yield SystemCommand("data: backup now", "Write a copy of the journal to the backups folder", app.action_backup_now)
    yield SystemCommand("onward: help", "Every key on this screen", app.action_help)


def key_groups(app: OnwardApp, screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """The keys of `screen` and of the app, for the help screen."""
    # Keys written as the key bar writes them ("^p", not "ctrl+p"); HELP_EXTRA's are written as shown already.
    screen_keys = list(getattr(screen, "HELP_EXTRA", ()))
    screen_keys += [(key_label(app, bound(app, b)), b.tooltip or b.description) for b in screen.BINDINGS if isinstance(b, Binding)]
    app_keys = [(key_label(app, bound(app, b)), b.tooltip or b.description) for b in app.BINDINGS if isinstance(b, Binding)]
    app_keys.append((key_label(app, Binding(app.COMMAND_PALETTE_BINDING, "command_palette")), "find any command by name"))
    if app.is_web:
        from tui.web import BROWSER_KEYS_NOTE

        app_keys.append(("F2", BROWSER_KEYS_NOTE))
    title = getattr(screen, "HELP_TITLE", "This screen")
    return [(title, screen_keys), ("Everywhere", app_keys)]


def bound(app: OnwardApp, binding: Binding) -> Binding:
    """`binding` with the keys that run it here: its own, or in a browser the ones it is given instead
    (see tui.web), so help and the palette name the key that works."""
    if app.is_web and binding.id is not None:
        from dataclasses import replace

        from tui.web import BROWSER_KEYS

        return replace(binding, key=BROWSER_KEYS.get(binding.id, binding.key))
    return binding
