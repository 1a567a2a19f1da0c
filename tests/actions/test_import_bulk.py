"""Importing ten years (issue 26): the file read a piece at a time reads as read whole, the preview's plan is
written only while the journal is unchanged, and automatic wins settled a batch of applications at a time
end as one at a time would — so an export imported into an empty journal exports the same file."""

import json
from datetime import timedelta

import pytest

from tests.benchmarks.journals import make_journal
from tests.conftest import TODAY
from tui.actions import automatic_wins, reflections, steps, wins
from tui.actions.imports import import_onward, plan_import, read_import
from tui.actions.results import Refused
from tui.domain.entries import ActionEntry, ApplicationEntry
from tui.domain.models import ActionKind
from tui.domain.onward_json import read_onward, read_onward_pieces
from tui.store.repository import Journal
from tui.store.transfer import dumps, json_chunks


def text_of(journal: Journal) -> str:
    return "".join(json_chunks(journal))


@pytest.fixture
def varied(demo_path):
    """The demo journal (people, learning, feedback, interviews planned and moved, merges) after use — a
    removed automatic win, drafts, a rest day, a theme — with a few months more written through the actions:
    more applications than are settled one at a time."""
    journal = Journal.open(demo_path)
    automatic = next(w for w in journal.wins.every() if w.automatic)
    wins.remove_win(journal, automatic.id)
    reflections.keep_draft(journal, "application:3", {"went_well": "half a thought"})
    # As an editor keeps one while another window changed the same reflection: with what its typing started from.
    first = journal.reflections.every()[-1].id
    reflections.keep_draft(journal, f"reflection:{first}", {"mood": 2, "went_well": "mine", "typed_over": {"mood": 2, "went_well": "before"}})
    steps.mark_rest_day(journal, TODAY - timedelta(days=2), True, TODAY)
    steps.remember_theme(journal, "textual-light")
    steps.log_action(journal, ActionEntry(ActionKind.NETWORKING, TODAY, "coffee with Sam"))
    journal.close()
    make_journal(demo_path, 0.15)  # ~150 applications more, with outcomes, steps, reflections and wins
    journal = Journal.open(demo_path)
    assert len(journal.applications.every()) > 3 * automatic_wins.MANY_APPLICATIONS
    yield journal
    journal.close()


def test_a_varied_export_imported_into_an_empty_journal_exports_the_same_file(varied, tmp_path):
    first = text_of(varied)
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")
    fresh = Journal.open(tmp_path / "fresh.db")
    chosen = read_import("json", path, journal_path=fresh.path, today=TODAY)
    chosen.preview(fresh, TODAY)
    chosen.write(fresh, TODAY)
    assert text_of(fresh) == first
    assert [(a.id, a.status, a.last_heard_on) for a in fresh.applications.every()] == [
        (a.id, a.status, a.last_heard_on) for a in varied.applications.every()
    ]
    fresh.close()


def test_automatic_wins_settled_in_batches_end_as_one_at_a_time(varied, tmp_path, monkeypatch):
    """A version 1 file has no causes on its automatic wins: they are posted again from their outcomes and
    reflections, in the same order (same ids) whichever way the applications are settled."""
    data = json.loads(text_of(varied))
    data["version"] = 1
    for win in data["wins"]:
        if win["automatic"] and win["cause"].startswith(("event:", "reflection:")):
            win["cause"] = None
    results = []
    for many in (automatic_wins.MANY_APPLICATIONS, 10**9):  # batches, then one at a time
        monkeypatch.setattr(automatic_wins, "MANY_APPLICATIONS", many)
        fresh = Journal.open(tmp_path / f"fresh-{many}.db")
        import_onward(fresh, read_onward(data, TODAY))
        # Without when each was first written: a win posted again is stamped as it is posted, a second apart maybe.
        text = json.dumps(without_moments(json.loads(text_of(fresh))))
        results.append((text, [(a.id, a.status, a.last_heard_on) for a in fresh.applications.every()]))
        fresh.close()
    assert results[0] == results[1]
    posted = json.loads(results[0][0])["wins"]
    assert sum(1 for w in posted if (w["cause"] or "").startswith(("event:", "reflection:"))) > 50


def pieces(text: str, size: int) -> list[str]:
    return [text[start:start + size] for start in range(0, len(text), size)]


