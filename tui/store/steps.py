"""Provides StepRows: the proactive steps, and the people of the support circle they reach."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import date

from tui.domain.models import ActionKind, Person, ProactiveAction, Relation
from tui.domain.runs import changes_step_days
from tui.store.remembered import LEARNING, writes
from tui.store.rows import OUTCOME_COLUMNS_FOR_STEPS, NotFound, Rows, day_or_none, new_id, outcomes_of, person_of, step_of


def add_missing_outcome_steps(conn: sqlite3.Connection) -> int:
    """Give every outcome that earns a step and has none tied to it its automatic step, of the kind and on the
    day `tui.domain.story.step_earned` (the one rule) gives; returns how many were added. What was written
    before the rule said so (a screening logged as it happened earned none: a journal, an older export) then
    counts as logging it now does. Changes nothing a second time; the steps per day follow (step_days'
    trigger). Runs inside the caller's transaction: a migration's, an import's."""
    from tui.domain.story import STEP_OF_KIND, step_earned  # the timeline's rules: loaded only when a repair may be due

    # Only the kinds that may earn one are read (ten years hold ~5,000 rejections, never a step: ~60 ms of an import).
    kinds = ", ".join(f"'{kind.value}'" for kind in STEP_OF_KIND)
    rows = conn.execute(
        f"SELECT {OUTCOME_COLUMNS_FOR_STEPS} FROM events WHERE kind IN ({kinds}) "
        "AND NOT EXISTS (SELECT 1 FROM actions WHERE actions.event_id = events.id)"
    ).fetchall()
    missing = []
    for event in outcomes_of(rows):
        step = step_earned(event)
        if step is not None:
            day, kind = step
            missing.append((day.isoformat(), kind.value, event.application_id, event.id))
    conn.executemany(
        'INSERT INTO actions ("on", kind, application_id, event_id, automatic) VALUES (?, ?, ?, ?, 1)', missing
    )
    return len(missing)


