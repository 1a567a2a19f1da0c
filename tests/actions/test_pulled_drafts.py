"""The drafts `onward pull` carries over from the journal it replaced (what was typed in an editor while the
journal was behind). Found by a tester: after a fork a draft typed for Xerox (application 2 on that machine)
was put on Yahoo (application 2 on the other) and `e` on Yahoo opened with Xerox's text and stage; and the
same old draft was said again by every later pull.

A pull is simulated as tui/cli.py runs it: the journal's export and `drafts_said` read, then the journal
replaced by the other copy (here: a copy of the other machine's journal file), then `carry_drafts`."""

import json
import shutil
from datetime import timedelta

import pytest

from tests.conftest import TODAY
from tests.journal_steps import add_app
from tui.actions import reflections
from tui.actions.imports import import_onward
from tui.actions.pulled_drafts import carry_drafts, drafts_said
from tui.domain.entries import check_application
from tui.domain.onward_json import read_onward
from tui.store.repository import Journal
from tui.store.transfer import export_journal, json_chunks

XEROX_DRAFT = {"stage": "interview", "went_well": "portfolio walk-through"}


@pytest.fixture
def apart(tmp_path):
    """X and Y, copies of one journal (Acme), each adding its own application while apart: Xerox on X, Yahoo
    on Y, both given id 2. X, behind, keeps a draft for Xerox."""
    base = Journal.open(tmp_path / "x.db")
    day = TODAY - timedelta(days=3)
    add_app(base, check_application(company="Acme", role="Analyst", today=day, applied="today"))
    base.close()
    shutil.copyfile(tmp_path / "x.db", tmp_path / "y.db")
    x, y = Journal.open(tmp_path / "x.db"), Journal.open(tmp_path / "y.db")
    xerox, _ = add_app(x, check_application(company="Xerox", role="Designer", today=TODAY, applied="today"))
    yahoo, _ = add_app(y, check_application(company="Yahoo", role="Writer", today=TODAY, applied="today"))
    assert xerox.id == yahoo.id == 2
    reflections.keep_draft(x, "application:2", XEROX_DRAFT)
    reflections.keep_draft(x, "reflection:new", {"body": "a free thought"})
    yield x, y, tmp_path
    x.close()
    y.close()


def pull(old: Journal, pulled_file, tmp_path, name: str):
    """`onward pull` on `old`: its export and drafts said read, the journal replaced by a copy of `pulled_file`."""
    before, said = "".join(json_chunks(old)), drafts_said(old)
    shutil.copyfile(pulled_file, tmp_path / name)
    pulled = Journal.open(tmp_path / name)
    return pulled, carry_drafts(before, pulled, TODAY, said), before


def test_a_draft_for_an_application_the_pulled_journal_holds_another_under_its_id_is_set_aside(apart):
    x, y, tmp_path = apart
    y.close()
    pulled, drafts, before = pull(x, tmp_path / "y.db", tmp_path, "pulled.db")
    try:
        assert pulled.reflections.draft_text("application:2") is None, "Xerox's draft is not shown on Yahoo"
        assert "a free thought" in (pulled.reflections.draft_text("reflection:new") or "")
        assert (drafts.carried, drafts.new, drafts.set_aside) == (1, 1, ("Xerox — Designer",))
        text = "\n".join(drafts.lines())
        assert "Kept 1 draft typed while this journal was behind" in text
        assert "Set aside 1 draft typed for a record this journal now holds another one under the same id (Xerox — Designer)" in text
        # The import pull prints (the journal it replaced, kept as …-diverged) brings Xerox back under a new id,
        # and its draft with it.
        import_onward(pulled, read_onward(json.loads(before)))
        xerox = next(a for a in pulled.applications.every() if a.company == "Xerox")
        assert xerox.id != 2
        assert json.loads(pulled.reflections.draft_text(f"application:{xerox.id}") or "{}") == XEROX_DRAFT
        assert pulled.reflections.draft_text("application:2") is None
    finally:
        pulled.close()


def test_an_application_at_the_same_company_written_apart_is_told_apart_by_when_it_was_first_written(apart):
    """Both machines added an application at Xerox (another role) while apart: the same company under the same
    id, first written at two moments, is two applications: the draft is set aside."""
    x, y, tmp_path = apart
    with y.transaction():
        y.db.conn.execute("UPDATE applications SET company = 'Xerox', created_at = '2026-12-07T18:02:11Z' WHERE id = 2")
    y.close()
    pulled, drafts, _ = pull(x, tmp_path / "y.db", tmp_path, "pulled.db")
    try:
        assert pulled.applications.get(2).company == "Xerox"
        assert drafts.set_aside == ("Xerox — Designer",) and pulled.reflections.draft_text("application:2") is None
    finally:
        pulled.close()


def test_a_draft_for_an_application_both_hold_goes_back_on_it(apart):
    """The application the draft is for, held by the pulled journal (the same record, edited there or not)."""
    x, y, tmp_path = apart
    reflections.keep_draft(x, "application:1", {"went_well": "on Acme"})
    with y.transaction():  # edited on the other machine
        y.db.conn.execute("UPDATE applications SET role = 'Senior Analyst' WHERE id = 1")
    y.close()
    pulled, drafts, _ = pull(x, tmp_path / "y.db", tmp_path, "pulled.db")
    try:
        assert json.loads(pulled.reflections.draft_text("application:1") or "{}") == {"went_well": "on Acme"}
        assert drafts.carried == 2 and drafts.set_aside == ("Xerox — Designer",)
        assert pulled.applications.get(1).role == "Senior Analyst"
    finally:
        pulled.close()


def test_a_draft_carried_is_said_once_not_by_every_later_pull(apart):
    x, y, tmp_path = apart
    y.close()
    first, drafts, _ = pull(x, tmp_path / "y.db", tmp_path, "first.db")
    assert drafts.new == 1
    # Later: the other machine wrote again; this journal (which never copied the draft to the replica) pulls again.
    second, drafts, _ = pull(first, tmp_path / "y.db", tmp_path, "second.db")
    first.close()
    try:
        assert "a free thought" in (second.reflections.draft_text("reflection:new") or "")  # still carried over
        assert drafts.carried == 1 and drafts.new == 0
        assert not any("Kept" in line for line in drafts.lines())
        # Typed on since: said again.
        reflections.keep_draft(second, "reflection:new", {"body": "a free thought, and more"})
        third, drafts, _ = pull(second, tmp_path / "y.db", tmp_path, "third.db")
        third.close()
        assert drafts.new == 1 and "Kept 1 draft typed while this journal was behind" in "\n".join(drafts.lines())
    finally:
        second.close()


def test_a_draft_editing_a_reflection_on_another_application_under_its_id_is_set_aside(apart):
    """Each machine reflected on its own new application while apart: reflection 1 is on Xerox on X, on Yahoo
    on Y (both application 2, the same day). X's draft editing its reflection 1 is not put on Yahoo's."""
    from tests.journal_steps import reflect
    from tui.domain.reflections import ReflectionEntry

    x, y, tmp_path = apart
    for journal, said in ((x, "Xerox went well"), (y, "Yahoo went well")):
        reflect(journal, ReflectionEntry(mood=3, went_well=said), TODAY, application_id=2)
    reflections.keep_draft(x, "reflection:1", {"went_well": "Xerox went well, and then"})
    y.close()
    pulled, drafts, _ = pull(x, tmp_path / "y.db", tmp_path, "pulled.db")
    try:
        assert pulled.reflections.draft_text("reflection:1") is None
        assert f"the reflection of {TODAY} on Xerox — Designer" in drafts.set_aside
    finally:
        pulled.close()
