"""What an application asks of you, told the same by every reader (tui.domain.attention): the Inbox's
sections and greeting, the side panel, `onward list`/`show` and the calendar feed. A tester saw the section say
"no word for 50 days · g if ghosted" while the panel said "Follow-up due since 2026-11-08", and the calendar
hold no follow-up; an import's open application listed under Closed with no word of being settled; and a
filter turn the greeting to "Nothing is waiting on you"."""

from datetime import date

from tui.domain.attention import Need, need_of, settled_sentence, settles, standing_words
from tui.domain.calendar_feed import calendar_items
from tui.domain.inbox import LiveInbox, Section, build_inbox
from tui.domain.models import Application, OutcomeEvent, OutcomeKind, Settings, Stage
from tui.widgets.application_detail import application_detail

TODAY = date(2026, 12, 21)
SETTINGS = Settings()  # follow-up after 7 days, up to 2, ghosted after 30


def quiet(id=1, company="Quiet", events=()):
    return Application(id, company, "Co", date(2026, 11, 1), events=tuple(events))


def followed_up(*days):
    return [OutcomeEvent(10 + n, 1, date.fromisoformat(day), OutcomeKind.FOLLOWED_UP) for n, day in enumerate(days)]


def readers(app, reflected=False):
    """What each reader says of `app`: its Inbox section and whether it is marked gone quiet, the panel's words,
    the calendar's follow-up days, the listing's words and the greeting."""
    inbox = build_inbox([app], [], [], {app.id} if reflected else set(), SETTINGS, TODAY, show_closed=True)
    [row] = [row for row in inbox.rows if row.application is not None]
    panel = application_detail(app, SETTINGS, {}, TODAY, reflected=reflected).plain
    calendar = [item.day for item in calendar_items([], [app], [], SETTINGS, TODAY) if item.uid.startswith("follow-up")]
    return row.section, row.suggests_ghosted, panel, calendar, standing_words(app, reflected, SETTINGS, TODAY), inbox.greeting


def test_never_followed_up_and_quiet_for_fifty_days_is_a_follow_up_due_everywhere():
    section, ghosted, panel, calendar, words, greeting = readers(quiet())
    assert need_of(quiet(), False, SETTINGS, TODAY) is Need.FOLLOW_UP
    assert (section, ghosted) == (Section.FOLLOW_UPS_DUE, False)
    assert "Follow-up due since 2026-11-08 — u when done." in panel and "ghosted" not in panel
    assert calendar == [TODAY]  # overdue: on today
    assert words == "follow-up due"
    assert "1 follow-up due" in greeting and "gone quiet" not in greeting


def test_after_the_last_follow_up_and_the_ghosted_threshold_it_has_gone_quiet_everywhere():
    app = quiet(events=followed_up("2026-11-08", "2026-11-15"))  # heard nothing since: 36 days
    section, ghosted, panel, calendar, words, greeting = readers(app)
    assert (section, ghosted) == (Section.WAITING, True)
    assert "No word for 36 days — g if ghosted." in panel and "Follow-up due" not in panel
    assert calendar == []
    assert words == "gone quiet"
    assert "1 gone quiet" in greeting and "follow-up" not in greeting
    # One follow-up made, the second still to come: due, not gone quiet.
    section, ghosted, panel, calendar, words, _ = readers(quiet(events=followed_up("2026-11-08")))
    assert (section, ghosted, words) == (Section.FOLLOW_UPS_DUE, False, "follow-up due")
    assert "Follow-up due since 2026-11-15" in panel and calendar == [TODAY]


def test_settled_history_is_open_asks_nothing_and_says_it_is_settled_wherever_it_is_listed():
    app = Application(1, "Hooli", "Data Scientist", date(2026, 11, 20), settled_through=date(2026, 11, 20))
    assert app.status.is_open
    section, ghosted, panel, calendar, words, greeting = readers(app)
    assert need_of(app, False, SETTINGS, TODAY) is None
    assert words == "settled" and "Settled history" in panel and calendar == []
    row = build_inbox([app], [], [], set(), SETTINGS, TODAY, show_closed=True).section(section)[0]
    assert row.hint.startswith("applied · settled history · ")
    assert "nothing is waiting on you" in greeting


