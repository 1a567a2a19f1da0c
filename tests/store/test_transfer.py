import json
import re
import sqlite3
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st
from markdown_it import MarkdownIt

from tui.actions import views
from tui.domain.entries import check_application
from tui.domain.models import Status
from tui.domain.reflections import check_reflection
from tui.domain.text import markdown_body
from tui.paths import demo_journal_text
from tui.store.repository import Journal
from tui.actions.load import load_demo
from tui.store.transfer import dumps, export_journal, export_markdown

from tests.conftest import TODAY
from tests.journal_steps import add_app, reflect


def test_export_has_the_documented_shape(demo_path):
    journal = Journal.open(demo_path)
    data = export_journal(journal)
    journal.close()
    assert data["format"] == "onward" and data["version"] == 3
    assert list(data) == [
        "format", "version", "journal", "applications", "reflections", "wins", "removed_automatic_wins", "people", "actions",
        "rest_days", "drafts", "settings",
    ]
    first = data["applications"][0]
    assert set(first) == {"id", "company", "role", "field", "source", "url", "applied_on", "follow_up_on", "status", "notes", "events",
                          "created_at"}
    assert set(first["events"][0]) == {"id", "on", "kind", "stage", "note", "created_at"}
    assert {w["automatic"] for w in data["wins"]} == {True, False}
    assert set(data["wins"][0]) == {"id", "on", "title", "kind", "application_id", "automatic", "note", "cause", "seen",
                                    "created_at"}
    assert set(data["actions"][0]) == {
        "id", "on", "kind", "note", "application_id", "event_id", "reflection_id", "automatic", "created_at",
    }
    assert any(a["application_id"] for a in data["actions"]), "an action keeps the application it belongs to"
    assert any(a["event_id"] for a in data["actions"]) and any(a["reflection_id"] for a in data["actions"])
    assert set(data["settings"]) >= {"rest_weekdays", "weekly_target", "follow_up_after_days", "ghosted_after_days"}
    statuses = {a["status"] for a in data["applications"]}
    assert statuses <= {s.value for s in Status}
    json.dumps(data)  # serialisable as is


def test_demo_is_believable_and_dated_to_today(demo_path):
    journal = Journal.open(demo_path)
    apps = journal.applications.every()
    actions = journal.steps.every()
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
    latest = max(a.applied_on for a in journal.applications.every())
    journal.close()
    assert (later - latest).days == 1


# The Markdown export (issue 8): what is not Markdown to its writer (names, notes, tags, the guided answers)
# shows literally; a reflection's body keeps its own Markdown, made harmless. Checked with a real CommonMark +
# GFM parser whose own link filter is off, as a previewer without one would read the file.

HOSTILE_MARKDOWN = [
    "# Fake heading",
    "Title\n===",
    "Title\n---",
    "- fake list\n+ another\n* third",
    "1. ordered\n2) ordered",
    "> quote",
    "```\ncode fence\n```",
    "~~~\nfence\n~~~",
    "    indented code",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<b>bold</b> and <!-- comment -->",
    "[link](http://evil.example)",
    "![image](http://evil.example/i.png)",
    "[ref]\n\n[ref]: http://evil.example",
    "<http://evil.example>",
    "bare http://evil.example and www.evil.example and me@evil.example",
    "**strong** _em_ `code` ~~strike~~",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "***",
    "line with trailing spaces  \nnext",
    "back\\\nslash",
    "&lt;script&gt; &#60;b&#62; &amp;",
    "Ok\x1b]0;PWNED\x07\x1b[2J\x9b31m\u202e!",
    # Aimed at the body's own Markdown: each must come out harmless.
    "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](<javascript:alert(1)>) [w](\njavascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=) [y](file:///etc/passwd) [z](&#106;avascript:alert(1)) [v](//evil.example)",
    "[x]\n\n[x]: javascript:alert(1)",
    "[y][x]\n\n[x]:\n  javascript:alert(1)",
    "<javascript:alert(1)> <data:text/html,x> <file:///etc/passwd>",
    "![y][r] ![z]\n\n[r]: http://evil.example/q.png\n[z]: http://evil.example/z.png",
    "[![x](http://evil.example/p.png)](http://ok.example)",
    "```\nan unclosed fence\n# swallowing the rest?",
    "~~~~\nunclosed\n~~~",
    "a `\n`<img src=x onerror=alert(1)>`",
    "[a](http://x/`)<img src=x onerror=alert(1)>`",
    "`<b>x</b>` ``<i>`` \\`<img src=x onerror=alert(1)>`",
    "- a\n   ```\n<script>alert(1)</script>",
    "> ```\n<script>alert(1)</script>",
    "``` a`b\n<script>alert(1)</script>",
    "> a\n> ===\n- b\n  ---\n1. c\n   =\n> # d\n- ## e",
]

