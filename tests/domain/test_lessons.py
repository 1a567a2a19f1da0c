from datetime import date, timedelta

from tui.domain.lessons import build_lessons, sparkline, stage_pattern
from tui.domain.models import Application, OutcomeEvent, OutcomeKind, Reflection, Stage

TODAY = date(2026, 11, 27)
I, A, S, F = Stage.INTERVIEW, Stage.APPLICATION, Stage.SCREENING, Stage.FINAL_ROUND


def rejected(id, stage, days_ago, company=None):
    on = TODAY - timedelta(days=days_ago)
    event = OutcomeEvent(id, id, on, OutcomeKind.REJECTED, stage)
    return Application(id, company or f"Co{id}", "Analyst", on - timedelta(days=10), events=(event,))


def test_pattern_when_one_stage_dominates_the_last_six():
    assert stage_pattern([A, A, I, S, I, I, A, I]) == (
        "4 of your last 6 rejections came after an interview. "
        "Interview practice (STAR stories, a mock interview) could pay off."
    )


def test_no_pattern_without_a_clear_majority_or_enough_rejections():
    assert stage_pattern([I, I]) == ""
    assert stage_pattern([I, I, I, A, A, A]) == ""  # a tie is not a pattern
    assert stage_pattern([I, A, S, F]) == ""


def test_all_recent_rejections_at_one_stage():
    assert stage_pattern([A, A, A]).startswith("All of your last 3 rejections came at the application stage.")


def test_lessons_count_gaps_with_their_sources_and_stages():
    apps = [rejected(1, I, 20, "Acme"), rejected(2, I, 10, "Beta"), rejected(3, A, 5, "Gamma")]
    reflections = [
        Reflection(1, TODAY - timedelta(days=19), 2, application_id=1, gaps=("tableau", "sql")),
        Reflection(2, TODAY - timedelta(days=9), 3, application_id=2, gaps=("tableau",)),
        Reflection(3, TODAY - timedelta(days=1), 4, gaps=("public speaking",)),
    ]
    lessons = build_lessons(apps, reflections)
    assert [(g.tag, g.count, g.sources) for g in lessons.gaps] == [
        ("tableau", 2, ("Acme", "Beta")),
        ("public speaking", 1, (f"reflection of {(TODAY - timedelta(days=1)).isoformat()}",)),
        ("sql", 1, ("Acme",)),
    ]
    assert dict(lessons.rejections_by_stage) == {A: 1, S: 0, I: 2, F: 0}
    assert lessons.moods == (2, 3, 4)
    assert lessons.mood_sparkline == "▂▄▆"


def test_sparkline_spans_one_to_five():
    assert sparkline([1, 3, 5]) == "▁▄█"
    assert sparkline([]) == ""


def test_a_gap_names_its_latest_few_sources_and_counts_the_rest():
    """Ten years named 778 companies after one gap, screens long (found by a helper at 120×40)."""
    apps = [rejected(n, I, 800 - n, f"Co{n:03}") for n in range(1, 701)]
    reflections = [Reflection(n, TODAY - timedelta(days=799 - n), 2, application_id=n, gaps=("sql",)) for n in range(1, 701)]
    reflections.append(Reflection(701, TODAY, 3, application_id=5, gaps=("sql",)))  # Co005 again, most recently
    (gap,) = build_lessons(apps, list(reversed(reflections))).gaps  # in any order: read oldest first
    assert gap.count == 701 and len(gap.sources) == 700
    assert gap.sources_line() == "Co005, Co700, Co699, Co698 and 696 more"
    assert build_lessons(apps[:2], reflections[:2]).gaps[0].sources_line() == "Co002, Co001"