def test_a_file_read_a_piece_at_a_time_reads_as_read_whole(varied):
    text = text_of(varied)
    whole = read_onward(json.loads(text), TODAY)
    for size in (1, 7, 4096, len(text)):
        assert read_onward_pieces(pieces(text, size), TODAY) == whole
    # Written by hand: indented, its lists in another order (wins after the steps they name, format last),
    # with keys Onward does not read.
    data = json.loads(text)
    reordered = {"note": {"by": "hand"}, **{k: v for k, v in data.items() if k not in ("format", "version")}}
    reordered |= {"extra": [12345, [2, {"3": None}]], "count": 67890}  # numbers a piece may cut in two
    reordered |= {"version": data["version"], "format": "onward"}
    assert read_onward_pieces(pieces(json.dumps(reordered, indent=2), 5), TODAY) == whole


@pytest.mark.parametrize("text", [
    '{"format": "onward", "version": 3, "applications": [}',  # not JSON
    '{"format": "onward", "version": 3, "applications": []} trailing',
    '{"format": "onward", "version": 3, "version": 9}',  # a key twice: JSON keeps the last
    '["format", "onward"]',
    '{"format": "onward", "version": 3, "applications": [{"id": 1}], "x": [1,]}',  # a mistake after one Onward refuses
    "",
])
def test_a_file_not_plain_onward_json_is_left_to_the_whole_read(text, tmp_path):
    assert read_onward_pieces(pieces(text, 3), TODAY) is None
    path = tmp_path / "odd.json"
    path.write_text(text, encoding="utf-8")
    try:
        expected = str(read_onward(json.loads(text), TODAY))
    except json.JSONDecodeError as error:
        expected = f"{path} is not JSON: {error.msg} at line {error.lineno}, column {error.colno}."
    except ValueError as error:
        expected = f"{path}: {error}"
    else:
        pytest.fail("the whole read refuses each of these")
    with pytest.raises(Refused) as refused:
        read_import("json", path, journal_path=tmp_path / "j.db", today=TODAY)
    assert str(refused.value) == expected


def test_a_file_that_is_not_utf8_is_named_so(tmp_path):
    path = tmp_path / "latin.json"
    path.write_bytes('{"format": "onward", "version": 3, "applications": [{"company": "Café"}]}'.encode("latin-1"))
    with pytest.raises(Refused, match="is not text"):
        read_import("json", path, journal_path=tmp_path / "j.db", today=TODAY)


def test_the_preview_plan_is_written_only_while_the_journal_is_unchanged(varied, tmp_path, monkeypatch):
    path = tmp_path / "export.json"
    path.write_text(text_of(varied), encoding="utf-8")
    target = Journal.open(tmp_path / "target.db")
    chosen = read_import("json", path, journal_path=target.path, today=TODAY)
    chosen.preview(target, TODAY)
    planned = []
    monkeypatch.setattr("tui.actions.imports.plan_import", lambda *a, **k: planned.append(1) or plan_import(*a, **k))
    # Another window adds one of the file's applications after the preview: the import skips it.
    first = varied.applications.every()[0]
    other = Journal.open(target.path)
    from tui.actions.applications import add_application

    add_application(other, ApplicationEntry(company=first.company, role=first.role, applied_on=first.applied_on))
    other.close()
    assert chosen.write(target, TODAY).message.startswith(f"Imported {len(varied.applications.every()) - 1} applications")
    assert planned == [1]
    assert len(target.applications.every()) == len(varied.applications.every())
    target.close()
    # Nothing changed since the preview: its plan is written.
    fresh = Journal.open(tmp_path / "fresh.db")
    chosen = read_import("json", path, journal_path=fresh.path, today=TODAY)
    chosen.preview(fresh, TODAY)
    planned.clear()
    chosen.write(fresh, TODAY)
    assert planned == [] and text_of(fresh) == text_of(varied)
    fresh.close()


def test_a_file_is_read_as_its_records_are_checked_not_parsed_whole_first(varied):
    """What keeps ten years from being held parsed at once: records are checked as the pieces come, so a
    mistake in the first application is found having read only the start of the file."""
    data = json.loads(text_of(varied))
    data["applications"][0]["applied_on"] = "2026-13-01"
    read = []

    def counted(text):
        for piece in pieces(text, 1000):
            read.append(piece)
            yield piece

    text = json.dumps(data, indent=1)
    assert read_onward_pieces(counted(text), TODAY) is None  # the whole read names the mistake
    assert 0 < len(read) < len(text) / 1000 / 10


