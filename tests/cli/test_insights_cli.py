"""`onward insights` prints the Insights screen's figures as text, and as a read-only command starts no journal.
(The nudge, the learning plan and the circle above the figures: tests/cli/test_support_cli.py.)"""

from tests.conftest import TODAY
from tui.domain.insights import NO_GAPS, NO_PEOPLE, build_insights, insight_sections
from tui.store.repository import Journal


def test_insights_prints_every_figure_labelled(onward, journal_path):
    # Today is Friday 27 Nov 2026. Two data applications (one answered by a screening, one rejected at
    # the application stage), one design application still waiting.
    onward("add", "Acme", "Analyst", "--field", "data", "--source", "LinkedIn", "--date", "2026-11-16")
    onward("add", "Beta", "Analyst", "--field", "data", "--source", "Referral", "--date", "2026-11-17")
    onward("add", "Cove", "Designer", "--field", "design", "--source", "LinkedIn", "--date", "2026-11-23")
    onward("log", "1", "screening", "--date", "2026-11-20")
    onward("log", "2", "rejected", "--stage", "application", "--date", "2026-11-19")
    status, out, err = onward("insights")
    assert status == 0 and err == ""
    # No field has 3 rejections, so no nudge: the learning plan and the circle come first, as on the screen.
    plan, circle, *blocks = out.split("\n\n")
    assert plan == f"Learning plan\n  {NO_GAPS}" and circle == f"Support circle\n  {NO_PEOPLE}"
    assert blocks[0] == "This week\n  ■□□□□  1 of 5 days this week."  # Monday 23rd: applying to Cove
    assert blocks[1].startswith("All fields · 3 applications\n")
    assert "  applied      3  ████████████████████    100%\n" in blocks[1]
    assert "  responded    2  █████████████▍           67%\n" in blocks[1]
    assert "  Rejected at: application 1\n" in blocks[1]
    assert "  No answer yet: 1 of 3 (33%)\n" in blocks[1]
    assert blocks[1].endswith("  First answer: after 3 days (typical of 2 answers)")  # 4 days and 2 days: the median
    assert blocks[2].startswith("Last 12 weeks\n") and "  Nov 16    2 " in blocks[2] and "  Nov 23    1 " in blocks[2]
    assert "  LinkedIn       1 of 2  ██████████             50%" in blocks[3] and "  Referral       1 of 1  ████████████████████  100%" in blocks[3]
    assert blocks[4].startswith("Answered, by weekday applied\n  Mon            1 of 2")
    assert blocks[5].startswith("Field: data · 2 applications\n")
    assert blocks[6].startswith("Field: design · 1 application\n")
    assert out.endswith("\n") and not out.endswith("\n\n")


def test_one_source_in_two_spellings_is_one_row_as_the_journal_changes(onward, journal_path):
    """Tester (try7 D): a source typed "referral" and imported "Referral" were two rows; the store's running counts
    group them as the screen does, and keep doing so as applications come and go."""
    onward("add", "Globex", "Designer", "--source", "referral", "--date", "2026-11-16")
    onward("add", "Hooli", "Designer", "--source", "Referral", "--date", "2026-11-17")
    onward("log", "1", "screening", "--date", "2026-11-18")

    def sources() -> list[str]:
        block = next(b for b in onward("insights")[1].split("\n\n") if b.startswith("Answered, by source"))
        return [" ".join(line.split()[:4]) for line in block.splitlines()[1:]]

    assert sources() == ["referral 1 of 2"]
    onward("add", "Initech", "Designer", "--source", "REFERRAL ", "--date", "2026-11-18")
    assert sources() == ["referral 1 of 3"]
    assert onward("remove", "application", "1", "--yes")[0] == 0
    assert sources() == ["Referral 0 of 2"], "named by the first application left"


def test_insights_says_the_same_as_the_screen(onward, journal_path):
    onward("add", "Acme", "Analyst", "--field", "data", "--date", "2026-11-16")
    journal = Journal.open(journal_path)
    sections = insight_sections(build_insights(journal.applications.every(), journal.steps.step_counts(), 5, TODAY))
    journal.close()
    out = onward("insights")[1]
    for section in sections:
        assert section.title in out
        for line in section.lines:
            assert f"  {line}\n" in out


def test_insights_on_an_empty_journal_is_kind(onward, started):
    status, out, _ = onward("insights")
    assert status == 0
    assert "0 of 5 days this week" in out
    assert "No applications yet: the funnel fills in as you apply." in out


def test_insights_never_creates_a_journal(onward, tmp_path):
    missing = tmp_path / "typo" / "jounral.db"
    status, out, err = onward("--db", str(missing), "insights")
    assert status == 1 and out == ""
    assert "no journal at" in err and not missing.parent.exists()


def test_an_interview_a_rejection_called_off_is_no_stage_reached(onward, journal_path):
    # Invited on the 20th to an interview on 3 Dec; rejected on the 24th, before it took place: the interview was
    # called off (never held), so the funnel counts an answer, not the interview stage, and the rejection's
    # stage (not given) is the furthest stage really reached.
    onward("add", "Acme", "Analyst", "--field", "data", "--date", "2026-11-16")
    onward("log", "1", "interview", "--date", "2026-11-20", "--on", "2026-12-03")
    status, out, _ = onward("log", "1", "rejected", "--date", "2026-11-24")
    assert status == 0 and "Logged rejection (application) at Acme." in out
    assert "interview called off" in onward("show", "1")[1]
    out = onward("insights")[1]
    overall = out.split("\n\n")[3]
    assert overall.startswith("All fields · 1 application\n")
    assert "  responded    1  " in overall and "  interview    0  " in overall
    assert "  Rejected at: application 1\n" in overall
    journal = Journal.open(journal_path)
    try:  # the figures the screen keeps up to date say so too
        assert journal.insights.insights(TODAY, journal.steps.step_counts(), 5).overall.funnel == [1, 1, 0, 0, 0]
    finally:
        journal.close()


def test_one_answer_is_named_as_the_one_not_a_median_of_one(onward, journal_path):
    """A tester read "First answer: after 4 days (median of 1)" as a riddle."""
    onward("add", "Acme", "Analyst", "--field", "data", "--date", "2026-11-16")
    onward("log", "1", "screening", "--date", "2026-11-20")
    status, out, _ = onward("insights")
    assert status == 0 and "  First answer: after 4 days (the one answer so far)\n" in out + "\n"
    assert "median of" not in out
