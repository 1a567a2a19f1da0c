"""Provides ReflectionRows: reflections, and the drafts an editor keeps until they can be saved."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from tui.domain.models import Reflection, Stage
from tui.store.remembered import writes
from tui.store.rows import NotFound, Rows, new_id, reflection_of

if TYPE_CHECKING:
    from tui.domain.learning import GapMention
    from tui.domain.reflections import ReflectionEntry


class ReflectionRows(Rows):
    """Reflections, and the drafts an editor keeps until they can be saved."""

    def every(self) -> list[Reflection]:
        """Every reflection, newest first."""
        def read() -> list[Reflection]:
            return [reflection_of(row) for row in self._query('SELECT * FROM reflections ORDER BY "on" DESC, id DESC')]

        return list(self.remembered.remember("reflections", read))

    def reflected_application_ids(self) -> frozenset[int]:
        """Applications that have at least one reflection (remembered until reflections change: the Inbox
        asks on every key, and ten years hold 3,000)."""

        def read() -> frozenset[int]:
            rows = self._query("SELECT DISTINCT application_id FROM reflections WHERE application_id IS NOT NULL")
            return frozenset(row["application_id"] for row in rows)

        return self.remembered.remember("reflected_application_ids", read)

    def with_a_step_by(self, day: date) -> list[Reflection]:
        """Reflections whose next step has a day on or before `day` (done or not), by their index."""
        rows = self._query(
            "SELECT * FROM reflections WHERE next_step_on IS NOT NULL AND next_step_on <= ? ORDER BY next_step_on, id",
            [day.isoformat()],
        )
        return [reflection_of(row) for row in rows]

    def of_application(self, application_id: int) -> list[Reflection]:
        rows = self._query("SELECT * FROM reflections WHERE application_id = ? ORDER BY id", [application_id])
        return [reflection_of(row) for row in rows]

    def get(self, reflection_id: int) -> Reflection:
        """One reflection; raises NotFound."""
        rows = list(self._query("SELECT * FROM reflections WHERE id = ?", [reflection_id]))
        if not rows:
            raise NotFound(f"There is no reflection with id {reflection_id}.")
        return reflection_of(rows[0])

    def latest_of_application(self, application_id: int) -> Reflection | None:
        """The latest reflection tied to an application, if any."""
        rows = list(self._query(
            'SELECT * FROM reflections WHERE application_id = ? ORDER BY "on" DESC, id DESC LIMIT 1', [application_id]
        ))
        return reflection_of(rows[0]) if rows else None

    @writes("reflections")
    def insert_reflection(self, entry: ReflectionEntry, on: date, application_id: int | None) -> int:
        values = _reflection_values(entry)
        columns = ", ".join(values)
        cursor = self.db.execute(
            f'INSERT INTO reflections (application_id, "on", {columns}) VALUES (?, ?, {", ".join("?" * len(values))})',
            [application_id, on.isoformat(), *values.values()],
        )
        return new_id(cursor)

    @writes("reflections")
    def update_reflection_row(self, reflection_id: int, entry: ReflectionEntry) -> None:
        values = _reflection_values(entry)
        assignments = ", ".join(f"{column} = ?" for column in values)
        self.db.execute(
            f"UPDATE reflections SET {assignments}, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
            [*values.values(), reflection_id],
        )

    @writes("reflections")
    def set_stage(self, reflection_id: int, stage: Stage | None) -> None:
        """The stage reached a reflection says, kept in step with its application's rejection."""
        self.db.execute("UPDATE reflections SET stage = ? WHERE id = ?", [stage.value if stage else None, reflection_id])

    @writes("reflections")
    def set_next_step_done(self, reflection_id: int, day: date | None) -> None:
        self.db.execute(
            "UPDATE reflections SET next_step_done_on = ? WHERE id = ?", [day.isoformat() if day else None, reflection_id]
        )

    def draft(self, key: str) -> dict[str, str] | None:
        rows = list(self._query("SELECT value FROM drafts WHERE key = ?", [key]))
        return json.loads(rows[0]["value"]) if rows else None

    def draft_keys(self) -> frozenset[str]:
        """The keys of the drafts waiting (`tui.domain.reflections.draft_key`), remembered until drafts change:
        the Inbox asks on every key, and it and the Reflections area point at each draft."""

        def read() -> frozenset[str]:
            return frozenset(row["key"] for row in self._query("SELECT key FROM drafts"))

        return self.remembered.remember("draft_keys", read)

    def drafted_application_ids(self) -> frozenset[int]:
        """Applications a draft of a new reflection waits on."""
        from tui.domain.reflections import application_of_draft  # the draft keys' one reading

        return frozenset(i for key in self.draft_keys() if (i := application_of_draft(key)) is not None)

    def draft_text(self, key: str) -> str | None:
        """A draft as stored (JSON text), or None when there is none."""
        row = self.db.execute("SELECT value FROM drafts WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    @writes("drafts")
    def put_draft(self, key: str, values: dict[str, object]) -> None:
        self.db.execute(
            "INSERT INTO drafts (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            [key, json.dumps(values, ensure_ascii=False)],
        )

    @writes("drafts")
    def delete_draft(self, key: str) -> None:
        self.db.execute("DELETE FROM drafts WHERE key = ?", [key])

    def gap_mentions(self) -> list[GapMention]:
        """The day and the gap tags of every reflection that named some (not whole reflections: ten years of
        them took ~60 ms)."""
        from tui.domain.learning import GapMention  # the learning plan's rules load only when it is worked out

        rows = self.db.execute("SELECT \"on\", gaps FROM reflections WHERE gaps != '[]'").fetchall()
        return [GapMention(date.fromisoformat(on), tuple(json.loads(gaps))) for on, gaps in rows]

    def naming_someone_since(self, since: date) -> list[Reflection]:
        """Reflections since `since` that said whom to talk to."""
        return [reflection_of(row) for row in self._query("SELECT * FROM reflections WHERE \"on\" >= ? AND talk_to != ''", [since.isoformat()])]

    def gaps_by_field(self, since: date) -> tuple[dict[str, list[str]], dict[str, date]]:
        """The gap tags reflections since `since` named, by field key (a tag once per mention), and the day
        each tag was last named. Counted in SQL (~200 reflections a year on a long journal); remembered until
        a reflection, a field or an applied day changes."""

        from tui.domain.broaden import field_key  # the broaden nudge's rules load only when it is worked out

        def read() -> tuple[dict[str, list[str]], dict[str, date]]:
            gaps: dict[str, list[str]] = {}
            last_named: dict[str, date] = {}
            for field, tag, mentions, last in self.db.execute(
                "SELECT applications.field, tag.value, count(*), max(reflections.\"on\") FROM reflections "
                "JOIN applications ON applications.id = reflections.application_id, json_each(reflections.gaps) AS tag "
                "WHERE reflections.\"on\" >= ? AND reflections.gaps != '[]' GROUP BY applications.field, tag.value",
                [since.isoformat()],
            ).fetchall():
                gaps.setdefault(field_key(field), []).extend([tag] * mentions)
                day = date.fromisoformat(last)
                if day > last_named.get(tag, date.min):
                    last_named[tag] = day
            return gaps, last_named

        with self._guarded():
            return self.remembered.remember("gaps_by_field", read, arg=since)


def _reflection_values(entry: ReflectionEntry) -> dict[str, object]:
    return {
        "mood": entry.mood,
        "feelings": json.dumps(list(entry.feelings), ensure_ascii=False),
        "stage": entry.stage.value if entry.stage else None,
        "went_well": entry.went_well,
        "do_differently": entry.do_differently,
        "gaps": json.dumps(list(entry.gaps), ensure_ascii=False),
        "stumbles": entry.stumbles,
        "next_step": entry.next_step,
        "next_step_on": entry.next_step_on.isoformat() if entry.next_step_on else None,
        "talk_to": entry.talk_to,
        "body": entry.body,
        "feedback": entry.feedback,
    }