def test_wins_are_checked_as_they_come_not_held_parsed_until_the_steps(varied, monkeypatch):
    """An export writes its wins before the people and steps a win may name: they are checked as they are
    read (ten years of wins held parsed until then took ~7 MiB more), and the file reads as read whole."""
    from tui.domain import onward_json

    held = set()
    asked = onward_json._Streamed.get

    def get(self, key, default=None):
        value = asked(self, key, default)
        held.update(self.held)
        return value

    monkeypatch.setattr(onward_json._Streamed, "get", get)
    text = text_of(varied)
    assert text.index('"wins"') < text.index('"actions"')
    assert read_onward_pieces(pieces(text, 1000), TODAY) == read_onward(json.loads(text), TODAY)
    assert "wins" not in held and "actions" not in held


def _schema(journal: Journal) -> list[tuple]:
    return journal.db.conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()


def _step_days(journal: Journal) -> list[tuple]:
    return journal.db.conn.execute('SELECT "on", steps FROM step_days ORDER BY "on"').fetchall()


def test_into_an_empty_journal_the_indexes_built_after_the_rows_are_the_journals_own(varied, tmp_path):
    """An import into an empty journal builds its indexes and counts its steps per day once, after the rows:
    the schema is then exactly a new journal's, the steps per day those the source journal counted one by one,
    and the journal reads as it should (integrity, foreign keys, the same streak)."""
    fresh = Journal.open(tmp_path / "fresh.db")
    before = _schema(fresh)
    import_onward(fresh, read_onward(json.loads(text_of(varied)), TODAY))
    assert _schema(fresh) == before
    assert _step_days(fresh) == _step_days(varied) != []
    assert fresh.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert fresh.db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert fresh.steps.step_counts() == varied.steps.step_counts()
    fresh.close()


def test_an_import_refused_halfway_leaves_the_empty_journal_as_it_was(varied, tmp_path, monkeypatch):
    """A failure after the indexes are dropped (here: writing the wins) takes the whole import back, the
    indexes and the trigger with it: the journal is as it was, and a later import works."""
    from tui.store.records import RecordRows
    from tui.store.repository import JournalError

    fresh = Journal.open(tmp_path / "fresh.db")
    before = _schema(fresh)
    data = read_onward(json.loads(text_of(varied)), TODAY)
    written = RecordRows.put_records

    def failing(self, table, records, *also):
        if table == "wins":
            raise JournalError("The disk is full.")
        written(self, table, records, *also)

    monkeypatch.setattr(RecordRows, "put_records", failing)
    with pytest.raises(JournalError):
        import_onward(fresh, data)
    assert _schema(fresh) == before
    assert fresh.db.conn.execute("SELECT count(*) FROM actions").fetchone()[0] == 0
    monkeypatch.setattr(RecordRows, "put_records", written)
    import_onward(fresh, data)
    assert text_of(fresh) == text_of(varied)
    fresh.close()


def test_a_crash_in_the_middle_of_an_import_leaves_the_empty_journal_as_it_was(varied, tmp_path):
    """The process dies (no rollback, no clean-up) after the indexes were dropped and the steps written: the
    journal opened again has its schema, indexes and trigger, and nothing of the import."""
    import subprocess
    import sys

    path = tmp_path / "export.json"
    path.write_text(text_of(varied), encoding="utf-8")
    fresh = Journal.open(tmp_path / "fresh.db")
    before = _schema(fresh)
    fresh.close()
    code = (
        "import os, sys\nfrom datetime import date\nfrom pathlib import Path\n"
        "from tui.store.records import RecordRows\nfrom tui.store.repository import Journal\n"
        "from tui.actions.imports import read_import\n"
        "written = RecordRows.put_records\n"
        "def dying(self, table, records, *also):\n"
        "    if table == 'wins':\n"
        "        assert self.db.conn.execute(\"SELECT count(*) FROM sqlite_master WHERE name = 'actions_by_day'\").fetchone()[0] == 0\n"
        "        os._exit(9)\n"
        "    written(self, table, records, *also)\n"
        "RecordRows.put_records = dying\n"
        "journal = Journal.open(Path(sys.argv[1]))\n"
        "chosen = read_import('json', Path(sys.argv[2]), journal_path=journal.path, today=date.fromisoformat(sys.argv[3]))\n"
        "chosen.write(journal, date.fromisoformat(sys.argv[3]))\n"
    )
    died = subprocess.run([sys.executable, "-c", code, str(tmp_path / "fresh.db"), str(path), TODAY.isoformat()], capture_output=True, text=True)
    assert died.returncode == 9, died.stderr
    fresh = Journal.open(tmp_path / "fresh.db")
    assert _schema(fresh) == before
    assert fresh.db.conn.execute("SELECT count(*) FROM applications").fetchone()[0] == 0
    assert fresh.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    import_onward(fresh, read_onward(json.loads(path.read_text(encoding="utf-8")), TODAY))
    assert text_of(fresh) == text_of(varied) and _step_days(fresh) == _step_days(varied)
    fresh.close()


