"""Insights against small journals worked out by hand: the funnel and its rates, rejections by stage, answers
by source and weekday, days to a first answer, no answer yet, the last 12 weeks and this week's target."""

from datetime import date, timedelta

from tui.domain.broaden import BroadenNudge, FieldRate
from tui.domain.insights import (
    FUNNEL_LABELS, NO_FIELD, NO_GAPS, NO_PEOPLE, NO_SOURCE, Section, bar, build_insights, insight_sections, insights_text,
    person_line, support_sections, week_progress,
)
from tui.domain.learning import Gap, gap_line
from tui.domain.models import Application, Held, OutcomeEvent, OutcomeKind, Person, Relation, Stage

TODAY = date(2026, 11, 27)  # a Friday
MONDAY = date(2026, 11, 23)


def app(id, applied_on, *events, field="data", source="LinkedIn"):
    """An application; events are (day, kind) or (day, kind, stage)."""
    timeline = tuple(
        OutcomeEvent(id * 100 + n, id, on, OutcomeKind(kind), Stage(rest[0]) if rest else None)
        for n, (on, kind, *rest) in enumerate(events)
    )
    return Application(id, f"Co{id}", "Analyst", applied_on, field=field, source=source, events=timeline)


def d(day):
    return date(2026, 11, day)


# Ten applications, all in "data" unless said:
JOURNAL = [
    app(1, d(2), (d(4), "screening"), (d(9), "interview"), (d(16), "final_round"), (d(20), "offer")),  # answer after 2
    app(2, d(2), (d(12), "rejected", "application")),                                                  # after 10
    app(3, d(3), (d(6), "screening"), (d(10), "rejected", "screening"), source="Referral"),             # after 3
    app(4, d(3), (d(5), "interview"), (d(12), "rejected", "interview"), source="Referral"),             # after 2
    app(5, d(4), (d(8), "rejected", "final_round"), field="design"),                                    # after 4; proves final round
    app(6, d(4), (d(6), "followed_up"), (d(7), "note"), field="design"),                                # waiting
    app(7, d(5), (d(10), "ghosted"), field="design", source=""),                                        # no answer, closed
    app(8, d(5), (d(6), "withdrawn"), source=""),                                                       # no answer, closed
    app(9, d(6), field=""),                                                                             # waiting
    app(10, d(6), (d(7), "screening"), field="", source="Referral"),                                    # after 1
]


def insights(applications=JOURNAL, steps=None, target=5, today=TODAY):
    return build_insights(applications, steps or {}, target, today)


def test_funnel_counts_each_step_reached_and_its_share_of_all_applied():
    overall = insights().overall
    # responded: 1 2 3 4 5 10; interview: 1, 4, 5 (its rejection at final round proves it); final round: 1, 5; offer: 1
    assert dict(zip(FUNNEL_LABELS, overall.funnel)) == {"applied": 10, "responded": 6, "interview": 3, "final round": 2, "offer": 1}
    assert [overall.rate(count) for count in overall.funnel] == [1.0, 0.6, 0.3, 0.2, 0.1]


def test_an_interview_that_never_took_place_is_an_answer_not_a_stage_reached():
    def with_day(id, on, kind, day, held):
        return OutcomeEvent(id, 1, on, OutcomeKind(kind), takes_place_on=day, held=held)

    invited = with_day(1, d(5), "screening", d(6), Held.ATTENDED)
    called_off = Application(1, "Co1", "Analyst", d(2), field="data", events=(
        invited, with_day(2, d(8), "interview", d(20), Held.PLANNED), OutcomeEvent(3, 1, d(12), OutcomeKind.REJECTED, Stage.SCREENING),
    ))
    cancelled = Application(2, "Co2", "Analyst", d(2), field="data", events=(with_day(4, d(8), "final_round", d(10), Held.CANCELLED),))
    held_first = Application(3, "Co3", "Analyst", d(2), field="data", events=(  # closed after its day: it may have been held
        with_day(5, d(8), "interview", d(10), Held.PLANNED), OutcomeEvent(6, 3, d(12), OutcomeKind.WITHDRAWN),
    ))
    assert called_off.furthest_stage is Stage.SCREENING and cancelled.furthest_stage is Stage.APPLICATION
    assert insights([called_off]).overall.funnel == [1, 1, 0, 0, 0]
    assert insights([cancelled]).overall.funnel == [1, 1, 0, 0, 0]
    assert insights([held_first]).overall.funnel == [1, 1, 1, 0, 0]
    # Still planned (not called off) it is the stage the application is at.
    assert insights([Application(4, "Co4", "Analyst", d(2), events=(with_day(7, d(8), "interview", d(30), Held.PLANNED),))]).overall.funnel == [1, 1, 1, 0, 0]