class StepRows(Rows):
    """The proactive steps, and the people of the support circle they reach."""

    def every(self, on: date | None = None) -> list[ProactiveAction]:
        """Every proactive action (or those of one day), oldest first."""
        where, params = ('WHERE "on" = ?', [on.isoformat()]) if on else ("", [])
        return [step_of(row) for row in self._query(f'SELECT * FROM actions {where} ORDER BY "on", id', params)]

    def get(self, action_id: int) -> ProactiveAction:
        """One proactive action; raises NotFound."""
        rows = list(self._query("SELECT * FROM actions WHERE id = ?", [action_id]))
        if not rows:
            raise NotFound(f"There is no action with id {action_id}.")
        return step_of(rows[0])

    def between(self, since: date, until: date) -> list[ProactiveAction]:
        """Proactive actions from `since` to `until` (both included), oldest first."""
        rows = self._query('SELECT * FROM actions WHERE "on" BETWEEN ? AND ? ORDER BY "on", id', [since.isoformat(), until.isoformat()])
        return [step_of(row) for row in rows]

    @writes("actions", spares=lambda rows, on, kind, *rest, **named: () if kind is ActionKind.LEARNING else [LEARNING])
    def insert_action(
        self,
        on: date,
        kind: ActionKind,
        *,
        note: str = "",
        application_id: int | None = None,
        event_id: int | None = None,
        reflection_id: int | None = None,
        automatic: bool = False,
        person_id: int | None = None,
        gaps: Sequence[str] = (),
    ) -> int | None:
        """Store one step; None when the reflection already has that step on that day."""
        cursor = self.db.execute(
            'INSERT OR IGNORE INTO actions ("on", kind, note, application_id, event_id, reflection_id, automatic, '
            "person_id, gaps) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                on.isoformat(), kind.value, note, application_id, event_id, reflection_id, int(automatic),
                person_id, json.dumps(list(gaps), ensure_ascii=False),
            ],
        )
        if cursor.rowcount:
            # Most keys add one step: count it into the remembered steps per day rather than re-reading 10 years.
            self.remembered.count_in("step_counts", "actions", lambda counts: self.counted_in(counts, {on: 1}))
        return new_id(cursor) if cursor.rowcount else None

    @writes("actions", spares=[LEARNING])
    def move_applied_action(self, application_id: int, day: date) -> None:
        """Keep the automatic 'applied' step on the application's applied day."""
        self.db.execute(
            'UPDATE actions SET "on" = ? WHERE application_id = ? AND kind = ? AND automatic = 1 AND event_id IS NULL',
            [day.isoformat(), application_id, ActionKind.APPLIED.value],
        )

    @writes("actions", spares=[LEARNING])
    def add_missing_outcome_steps(self) -> int:
        """`add_missing_outcome_steps` on this journal (what an import brought in): how many steps were added."""
        return add_missing_outcome_steps(self.db.conn)

    def of_application(self, application_id: int) -> list[ProactiveAction]:
        rows = self._query('SELECT * FROM actions WHERE application_id = ? ORDER BY "on", id', [application_id])
        return [step_of(row) for row in rows]

    def of_event(self, event_id: int) -> list[ProactiveAction]:
        """The steps an outcome earned (a follow-up, an interview attended)."""
        return [step_of(row) for row in self._query('SELECT * FROM actions WHERE event_id = ? ORDER BY "on", id', [event_id])]

    @writes("actions")
    def update_action_row(self, action_id: int, on: date, kind: ActionKind, note: str) -> None:
        self.db.execute(
            'UPDATE actions SET "on" = ?, kind = ?, note = ? WHERE id = ?', [on.isoformat(), kind.value, note, action_id]
        )

    def step_counts(self) -> dict[date, int]:
        """How many proactive actions each day has (days without any are absent)."""
        return dict(self.held_step_counts())

    def held_step_counts(self) -> dict[date, int]:
        """The remembered steps per day itself (callers must not change it)."""
        def read() -> dict[date, int]:
            self.remembered.note_step_days()
            rows = self._query('SELECT "on", steps FROM step_days')  # kept by triggers (migration 11)
            return {date.fromisoformat(row["on"]): row["steps"] for row in rows}

        return self.remembered.remember("step_counts", read)

    def steps_on(self, day: date) -> int:
        """How many steps `day` holds: its one row of the steps per day, not ten years of them."""
        row = self.db.execute('SELECT steps FROM step_days WHERE "on" = ?', [day.isoformat()]).fetchone()
        return row[0] if row else 0

    def counted_in(self, counts: dict[date, int], moved: Mapping[date, int]) -> dict[date, int]:
        """Steps per day after `moved`; notes when a day gains its first step or loses its last."""
        result = dict(counts)
        for day, change in moved.items():
            before = result.get(day, 0)
            now = before + change
            if now > 0:
                result[day] = now
            else:
                result.pop(day, None)
            if changes_step_days(before, now):
                self.remembered.note_step_days()
        return result

    def people(self) -> list[Person]:
        """Everyone in the support circle with the last day a step reached out to them, by name."""

        def read() -> list[Person]:
            rows = self._query(
                'SELECT people.*, (SELECT max("on") FROM actions WHERE person_id = people.id) AS last_contacted '
                "FROM people ORDER BY name COLLATE NOCASE, id"
            )
            return [person_of(row) for row in rows]

        with self._guarded():
            return list(self.remembered.remember("people", read))

    def person(self, person_id: int) -> Person:
        """One person of the circle; raises NotFound."""
        for person in self.people():
            if person.id == person_id:
                return person
        raise NotFound(f"There is no person with id {person_id}.")

    @writes("people")
    def insert_person(self, name: str, relation: Relation, note: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO people (name, relation, note) VALUES (?, ?, ?)", [name, relation.value, note]
        )
        return new_id(cursor)

    @writes("people")
    def update_person_row(self, person_id: int, name: str, relation: Relation, note: str) -> None:
        self.db.execute(
            "UPDATE people SET name = ?, relation = ?, note = ? WHERE id = ?", [name, relation.value, note, person_id]
        )

    def of_person(self, person_id: int) -> list[ProactiveAction]:
        """The steps that reached out to one person, oldest first."""
        return [
            step_of(row)
            for row in self._query('SELECT * FROM actions WHERE person_id = ? ORDER BY "on", id', [person_id])
        ]

    def last_of_kind(self, kind: ActionKind) -> date | None:
        """The latest day with a step of this kind (say, the last time anyone was reached out to)."""
        row = self.db.execute(
            'SELECT max("on") FROM actions WHERE kind = ?', [kind.value]
        ).fetchone()
        return day_or_none(row[0])

    def learning_steps(self) -> list[ProactiveAction]:
        """Every learning step that names gap tags, oldest first."""

        def read() -> list[ProactiveAction]:
            rows = self._query(
                # The partial index holds just these (the planner would walk every learning step by kind).
                "SELECT * FROM actions INDEXED BY actions_learning_gaps WHERE kind = 'learning' AND gaps != '[]' "
                "ORDER BY \"on\", id"
            )
            return [step_of(row) for row in rows]

        with self._guarded():
            return list(self.remembered.remember("learning_steps", read))

    def feedback_asked(self) -> dict[int, date]:
        """The day the user first asked each employer for feedback, by application."""

        def read() -> dict[int, date]:
            rows = self.db.execute(
                'SELECT application_id, min("on") FROM actions WHERE kind = ? AND application_id IS NOT NULL '
                "GROUP BY application_id",
                [ActionKind.ASKED_FEEDBACK.value],
            ).fetchall()
            return {application_id: date.fromisoformat(on) for application_id, on in rows}

        with self._guarded():
            return dict(self.remembered.remember("feedback_asked", read))
