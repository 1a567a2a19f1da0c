"""Provides the support circle's rules (strategy 4, seek support): checking a person, who a reflection said
to talk to and whether that talk has happened, whom to suggest after a rejection when nobody has been
contacted for a while, and the short summary of a reflection a person can be asked for advice about."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from tui.domain.dates import day_name
from tui.domain.entries import EntryError, Problems, day_field
from tui.domain.models import STAGE_ORDER, ApplicationLabel, Person, Reflection, Relation, Stage
from tui.domain.reflections import MOOD_WORDS
from tui.domain.text import MAX_NAME_LENGTH, MAX_NOTE_LENGTH, check_length, check_required, clean_block, clean_line, excerpt, matching_key

QUIET_DAYS = 14
"""After a rejection, when nobody has been reached out to for this many days, the kind note names someone."""

REMIND_DAYS = 30
"""A reflection's "who will you talk to" is a reminder in the Inbox for this many days, until the talk is logged."""

FEEDBACK_FROM = Stage.SCREENING
"""Asking for feedback is offered after a rejection at this stage or later (an application-stage no rarely
comes with any)."""

FEEDBACK_OFFER = "Later, asking them for feedback can turn this no into a lesson."
"""Said after the gentle note (tui.domain.encouragement), which may already say "when you're ready": its own
words, so the two read as one set (`after_rejection`)."""

SUGGESTION_ORDER = (Relation.MENTOR, Relation.FRIEND, Relation.FAMILY, Relation.PEER, Relation.OTHER, Relation.RECRUITER)
"""Whom a rejection's note suggests first: the people most likely to help with how it feels."""


def can_ask_for_feedback(stage: Stage | None) -> bool:
    """Whether a rejection at this stage is worth asking feedback on (screening or later)."""
    return stage is not None and STAGE_ORDER.index(stage) >= STAGE_ORDER.index(FEEDBACK_FROM)


@dataclass(frozen=True)
class PersonEntry:
    """A checked person for the support circle, ready to store."""

    name: str
    relation: Relation = Relation.OTHER
    note: str = ""


def check_person(*, name: str, relation: str = "other", note: str = "") -> PersonEntry:
    """A clean PersonEntry, or EntryError naming every field that is wrong."""
    problems = Problems()
    name, note = clean_line(name), clean_block(note)
    problems.add("name", check_required("Name", name, MAX_NAME_LENGTH))
    problems.add("note", check_length("Note", note, MAX_NOTE_LENGTH))
    chosen = Relation.named(relation)
    if chosen is None:
        problems.add("relation", f'"{excerpt(relation, 40)}" is not a relation; use one of: {", ".join(Relation)}.')
    if problems:
        raise EntryError(problems)
    return PersonEntry(name, chosen or Relation.OTHER, note)


def check_contact_day(text: str, today: date) -> date:
    """The day a contact happened ("today", "yesterday", "Dec 2"); EntryError under "on" when it can't be read
    or is ahead (reaching out is something done, not planned: the date reader refuses days to come)."""
    problems = Problems()
    day = day_field(problems, "on", text, today)
    if problems:
        raise EntryError(problems)
    return day


@dataclass(frozen=True)
class ReachOutEntry:
    """A checked "reached out for support": to whom, when, a note; `new_person` when they join the circle."""

    name: str
    on: date
    note: str = ""
    new_person: PersonEntry | None = None


def check_reach_out(*, name: str, on: str, today: date, people: Sequence[Person], note: str = "", relation: str = "friend") -> ReachOutEntry:
    """A clean ReachOutEntry (someone not in the circle joins it with `relation`), or EntryError by field."""
    problems = Problems()
    name, note = clean_line(name), clean_block(note)
    problems.add("name", check_required("Who", name, MAX_NAME_LENGTH))
    problems.add("note", check_length("Note", note, MAX_NOTE_LENGTH))
    day = today
    try:
        day = check_contact_day(on, today)
    except EntryError as error:
        problems.add("on", error.problems.first())
    new_person = None
    called = people_called(people, name) if name else []
    if len(called) > 1:
        problems.add("name", choose_between(name, called))
    elif name and not called:
        try:
            new_person = check_person(name=name, relation=relation)
        except EntryError as error:
            for field_name, message in error.problems.by_field.items():
                problems.add(field_name, message)
    if problems:
        raise EntryError(problems)
    return ReachOutEntry(name, day, note, new_person)


def find_person(people: Iterable[Person], name: str) -> Person | None:
    """The person with this name (case, accents composed or not, and spaces aside), if any."""
    key = matching_key(name)
    return next((person for person in people if matching_key(person.name) == key), None)