def test_ghosted_withdrawn_follow_ups_and_notes_are_no_answer():
    overall = insights([JOURNAL[5], JOURNAL[6], JOURNAL[7]]).overall
    assert overall.funnel == [3, 0, 0, 0, 0]
    assert overall.days_to_answer == []
    assert overall.unanswered == 1  # only the open one (6) has no answer yet


def test_rejections_by_stage_in_the_order_a_process_runs():
    overall = insights().overall
    assert overall.stages() == [(Stage.APPLICATION, 1), (Stage.SCREENING, 1), (Stage.INTERVIEW, 1), (Stage.FINAL_ROUND, 1)]
    assert overall.rejections == 4
    unknown = app(11, d(1), (d(3), "rejected"))
    assert insights([unknown]).overall.stages() == [(None, 1)]


def test_reopened_after_a_rejection_is_not_counted_as_rejected():
    reopened = app(12, d(1), (d(3), "rejected", "application"), (d(5), "screening"))
    assert insights([reopened]).overall.stages() == []


def test_response_rate_by_source_most_applications_first():
    rates = {rate.label: (rate.applied, rate.responded) for rate in insights().sources}
    assert rates == {"LinkedIn": (5, 3), "Referral": (3, 3), NO_SOURCE: (2, 0)}
    assert [rate.label for rate in insights().sources] == ["LinkedIn", "Referral", NO_SOURCE]
    assert insights().sources[0].rate == 0.6


def test_one_source_in_two_spellings_is_one_row_named_as_its_first_application_spells_it():
    """Tester (try7 D): "referral" typed and "Referral" imported were two rows, as fields are not."""
    one_source = [
        app(1, d(2), (d(4), "screening"), source="referral"), app(2, d(3), source="Referral "), app(3, d(4), source="REFERRAL"),
    ]
    assert [(r.label, r.applied, r.responded) for r in insights(one_source).sources] == [("referral", 3, 1)]


def test_response_rate_by_weekday_applied_monday_first():
    # Nov 2 and 3 2026 are Monday and Tuesday … Nov 6 Friday.
    rates = [(rate.label, rate.applied, rate.responded) for rate in insights().weekdays]
    assert rates == [
        ("Mon", 2, 2), ("Tue", 2, 2), ("Wed", 2, 1), ("Thu", 2, 0), ("Fri", 2, 1), ("Sat", 0, 0), ("Sun", 0, 0),
    ]


def test_median_days_to_a_first_answer():
    overall = insights().overall
    assert sorted(overall.days_to_answer) == [1, 2, 2, 3, 4, 10]
    assert overall.median_days_to_answer == 2.5
    assert insights([JOURNAL[8]]).overall.median_days_to_answer is None


def test_share_still_waiting_is_open_without_an_answer():
    overall = insights().overall
    assert overall.unanswered == 2  # 6 (a follow-up is not an answer) and 9; 10 is open but answered
    assert overall.rate(overall.unanswered) == 0.2


def test_a_section_per_field_largest_first_with_its_own_figures():
    fields = insights().fields
    assert [(f.name, f.applied) for f in fields] == [("data", 5), ("design", 3), (NO_FIELD, 2)]
    bigger_later = [app(1, d(2), field="alpha"), app(2, d(2), field="zeta"), app(3, d(3), field="zeta")]
    assert [f.name for f in insights(bigger_later).fields] == ["zeta", "alpha"]
    one_field = [app(1, d(2), field="Data"), app(2, d(2), field=" data"), app(3, d(3), field="DATA ")]
    assert [(f.name, f.applied) for f in insights(one_field).fields] == [("Data", 3)], "as the broaden nudge counts them"
    design = fields[1]
    assert design.funnel == [3, 1, 1, 1, 0] and design.unanswered == 1 and design.days_to_answer == [4]
    assert [s.title for s in insight_sections(insights())][-3:] == [
        "Field: data · 5 applications", "Field: design · 3 applications", "Field: no field · 2 applications",
    ]


