"""Provides checking of reflections, their tags and search, and the prompts the editor shows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tui.domain.dates import DateError, parse_day
from tui.domain.entries import EntryError, Problems
from tui.domain.models import Application, ApplicationLabel, Reflection, Stage
from tui.domain.text import MAX_NAME_LENGTH, MAX_NOTE_LENGTH, check_length, clean_block, clean_line, number, printable, strip_controls

MAX_TAG_LENGTH = 40
MAX_TAGS = 30
MAX_BODY_LENGTH = 200_000

MOOD_WORDS = {1: "awful", 2: "low", 3: "okay", 4: "good", 5: "great"}

PROMPTS = {
    "mood": "How are you feeling? It's okay to feel disappointed — let it land.",
    "feelings": "Name the feelings, separated by commas (disappointed, frustrated, relieved…).",
    "stage": "How far did it get?",
    "went_well": "What went well? There is always something.",
    "do_differently": "What would you do differently next time?",
    "gaps": "Any skill or qualification to build? Tags, separated by commas.",
    "stumbles": "Where did you stumble in the interview, if anywhere?",
    "next_step": "One small next step (and, if you like, a day for it).",
    "talk_to": "Who will you talk to about it? Friends, family, a mentor.",
    "body": "Anything else, in your own words (Markdown welcome).",
    "feedback": "Their feedback, if you asked and they replied.",
}


@dataclass(frozen=True)
class ReflectionEntry:
    """A checked reflection, ready to store."""

    mood: int
    feelings: tuple[str, ...] = ()
    stage: Stage | None = None
    went_well: str = ""
    do_differently: str = ""
    gaps: tuple[str, ...] = ()
    stumbles: str = ""
    next_step: str = ""
    next_step_on: date | None = None
    talk_to: str = ""
    body: str = ""
    feedback: str = ""


def split_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags, cleaned, lower-cased and without repeats, in the order typed."""
    seen: dict[str, None] = {}
    for part in text.split(","):
        tag = clean_line(part).lower()
        if tag:
            seen.setdefault(tag[:MAX_TAG_LENGTH], None)
    return tuple(seen)[:MAX_TAGS]


def join_tags(tags: Iterable[str]) -> str:
    return ", ".join(tags)


def check_reflection(
    *,
    mood: int | None,
    today: date,
    feelings: str = "",
    stage: str | None = None,
    went_well: str = "",
    do_differently: str = "",
    gaps: str = "",
    stumbles: str = "",
    next_step: str = "",
    next_step_on: str = "",
    talk_to: str = "",
    body: str = "",
    feedback: str = "",
) -> ReflectionEntry:
    """A clean ReflectionEntry; only mood is needed. Raises EntryError naming what is wrong."""
    problems = Problems()
    if mood not in MOOD_WORDS:
        problems.add("mood", "Pick a mood from 1 to 5 first — that is all a reflection needs.")
    texts = {"went_well": went_well, "do_differently": do_differently, "stumbles": stumbles, "feedback": feedback}
    cleaned = {name: clean_block(text) for name, text in texts.items()}
    for name, text in cleaned.items():
        problems.add(name, check_length("This answer", text, MAX_NOTE_LENGTH))
    next_step, talk_to = clean_line(next_step), clean_line(talk_to)
    problems.add("next_step", check_length("Next step", next_step, MAX_NAME_LENGTH * 2))
    problems.add("talk_to", check_length("Who to talk to", talk_to, MAX_NAME_LENGTH))
    body = clean_block(body)
    problems.add("body", check_length("The body", body, MAX_BODY_LENGTH))
    step_day = None
    if next_step_on.strip():
        try:
            # A plan: "friday" is the next one. A day gone by stays allowed, so an old reflection still saves.
            step_day = parse_day(next_step_on, today, planned=True)
        except DateError as error:
            problems.add("next_step_on", str(error))
    if stage is not None and stage not in {s.value for s in Stage}:
        problems.add("stage", f'"{stage}" is not a stage.')
    if problems:
        raise EntryError(problems)
    return ReflectionEntry(
        mood=int(mood),  # type: ignore[arg-type]
        feelings=split_tags(feelings),
        stage=Stage(stage) if stage else None,
        gaps=split_tags(gaps),
        next_step=next_step,
        next_step_on=step_day,
        talk_to=talk_to,
        body=body,
        **cleaned,
    )


