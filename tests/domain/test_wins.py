from datetime import date, timedelta

from tui.domain.models import Application, OutcomeEvent, OutcomeKind, Reflection, Stage, Win, WinKind
from tui.domain.wins import (
    StreakRun,
    automatic_wins,
    month_groups,
    ordinal,
    wall_counts,
)

TODAY = date(2026, 11, 27)


def app(id, days_ago, *events, company=None):
    return Application(
        id, company or f"Co{id}", "Analyst", TODAY - timedelta(days=days_ago),
        events=tuple(OutcomeEvent(id * 100 + n, id, TODAY - timedelta(days=d), k, s) for n, (d, k, s) in enumerate(events)),
    )


def causes(applications, reflections=(), runs=()):
    return {w.cause: w for w in automatic_wins(applications, list(reflections), runs)}


def test_each_positive_outcome_posts_one_win():
    found = causes([app(1, 30, (20, OutcomeKind.SCREENING, None), (15, OutcomeKind.INTERVIEW, None),
                        (10, OutcomeKind.FINAL_ROUND, None), (5, OutcomeKind.OFFER, None), company="Acme")])
    outcome_wins = {c: (w.kind, w.title, w.on) for c, w in found.items() if c.startswith("event:")}
    assert outcome_wins == {
        "event:100": (WinKind.INTERVIEW_INVITE, "Screening call with Acme", TODAY - timedelta(days=20)),
        "event:101": (WinKind.INTERVIEW_INVITE, "Interview invite from Acme", TODAY - timedelta(days=15)),
        "event:102": (WinKind.FINAL_ROUND, "Final round at Acme", TODAY - timedelta(days=10)),
        "event:103": (WinKind.OFFER, "Offer from Acme!", TODAY - timedelta(days=5)),
    }


def test_rejections_ghosting_follow_ups_and_notes_post_nothing():
    found = causes([app(1, 30, (20, OutcomeKind.FOLLOWED_UP, None), (15, OutcomeKind.NOTE, None),
                        (10, OutcomeKind.REJECTED, Stage.APPLICATION)), app(2, 40, (1, OutcomeKind.GHOSTED, None))])
    assert not [c for c in found if c.startswith("event:")]


def test_application_milestones_in_the_order_sent():
    apps = [app(n, 200 - n) for n in range(1, 101)]
    found = causes(apps)
    assert sorted(c for c in found if c.startswith("applications:")) == [
        "applications:1", "applications:10", "applications:100", "applications:25", "applications:50"
    ]
    assert found["applications:10"].application_id == 10
    assert found["applications:10"].title == "Your 10th application — that's persistence"
    assert "applications:10" not in causes(apps[:9])


def test_done_when_interview_on_the_tenth_application():
    apps = [app(n, 20 - n) for n in range(1, 11)]
    before = set(causes(apps))
    apps[9] = app(10, 10, (1, OutcomeKind.INTERVIEW, None))
    after = causes(apps)
    assert set(after) - before == {"event:1000"}
    assert {"applications:10", "event:1000"} <= set(after)
    apps[9] = app(10, 10)  # the interview undone
    assert set(causes(apps)) == before


def test_reflection_on_a_rejection_posts_a_win_and_others_do_not():
    rejected = app(1, 20, (5, OutcomeKind.REJECTED, Stage.INTERVIEW), company="Acme")
    open_app = app(2, 5)
    reflections = [
        Reflection(7, TODAY, 2, application_id=1),
        Reflection(8, TODAY, 3, application_id=2),
        Reflection(9, TODAY, 4),
    ]
    found = causes([rejected, open_app], reflections)
    assert [c for c in found if c.startswith("reflection:")] == ["reflection:7"]
    assert found["reflection:7"].title == "Turned the Acme rejection into lessons"


def test_streak_milestones_once_per_run():
    runs = [
        StreakRun(date(2026, 1, 1), ((3, date(2026, 1, 3)), (7, date(2026, 1, 7)), (8, date(2026, 1, 8)))),
        StreakRun(date(2026, 3, 1), ((3, date(2026, 3, 3)),)),
    ]
    found = causes([], runs=runs)
    assert set(found) == {"streak:2026-01-01:3", "streak:2026-01-01:7", "streak:2026-03-01:3"}
    assert found["streak:2026-01-01:7"].title == "7-day streak of persistent days"


def test_ordinals():
    assert [ordinal(n) for n in (1, 2, 3, 4, 10, 11, 12, 13, 21, 22, 25, 100, 111)] == [
        "1st", "2nd", "3rd", "4th", "10th", "11th", "12th", "13th", "21st", "22nd", "25th", "100th", "111th"
    ]


def test_wall_counts_and_month_groups():
    wins = [Win(n, TODAY - timedelta(days=d), f"w{n}", WinKind.OTHER) for n, d in enumerate((0, 4, 5, 26, 27, 40))]
    counts = wall_counts(wins, TODAY)  # Friday 27 Nov: the week began Monday 23 Nov
    assert (counts.week, counts.month, counts.total) == (2, 4, 6)
    groups = month_groups(wins)
    assert [(heading, [w.id for w in group]) for heading, group in groups] == [
        ("November 2026", [0, 1, 2, 3]), ("October 2026", [4, 5])
    ]


def test_the_walls_counts_and_months_of_wins_in_its_order_are_those_of_any_order():
    import random

    rng = random.Random(26)
    for today in (TODAY, date(2026, 12, 1), date(2027, 3, 2)):  # a week across two months, a Tuesday in March
        # Some in the future too (a win dated ahead counts in no week or month yet).
        wins = [Win(n, today - timedelta(days=rng.randint(-3, 400)), f"w{n}", WinKind.OTHER) for n in range(500)]
        ordered = sorted(wins, key=lambda w: (w.on, w.id), reverse=True)
        rng.shuffle(wins)
        assert wall_counts(ordered, today, newest_first=True) == wall_counts(wins, today)
        assert month_groups(ordered, newest_first=True) == month_groups(wins)


def test_next_milestone_names_the_nearest_one_still_ahead():
    from tui.domain.wins import next_milestone

    assert next_milestone(17, 45) == "21-day streak: 4 to go"
    assert next_milestone(2, 43) == "3-day streak: 1 to go"  # a tie in days goes to the streak
    assert next_milestone(10, 43) == "14-day streak: 4 to go"
    assert next_milestone(10, 48) == "50th application: 2 to go"
    assert next_milestone(0, 0) == "1st application: 1 to go"
    assert next_milestone(365, 100) is None
    assert next_milestone(400, 3) == "10th application: 7 to go"


def test_kind_counts_name_only_kinds_that_have_wins_most_first():
    from datetime import date

    from tui.domain.models import WinKind, WinMark
    from tui.domain.wins import kind_counts

    marks = [WinMark(id=n, on=date(2026, 11, 1), kind=kind) for n, kind in enumerate([WinKind.OFFER, WinKind.OTHER, WinKind.OTHER])]
    assert kind_counts(marks) == [(WinKind.OTHER, 2), (WinKind.OFFER, 1)]