def without_moments(data):
    """Onward JSON without when each record was first written (`created_at`): a file from before Onward said it."""
    if isinstance(data, dict):
        return {key: without_moments(value) for key, value in data.items() if key != "created_at"}
    return [without_moments(value) for value in data] if isinstance(data, list) else data


def test_imported_rows_are_stamped_with_the_moment_they_were_written(varied, tmp_path):
    """Each imported row keeps when it was written, as the column's default would stamp it (worked out once
    per batch instead of once per row), when the file does not say when it was first written; when it does,
    the file's moment is kept (a copy made by importing is stamped as the journal it copies)."""
    said = json.loads(text_of(varied))
    kept = Journal.open(tmp_path / "kept.db")
    import_onward(kept, read_onward(said, TODAY))
    assert json.loads(text_of(kept))["actions"] == said["actions"]  # created_at included
    assert {row[0] for row in kept.db.conn.execute("SELECT created_at FROM actions")} == {a["created_at"] for a in said["actions"]}
    kept.close()
    fresh = Journal.open(tmp_path / "fresh.db")
    now = "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
    before = fresh.db.conn.execute(now).fetchone()[0]
    import_onward(fresh, read_onward(without_moments(said), TODAY))
    after = fresh.db.conn.execute(now).fetchone()[0]
    for table, column in (("applications", "created_at"), ("events", "created_at"), ("actions", "created_at"),
                          ("wins", "created_at"), ("people", "created_at"), ("reflections", "updated_at"), ("drafts", "updated_at")):
        stamps = {row[0] for row in fresh.db.conn.execute(f"SELECT {column} FROM {table}")}
        assert stamps and all(before <= stamp <= after for stamp in stamps), (table, stamps)
    fresh.close()


def test_the_applications_made_from_an_imports_records_are_those_the_journal_reads_back(varied, tmp_path):
    """An import into an empty journal settles its applications (status, automatic wins) from the records it
    writes, not read back: they are exactly what the journal reads back, timelines and all, and are written
    with the status the journal would store for them."""
    from tui.domain.onward_json import EventRecord
    from tui.store.records import RecordsAsApplications
    from tui.store.rows import OUTCOME_COLUMNS

    assert EventRecord.COLUMNS == tuple(name.strip(' "') for name in OUTCOME_COLUMNS.split(","))
    parsed = json.loads(text_of(varied))
    first = parsed["applications"][0]
    first |= {"merged_away": [["Old Co", "Analyst", first["applied_on"]]], "settled_through": first["applied_on"], "follow_up_on": "2026-12-01"}
    # An interview attended, then a screening still planned: the screening does not take it back a stage.
    event_id = max(e["id"] for a in parsed["applications"] for e in a["events"])
    parsed["applications"].append({
        "id": max(a["id"] for a in parsed["applications"]) + 1, "company": "Globex", "role": "Analyst", "applied_on": "2026-11-02",
        "events": [
            {"id": event_id + 1, "on": "2026-11-05", "kind": "interview", "stage": None, "note": "", "takes_place_on": "2026-11-09", "held": "attended"},
            {"id": event_id + 2, "on": "2026-11-10", "kind": "screening", "stage": None, "note": "", "takes_place_on": "2026-12-02", "held": "planned"},
        ],
    })
    data = read_onward(parsed, TODAY)
    fresh = Journal.open(tmp_path / "fresh.db")
    import_onward(fresh, data)
    ids = [app["id"] for app in data.applications]
    loaded = RecordsAsApplications(data.applications, data.events, data.reflections)
    assert loaded.by_id([*ids, 10**6]) == fresh.applications.by_id(ids)
    tied = {}
    for reflection in sorted(fresh.reflections.every(), key=lambda r: r.id):
        if reflection.application_id is not None:
            tied.setdefault(reflection.application_id, []).append(reflection)
    assert loaded.reflections_by_application() == tied and any(r.stage for rs in tied.values() for r in rs)
    # Their status, last day heard from and search text, written with them, are those each application's
    # timeline gives (as the journal stores them after any change).
    summaries = loaded.summaries(data.applications)
    stored = dict(zip(ids, zip(summaries["status"], summaries["last_heard_on"], summaries["search"])))
    fresh.applications.put_application_summaries(fresh.applications.by_id(ids))
    again = {row[0]: row[1:] for row in fresh.db.conn.execute("SELECT id, status, last_heard_on, search FROM applications")}
    assert stored == again and len({status for status, _, _ in stored.values()}) > 3
    assert stored[ids[-1]][:2] == ("interview", "2026-11-10")
    fresh.close()


