"""Provides TagSuggester: completes the tag being typed after the last comma from past tags."""

from __future__ import annotations

from collections.abc import Sequence

from textual.suggester import Suggester

from tui.domain.text import clean_line


class TagSuggester(Suggester):
    """Suggests the most used past tag that starts with what is typed after the last comma."""

    def __init__(self, tags: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        # A suggestion is drawn in the input and becomes what is typed: cleaned as typed text is (no control characters).
        self.tags = [clean_line(tag) for tag in tags]

    async def get_suggestion(self, value: str) -> str | None:
        head, _, typed = value.rpartition(",")
        stem = typed.lstrip().casefold()
        if not stem:
            return None
        already = {part.strip().casefold() for part in head.split(",")}
        for tag in self.tags:
            if tag.casefold().startswith(stem) and tag.casefold() != stem and tag.casefold() not in already:
                return value + tag[len(stem):]
        return None