def test_last_12_weeks_of_applications_and_steps_this_week_last():
    applications = [app(1, d(2)), app(2, d(23)), app(3, d(27)), app(4, date(2026, 9, 6)), app(5, date(2026, 9, 7))]
    steps = {d(23): 2, d(27): 1, d(28): 5, date(2026, 9, 6): 4, date(2026, 9, 7): 3}  # the 28th is ahead
    weeks = insights(applications, steps).weeks
    assert len(weeks) == 12
    assert weeks[0].monday == date(2026, 9, 7) and weeks[-1].monday == MONDAY
    assert (weeks[0].applications, weeks[0].steps) == (1, 3)  # Sunday Sep 6 falls before the chart
    assert (weeks[-1].applications, weeks[-1].steps) == (2, 3)
    assert (weeks[-4].monday, weeks[-4].applications) == (d(2), 1)
    assert sum(week.applications for week in weeks) == 4


def test_weekly_target_progress_counts_persistent_days_since_monday():
    steps = {d(20): 1, d(22): 3, d(23): 1, d(25): 2, d(27): 1, d(28): 1}
    # Friday 27th: Monday 23, Wednesday 25 and today; last week's Friday and Sunday and tomorrow don't count.
    assert week_progress(steps, 5, TODAY).phrase == "3 of 5 days this week."
    # Across the week boundary: on Sunday the 22nd the week before counts (20th, 22nd) …
    assert week_progress(steps, 5, d(22)).days == 2
    # … and on Monday the 23rd a new week starts with only that day.
    assert week_progress(steps, 5, MONDAY).phrase == "1 of 5 days this week."
    assert week_progress({d(30): 1}, 3, d(30)).phrase == "1 of 3 days this week."
    assert week_progress(steps, 3, TODAY).met and not week_progress(steps, 4, TODAY).met


def test_bars_are_block_characters_in_eighths_with_any_number_above_0_visible():
    assert bar(10, 10) == "█" * 20
    assert bar(1, 16, 8) == "▌"
    assert bar(1, 1000) == "▏"
    assert bar(0, 10) == "" and bar(3, 0) == ""


def test_every_line_fits_80_columns_and_user_text_is_printable():
    hostile = [app(1, d(2), field="x" * 300 + "\x1b[2J", source="\x1b]0;owned\x07" + "y" * 300)]
    for section in insight_sections(insights(hostile)):
        for line in (section.title, *section.lines):
            assert len(line) <= 76 and "\x1b" not in line and "\x07" not in line


def test_an_empty_journal_says_so_kindly():
    titles = [(s.title, s.lines) for s in insight_sections(insights([]))]
    assert titles == [
        ("This week", ("□□□□□  0 of 5 days this week.",)),
        ("All fields · 0 applications", ("No applications yet: the funnel fills in as you apply.",)),
    ]


