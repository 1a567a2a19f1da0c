"""Every argument bounded and checked before it is parsed (issue 24): bytes that are not text, and numbers
or dates thousands of digits long, are refused in one line, with nothing written and no journal started."""

import json
import os

import pytest

HUGE = "1" * 4301


@pytest.mark.parametrize("argv", [
    ["add", os.fsdecode(b"Caf\xe9"), "Role"],
    ["list", "--field", os.fsdecode(b"\xff")],
    ["act", "other", "--note", os.fsdecode(b"\xc3\x28 bad")],
    ["--db", os.fsdecode(b"j\xe9.db"), "add", "Acme", "Analyst"],
])
def test_bytes_that_are_not_text_are_refused_before_anything_is_started(onward, journal_path, argv, monkeypatch):
    monkeypatch.chdir(journal_path.parent)  # where a relative --db would be started
    status, out, err = onward(*argv)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and "holds bytes that are not UTF-8 text" in err
    assert "Started a new journal" not in err
    assert not journal_path.exists()
    assert not list(journal_path.parent.glob("j*.db"))


def test_the_refusal_shows_the_argument_with_its_bytes_escaped(onward):
    status, _, err = onward("add", os.fsdecode(b"Caf\xe9"), "Role")
    assert err == 'onward: argument 2 ("Caf\\xe9") holds bytes that are not UTF-8 text; type it again as text (nothing was changed).\n'


@pytest.mark.parametrize("argv", [
    ["act", "other", "--date", HUGE], ["log", "1", "rejected", "--date", HUGE], ["add", "Acme", "Analyst", "--date", HUGE],
    ["win", "Hired", "--date", HUGE], ["rest", HUGE], ["report", "--since", HUGE], ["follow-up", "1", "--on", HUGE],
    ["show", HUGE], ["log", HUGE, "screening"], ["remove", "win", HUGE, "--yes"], ["share", HUGE],
    ["settings", "--target", HUGE], ["settings", "--follow-up-days", HUGE], ["settings", "--follow-ups", HUGE],
    ["settings", "--ghosted-days", HUGE], ["merge", HUGE, "1", "--yes"], ["edit", "event", HUGE, "--note", "x"],
    ["win", "Hired", "--app", HUGE], ["feedback", HUGE], ["interview", HUGE, "held"],
])
def test_a_number_or_date_thousands_of_digits_long_is_refused_in_one_line(onward, started, argv):
    status, out, err = onward(*argv)
    assert status == 2, err
    assert err.startswith("onward: ") and err.count("\n") == 1
    assert len(err) < 400
    assert "Traceback" not in err


@pytest.mark.parametrize("value", ["²", "٣", "+3", "3.0", ""])
def test_a_setting_that_is_not_plain_digits_is_refused(onward, started, value):
    status, _, err = onward("settings", "--target", value)
    assert status == 2 and "is not a weekly target" in err


def test_a_company_of_only_a_zero_width_space_is_refused(onward, journal_path):
    status, _, err = onward("add", "\u200b", "Analyst")
    assert status == 2
    assert err == "onward: Company needs a letter or two you can see.\n"
    assert not journal_path.exists()


def test_a_csv_of_headers_alone_is_refused_before_a_journal_is_started(onward, journal_path, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Company,Role,Applied\n")
    status, out, err = onward("import", "csv", str(sheet), "--yes")
    assert status == 2
    assert err == f"onward: {sheet}: The file has a header row but no rows under it: there is nothing to import.\n"
    assert not journal_path.exists()


def test_an_imported_day_no_one_could_mean_is_refused_naming_its_record(onward, journal_path, tmp_path):
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"format": "onward", "version": 3, "settings": {"hidden_nudges": {"data": "9999-12-31"}}}))
    status, _, err = onward("import", "json", str(export), "--yes")
    assert status == 2
    assert "settings.hidden_nudges.data: 9999-12-31 is too far ahead" in err
    assert not journal_path.exists()
