"""Provides what makes two applications look like one: the same company and role, applied to within 60 days."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from tui.domain.models import ApplicationChoice
from tui.domain.text import clean_line, matching_key

DUPLICATE_WINDOW_DAYS = 60
"""An application with the same company and role this many days before or after looks like the same one."""


def posting_key(company: str, role: str) -> tuple[str, str]:
    """Company and role as compared for duplicates (and by imports): trimmed, white space folded, case and
    Unicode form ignored."""
    return matching_key(clean_line(company)), matching_key(clean_line(role))


def closest_duplicate(
    company: str, role: str, applied_on: date, candidates: Iterable[ApplicationChoice]
) -> ApplicationChoice | None:
    """The candidate with the same company and role applied to nearest `applied_on` (within the window), if any."""
    key = posting_key(company, role)
    same = [
        c for c in candidates
        if posting_key(c.company, c.role) == key and abs((c.applied_on - applied_on).days) <= DUPLICATE_WINDOW_DAYS
    ]
    return min(same, key=lambda c: (abs((c.applied_on - applied_on).days), c.id), default=None)


class Postings:
    """Applications (or postings merged away) grouped by company and role, so a long import asks the duplicate
    rule about each row without comparing it with every application of ten years."""

    def __init__(self, candidates: Iterable[ApplicationChoice] = ()) -> None:
        self._by_key: dict[tuple[str, str], list[ApplicationChoice]] = {}
        for candidate in candidates:
            self.add(candidate)

    def add(self, candidate: ApplicationChoice) -> None:
        self._by_key.setdefault(posting_key(candidate.company, candidate.role), []).append(candidate)

    def closest(self, company: str, role: str, applied_on: date) -> ApplicationChoice | None:
        """closest_duplicate among these."""
        if not self._by_key:
            return None  # nothing to be like (an import into an empty journal asks 10,000 times)
        return closest_duplicate(company, role, applied_on, self._by_key.get(posting_key(company, role), ()))