# The only kinds of Markdown token Onward itself writes; anything else came from user text.
ALLOWED_TOKENS = {"heading_open", "paragraph_open", "inline", "text", "bullet_list_open", "list_item_open", "strong_open",
                  "strong_close", "heading_close", "paragraph_close", "bullet_list_close", "list_item_close", "softbreak"}
# The web or e-mail; "//x" too, which GFM-style renderers make a link of in plain text (it is the web's own scheme).
SAFE_TARGET = re.compile(r"(?i)((https?:)?//|mailto:)")


def _parsed(exported):
    """The export as a GFM renderer reads it (tables, strikethrough, bare-URL links), links not filtered."""
    parser = MarkdownIt("gfm-like")
    parser.validateLink = lambda url: True  # its own filter would hide a javascript: link the export let through
    return parser.parse(exported)


def _flat(tokens):
    return [*tokens, *(child for token in tokens for child in (token.children or []))]


def _assert_harmless(tokens):
    """No HTML, no image, no link but to the web or e-mail, no heading in the export's own outline (levels 1-3)."""
    flat = _flat(tokens)
    assert not {t.type for t in flat} & {"html_inline", "html_block", "image"}, sorted({t.type for t in flat})
    assert all(SAFE_TARGET.match(t.attrGet("href")) for t in flat if t.type == "link_open"), [
        t.attrGet("href") for t in flat if t.type == "link_open"
    ]
    assert all(t.tag in ("h4", "h5", "h6") for t in tokens if t.type == "heading_open")


def _reflection_journal(tmp_path, text):
    """A journal whose every reflection field, company and role hold `text` exactly."""
    path = tmp_path / "hostile.db"
    journal = Journal.open(path)
    application, _ = add_app(journal, check_application(company="Acme", role="Analyst", today=TODAY))
    reflect(journal, 
        check_reflection(mood=2, today=TODAY, feelings="tired", gaps="sql", went_well="ok", do_differently="ok",
                         stumbles="ok", talk_to="ok", next_step="ok", body="ok"),
        TODAY, application_id=application.id,
    )
    journal.close()
    # Written straight into the file, as another tool or an older version could have: no cleaning on the way in.
    conn = sqlite3.connect(path)
    conn.execute("UPDATE applications SET company = ?, role = ?", [text, text])
    conn.execute(
        "UPDATE reflections SET feelings = ?, gaps = ?, went_well = ?, do_differently = ?, stumbles = ?, talk_to = ?, "
        "next_step = ?, body = ?, feedback = ?",
        [json.dumps([text, "x"]), json.dumps([text]), text, text, text, text, text, text, text],
    )
    conn.execute("INSERT INTO people (name, relation, note) VALUES (?, 'mentor', ?)", [text, text])
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_markdown_export_shows_hostile_text_literally(tmp_path, text):
    """Every field but the body shows literally; the body's Markdown stays inside its section and runs nothing."""
    journal = Journal.open(_reflection_journal(tmp_path, text))
    exported = export_markdown(journal)
    journal.close()
    tokens = _parsed(exported)
    heading = [i for i, t in enumerate(tokens) if t.type == "heading_open"]
    notes = next(i for i in heading if tokens[i + 1].content == "Notes")
    after = next(i for i in heading if i > notes and tokens[i].tag in ("h1", "h2", "h3"))
    body, literal = tokens[notes + 3 : after], tokens[: notes + 3] + tokens[after:]
    _assert_harmless(body)
    flat = _flat(literal)
    assert {t.type for t in flat} <= ALLOWED_TOKENS, sorted({t.type for t in flat} - ALLOWED_TOKENS)
    headings = [literal[i + 1].content for i, t in enumerate(literal) if t.type == "heading_open"]
    assert headings[0] == "Onward reflections" and len(headings) == 1 + 1 + 7 + 1
    assert all(h.startswith(("What", "Interview", "Their", "Who", "Next", "Notes")) for h in headings[2:-1])
    assert headings[-1] == "Support circle"
    assert sum(t.type == "list_item_open" for t in literal) == 3 + 1  # mood, feelings, gaps; the person
    strong = [flat[i + 1].content for i, t in enumerate(flat) if t.type == "strong_open"]
    assert strong == ["Mood:", "Feelings:", "Gaps:"]
    for char in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert char not in exported


