"""Provides Lessons: what the rejections and reflections add up to (gaps, stages, mood over time)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tui.domain.models import STAGE_ORDER, Application, Reflection, Stage
from tui.domain.text import excerpt, number

# One glyph per mood, 1 to 5, so every mood reads differently.
MOOD_SPARKS = "▁▂▄▆█"
RECENT_REJECTIONS = 6

STAGE_PHRASES = {
    Stage.APPLICATION: "at the application stage",
    Stage.SCREENING: "after a screening call",
    Stage.INTERVIEW: "after an interview",
    Stage.FINAL_ROUND: "after a final round",
}

STAGE_ADVICE = {
    Stage.APPLICATION: "Tailoring your CV and cover letter to each ad may get you further.",
    Stage.SCREENING: "Practising your two-minute pitch could turn more calls into interviews.",
    Stage.INTERVIEW: "Interview practice (STAR stories, a mock interview) could pay off.",
    Stage.FINAL_ROUND: "You are getting very close. Keep going — and ask for feedback.",
}


SOURCES_NAMED = 4
"""How many of a gap's sources Lessons names."""


@dataclass(frozen=True)
class GapLesson:
    """A gap tag, how often it came up, and the applications it came from."""

    tag: str
    count: int
    sources: tuple[str, ...]
    """Where it came from, each once, the one it came from most recently last."""

    def sources_line(self, at_most: int = SOURCES_NAMED) -> str:
        """The newest `at_most` sources, newest first, and how many more: ten years named 778 companies on one
        gap, screens long."""
        newest = [excerpt(source) for source in reversed(self.sources[-at_most:])]
        more = len(self.sources) - len(newest)
        return ", ".join(newest) + (f" and {number(more)} more" if more else "")



@dataclass(frozen=True)
class Lessons:
    """Everything the Lessons view shows."""

    gaps: tuple[GapLesson, ...]
    rejections_by_stage: tuple[tuple[Stage, int], ...]
    pattern: str
    moods: tuple[int, ...]

    @property
    def mood_sparkline(self) -> str:
        return sparkline(self.moods)


def sparkline(moods: Sequence[int]) -> str:
    """One block character per mood (1–5), low to high."""
    return "".join(MOOD_SPARKS[min(max(mood, 1), 5) - 1] for mood in moods)


def gap_lessons(reflections: Sequence[Reflection], applications: dict[int, Application]) -> tuple[GapLesson, ...]:
    """Gap tags across all reflections, most frequent first, each with where it came from."""
    counts: Counter[str] = Counter()
    sources: dict[str, dict[str, None]] = defaultdict(dict)  # each tag's sources, the latest mentioned last
    for reflection in sorted(reflections, key=lambda r: (r.on, r.id)):
        app = applications.get(reflection.application_id) if reflection.application_id else None
        source = app.company if app else f"reflection of {reflection.on.isoformat()}"
        for tag in reflection.gaps:
            counts[tag] += 1
            named = sources[tag]
            named.pop(source, None)
            named[source] = None
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(GapLesson(tag, count, tuple(sources[tag])) for tag, count in ordered)


def rejection_stages(applications: Sequence[Application]) -> list[tuple[Stage, object]]:
    """(stage, date) of every rejection, oldest first."""
    found = []
    for app in applications:
        rejection = app.rejection
        if rejection is not None:
            found.append((rejection.stage or app.furthest_stage, rejection.on, app.id))
    return [(stage, on) for stage, on, _ in sorted(found, key=lambda item: (item[1], item[2]))]


def stage_pattern(stages_oldest_first: Sequence[Stage]) -> str:
    """A plain-language line when one stage dominates the recent rejections, else an empty string."""
    recent = list(stages_oldest_first)[-RECENT_REJECTIONS:]
    if len(recent) < 3:
        return ""
    stage, count = Counter(recent).most_common(1)[0]
    if count < 3 or count * 2 <= len(recent):
        return ""
    lead = f"{count} of your last {len(recent)} rejections" if count < len(recent) else f"All of your last {count} rejections"
    return f"{lead} came {STAGE_PHRASES[stage]}. {STAGE_ADVICE[stage]}"


def build_lessons(applications: Sequence[Application], reflections: Sequence[Reflection]) -> Lessons:
    """Lessons from every application and reflection in the journal."""
    by_id = {app.id: app for app in applications}
    stages = [stage for stage, _ in rejection_stages(applications)]
    counts = Counter(stages)
    moods = tuple(r.mood for r in sorted(reflections, key=lambda r: (r.on, r.id)))
    return Lessons(
        gaps=gap_lessons(reflections, by_id),
        rejections_by_stage=tuple((stage, counts.get(stage, 0)) for stage in STAGE_ORDER),
        pattern=stage_pattern(stages),
        moods=moods,
    )
