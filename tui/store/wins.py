"""Provides WinRows: the wins, the wall's marks kept up to date per write, and the automatic wins' causes."""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from tui.domain.models import Win, WinKind, WinMark
from tui.store.remembered import part_of_writes, writes
from tui.store.rows import NotFound, Rows, new_id, win_of

if TYPE_CHECKING:
    from tui.domain.entries import WinEntry
    from tui.domain.wins import AutomaticWin


def _newest_first(mark: WinMark) -> tuple[int, int]:
    """The wall's order (newest day first, then newest id) as an ascending key, for `bisect`."""
    return (-mark.on.toordinal(), -mark.id)


class WinRows(Rows):
    """The wins, the wall's marks kept up to date per write, and the automatic wins' causes."""

    def every(self, on: date | None = None) -> list[Win]:
        """Every win (or those of one day), newest first."""
        where, params = ('WHERE "on" = ?', [on.isoformat()]) if on else ("", [])
        return [win_of(row) for row in self._query(f'SELECT * FROM wins {where} ORDER BY "on" DESC, id DESC', params)]

    def marks(self) -> list[WinMark]:
        """Every win's id, day and kind, newest first: what the wall lays itself out by (cards read the rest)."""

        def read() -> list[WinMark]:
            kinds = {kind.value: kind for kind in WinKind}
            rows = self.db.conn.execute('SELECT id, "on", kind FROM wins ORDER BY "on" DESC, id DESC').fetchall()
            return [WinMark(id, date.fromisoformat(on), kinds[kind]) for id, on, kind in rows]

        with self._guarded():
            return list(self.remembered.remember("win_marks", read))

    def by_id(self, ids: Iterable[int]) -> dict[int, Win]:
        """These wins (those that exist), by id."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        return {row["id"]: win_of(row) for row in self._query(f"SELECT * FROM wins WHERE id IN ({marks})", wanted)}

    def get(self, win_id: int) -> Win:
        """One win; raises NotFound."""
        rows = list(self._query("SELECT * FROM wins WHERE id = ?", [win_id]))
        if not rows:
            raise NotFound(f"There is no win with id {win_id}.")
        return win_of(rows[0])

    def unseen_ids(self) -> set[int]:
        """Automatic wins posted since the wall was last opened."""
        return {row["id"] for row in self._query("SELECT id FROM wins WHERE seen = 0")}

    @writes("wins")
    def insert_win(self, entry: WinEntry) -> int:
        """A win the user added: never highlighted as new (it is not news to them)."""
        return self._insert_win(entry.on, entry.title, entry.kind, entry.application_id, note=entry.note, seen=True)

    @part_of_writes("wins")
    def _insert_win(
        self, on: date, title: str, kind: WinKind, application_id: int | None, *, note: str = "",
        cause: str | None = None, seen: bool,
    ) -> int:
        """The write behind `insert_win` and `post_automatic_win`."""
        cursor = self.db.execute(
            'INSERT INTO wins ("on", title, kind, note, application_id, automatic, cause, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [on.isoformat(), title, kind.value, note, application_id, int(cause is not None), cause, int(seen)],
        )
        win_id = new_id(cursor)
        self.keep_marks(add=[WinMark(win_id, on, kind)])
        return win_id

    def keep_marks(self, *, gone: Iterable[int] = (), add: Iterable[WinMark] = (), moved: Mapping[int, date] | None = None) -> None:
        """Inside a write of wins, after it: bring the wall's remembered marks up to date (wins `gone`, marks
        added, wins `moved` to another day) rather than read every win again (~13 ms on ten years)."""
        gone, added, moved = set(gone), list(add), dict(moved or {})

        def update(marks: list[WinMark]) -> list[WinMark]:
            kept = list(marks)
            leaving = gone | moved.keys()
            found: list[int] = []
            # Newest first, and the wins a change takes are nearly always recent: stop once all are found
            # rather than look at every win of ten years (an undo of a screening took ~0.5 ms here).
            for index, mark in enumerate(kept):
                if len(found) == len(leaving):
                    break
                if mark.id in leaving:
                    found.append(index)
            shifted = [kept[index]._replace(on=moved[kept[index].id]) for index in found if kept[index].id not in gone]
            for index in reversed(found):
                del kept[index]
            for mark in added + shifted:
                insort(kept, mark, key=_newest_first)
            return kept

        self.remembered.count_in("win_marks", "wins", update)

    @writes("wins")
    def update_win_row(self, win_id: int, entry: WinEntry) -> None:
        cursor = self.db.execute(
            'UPDATE wins SET title = ?, kind = ?, "on" = ?, application_id = ?, note = ? WHERE id = ?',
            [entry.title, entry.kind.value, entry.on.isoformat(), entry.application_id, entry.note, win_id],
        )
        self.keep_marks(gone=[win_id], add=[WinMark(win_id, entry.on, entry.kind)] if cursor.rowcount else [])

    @writes("wins")
    def delete_win_row(self, win_id: int) -> None:
        self.db.execute("DELETE FROM wins WHERE id = ?", [win_id])
        self.keep_marks(gone=[win_id])

    @writes("win_tombstones")
    def bury(self, cause: str) -> None:
        """Never post the automatic win with this cause again (the user removed it)."""
        self.db.execute("INSERT OR IGNORE INTO win_tombstones (cause) VALUES (?)", [cause])

    @writes("win_tombstones")
    def unbury(self, cause: str) -> None:
        """Let the automatic win with this cause be posted again (its cause is gone; its id may be given again)."""
        self.db.execute("DELETE FROM win_tombstones WHERE cause = ?", [cause])

    def automatic_causes_held(self, causes: Iterable[str]) -> set[str]:
        """Which of these causes already have their win stored."""
        return self._causes_in("wins", causes)

    def buried(self, causes: Iterable[str]) -> set[str]:
        """Which of these causes the user removed, so their wins are never posted again."""
        return self._causes_in("win_tombstones", causes)

    def _causes_in(self, table: str, causes: Iterable[str]) -> set[str]:
        wanted = list(causes)
        if not wanted:
            return set()
        marks = ", ".join("?" * len(wanted))
        return {row["cause"] for row in self._query(f"SELECT cause FROM {table} WHERE cause IN ({marks})", wanted)}

    def automatic_wins_held(
        self, *, application_id: int | None = None, prefix: str | None = None
    ) -> dict[str, tuple[int, str, int | None]]:
        """The automatic wins stored for one application, or whose cause starts with `prefix`:
        cause -> (id, day, application id)."""
        columns = 'id, cause, "on", application_id'
        if application_id is not None:
            rows = self._query(f"SELECT {columns} FROM wins WHERE application_id = ? AND automatic = 1", [application_id])
        else:
            rows = self._query(
                f"SELECT {columns} FROM wins WHERE automatic = 1 AND cause >= ? AND cause < ?", [prefix, f"{prefix}\uffff"]
            )
        return {row["cause"]: (row["id"], row["on"], row["application_id"]) for row in rows}

    @writes("wins")
    def move_automatic_win(self, win_id: int, day: date, application_id: int | None) -> None:
        """Move a posted win to the day (and application) its cause now gives."""
        self.db.execute('UPDATE wins SET "on" = ?, application_id = ? WHERE id = ?', [day.isoformat(), application_id, win_id])
        self.keep_marks(moved={win_id: day})

    @writes("wins")
    def post_automatic_win(self, win: AutomaticWin) -> int:
        """A win Onward posts by itself, highlighted once on the wall."""
        return self._insert_win(win.on, win.title, win.kind, win.application_id, note=win.note, cause=win.cause, seen=False)

    @writes("wins")
    def set_wins_seen(self, before: date | None = None) -> None:
        if before is None:
            self.db.execute("UPDATE wins SET seen = 1 WHERE seen = 0")
        else:
            self.db.execute('UPDATE wins SET seen = 1 WHERE seen = 0 AND "on" < ?', [before.isoformat()])
        self.keep_marks()  # whether a win was seen is not part of its mark: the wall's layout stays good

    def automatic_wins_of(self, application_ids: Sequence[int]) -> dict[int, dict[str, tuple[int, str, int | None]]]:
        """For each of these applications (those with any), its automatic wins as
        `automatic_wins_held(application_id=...)` gives them: cause -> (id, day, application id)."""
        held: dict[int, dict[str, tuple[int, str, int | None]]] = {}
        if not application_ids:
            return held
        marks = ", ".join("?" * len(application_ids))
        rows = self.db.conn.execute(
            f'SELECT id, cause, "on", application_id FROM wins WHERE application_id IN ({marks}) AND automatic = 1',
            list(application_ids),
        )
        for win_id, cause, on, application_id in rows:
            held.setdefault(application_id, {})[cause] = (win_id, on, application_id)
        return held