def test_settled_history_is_worded_truly_for_open_and_closed_ones_alike():
    """Tester (try5 #2): a settled ghosted application was called "open"; the panel and `show` ask this one function."""
    day = date(2026, 11, 3)
    ghosted = Application(1, "Northwind", "AE", day, settled_through=day, events=(OutcomeEvent(2, 1, day, OutcomeKind.GHOSTED),))
    rejected = Application(2, "Contoso", "A", day, settled_through=day, events=(OutcomeEvent(3, 2, day, OutcomeKind.REJECTED, Stage.APPLICATION),))
    opened = Application(3, "Hooli", "DS", day, settled_through=day)
    assert settled_sentence(ghosted, False) == "Settled history: closed (ghosted), asks nothing."
    assert "open" not in settled_sentence(rejected, False) and "not asked to be reflected on" in settled_sentence(rejected, False)
    assert "still open" in settled_sentence(opened, False)
    for app in (ghosted, rejected, opened):
        assert settled_sentence(app, False) in readers(app)[2]  # the side panel says it
    # Only what would ask something is settled: a ghosted, withdrawn or offered one asks nothing anyway.
    assert [settles(app.status, day, SETTINGS, TODAY) for app in (ghosted, rejected, opened)] == [False, True, True]


def test_a_settled_rejection_reflected_on_reads_as_any_reflected_rejection_everywhere():
    """Tester (try6 #4): reflected on, a settled rejection still said "not asked to be reflected on (you still can)"
    in the panel and `show`, "(settled)" in `onward list` and "settled history" in its row."""
    day = date(2026, 11, 3)
    rejected = Application(2, "Contoso", "A", day, settled_through=day, events=(OutcomeEvent(3, 2, day, OutcomeKind.REJECTED, Stage.APPLICATION),))
    section, ghosted, panel, calendar, words, greeting = readers(rejected, reflected=True)
    assert settled_sentence(rejected, True) == "" and "Settled" not in panel and words == ""
    row = build_inbox([rejected], [], [], {2}, SETTINGS, TODAY, show_closed=True).section(section)[0]
    assert section is Section.CLOSED and "settled" not in row.hint and row.hint.startswith("rejected · applied ")
    # Not reflected on, it still reads as settled history; an open one reflected on stays settled.
    assert "not asked to be reflected on" in readers(rejected)[2]
    opened = Application(3, "Hooli", "DS", day, settled_through=day)
    assert readers(opened, reflected=True)[4] == "settled"


def test_the_greeting_tells_the_whole_journal_whatever_the_filter_shows():
    apps = [
        quiet(1, "Alpha"), quiet(2, "Gamma"),  # two follow-ups due
        Application(3, "Beta", "Co", date(2026, 12, 18)),
        Application(4, "Delta", "Co", date(2026, 11, 1), events=(OutcomeEvent(20, 4, date(2026, 12, 1), OutcomeKind.REJECTED, Stage.APPLICATION),)),
    ]
    whole = build_inbox(apps, [], [], set(), SETTINGS, TODAY).greeting
    filtered = build_inbox(apps, [], [], set(), SETTINGS, TODAY, query="beta")
    assert [row.application.company for row in filtered.rows if row.application] == ["Beta"]
    assert "2 follow-ups due, 1 rejection to reflect on." in whole
    assert filtered.greeting == whole
    # Kept up per write: following up on one filtered out takes it off the count.
    live = LiveInbox(SETTINGS, TODAY, query="beta")
    live.place(apps, set())
    done = Application(1, "Alpha", "Co", date(2026, 11, 1), events=tuple(followed_up(TODAY.isoformat())))
    live.place([done], set())
    assert "1 follow-up due, 1 rejection to reflect on." in live.inbox([], []).greeting
    live.remove([2, 4])
    assert "nothing is waiting on you" in live.inbox([], []).greeting


