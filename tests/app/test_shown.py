"""`show` puts content in a Static only when it changes: each update lays out the whole screen again."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static

from tests.conftest import run_app
from tui.widgets.shown import show


class OneLine(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(id="line", markup=False)


def test_the_same_content_again_is_not_drawn_again_and_a_new_style_is():
    app = OneLine()

    async def steps(pilot) -> None:
        line = app.query_one("#line", Static)
        updates: list[object] = []
        real = line.update
        line.update = lambda content, **options: updates.append(content) or real(content, **options)  # type: ignore[method-assign]
        show(line, Content("[b]Acme[/]"))
        await pilot.pause()
        assert len(updates) == 1 and line.render_line(0).text.startswith("[b]Acme[/]")
        show(line, Content("[b]Acme[/]"))
        assert len(updates) == 1
        show(line, Content.styled("[b]Acme[/]", "bold"))  # same words, another look: drawn
        assert len(updates) == 2
        show(line, Content("Globex"))
        await pilot.pause()
        assert len(updates) == 3 and line.render_line(0).text.startswith("Globex")

    run_app(app, steps, size=(40, 5))
