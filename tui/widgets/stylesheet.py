"""A Textual stylesheet that parses each piece of CSS once per theme, however often the app re-reads them.

Textual 8.2.8 parses *every* stylesheet again each time a screen with CSS is shown for the first time (its
`reparse` starts from a fresh parser cache) and whenever it refreshes CSS (`set_variables` empties the cache
even when the theme's variables did not change). On a first visit of the wins wall, the reflections or the
streak meter that was ~50 ms of re-parsing CSS already parsed: the app's, Textual's widgets' and the areas
shown before. This stylesheet keeps the parsed rules across those re-reads, keyed as Textual keys them (the
CSS text, where it came from, its priority and scope), and forgets them only when the variables change (a
new theme), so what the screen shows is exactly what Textual's own parse gives (tests/app/test_first_visits.py).
"""

from __future__ import annotations

from typing import Any

from textual.cache import LRUCache
from textual.css.stylesheet import Stylesheet

PARSED_KEPT = 256
"""Parsed sources kept: every CSS source the app has (~40 with all areas and dialogs open; Textual keeps 64,
and a full parse of more than that would evict and re-parse its own entries), with room to spare."""


class OnwardStylesheet(Stylesheet):
    """Textual's stylesheet with one parse cache for the app's whole run (per set of theme variables)."""

    def __init__(self, *, variables: dict[str, str] | None = None, parsed: LRUCache | None = None) -> None:
        super().__init__(variables=variables)
        self._parse_cache = parsed if parsed is not None else LRUCache(PARSED_KEPT)

    def set_variables(self, variables: dict[str, str]) -> None:
        # Textual calls this on every CSS refresh, mostly with the variables it already has: keep the parsed
        # rules then, since they depend on nothing else. New variables (a theme change) start afresh.
        if variables != self._variables:
            super().set_variables(variables)

    def reparse(self) -> None:
        # As Textual's reparse (stylesheet.py, 8.2.8): parse into a fresh stylesheet, so an error leaves this
        # one intact, but sharing the parsed rules, which depend only on the source and the variables.
        fresh = OnwardStylesheet(variables=self._variables, parsed=self._parse_cache)
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            fresh.add_source(css, read_from=read_from, is_default_css=is_defaults, tie_breaker=tie_breaker, scope=scope)
        try:
            fresh.parse()
        except Exception:
            self._invalid_css.update(fresh._invalid_css)
            raise
        self._rules = fresh.rules
        self._rules_map = None
        self.source = fresh.source
        self._require_parse = False

    def copy(self) -> OnwardStylesheet:
        stylesheet = OnwardStylesheet(variables=self._variables.copy())
        stylesheet.source = self.source.copy()
        return stylesheet


def use_onward_stylesheet(app: Any) -> None:
    """Give a freshly built app (before it runs: nothing has been added to its stylesheet) this stylesheet."""
    app.stylesheet = OnwardStylesheet(variables=app.stylesheet._variables)
