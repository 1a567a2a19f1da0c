"""Provides keeping automatic wins in step with one change: only the wins that change can affect."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING

from tui.domain.changes import Delete, Record, Reinsert, Restore, Step
from tui.domain.models import Application, Reflection
from tui.domain.wins import (
    APPLICATION_MILESTONES,
    OUTCOME_WIN_KINDS,
    AutomaticWin,
    application_count_wins,
    outcome_wins,
    reflection_wins,
    streak_wins,
)
from tui.store.repository import Journal, NotFound

if TYPE_CHECKING:
    from tui.store.records import RecordsAsApplications


class _Deferred:
    """What the actions of a bulk load asked to settle, settled once at its end. (A plain class: it is
    defined for every write, and building it as a dataclass was ~0.4 ms of `onward add`.)"""

    def __init__(self) -> None:
        self.applications: set[int] = set()
        self.counts = False
        self.streak = False
        self.learning: set[int] = set()


_BULK: dict[int, _Deferred] = {}
"""Journals (by id) in the middle of a bulk load."""


def in_bulk(journal: Journal) -> bool:
    return id(journal) in _BULK


@contextmanager
def bulk(journal: Journal) -> Iterator[None]:
    """Many actions as one (an import, the demo): one transaction, automatic wins settled once at the end,
    and no undo records (the load as a whole is what one would take back)."""
    deferred = _Deferred()
    _BULK[id(journal)] = deferred
    try:
        with journal.transaction():
            yield
            del _BULK[id(journal)]
            refresh_automatic_wins(
                journal, applications=deferred.applications, counts=deferred.counts, streak=deferred.streak,
                learning=deferred.learning,
            )
    finally:
        _BULK.pop(id(journal), None)


def refresh_automatic_wins(
    journal: Journal,
    *,
    applications: Iterable[int] = (),
    counts: bool = False,
    streak: bool = False,
    move_days: bool = True,
    learning: Iterable[int] = (),
    loaded: RecordsAsApplications | None = None,
) -> list[Step]:
    """Post the wins these causes now earn and remove the ones they no longer do (never a buried one).

    `applications`: their outcome and reflection wins (and their stored status); `counts`: the 1st, 10th… application milestones;
    `streak`: the streak milestones (any change to steps, rest days or rest weekdays); `learning`: these
    steps' "skill learned" wins (a learning step naming gaps posts one); `move_days`: also move
    a milestone to the day it is now reached on; `loaded`: the applications and reflections as the records
    just written hold them, with their status (an import into an empty journal: settled without reading them
    back, nor storing their status again).
    Returns the undo steps that put the wins back exactly as they were (same ids, same days).
    """
    deferred = _BULK.get(id(journal))
    if deferred is not None:
        deferred.applications.update(applications)
        deferred.counts |= counts
        deferred.streak |= streak
        deferred.learning.update(learning)
        return []
    undo: list[Step] = []
    chosen = list(set(applications))
    if len(chosen) > MANY_APPLICATIONS or loaded is not None:
        undo += _settle_applications(journal, chosen, move_days, loaded)
        chosen = []
    for application_id in chosen:
        try:
            app = journal.applications.get(application_id)
        except NotFound:
            continue  # removed: its wins went with it
        journal.applications.put_application_summary(app.id)  # the status the Inbox reads follows the timeline
        undo += _settle(journal, _earned(app, journal.reflections.of_application(app.id)), _held_for(journal, app.id), move_days)
    if counts:
        first = journal.applications.first_applications(max(APPLICATION_MILESTONES))
        undo += _settle(journal, application_count_wins(first), journal.wins.automatic_wins_held(prefix="applications:"), move_days)
    if streak:
        # The streak (and the views beside it) load only when its milestones may move: not for most adds.
        from tui.actions import views

        undo += _settle(journal, streak_wins(views.streak_runs(journal)), journal.wins.automatic_wins_held(prefix="streak:"), move_days)
    if learning:
        from tui.domain.learning import learning_wins  # the learning plan's rules load only for a learning step
    for action_id in set(learning):
        try:
            wanted = learning_wins([journal.steps.get(action_id)])
        except NotFound:
            wanted = []  # removed: its win goes too
        cause = f"learned:{action_id}"
        held = {key: win for key, win in journal.wins.automatic_wins_held(prefix=cause).items() if key == cause}
        undo += _settle(journal, wanted, held, move_days)
    return undo


def _earned(app: Application, reflections: Iterable[Reflection]) -> list[AutomaticWin]:
    """The outcome and reflection wins `app` (with `reflections` on it) earns with the timeline it has."""
    return outcome_wins([app]) + reflection_wins(reflections, {app.id: app})


def _held_for(journal: Journal, application_id: int) -> dict[str, tuple[int, str, int | None]]:
    """The outcome and reflection wins stored for one application: cause -> (id, day, application id)."""
    held = journal.wins.automatic_wins_held(application_id=application_id)
    return {cause: win for cause, win in held.items() if cause.startswith(("event:", "reflection:"))}


def wins_lost_without_event(journal: Journal, event_id: int) -> list[int]:
    """The automatic wins removing this outcome takes besides its own (as refresh_automatic_wins will): the
    win of a reflection saved on a rejection, once removing the rejection leaves the application not rejected."""
    event = journal.applications.event(event_id)
    app = journal.applications.get(event.application_id)
    without = replace(app, events=tuple(e for e in app.events if e.id != event_id))
    still = {win.cause for win in _earned(without, journal.reflections.of_application(app.id))}
    own = f"event:{event_id}"  # the outcome's own win: tied to it (records.tied_to)
    return sorted(win_id for cause, (win_id, _, _) in _held_for(journal, app.id).items() if cause not in still and cause != own)


def wins_a_removal_takes(journal: Journal, record: Record, record_id: int) -> list[int]:
    """The automatic wins removing this record takes besides those tied to it (as the remover's
    refresh_automatic_wins will): a reflection's win for a rejection no longer there, a streak milestone its
    steps held up, an application count it made, a learning step's win. For the removal question, so it names
    every win it takes (a milestone the refresh posts again for a run that still reaches it is not taken)."""
    if record is Record.WIN:
        return []
    tied = journal.records.tied_to(record, record_id)
    lost = wins_lost_without_event(journal, record_id) if record is Record.EVENT else []
    step_ids = [record_id] if record is Record.ACTION else tied.get(Record.ACTION, [])
    if step_ids:
        from tui.actions import views  # the streak's rules load only for a removal that takes steps
        from tui.domain.streak import streak_runs

        counts = dict(journal.steps.held_step_counts())  # remembered: changed only in this copy
        for step_id in step_ids:
            day = journal.steps.get(step_id).on
            counts[day] = counts.get(day, 0) - 1
        runs = streak_runs(counts, views.rhythm(journal))  # as views.streak_runs will read them once it is gone
        lost += _lost(journal, streak_wins(runs), journal.wins.automatic_wins_held(prefix="streak:"))
    if record is Record.ACTION:
        cause = f"learned:{record_id}"
        lost += [win_id for key, (win_id, _, _) in journal.wins.automatic_wins_held(prefix=cause).items() if key == cause]
    if record is Record.APPLICATION:
        first = [sent for sent in journal.applications.first_applications(max(APPLICATION_MILESTONES) + 1) if sent.id != record_id]
        wanted = application_count_wins(first[: max(APPLICATION_MILESTONES)])
        lost += _lost(journal, wanted, journal.wins.automatic_wins_held(prefix="applications:"))
    tied_wins = set(tied.get(Record.WIN, []))
    return sorted({win_id for win_id in lost if win_id not in tied_wins})


def _lost(journal: Journal, wanted: list[AutomaticWin], held: Mapping[str, tuple[int, str, int | None]]) -> list[int]:
    """The held wins `_settle` would remove for `wanted`, less those it posts again under a new cause for the
    same milestone (a streak run that starts a day later still reaches its 7 days)."""
    posted = [win.cause for win in wanted if win.cause not in held]
    buried = journal.wins.buried(posted)
    again = [_milestone(cause) for cause in posted if cause not in buried]
    lost = []
    for cause, (win_id, _, _) in sorted(held.items(), key=lambda item: item[1][0]):
        if any(win.cause == cause for win in wanted):
            continue
        if _milestone(cause) in again:
            again.remove(_milestone(cause))
        else:
            lost.append(win_id)
    return lost


def _milestone(cause: str) -> str:
    """Which milestone a cause is for ("streak:2026-11-02:7" -> "7"; "applications:10" -> "10")."""
    return cause.rsplit(":", 1)[-1]


MANY_APPLICATIONS = 50
"""More applications than this (an import, the demo) are settled a batch at a time (`_settle_applications`)."""
BATCH = 500


def _settle_applications(
    journal: Journal, application_ids: Sequence[int], move_days: bool,
    loaded: RecordsAsApplications | None = None,
) -> list[Step]:
    """What `refresh_automatic_wins` does for each application, in the same order with the same result, reading
    the timelines, reflections and wins of a few hundred at once and storing their statuses in one statement
    (ten years of an import: 2 s one by one); `loaded` has them instead of the journal, their status stored."""
    undo: list[Step] = []
    may_earn: set[int] | None = None
    if loaded is not None:
        read, reflections = loaded.by_id, loaded.reflections_by_application()
        # Only an application with an outcome that earns a win, or a reflection, may earn one (`_earned`): the
        # others are made and settled only when they hold one (ten years: over half of them neither).
        may_earn = loaded.with_outcomes(kind.value for kind in OUTCOME_WIN_KINDS) | set(reflections)
    else:
        read, reflections = journal.applications.by_id, {}
        for reflection in sorted(journal.reflections.every(), key=lambda r: r.id):  # as reflections_for_application reads them
            if reflection.application_id is not None:
                reflections.setdefault(reflection.application_id, []).append(reflection)
    for start in range(0, len(application_ids), BATCH):
        batch = application_ids[start:start + BATCH]
        wins_held = journal.wins.automatic_wins_of(batch)
        if may_earn is not None:  # nothing wanted, nothing held: nothing to settle, nor to make
            apps = {app.id: app for app in read([i for i in batch if i in may_earn or i in wins_held])}
        else:
            apps = {app.id: app for app in read(batch)}
        if loaded is None:
            journal.applications.put_application_summaries(list(apps.values()))
        for application_id in batch:
            app = apps.get(application_id)
            if app is None:
                continue  # removed: its wins went with it
            wanted = _earned(app, reflections.get(app.id, []))
            held = {
                cause: win for cause, win in wins_held.get(app.id, {}).items() if cause.startswith(("event:", "reflection:"))
            }
            if wanted or held:  # nothing wanted, nothing held: nothing to settle (most of ten years' applications)
                undo += _settle(journal, wanted, held, move_days)
    return undo


def _settle(
    journal: Journal, wanted: list[AutomaticWin], held: Mapping[str, tuple[int, str, int | None]], move_days: bool
) -> list[Step]:
    undo: list[Step] = []
    by_cause = {win.cause: win for win in wanted}
    for cause, (win_id, on, application_id) in held.items():
        win = by_cause.get(cause)
        if win is None:
            undo.append(Reinsert(Record.WIN, journal.undo.record_values(Record.WIN, win_id)))
            journal.wins.delete_win_row(win_id)
        elif (
            move_days
            and cause.startswith(("streak:", "applications:"))
            and (win.on.isoformat(), win.application_id) != (on, application_id)
        ):
            # Steps or applications logged for earlier days move the day a milestone was reached, and which
            # application was the 1st, 10th… (titles are left as they are: the user may have made one theirs).
            undo.append(Restore(Record.WIN, win_id, (("on", on), ("application_id", application_id))))
            journal.wins.move_automatic_win(win_id, win.on, win.application_id)
    # A win the user edited (say, to another application) still holds its cause: never post it twice.
    missing = [cause for cause in by_cause if cause not in held]
    missing = [cause for cause in missing if cause not in journal.wins.automatic_causes_held(missing)]
    buried = journal.wins.buried(missing)
    for cause in missing:
        if cause not in buried:
            undo.append(Delete(Record.WIN, journal.wins.post_automatic_win(by_cause[cause])))
    return undo
