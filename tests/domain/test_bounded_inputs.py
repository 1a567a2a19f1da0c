"""Every input bounded and checked before it is parsed (issue 24): imported Onward JSON passes the same
checks as typed data, names need something visible, and absurdly long dates are refused in one message."""

from datetime import date

import pytest

from tui.domain.dates import DateError, parse_day
from tui.domain.entries import EntryError, check_application
from tui.domain.onward_json import OnwardJsonError, read_onward
from tui.domain.reflections import usable_draft

TODAY = date(2026, 11, 27)


def journal_file(**parts):
    data = {"format": "onward", "version": 3, "applications": [
        {"id": 1, "company": "Acme", "role": "Analyst", "applied_on": "2026-11-02", "events": []}]}
    data.update(parts)
    return data


@pytest.mark.parametrize("text", ["1" * 4301, "2026-11-" + "0" * 5000, "in " + "9" * 200 + " days"])
def test_a_date_of_absurd_length_is_refused_in_one_message(text):
    with pytest.raises(DateError, match="is not a date I can read"):
        parse_day(text, TODAY)
    with pytest.raises(DateError, match="is not a date I can read"):
        parse_day(text, TODAY, planned=True)


@pytest.mark.parametrize("company", ["\u200b", "\u200b\u200d\u2060", " \ufeff "])
def test_a_company_of_only_invisible_characters_is_refused(company):
    with pytest.raises(EntryError) as raised:
        check_application(company=company, role="Analyst", today=TODAY)
    assert raised.value.problems.by_field["company"] == "Company needs a letter or two you can see."


def test_an_imported_name_of_only_invisible_characters_is_refused():
    data = journal_file()
    data["applications"][0]["company"] = "\u200b"
    with pytest.raises(OnwardJsonError, match=r"applications\[0\]\.company: can't be empty"):
        read_onward(data, TODAY)


@pytest.mark.parametrize("version", [True, False, "1", 1.0, [1]])
def test_a_version_that_is_not_a_whole_number_is_refused(version):
    with pytest.raises(OnwardJsonError, match="Unknown Onward JSON version"):
        read_onward(journal_file(version=version), TODAY)


@pytest.mark.parametrize("where, data", [
    ("settings.hidden_nudges.data", journal_file(settings={"hidden_nudges": {"data": "9999-12-31"}})),
    ("applications[0].events[0].takes_place_on", journal_file(applications=[
        {"id": 1, "company": "Acme", "role": "Analyst", "applied_on": "2026-11-02", "events": [
            {"id": 1, "on": "2026-11-05", "kind": "interview", "takes_place_on": "9999-12-31", "held": "planned"}]}])),
    ("applications[0].follow_up_on", journal_file(applications=[
        {"id": 1, "company": "Acme", "role": "Analyst", "applied_on": "2026-11-02", "follow_up_on": "2029-01-01"}])),
    ("rest_days[0].day", journal_file(rest_days=["9999-12-31"])),
])
def test_a_day_no_one_could_mean_is_refused_naming_the_record(where, data):
    with pytest.raises(OnwardJsonError, match=rf"^{where.replace('[', '.').replace(']', '.')}: .* is too far ahead"):
        read_onward(data, TODAY)


def test_a_plan_two_years_ahead_is_still_read():
    data = journal_file(settings={"hidden_nudges": {"data": "2028-11-26"}})
    assert read_onward(data, TODAY).settings["hidden_nudges"] == {"data": "2028-11-26"}


@pytest.mark.parametrize("key, value, allowed", [
    ("ghosted_after_days", 366, False), ("ghosted_after_days", 365, True),
    ("follow_up_after_days", 366, False), ("follow_up_after_days", 365, True),
    ("follow_ups", 11, False), ("weekly_target", 8, False),
    ("rest_weekdays", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], False),
])
def test_settings_stay_within_the_command_lines_limits(key, value, allowed):
    data = journal_file(settings={key: value})
    if allowed:
        assert read_onward(data, TODAY).settings[key] == value
    else:
        with pytest.raises(OnwardJsonError, match=f"^settings.{key}: "):
            read_onward(data, TODAY)


def test_escape_codes_in_an_imported_draft_are_removed():
    draft = {"mood": 2, "went_well": "ok\x1b]0;PWNED\x07\x1b[2J", "body": "line\nnext\x1b[31m"}
    data = read_onward(journal_file(drafts={"reflection:1": draft}), TODAY)
    assert data.drafts == {"reflection:1": {"mood": 2, "went_well": "ok", "body": "line\nnext"}}
    assert not any("\x1b" in str(value) or "\x07" in str(value) for value in data.drafts["reflection:1"].values())


@pytest.mark.parametrize("draft, field", [
    ({"mood": "abc"}, "mood"), ({"mood": True}, "mood"), ({"mood": 9}, "mood"),
    ({"went_well": 5}, "went_well"), ({"stage": "ceo"}, "stage"), ({"body": ["a"]}, "body"),
    ({"next_step_on": None}, "next_step_on"), ({"feelings": {"a": 1}}, "feelings"),
])
def test_a_draft_of_the_wrong_type_refuses_the_file_naming_it(draft, field):
    with pytest.raises(OnwardJsonError, match=rf'^drafts\["reflection:1"\]\.{field}: '):
        read_onward(journal_file(drafts={"reflection:1": draft}), TODAY)


def test_a_stored_draft_opens_with_its_bad_fields_left_out():
    stored = {"mood": "abc", "stage": "ceo", "went_well": 5, "body": "fine\x1b[2J", "do_differently": "ask", "stray": 1}
    assert usable_draft(stored) == {"body": "fine", "do_differently": "ask"}
    assert usable_draft(["not", "a", "draft"]) == {}
    assert usable_draft({"mood": 3, "stage": None}) == {"mood": 3, "stage": None}


def test_removed_win_causes_are_cleaned_and_bounded():
    data = read_onward(journal_file(removed_automatic_wins=["event:1\x1b[2J"]), TODAY)
    assert data.removed_wins == ["event:1"]
    with pytest.raises(OnwardJsonError, match="^removed_automatic_wins: "):
        read_onward(journal_file(removed_automatic_wins=["x" * 5000]), TODAY)