def tag_suggestions(values: Iterable[Iterable[str]]) -> list[str]:
    """Past tags, most used first (then alphabetical), for completing what is typed."""
    counts = Counter(tag for tags in values for tag in tags)
    return [tag for tag, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def reflection_text(reflection: Reflection, application: Application | ApplicationLabel | None) -> str:
    """Everything searchable in a reflection, with its application's company and role."""
    parts = [
        *reflection.feelings, *reflection.gaps, reflection.went_well, reflection.do_differently,
        reflection.stumbles, reflection.next_step, reflection.talk_to, reflection.body, reflection.feedback,
    ]
    if application is not None:
        parts += [application.company, application.role, application.field]
    return "\n".join(parts).casefold()


def reflection_matches(reflection: Reflection, application: Application | ApplicationLabel | None, query: str) -> bool:
    """True when every word of `query` appears somewhere in the reflection."""
    text = reflection_text(reflection, application)
    return all(word in text for word in query.casefold().split())


def next_steps_due(reflections: Iterable[Reflection], today: date) -> list[Reflection]:
    """Reflections whose dated next step has come (today or earlier) and is not done yet."""
    due = [r for r in reflections if r.next_step and r.next_step_on and r.next_step_on <= today and not r.next_step_done_on]
    return sorted(due, key=lambda r: (r.next_step_on, r.id))


DRAFT_LINE_FIELDS = ("feelings", "gaps", "next_step", "next_step_on", "talk_to")
"""A reflection draft's one-line fields (the editor's inputs), as typed."""
DRAFT_BLOCK_FIELDS = ("went_well", "do_differently", "stumbles", "feedback", "body")
"""A reflection draft's multi-line fields (the editor's text areas), as typed."""


TYPED_OVER = "typed_over"
"""A draft of a saved reflection keeps, under this key, the reflection as its editor last had it (`editor_values`):
what the typing started from, so another window's change since is merged, not written over, when it opens."""


def draft_problems(values: dict[str, Any]) -> dict[str, str]:
    """Why each field of a stored draft can't go back into the editor ({} when all can): a mood is a whole
    number from 1 to 5 or nothing, a stage is one of the stages or nothing, every other field is text."""
    problems: dict[str, str] = {}
    mood = values.get("mood")
    if mood is not None and (isinstance(mood, bool) or not isinstance(mood, int) or mood not in MOOD_WORDS):
        problems["mood"] = f"{_shown(mood)} is not a mood from 1 to 5."
    stage = values.get("stage")
    if stage is not None and stage not in {s.value for s in Stage}:
        problems["stage"] = f"{_shown(stage)} is not one of: {', '.join(s.value for s in Stage)}."
    for name in (*DRAFT_LINE_FIELDS, *DRAFT_BLOCK_FIELDS):
        value = values.get(name, "")
        limit = MAX_BODY_LENGTH if name == "body" else MAX_NOTE_LENGTH
        if not isinstance(value, str):
            problems[name] = f"expected text, found {_shown(value)}."
        elif len(value) > limit:
            problems[name] = f"{number(len(value))} characters; at most {number(limit)} fit."
    return problems


def usable_draft(values: Any) -> dict[str, Any]:
    """A stored draft as the editor can take it: a field of the wrong type or size is left out (the rest
    opens), text has its control characters removed, and fields the editor doesn't have are dropped (what the
    typing started from, `TYPED_OVER`, is kept, taken alike)."""
    if not isinstance(values, dict):
        return {}
    problems = draft_problems(values)
    usable: dict[str, Any] = {}
    for name in ("mood", "stage", *DRAFT_LINE_FIELDS, *DRAFT_BLOCK_FIELDS):
        if name in values and name not in problems:
            value = values[name]
            usable[name] = strip_controls(value) if isinstance(value, str) else value
    if isinstance(values.get(TYPED_OVER), dict):
        usable[TYPED_OVER] = {name: value for name, value in usable_draft(values[TYPED_OVER]).items() if name != TYPED_OVER}
    return usable


def _shown(value: Any) -> str:
    text = f'"{value}"' if isinstance(value, str) else repr(value)
    return strip_controls(text if len(text) <= 40 else text[:37] + "…")


def editor_values(reflection: Reflection | ReflectionEntry | None, stage: Stage | None = None) -> dict[str, Any]:
    """What the reflection editor holds for this reflection (or a new one), field by field as it reads them
    (and as a draft keeps them): tags joined, the day in ISO, text made printable. `stage`: the stage shown
    when the reflection names none (the one the application was rejected at)."""
    r = reflection
    shown = r.stage if r is not None and r.stage is not None else stage
    return {
        "mood": r.mood if r else None,
        "stage": shown.value if shown else None,
        "feelings": printable(join_tags(r.feelings)) if r else "",
        "gaps": printable(join_tags(r.gaps)) if r else "",
        "next_step": printable(r.next_step) if r else "",
        "next_step_on": r.next_step_on.isoformat() if r and r.next_step_on else "",
        "talk_to": printable(r.talk_to) if r else "",
        **{name: printable(getattr(r, name)) if r else "" for name in DRAFT_BLOCK_FIELDS},
    }


def draft_key(reflection_id: int | None, application_id: int | None) -> str:
    """Where an editor keeps its unsaveable text: one draft per reflection, per application, or for a new one."""
    if reflection_id is not None:
        return f"reflection:{reflection_id}"
    if application_id is not None:
        return f"application:{application_id}"
    return "reflection:new"


DRAFT_OPENS = "draft kept · Enter opens it"
"""What a saved reflection's row in the Reflections area says first while a draft of an edit waits."""
NEW_DRAFT_OPENS = "a new one's draft is kept · n opens it"
"""What the Reflections area's title says while a draft of a free-standing reflection waits."""


def application_of_draft(key: str) -> int | None:
    """The application a draft of a new reflection waits on (`draft_key`'s "application:12": 12), or None for
    a draft of a saved reflection or of a free-standing one."""
    kind, _, number = key.partition(":")
    return int(number) if kind == "application" and number.isdigit() else None


def merge_edits(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Two edits of one reflection made from `base` (field by field, as `editor_values` reads them): (the fields
    only `theirs` changed, to take from it; the fields both changed, each its own way). A field only `mine`
    changed, or both changed alike, is mine already."""
    taken: list[str] = []
    clashes: list[str] = []
    for name, value in mine.items():
        was, other = base.get(name), theirs.get(name)
        if other == was or other == value:
            continue
        (taken if value == was else clashes).append(name)
    return tuple(taken), tuple(clashes)


FIELD_WORDS = {
    "mood": "the mood", "feelings": "the feelings", "stage": "how far it got", "went_well": "what went well",
    "do_differently": "what to do differently", "gaps": "the skills to build", "stumbles": "where you stumbled",
    "feedback": "their feedback", "next_step": "the next step", "next_step_on": "the next step's day",
    "talk_to": "who to talk to", "body": "your own words",
}
"""Each field of a reflection as a sentence names it ("changed what went well")."""


def fields_in_words(names: Iterable[str]) -> str:
    """ "the mood and what went well": fields named in a sentence."""
    words = [FIELD_WORDS[name] for name in names]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


ONE_VALUE_FIELDS = ("mood", "stage", "next_step_on")
"""A reflection's fields that hold one value: of two versions that give it differently, one is kept."""


def both_versions(ours: dict[str, Any], theirs: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """One reflection holding the words of two versions of it (editor values, as `editor_values` reads them): a
    rejection keeps one reflection, so another version of it (an import's) joins it rather than standing beside
    it. A field only one fills is that one's; text both fill otherwise is ours, then theirs after a blank line
    (a one-line field: after " / "), unless ours holds theirs already; tags are both sets, once each. Returns the
    values and the one-value fields (`ONE_VALUE_FIELDS`) both give otherwise, where ours is kept."""
    kept = dict(ours)
    differ: list[str] = []
    for name, value in theirs.items():
        mine = kept.get(name)
        if value in (None, "") or value == mine:
            continue
        if mine in (None, ""):
            kept[name] = value
        elif name in ONE_VALUE_FIELDS:
            differ.append(name)
        elif name in ("feelings", "gaps"):
            tags = (tag.strip() for tag in f"{mine},{value}".split(","))
            kept[name] = join_tags(dict.fromkeys(tag for tag in tags if tag))
        elif value not in mine:
            kept[name] = f"{mine}\n\n{value}" if name in DRAFT_BLOCK_FIELDS else f"{mine} / {value}"
    return kept, tuple(differ)