def test_markdown_export_keeps_the_bodys_own_markdown(tmp_path):
    body = (
        "# Round two\nIt went **well**, _mostly_: see [the job](https://example.com/job) or <mailto:me@example.com>.\n\n"
        "- asked about `pandas`\n1. then SQL\n\n> they liked the portfolio\n\n```python\nprint('<ok>')\n```"
    )
    journal = Journal.open(_reflection_journal(tmp_path, body))
    exported = export_markdown(journal)
    journal.close()
    notes = exported.split("### Notes\n\n", 1)[1].split("\n\n## Support circle", 1)[0]
    assert notes == body.replace("# Round", "#### Round")
    types = {t.type for t in _flat(_parsed(exported))}
    assert {"em_open", "code_inline", "link_open", "ordered_list_open", "blockquote_open", "fence"} <= types


# Pieces of Markdown that open, close, pair or point somewhere; a body made of them in any order comes out harmless.
MARKDOWN_PIECES = [
    "<", ">", "`", "``", "```", "~~~", "[", "]", "(", ")", ":", "!", "&", "#", "lt;", "#60;", "javascript:alert(1)",
    "http://x", "https://x", "mailto:a@b.co", "img src=x onerror=1", "script", "\n", "\n\n", " ", "   ", "    ", "-",
    "=", "---", "===", "> ", "1. ", "- ", "* ", "_", "\\", "a", "b c", "<https://x>", "<javascript:x>", "data:x", "//x",
    "|", "'", '"', "\t", "<!--", "-->", "<?", "![", "](", "]:", "[x]", "[x]: ", "<a@b.co>", "~", "*", "**",
    "[x](javascript:alert(1))", "![x](https://x/p.png)", "\n[x]: javascript:x\n", "\na\n===\n", "\n> a\n> ---\n", "\n   ```",
    "\n# h\n", "`<b>`", "<img src=x onerror=1>",
]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=40).map("".join))
def test_any_body_stays_harmless_and_inside_its_section(body):
    tokens = _parsed(f"# Top\n\n### Notes\n\n{markdown_body(body, under_level=3)}\n\n## After\n")
    heading = [i for i, t in enumerate(tokens) if t.type == "heading_open"]
    outline = [(tokens[i].tag, tokens[i + 1].content) for i in heading if tokens[i].tag in ("h1", "h2", "h3")]
    assert outline == [("h1", "Top"), ("h3", "Notes"), ("h2", "After")]
    _assert_harmless(tokens[heading[1] + 3 : heading[-1]])


def test_markdown_keeps_the_words_and_the_line_breaks(tmp_path):
    text = "I said <no> & [meant] *it* &lt;b&gt; &#60;\n\n1. Then # more"
    journal = Journal.open(_reflection_journal(tmp_path, text))
    exported = export_markdown(journal)
    journal.close()
    html = MarkdownIt("commonmark").render(exported)
    # What a reader sees is what was typed: "&lt;" stays those four characters, not "<".
    assert "<p>I said &lt;no&gt; &amp; [meant] *it* &amp;lt;b&amp;gt; &amp;#60;</p>\n<p>1. Then # more</p>" in html


def test_json_export_escapes_what_a_terminal_would_act_on_and_loses_nothing(tmp_path):
    raw = "a\x1b[2J\x07\x7f\x9b\u202e\u2028b ünïcödé"
    text = dumps({"company": raw})
    assert all(char not in text for char in "\x1b\x07\x7f\x9b\u202e\u2028")
    assert "ünïcödé" in text  # non-ASCII stays readable
    assert json.loads(text) == {"company": raw}


def test_a_file_written_in_pieces_holds_every_piece(tmp_path):
    from tui.store.files import write_private_file

    pieces = (f"record {n} é\n" for n in range(200_000))  # more than one batch of writes
    target = write_private_file(tmp_path / "out.txt", pieces)
    text = target.read_text(encoding="utf-8")
    assert text.count("\n") == 200_000 and text.endswith("record 199999 é\n")
    assert (target.stat().st_mode & 0o777) == 0o600


