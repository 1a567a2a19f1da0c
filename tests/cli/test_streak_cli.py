import json

import pytest


def streak_json(onward):
    status, out, _ = onward("streak", "--json")
    assert status == 0
    return json.loads(out)


def test_streak_json_has_every_figure(onward):
    for days_ago in (3, 2, 1):
        onward("add", f"Co{days_ago}", "Analyst", "--date", f"{days_ago} days ago")
    data = streak_json(onward)
    assert set(data) == {"current", "longest", "freezes", "score", "today_done", "bounce_back_latest", "bounce_back_median"}
    # 24–26 Nov (Tue–Thu); today Friday still open
    assert (data["current"], data["longest"], data["freezes"], data["today_done"]) == (3, 3, 0, False)
    assert isinstance(data["score"], float) and 0 < data["score"] < 1
    assert data["bounce_back_latest"] is None


def test_short_form_for_a_shell_prompt(onward):
    onward("act", "networking")
    assert onward("streak", "--short")[1] == "🔥1\n"


def test_friendly_summary(onward):
    onward("add", "Acme", "Analyst", "--date", "yesterday")
    onward("log", "1", "rejected", "--date", "yesterday")
    status, out, _ = onward("streak")
    assert status == 0
    assert out.startswith("Streak: 1 persistent day (keep it alive today).")
    # One step so far (0.46%); today, still open and without a step, holds it (Loop's share would lift it).
    assert "Resilience: 0% (+0 points in 30 days)." in out
    assert "Bounce-back: 0 days after the latest rejection.\n" in out  # no "usually" after a single rejection


def test_done_when_marking_yesterday_as_rest_mends_a_broken_run(onward):
    onward("act", "learning", "--date", "2026-11-24")  # Tuesday
    onward("act", "learning", "--date", "2026-11-25")  # Wednesday; Thursday missed
    onward("settings", "--rest-weekdays", "none")
    assert streak_json(onward)["current"] == 0
    assert onward("rest", "yesterday")[1] == "Marked 2026-11-26 as a rest day.\n"
    assert streak_json(onward)["current"] == 2
    onward("rest", "yesterday", "--undo")
    assert streak_json(onward)["current"] == 0


def test_a_week_of_daily_steps_scores_as_loop_does(onward):
    onward("settings", "--target", "7", "--rest-weekdays", "none")
    for days_ago in range(6, -1, -1):
        onward("act", "networking", "--date", f"{days_ago} days ago")
    assert round(streak_json(onward)["score"], 6) == round(1 - 0.5 ** (7 / 13), 6)


def test_settings_show_and_change(onward, started):
    assert onward("settings")[1].startswith("Weekly target: 5 days. Rest weekdays: sat,sun.\nFollow-ups: up to 2, due 7 days")
    assert onward("settings", "--target", "3", "--rest-weekdays", "Monday,sat")[1] == (
        "Weekly target: 3 days. Rest weekdays: mon,sat.\nFollow-ups: up to 2, due 7 days after applying and after each. "
        "Ghosted suggested after 30 days without a word.\n"
    )
    assert onward("settings", "--target", "1", "--follow-up-days", "1", "--ghosted-days", "1")[1] == (
        "Weekly target: 1 day. Rest weekdays: mon,sat.\nFollow-ups: up to 2, due 1 day after applying and after each. "
        "Ghosted suggested after 1 day without a word.\n"
    )


@pytest.mark.parametrize(
    "argv, message",
    [
        (("settings", "--target", "0"), "use a whole number from 1 to 7"),
        (("settings", "--target", "many"), "not a weekly target"),
        (("settings", "--rest-weekdays", "sat,someday"), "not a weekday"),
        (("settings", "--rest-weekdays", "mon,tue,wed,thu,fri,sat,sun"), "at least one day"),
        (("rest", "2026-12-25"), "too far ahead; use a day within 14 days"),
        (("rest", "whenever"), "not a date"),
        (("streak", "--short", "--json"), "not allowed with"),
    ],
)
def test_bad_settings_exit_2_and_change_nothing(onward, started, argv, message):
    before = onward("settings")[1]
    status, _, err = onward(*argv)
    assert status == 2 and message in err
    assert onward("settings")[1] == before


def test_imported_rejections_whose_day_is_unknown_have_no_bounce_back(onward, tmp_path, monkeypatch, journal_path):
    """Tester (try7 E): a sheet's rejections (no day of their own) read "0 days after the latest rejection",
    counted from the applied day standing in; the meter leaves them out, and `streak` says why there is none."""
    from datetime import date

    from tui.actions import views
    from tui.domain.streak import UNDATED_BOUNCE_BACK
    from tui.screens.streak import StreakScreen
    from tui.store.repository import Journal

    monkeypatch.setenv("ONWARD_TODAY", "2026-12-15")
    sheet = tmp_path / "bb.csv"
    sheet.write_text("Company,Role,Date applied,Status\nContoso,Analyst,2026-11-02,Rejected\nFoo,Dev,2026-11-20,Rejected\n")
    assert onward("import", "csv", str(sheet), "--yes")[0] == 0
    status, out, _ = onward("streak")
    assert status == 0 and f"Bounce-back: {UNDATED_BOUNCE_BACK}.\n" in out and "after the latest rejection" not in out
    data = streak_json(onward)
    assert (data["bounce_back_latest"], data["bounce_back_median"]) == (None, None)
    journal = Journal.open(journal_path)
    try:
        meter = views.meter(journal, date(2026, 12, 15))
    finally:
        journal.close()
    assert f"Bounce-back     {UNDATED_BOUNCE_BACK}" in StreakScreen._figures(meter, 5).plain  # the meter says the same
    # A rejection logged with its day is counted, the imported ones still left out.
    assert onward("add", "Bar", "Dev", "--date", "2026-12-14")[0] == 0
    assert onward("log", "3", "rejected", "--date", "2026-12-14")[0] == 0
    assert "Bounce-back: 0 days after the latest rejection.\n" in onward("streak")[1]