def people_called(people: Iterable[Person], name: str) -> list[Person]:
    """Whom a typed `name` means (the one lookup by name, for the app and the command line): the person with
    that full name; else everyone whose first name (or first names) it is ("Sam" finds Sam Lee); else
    everyone whose name starts with it, word by word ("Sa L" finds Sam Lee). One is the person; more are a
    choice to offer (`choose_between`); none, nobody in the circle."""
    circle = list(people)
    exact = find_person(circle, name)
    if exact is not None:
        return [exact]
    typed = _words(name)
    if not typed:
        return []
    *leading, last = typed

    def starts_with_it(person: Person, *, whole_word: bool) -> bool:
        words = _words(person.name)
        if len(words) < len(typed) or words[: len(leading)] != leading:
            return False
        word = words[len(leading)]
        return word == last if whole_word else word.startswith(last)

    for whole_word in (True, False):
        found = [person for person in circle if starts_with_it(person, whole_word=whole_word)]
        if found:
            return found
    return []


def choose_between(name: str, people: Sequence[Person]) -> str:
    """One line naming everyone a typed name could mean, so the person can pick by writing more of it."""
    names = [excerpt(person.name, 30) for person in people]
    listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    return f'"{excerpt(name, 30)}" could be {listed}; write more of the name.'


def people_named(people: Iterable[Person], text: str) -> list[Person]:
    """The people `text` names ("Sam and my mum" names Sam): by full name as whole words, longest names first
    (so "Sam Lee" wins over "Sam"); else by first name, when only one person in the circle has it."""
    words = f" {' '.join(_words(text))} "
    circle = [person for person in people if _words(person.name)]
    named = [person for person in circle if f" {' '.join(_words(person.name))} " in words]
    if named:
        return sorted(named, key=lambda person: -len(person.name))
    first_names: dict[str, list[Person]] = {}
    for person in circle:
        first_names.setdefault(_words(person.name)[0], []).append(person)
    return [group[0] for first, group in first_names.items() if len(group) == 1 and f" {first} " in words]


def _words(text: str) -> list[str]:
    return "".join(char if char.isalnum() else " " for char in matching_key(text)).split()


@dataclass(frozen=True)
class TalkReminder:
    """A reflection said whom to talk to, and no contact with them is logged since."""

    reflection: Reflection
    person: Person | None
    """The circle's person the reflection names (None: someone not in the circle yet)."""

    @property
    def name(self) -> str:
        return self.person.name if self.person is not None else self.reflection.talk_to


def talk_reminders(reflections: Iterable[Reflection], people: Sequence[Person], today: date) -> list[TalkReminder]:
    """Reflections of the last REMIND_DAYS whose "who will you talk to" has had no contact logged since the
    reflection's day (with anyone it names in the circle), oldest first."""
    reminders = []
    for reflection in reflections:
        if not reflection.talk_to.strip() or (today - reflection.on).days > REMIND_DAYS or reflection.on > today:
            continue
        named = people_named(people, reflection.talk_to)
        if any(person.last_contacted is not None and person.last_contacted >= reflection.on for person in named):
            continue
        reminders.append(TalkReminder(reflection, named[0] if named else None))
    return sorted(reminders, key=lambda reminder: (reminder.reflection.on, reminder.reflection.id))


def reminder_text(reminder: TalkReminder, company: str | None) -> str:
    """"Talk to Sam about Acme"."""
    return f"Talk to {reminder.name}" + (f" about {company}" if company else "")


def reminder_hint(reminder: TalkReminder, today: date) -> str:
    """"c once you've talked · from your reflection, Sun 29 Nov"."""
    return f"c once you've talked · from your reflection, {day_name(reminder.reflection.on, today)}"


def suggest_someone(people: Sequence[Person], last_reached_out: date | None, today: date) -> Person | None:
    """Whom a rejection's note names when nobody has been reached out to for QUIET_DAYS (None otherwise, or
    with an empty circle): a mentor, friend or family first, the one not heard from longest within that."""
    if not people or (last_reached_out is not None and (today - last_reached_out).days < QUIET_DAYS):
        return None
    return min(
        people,
        key=lambda person: (
            SUGGESTION_ORDER.index(person.relation),
            person.last_contacted or date.min,
            matching_key(person.name),
        ),
    )