def test_an_export_is_read_many_records_at_a_time_and_reads_as_read_whole(varied, monkeypatch):
    """An export writes a record a line: the records between the start of a piece and its last line's comma are
    read by one call of json's scanner, not one per record, and come out as the file read whole — also when a
    text holds what looks like the end of a line of records, or a line is cut anywhere."""
    from tui.domain import onward_json

    data = json.loads(text_of(varied))
    data["applications"][0]["notes"] = 'ends like a line: "},\\n and },'
    data["actions"][0]["note"] = "},"
    text = dumps(data)  # as the export writes it
    assert text.count(",\n") > 1000
    whole = read_onward(json.loads(text), TODAY)
    calls = []

    class Counted(json.JSONDecoder):
        def raw_decode(self, s, idx=0):
            calls.append(1)
            return super().raw_decode(s, idx)

    monkeypatch.setattr(onward_json, "_DECODER", Counted())
    records = sum(len(data[key]) for key in ("applications", "actions", "wins", "reflections"))
    for size in (1, 50, 4096, 100_000):
        calls.clear()
        assert read_onward_pieces(pieces(text, size), TODAY) == whole
    assert len(calls) < records / 20


def test_a_record_cut_where_a_piece_ends_waits_for_its_line_and_one_long_line_is_read_a_value_at_a_time(varied, monkeypatch):
    """Where a piece of an export ends inside a record, the record is read once the next piece brings its line's
    end, not by json's scanner failing on it first (an error it words with its line, counted from the text's
    start); text written on one line is read a value at a time, not searched for a line's end before each
    record (ten years on one line: 3.5 s)."""
    from tui.domain import onward_json

    data = json.loads(text_of(varied))
    text = dumps(data)  # as the export writes it
    whole = read_onward(json.loads(text), TODAY)
    failed, searched = [], []

    class Counted(json.JSONDecoder):
        def raw_decode(self, s, idx=0):
            try:
                return super().raw_decode(s, idx)
            except ValueError:
                failed.append(idx)
                raise

    monkeypatch.setattr(onward_json, "_DECODER", Counted())
    values = onward_json._Text.values
    monkeypatch.setattr(onward_json._Text, "values", lambda self: (searched.append(1), values(self))[1])
    assert read_onward_pieces(pieces(text, 4096), TODAY) == whole
    assert len(text) // 4096 > 50 and not failed
    one_line = json.dumps(data, separators=(",", ":"))
    searched.clear()
    assert read_onward_pieces(pieces(one_line, 100_000), TODAY) == whole
    assert sum(len(data[key]) for key in ("applications", "actions", "wins", "reflections")) > 1000 and len(searched) <= 10


def test_an_import_posts_every_outcome_and_reflection_win_its_records_earn_and_only_those(varied, tmp_path):
    """Settled once at the end of an import into an empty journal, and only for the applications that may earn
    or hold a win: a file that left its outcome and reflection wins out gets each back — a reflection's on an
    application rejected before any outcome that earns one too — and an automatic win no record earns goes."""
    data = json.loads(text_of(varied))
    automatic = [w for w in data["wins"] if w["automatic"] and (w["cause"] or "").startswith(("event:", "reflection:"))]
    earned = {(w["cause"], w["on"], w["application_id"]) for w in automatic}
    outcome_won = {w["application_id"] for w in automatic if w["cause"].startswith("event:")}
    assert any(w["cause"].startswith("reflection:") and w["application_id"] not in outcome_won for w in automatic)
    data["wins"] = [w for w in data["wins"] if w not in automatic]
    reflected = {r["application_id"] for r in data["reflections"]}
    app, follow_up = next(  # on an application that earns no win at all
        (a, e) for a in data["applications"] for e in a["events"]
        if e["kind"] == "followed_up" and a["id"] not in outcome_won | reflected
    )
    data["wins"].append({
        "id": max(w["id"] for w in data["wins"]) + 1, "on": follow_up["on"], "title": "Followed up", "kind": "other",
        "note": "", "application_id": app["id"], "automatic": True, "cause": f"event:{follow_up['id']}", "seen": True,
    })
    fresh = Journal.open(tmp_path / "fresh.db")
    import_onward(fresh, read_onward(data, TODAY))
    posted = set(fresh.db.conn.execute(
        "SELECT cause, \"on\", application_id FROM wins WHERE automatic = 1 AND (cause LIKE 'event:%' OR cause LIKE 'reflection:%')"
    ))
    assert posted == earned
    fresh.close()
