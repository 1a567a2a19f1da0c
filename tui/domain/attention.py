"""Provides what an application asks of you, worked out once: a follow-up due, a rejection to reflect on,
gone quiet (ghosted?), or nothing (waiting, closed, or settled history). The Inbox's sections and greeting,
its side panel, `onward list` and `show`, and the calendar feed all ask these functions.

The rule (PRODUCT.md "Follow-up due"): an application with no answer gets its follow-ups first — the first
the follow-up interval after applying, each next one the interval after the last, up to the number the user
chose (settings.follow_ups). Only once it has had them all (or gets none: it is past applying) is it
suggested as gone quiet, when nothing has been heard for the ghosted threshold. Settled history asks nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from enum import StrEnum

from tui.domain.dates import day_name
from tui.domain.models import Application, OutcomeKind, Settings, Status
from tui.domain.text import excerpt, number, plural


def follow_ups_made(app: Application) -> list[date]:
    """The days the user followed up on this application, oldest first."""
    return [event.on for event in app.events if event.kind is OutcomeKind.FOLLOWED_UP]


def follow_up_due_on(app: Application, settings: Settings) -> date:
    """The day the next follow-up is due: the follow-up interval after applying, then after each follow-up
    (the cadence); a day the user set for it wins while it is later than the last follow-up."""
    return _due_on(app, follow_ups_made(app), settings)


def window_ends(since: date, days: int) -> date:
    """The day a window of `days` days from `since` runs out, the one boundary of every window: a follow-up
    comes due that day (`follow_up_due_on`), one quiet since `since` has gone quiet that day (`suggests_ghosted`),
    and only what is older, its window run out before today, is history to settle (`settles`)."""
    return since + timedelta(days=days)


def _due_on(app: Application, made: list[date], settings: Settings) -> date:
    """`follow_up_due_on` given the follow-ups made (worked out once per application placed: an imported
    history places thousands at the first paint)."""
    after = made[-1] if made else app.applied_on
    if app.follow_up_on is not None and app.follow_up_on > after:
        return app.follow_up_on
    return window_ends(after, settings.follow_up_after_days)


def is_settled(app: Application) -> bool:
    """History, asked nothing of: an import settled it (older than the follow-up window) and nothing has been
    heard since. It is never a follow-up due, a rejection to reflect on or gone quiet; its records stay.
    (The store's `TO_REFLECT` says the same in SQL.)"""
    return app.settled_through is not None and app.last_heard_on <= app.settled_through


def settled_when_merged(keep: Application, other: Application) -> date | None:
    """The day the application `keep` becomes, with `other` merged into it, is settled through: when both were
    settled history, the later of their days, so it stays settled (nothing was heard of either since: one's
    history is no news to the other); otherwise None: a merge never hides what a live one asks."""
    if is_settled(keep) and is_settled(other):
        assert keep.settled_through is not None and other.settled_through is not None  # is_settled says so
        return max(keep.settled_through, other.settled_through)
    return None


def merged(keep: Application, other: Application, settings: Settings) -> Application:
    """The application `keep` becomes with `other` merged into it, as far as what it asks goes: both timelines,
    the earlier applied day, settled only when both were (`settled_when_merged`), and its next follow-up due
    when the later of the days each live one's was (so it asks what the newer one asked: counted from the
    earlier applied day, a fresh application's follow-up would read weeks overdue), a day set for it if the
    timelines alone don't say so. The merge question says what it will ask from it; the merge writes the same."""
    joined = Application(
        keep.id, keep.company, keep.role, min(keep.applied_on, other.applied_on), keep.field or other.field,
        keep.source or other.source, keep.url or other.url, keep.notes or other.notes,
        follow_up_on=keep.follow_up_on,
        events=tuple(sorted((*keep.events, *other.events), key=lambda event: (event.on, event.id))),
        settled_through=settled_when_merged(keep, other),
    )
    days = [day for day in (next_follow_up_on(keep, settings), next_follow_up_on(other, settings)) if day is not None]
    if days and next_follow_up_on(joined, settings) not in (None, max(days)):
        return replace(joined, follow_up_on=max(days))
    return joined


def waits_for_reflection(app: Application, reflected: bool) -> bool:
    """A rejection with no reflection yet, settled history aside: listed under To reflect on. (The store's
    `TO_REFLECT` says the same in SQL; tests/store/test_same_rules_in_sql.py ties the two.)"""
    return app.status is Status.REJECTED and not reflected and not is_settled(app)


def next_follow_up_on(app: Application, settings: Settings) -> date | None:
    """The day the application's next follow-up is due (today, gone by or ahead), or None when it gets no
    more: it has had an answer, is settled history, or has had the follow-ups the user allows."""
    if is_settled(app) or app.status is not Status.APPLIED or app.has_response:
        return None
    made = follow_ups_made(app)
    if len(made) >= settings.follow_ups:
        return None
    return _due_on(app, made, settings)


def follow_up_planned_on(app: Application, settings: Settings, today: date) -> date | None:
    """A day the user set for the next follow-up (U, `onward follow-up N --on DAY`) while it is still ahead,
    else None (`next_follow_up_on` gives the day due; once it comes, it is a follow-up due)."""
    if app.follow_up_on is None or app.follow_up_on <= today:
        return None  # no day set ahead (most applications): nothing to work out for each row placed
    due = next_follow_up_on(app, settings)
    return due if due is not None and due > today and due == app.follow_up_on else None


def follow_up_planned(app: Application, settings: Settings, today: date) -> str:
    """`follow_up_planned_on` in a few words ("follow-up planned for Sun 20 Dec"), else "": its row, the side
    panel, `onward list` and `show` say it, as the calendar feed holds it."""
    day = follow_up_planned_on(app, settings, today)
    return f"follow-up planned for {day_name(day, today)}" if day is not None else ""


def follow_up_due_since(app: Application, settings: Settings, today: date) -> date | None:
    """The day the follow-up came due when one is due now (`is_follow_up_due`), else None."""
    due = next_follow_up_on(app, settings)
    return due if due is not None and due <= today else None


def is_follow_up_due(app: Application, settings: Settings, today: date) -> bool:
    """No answer yet, fewer follow-ups than the user allows (settings.follow_ups), and the next one's day has
    come, however long it has been quiet: the follow-ups come before any ghosted suggestion."""
    return follow_up_due_since(app, settings, today) is not None


def suggests_ghosted(app: Application, settings: Settings, today: date) -> bool:
    """Still open, nothing heard for the ghosted threshold or longer, and no follow-up left to make (settled
    history never is)."""
    return _quiet(app, settings, today) and next_follow_up_on(app, settings) is None


def _quiet(app: Application, settings: Settings, today: date) -> bool:
    """Open, not settled, and nothing heard for the ghosted threshold: gone quiet, were no follow-up left."""
    return app.status.is_open and not is_settled(app) and window_ends(app.last_heard_on, settings.ghosted_after_days) <= today


def settles(status: Status, last_heard_on: date, settings: Settings, today: date) -> bool:
    """Whether an application with this status, last heard from on this day, is history to settle (an import's
    old rows, the Inbox's bulk "settle old history"): older than the follow-up window, so the Inbox has been
    asking about it since before today (a follow-up due, a rejection to reflect on). One whose window runs out
    today is asked about today like one typed in (a follow-up due today), not history. One still in play
    (screening, interview, final round) is asked nothing until it has gone quiet, so it stays live until it is
    older than the ghosted window: a spreadsheet's "Interviewing" from last week is the search going on, not
    years of history flooding the Inbox. Only what would ask something is settled: an open application or a
    rejection; one ghosted, withdrawn or at an offer asks nothing anyway (`settled_sentence` says so of one an
    older version settled)."""
    # Open past applying: no follow-up is ever due (`next_follow_up_on`), only gone quiet (`suggests_ghosted`).
    if not status.is_open and status is not Status.REJECTED:
        return False  # ghosted, withdrawn, an offer: closed, asking nothing already, so nothing to settle
    window = settings.ghosted_after_days if in_play(status) else settings.follow_up_after_days
    return window_ends(last_heard_on, window) < today


def in_play(status: Status) -> bool:
    """Open past applying (screening, interview, final round): asked nothing until gone quiet, so settled only
    once older than the ghosted window (`settles`)."""
    return status.is_open and status is not Status.APPLIED


def in_play_left_open(statuses: list[Status], settled: list[bool]) -> str:
    """For an import's settle sentence: the rows still in play it leaves unsettled ("1 still in screening,
    interview or final round isn't settled until it has gone quiet"), "" when there are none."""
    left = sum(in_play(status) and not was for status, was in zip(statuses, settled, strict=True))
    if not left:
        return ""
    verb, pronoun = ("isn't", "it has") if left == 1 else ("aren't", "they have")
    return f"{number(left)} still in screening, interview or final round {verb} settled until {pronoun} gone quiet"


class Need(StrEnum):
    """What an application asks of you today (`need_of`)."""

    FOLLOW_UP = "follow-up due"
    TO_REFLECT = "to reflect on"
    GONE_QUIET = "gone quiet"


def need_of(app: Application, reflected: bool, settings: Settings, today: date) -> Need | None:
    """What `app` asks of you today, if anything: the one answer the Inbox's sections and greeting, the side
    panel, `onward list`/`show` and the calendar give. `reflected`: a reflection is saved on it."""
    if waits_for_reflection(app, reflected):
        return Need.TO_REFLECT
    if not app.status.is_open or is_settled(app):
        return None
    due = next_follow_up_on(app, settings)
    if due is None:
        return Need.GONE_QUIET if _quiet(app, settings, today) else None
    return Need.FOLLOW_UP if due <= today else None


def reads_settled(app: Application, reflected: bool) -> bool:
    """Whether `app` reads as settled history (its row, `onward list`, the side panel, `show`): settled
    (`is_settled`), except a rejection reflected on, which reads as any reflected rejection does: closed."""
    return is_settled(app) and not (reflected and app.status is Status.REJECTED)


def settled_sentence(app: Application, reflected: bool) -> str:
    """What settled history means for `app`, in a sentence true of an open one and a closed one alike (the side
    panel and `onward show` say it); "" when it does not read as settled (`reads_settled`)."""
    if not reads_settled(app, reflected):
        return ""
    if app.status.is_open:
        return "Settled history: still open, but asks nothing (no follow-up, not gone quiet); news brings it back."
    if app.status is Status.REJECTED:
        return "Settled history: a closed rejection, not asked to be reflected on (you still can)."
    return f"Settled history: closed ({app.status.label}), asks nothing."


def settles_what(statuses: list[Status]) -> str:
    """What settling applications of these statuses does, for a question or preview: "2 open ones (they will ask
    nothing: …) and 1 rejection (it will not ask …)". Said as what they will do once settled, never as what they
    are now: asked about, most are follow-ups due or gone quiet."""
    open_ones = sum(status.is_open for status in statuses)
    rejections = sum(status is Status.REJECTED for status in statuses)
    parts = []
    if open_ones:
        parts.append(f"{plural(open_ones, 'open one')} ({_they(open_ones)} will ask nothing: no follow-ups, no gone quiet)")
    if rejections:
        parts.append(f"{plural(rejections, 'rejection')} ({_they(rejections)} will not ask to be reflected on)")
    return " and ".join(parts)


def _they(count: int) -> str:
    return "it" if count == 1 else "they"


def settle_question(apps: list[Application]) -> tuple[str, str]:
    """The question settling these applications as history asks, and what it does, in the app and `onward
    settle` alike: ("Settle 3 applications older than the follow-up window as history (Fabrikam — PM, …)?",
    "2 open ones (…) and 1 rejection (…); every record stays, and news brings one back.")."""
    names = ", ".join(excerpt(app.title, 40) for app in apps[:3]) + (f" and {number(len(apps) - 3)} more" if len(apps) > 3 else "")
    question = f"Settle {plural(len(apps), 'application')} older than the follow-up window as history ({names})?"
    return question, f"{settles_what([app.status for app in apps])}; every record stays, and news brings one back."


def standing_words(app: Application, reflected: bool, settings: Settings, today: date) -> str:
    """What it asks of you, or that it is settled history (`settled_sentence` says what that means for it), in a
    few words for a listing ("" when nothing)."""
    need = need_of(app, reflected, settings, today)
    if need is not None:
        return need.value
    return "settled" if reads_settled(app, reflected) else ""


def asks_sentence(app: Application, reflected: bool, settings: Settings, today: date) -> str:
    """What `app` will ask of you, in a sentence for a question about a change (merging two): "It will ask a
    follow-up, due since Tue 8 Dec.", or that it asks nothing."""
    need = need_of(app, reflected, settings, today)
    if need is Need.FOLLOW_UP:
        due = follow_up_due_since(app, settings, today)
        assert due is not None
        return f"It will ask a follow-up, due {'today' if due == today else f'since {day_name(due, today)}'}."
    if need is Need.TO_REFLECT:
        return "It will ask to be reflected on."
    if need is Need.GONE_QUIET:
        return f"It will read as gone quiet (no word for {(today - app.last_heard_on).days} days)."
    if planned := follow_up_planned(app, settings, today):
        return f"It will ask nothing for now: {planned}."
    if reads_settled(app, reflected):
        return "It stays settled history, asking nothing."
    return "It will ask nothing for now."