def test_a_filter_key_reuses_what_the_inbox_it_replaces_worked_out_but_never_for_a_changed_application():
    apps = [quiet(1, "Alpha"), quiet(2, "Gamma"), Application(3, "Beta", "Co", date(2026, 12, 18))]
    first = LiveInbox(SETTINGS, TODAY)
    first.place(apps, set())
    assert "2 follow-ups due." in first.inbox([], []).greeting
    done = Application(1, "Alpha", "Co", date(2026, 11, 1), events=tuple(followed_up(TODAY.isoformat())))
    keyed = LiveInbox(SETTINGS, TODAY, query="b", earlier=first)
    keyed.place([done, *apps[1:]], set())
    assert "1 follow-up due." in keyed.inbox([], []).greeting
    # Another day asks afresh (a follow-up due tomorrow is not due today).
    early = LiveInbox(SETTINGS, date(2026, 11, 2))
    early.place(apps, set())
    assert "follow-up" not in early.inbox([], []).greeting
    later = LiveInbox(SETTINGS, TODAY, query="b", earlier=early)
    later.place(apps, set())
    assert "2 follow-ups due." in later.inbox([], []).greeting


def test_a_draft_on_a_settled_or_closed_rejection_is_pointed_at_on_its_row():
    """Tester (try6 #3): words typed on a settled rejection were kept, but nothing pointed at them (the row with C
    said only "settled history", the Reflections area "No reflections yet")."""
    from tui.domain.inbox import DRAFT_WAITS, application_row, draft_kept_sentence

    day = date(2026, 11, 3)
    rejected = Application(2, "Contoso", "A", day, settled_through=day, events=(OutcomeEvent(3, 2, day, OutcomeKind.REJECTED, Stage.APPLICATION),))
    for reflected in (False, True):  # settled, or reflected on already (closed): a new one's draft waits
        row = application_row(rejected, reflected, SETTINGS, TODAY, show_closed=True, draft_waits=True)
        assert row is not None and row.section is Section.CLOSED and row.hint.startswith(f"{DRAFT_WAITS} · rejected")
    assert draft_kept_sentence([rejected]) == (
        "Your words for a reflection on Contoso are kept in a draft: e on its row in the app's Inbox opens it "
        "(C shows it with the closed and settled ones)."
    )
    unsettled = Application(4, "Fabrikam", "PM", day, events=(OutcomeEvent(5, 4, day, OutcomeKind.REJECTED, Stage.APPLICATION),))
    assert draft_kept_sentence([unsettled]).endswith("e on its row in the app's Inbox opens it.")
    assert draft_kept_sentence([]) == ""


def test_a_follow_up_day_set_ahead_is_said_by_the_row_and_the_panel_until_it_comes():
    """Tester (try6 #7): a day set with U was said only by the toast and the calendar feed."""
    from tui.domain.attention import follow_up_planned

    app = Application(1, "Evil Co", "Dev", date(2026, 12, 18), follow_up_on=date(2026, 12, 30))
    assert follow_up_planned(app, SETTINGS, TODAY) == "follow-up planned for Wed 30 Dec"
    section, _, panel, calendar, words, _ = readers(app)
    row = build_inbox([app], [], [], set(), SETTINGS, TODAY).section(Section.WAITING)[0]
    assert row.hint.startswith("follow-up planned for Wed 30 Dec · applied · ")  # first: 80 columns cut the end
    assert "Follow-up planned for Wed 30 Dec — U changes it." in panel and calendar == [date(2026, 12, 30)]
    # The cadence's own day is not a plan; on the day set it is a follow-up due.
    assert follow_up_planned(Application(1, "Evil Co", "Dev", date(2026, 12, 18)), SETTINGS, TODAY) == ""
    assert follow_up_planned(app, SETTINGS, date(2026, 12, 30)) == ""