def test_markdown_shows_the_feedback_and_the_support_circle(tmp_path):
    from tui.actions import reflections, support
    from tui.domain.support import check_person

    journal = Journal.open(tmp_path / "md.db")
    application, _ = add_app(journal, check_application(company="Acme", role="Analyst", today=TODAY))
    reflect(journal, check_reflection(mood=3, today=TODAY, feedback="Good SQL;\nmore Tableau next time."), TODAY,
            application_id=application.id)
    support.add_person(journal, check_person(name="Ada Byron", relation="mentor", note="Thursdays\nafter 5"))
    support.add_person(journal, check_person(name="- Ben", relation="friend"))
    support.reach_out(journal, "Ada Byron", TODAY)
    exported = export_markdown(journal)
    journal.close()
    assert "### Their feedback\n\nGood SQL;\n\nmore Tableau next time.\n" in exported
    assert exported.endswith(
        "## Support circle\n\n"
        "- \\- Ben (friend), last contacted not yet\n"  # by name, as the app lists them; "-" starts no list
        f"- Ada Byron (mentor), last contacted {TODAY.isoformat()}: Thursdays after 5\n"
    )
    empty = Journal.open(tmp_path / "empty.db")
    assert "Support circle" not in export_markdown(empty)
    empty.close()


def test_the_demo_has_something_for_each_part_of_issue_14(demo_path):
    """Insights, the Inbox and the support list have something to show on the demo journal."""
    from tui.domain.models import ActionKind, Relation, Stage
    from tui.domain.support import can_ask_for_feedback

    journal = Journal.open(demo_path)
    # Broaden your horizons: repeated rejections in data, operations answering more often, tableau named most.
    nudge, = views.broaden_nudges(journal, TODAY)
    assert (nudge.field, nudge.rejections) == ("data", 6)
    assert [rate.name for rate in nudge.better] == ["operations"] and nudge.better[0].applied >= 2
    assert nudge.better[0].rate > nudge.rate.rate + 0.2
    assert nudge.gaps[0] == "tableau"
    # The learning plan: one gap worked on (its "skill learned" win posted on loading), the others open.
    plan = {gap.tag: gap for gap in views.learning_plan(journal)}
    assert plan["tableau"].times == 3 and not plan["tableau"].worked_on
    assert [tag for tag, gap in plan.items() if gap.worked_on] == ["stakeholder communication"]
    assert "Skill learned: stakeholder communication" in {w.title for w in journal.wins.every() if w.automatic}
    # Seek support: the circle, each reached by a step, the latest 5+ days ago; one "talk to" still open.
    people = {person.name: person for person in journal.steps.people()}
    assert {person.relation for person in people.values()} >= {Relation.MENTOR, Relation.FRIEND, Relation.PEER, Relation.RECRUITER}
    contacted = [person.last_contacted for person in people.values() if person.last_contacted]
    assert len(contacted) >= 3 and (TODAY - max(contacted)).days >= 5
    assert all(step.person_id for step in journal.steps.every() if step.kind is ActionKind.SUPPORT)
    reminder, = views.talk_reminders(journal, TODAY)
    assert reminder.person is not None and reminder.person.name == "Jo Martin" and (TODAY - reminder.reflection.on).days <= 7
    assert people["Jo Martin"].last_contacted < reminder.reflection.on, "talked before the reflection, not since"
    # Ask for feedback: asked after Northwind's interview-stage no, and the reply kept; another no not asked yet.
    apps = {app.id: app for app in journal.applications.every()}
    asked = journal.steps.feedback_asked()
    assert [apps[app_id].company for app_id in asked] == ["Northwind Health"]
    assert apps[next(iter(asked))].rejection.stage is Stage.INTERVIEW
    assert [r.feedback.startswith("Thanks for asking.") for r in journal.reflections.every() if r.feedback] == [True]
    assert any(
        app.rejection and can_ask_for_feedback(app.rejection.stage) and app.id not in asked for app in apps.values()
    )
    journal.close()


def test_the_calendar_feed_is_stamped_with_the_moment_its_caller_gives(demo_path):
    """The store reads no clock of its own (issue 25): the feed's DTSTAMP is the `now` handed in."""
    from datetime import datetime, timezone

    from tui.store.transfer import export_text

    journal = Journal.open(demo_path)
    try:
        feed = export_text(journal, "ics", TODAY, datetime(2026, 11, 27, 9, 30, tzinfo=timezone.utc))
    finally:
        journal.close()
    assert isinstance(feed, str) and "BEGIN:VEVENT" in feed
    stamps = {line for line in feed.splitlines() if line.startswith("DTSTAMP")}
    assert stamps == {"DTSTAMP:20261127T093000Z"}