def after_rejection(seed: int, someone: Person | None, stage: Stage | None) -> str:
    """The kind words after a rejection, wherever it is logged: a gentle note (`seed` picks it), then whom to talk
    to (`suggest_someone`) or, at screening or later, asking them for feedback; no phrase said twice."""
    from tui.domain.encouragement import rejection_note

    words = [rejection_note(seed)]
    if someone is not None:
        words.append(suggestion_note(someone))
    elif can_ask_for_feedback(stage):
        words.append(FEEDBACK_OFFER)
    return " ".join(words)


def suggestion_note(person: Person) -> str:
    """The kind line after a rejection that names someone to talk to."""
    return f"It's been a while since you talked to anyone about the search — maybe tell {excerpt(person.name, 40)} how it went?"


def last_contacted_phrase(person: Person, today: date) -> str:
    """"talked today", "talked Mon", "talked 2026-10-01", or "not yet"."""
    if person.last_contacted is None:
        return "not contacted yet"
    return f"last talked {day_name(person.last_contacted, today)}"


# Asking someone for advice: a short summary of a reflection to paste into a message.

SHARED_BY_DEFAULT = ("application", "stage", "went_well", "do_differently", "gaps", "next_step")
"""What a shared summary holds unless the user takes it out: the facts and the lessons."""
PRIVATE_FIELDS = ("mood", "feelings", "stumbles", "feedback", "body")
"""What stays out unless the user chooses it: how it felt, and the private notes."""
SHARE_LABELS = {
    "application": "Which application",
    "stage": "How far it got",
    "went_well": "What went well",
    "do_differently": "What I'd do differently",
    "gaps": "Skills to build",
    "next_step": "My next step",
    "mood": "How I feel",
    "feelings": "Feelings",
    "stumbles": "Where I stumbled",
    "feedback": "Their feedback",
    "body": "My notes",
}


def share_text(reflection: Reflection, application: ApplicationLabel | None, include: Iterable[str], to: str = "") -> str:
    """A plain-text summary of a reflection holding only the `include`d parts, to ask someone for advice."""
    chosen = set(include)
    to = excerpt(clean_line(to), 60)
    lines = [f"Hi {to}," if to else "Hi,", "", "I'd value your advice on a job application that didn't work out."]
    values: dict[str, str] = {
        "application": f"{application.company} — {application.role}" if application else "",
        "stage": f"rejected at the {reflection.stage.label} stage" if reflection.stage else "",
        "went_well": reflection.went_well,
        "do_differently": reflection.do_differently,
        "gaps": ", ".join(reflection.gaps),
        "next_step": reflection.next_step,
        "mood": f"{reflection.mood} of 5 ({MOOD_WORDS.get(reflection.mood, '')})",
        "feelings": ", ".join(reflection.feelings),
        "stumbles": reflection.stumbles,
        "feedback": reflection.feedback,
        "body": reflection.body,
    }
    body = []
    for name in (*SHARED_BY_DEFAULT, *PRIVATE_FIELDS):
        text = clean_block(values[name]).strip()
        if name in chosen and text:
            if "\n" in text:
                body += [f"{SHARE_LABELS[name]}:", *(f"  {line}" for line in text.splitlines())]
            else:
                body.append(f"{SHARE_LABELS[name]}: {text}")
    lines += ["", *body] if body else []
    lines += ["", "What would you suggest?"]
    return "\n".join(lines)


def share_fields(reflection: Reflection, application: ApplicationLabel | None) -> list[str]:
    """The parts of this reflection that have something to share, in the order the summary lists them."""
    present = {
        "application": application is not None, "stage": reflection.stage is not None,
        "went_well": bool(reflection.went_well.strip()), "do_differently": bool(reflection.do_differently.strip()),
        "gaps": bool(reflection.gaps), "next_step": bool(reflection.next_step.strip()), "mood": True,
        "feelings": bool(reflection.feelings), "stumbles": bool(reflection.stumbles.strip()),
        "feedback": bool(reflection.feedback.strip()), "body": bool(reflection.body.strip()),
    }
    return [name for name in (*SHARED_BY_DEFAULT, *PRIVATE_FIELDS) if present[name]]


def check_share_fields(names: Iterable[str]) -> tuple[str, ...]:
    """The names as given, or EntryError naming what is not a part of a reflection."""
    chosen = tuple(dict.fromkeys(name.strip().lower() for name in names if name.strip()))
    unknown = [name for name in chosen if name not in SHARE_LABELS]
    if unknown:
        problems = Problems()
        problems.add("include", f'"{unknown[0]}" is not a part of a reflection; use: {", ".join(SHARE_LABELS)}.')
        raise EntryError(problems)
    return chosen
