import json
from datetime import date

from tui.domain.models import Status
from tui.paths import demo_journal_text
from tui.store.repository import Journal
from tui.store.transfer import export_journal, load_demo

from tests.conftest import TODAY


def test_export_has_the_documented_shape(demo_path):
    journal = Journal.open(demo_path)
    data = export_journal(journal)
    journal.close()
    assert data["format"] == "onward" and data["version"] == 1
    assert set(data) >= {"applications", "reflections", "wins", "actions", "settings"}
    first = data["applications"][0]
    assert set(first) >= {"id", "company", "role", "field", "source", "url", "applied_on", "status", "notes", "events"}
    assert set(first["events"][0]) == {"on", "kind", "stage", "note"}
    assert {w["automatic"] for w in data["wins"]} <= {True, False}
    assert set(data["wins"][0]) >= {"id", "on", "title", "kind", "application_id", "automatic"}
    assert set(data["actions"][0]) == {"id", "on", "kind", "note"}
    statuses = {a["status"] for a in data["applications"]}
    assert statuses <= {s.value for s in Status}
    json.dumps(data)  # serialisable as is


def test_demo_is_believable_and_dated_to_today(demo_path):
    journal = Journal.open(demo_path)
    apps = journal.applications()
    actions = journal.actions()
    journal.close()
    assert 25 <= len(apps) <= 40
    assert 3 <= len({a.field for a in apps}) <= 4
    stages = {a.rejection.stage for a in apps if a.rejection}
    assert len(stages) >= 3, "rejections at different stages"
    assert any(a.status.value in ("interview", "final_round") for a in apps)
    span = (TODAY - min(a.applied_on for a in apps)).days
    assert 35 <= span <= 49, "about six weeks"
    assert max(a.on for a in actions) <= TODAY


def test_demo_moves_with_today(tmp_path):
    later = date(2027, 3, 1)
    journal = Journal.open(tmp_path / "later.db")
    load_demo(journal, json.loads(demo_journal_text()), later)
    latest = max(a.applied_on for a in journal.applications())
    journal.close()
    assert (later - latest).days == 1