def ten_thousand_applications() -> tuple[list[Application], dict[date, int]]:
    """Ten years of applications (three a day) and steps, over seven fields and eleven sources."""
    kinds = ["screening", "interview", "rejected", "final_round", "ghosted", "followed_up"]
    applications = [
        app(n, date(2017, 1, 1) + timedelta(days=n // 3), (date(2017, 1, 1) + timedelta(days=n // 3 + 5), kinds[n % 6]),
            field=f"field{n % 7}", source=f"source{n % 11}")
        for n in range(10_000)
    ]
    steps = {date(2017, 1, 1) + timedelta(days=n): 2 for n in range(3650)}
    return applications, steps


def test_counts_all_of_ten_thousand_applications():
    # How fast (budget 250 ms) is measured, never asserted, by tests/benchmarks/bench_insights.py.
    applications, steps = ten_thousand_applications()
    result = build_insights(applications, steps, 5, date(2026, 11, 27))
    insight_sections(result)
    assert result.overall.applied == 10_000


# What to do about the figures: the broaden nudge, the learning plan, the support circle.

NUDGE = BroadenNudge(
    "data", 4, FieldRate("data", 8, 1), (FieldRate("operations", 4, 3), FieldRate("design", 5, 2)), ("tableau", "sql"),
)


def unwrapped(lines):
    """Lines as support_sections wrapped them, put back together."""
    joined: list[str] = []
    for line in lines:
        if line.startswith("  "):
            joined[-1] += " " + line.strip()
        else:
            joined.append(line)
    return joined


def test_support_sections_show_the_nudge_the_learning_plan_open_gaps_first_and_the_circle():
    plan = [Gap("figma", 1, d(3), learned_on=d(10)), Gap("tableau", 3, d(20)), Gap("sql", 2, d(12), learned_on=d(5))]
    people = [Person(1, "Sam Lee", Relation.MENTOR, "met at PyCon", last_contacted=d(26)), Person(2, "Mum", Relation.FAMILY)]
    sections = support_sections([NUDGE], plan, people, TODAY)
    assert [section.title for section in sections] == ["Worth a look", "Learning plan", "Support circle"]
    nudge_lines = sections[0].lines
    # The nudge's one long line, wrapped to fit 80 columns, reads the same.
    assert len(nudge_lines) > 1 and all(len(line) <= 76 for line in nudge_lines)
    assert " ".join(line.strip() for line in nudge_lines) == NUDGE.line
    assert nudge_lines[0].startswith("4 rejections in data in the last 30 days")
    # tableau and sql (named again since its learning step) are still open; figma was worked on. A line too
    # long for 80 columns goes on under itself, indented.
    assert unwrapped(sections[1].lines) == [gap_line(plan[1]), gap_line(plan[2]), gap_line(plan[0])]
    assert sections[1].lines[1:3] == ("sql · named 2 times, last 2026-11-12 · named again since learning", "  (2026-11-05)")
    assert sections[1].lines[-1] == "figma · named once, last 2026-11-03 · ✓ learning logged 2026-11-10"
    assert sections[2].lines == ("Sam Lee · mentor · last talked yesterday", "Mum · family · not contacted yet")


def test_support_sections_without_nudges_gaps_or_people_are_kind():
    assert support_sections([], [], [], TODAY) == [Section("Learning plan", (NO_GAPS,)), Section("Support circle", (NO_PEOPLE,))]
    assert len(NO_GAPS) <= 76 and len(NO_PEOPLE) <= 76


def test_support_sections_print_names_and_tags_literally_within_80_columns():
    hostile = "[bold]Sam[/]\x1b[2J\x07\u202e" + "y" * 300
    sections = support_sections(
        [BroadenNudge(hostile, 3, None, (), (hostile,))], [Gap(hostile, 1, d(2))], [Person(1, hostile, Relation.FRIEND)], TODAY,
    )
    for section in sections:
        for line in section.lines:
            assert len(line) <= 76 and "\x1b" not in line and "\x07" not in line and "\u202e" not in line
    assert sections[2].lines[0].startswith("[bold]Sam[/]yyy") and person_line(Person(1, hostile), TODAY).count("·") == 2


def test_insights_text_puts_the_support_sections_above_the_figures_as_the_screen_does():
    figures = insights([JOURNAL[0]])
    plain = insights_text(figures)
    text = insights_text(figures, support_sections([], [], [], TODAY))
    assert text == f"Learning plan\n  {NO_GAPS}\n\nSupport circle\n  {NO_PEOPLE}\n\n" + plain
    assert plain.split("\n\n")[0] == "This week\n  □□□□□  0 of 5 days this week."


def test_no_answer_yet_is_named_apart_from_the_inbox_s_waiting_to_hear():
    """Insights counts open applications with no answer yet; the Inbox's *Waiting to hear* lists open ones with
    nothing due, answered or not. Different facts: Insights must not call its figure "waiting"."""
    from tui.domain.inbox import Section as InboxSection, build_inbox
    from tui.domain.models import Settings

    journal = [
        app(1, d(25)),                                   # no answer; Waiting to hear
        app(2, d(10)),                                   # no answer; a follow-up is due, so not Waiting
        app(3, d(20), (d(24), "screening")),             # answered; Waiting to hear
        app(4, d(18), (d(21), "interview")),             # answered; Waiting to hear
        app(5, d(16), (d(19), "rejected", "screening")),  # neither
    ]
    waiting = build_inbox(journal, [], [], {5}, Settings(), TODAY).section(InboxSection.WAITING)
    assert sorted(row.application.id for row in waiting) == [1, 3, 4]
    figures = insights(journal)
    assert figures.overall.unanswered == 2
    text = insights_text(figures)
    assert "  No answer yet: 2 of 5 (40%)\n" in text
    assert "waiting" not in text.casefold()


def test_the_inbox_nudge_cuts_a_long_gap_tag_at_a_word_not_in_the_middle_of_one():
    nudge = BroadenNudge("data", 6, None, (), ("tableau", "public sector experience"))
    assert "gaps named: tableau, public sector…" in nudge.short
    assert "exp…" not in nudge.short
    # One long word has nowhere better to end: it is cut where it must be.
    assert "supercalifragilis…" in BroadenNudge("data", 3, None, (), ("supercalifragilistic",)).short
    longer = BroadenNudge("data", 3, None, (), ("experience in public sector data and analytics teams",))
    assert "Gaps you named for data: experience in public sector…" in longer.line
