"""Reading Onward JSON (tui.domain.onward_json): the support circle, a support step's person, a learning
step's gaps, the employer's feedback and the hidden nudges (issue 14) are checked like every other record."""

from datetime import date, timedelta

import pytest

from tui.domain.onward_json import OnwardJsonError, read_onward, shifted

TODAY = date(2026, 11, 27)


def good():
    """A small file using every part issue 14 added."""
    return {
        "format": "onward", "version": 2,
        "applications": [{"id": 1, "company": "Acme", "role": "Analyst", "field": "data", "applied_on": "2026-11-02", "events": [
            {"id": 1, "on": "2026-11-05", "kind": "rejected", "stage": "interview", "note": ""}]}],
        "reflections": [{"id": 1, "on": "2026-11-06", "application_id": 1, "mood": 2, "gaps": ["sql"],
                         "feedback": "More SQL practice."}],
        "people": [{"id": 1, "name": "Ada Byron", "relation": "mentor", "note": "Thursdays"},
                   {"id": 2, "name": "Ben Cole"}],
        "actions": [
            {"id": 1, "on": "2026-11-07", "kind": "support", "note": "", "person_id": 1},
            {"id": 2, "on": "2026-11-08", "kind": "learning", "note": "", "gaps": ["sql"]},
            {"id": 3, "on": "2026-11-06", "kind": "asked_feedback", "note": "", "application_id": 1},
        ],
        "wins": [{"id": 1, "on": "2026-11-08", "title": "Skill learned: sql", "kind": "skill_learned", "automatic": True,
                  "cause": "learned:2"}],
        "settings": {"hidden_nudges": {"data": "2026-11-20"}},
    }


def test_the_new_records_read_with_their_links():
    data = read_onward(good(), TODAY)
    assert [dict(person) for person in data.people] == [
        {"id": 1, "name": "Ada Byron", "relation": "mentor", "note": "Thursdays"},
        {"id": 2, "name": "Ben Cole", "relation": "other", "note": ""},
    ]
    assert [(a["person_id"], a["gaps"]) for a in data.actions] == [(1, []), (None, ["sql"]), (None, [])]
    assert data.reflections[0]["feedback"] == "More SQL practice."
    assert data.settings["hidden_nudges"] == {"data": "2026-11-20"}


def test_a_file_without_them_reads_with_defaults():
    raw = good()
    del raw["people"], raw["settings"], raw["reflections"][0]["feedback"], raw["wins"]
    raw["actions"] = [{"id": 1, "on": "2026-11-07", "kind": "networking", "note": ""}]
    data = read_onward(raw, TODAY)
    assert data.people == [] and data.settings == {}
    assert (data.actions[0]["person_id"], data.actions[0]["gaps"]) == (None, [])
    assert data.reflections[0]["feedback"] == ""


@pytest.mark.parametrize("change, message", [
    (lambda d: d["people"][0].pop("name"), "people[0].name: missing."),
    (lambda d: d["people"][0].update(name="   "), "people[0].name: can't be empty."),
    (lambda d: d["people"][0].update(name=["Ada"]), "people[0].name: expected text, found a list."),
    (lambda d: d["people"][0].update(name="x" * 201), "people[0].name: 201 characters; at most 200 fit"),
    (lambda d: d["people"][1].update(name="ADA  byron"), 'people[1].name: "ADA  byron" is people[0] again'),
    (lambda d: d["people"][0].update(relation="boss"),
     'people[0].relation: "boss" is not one of: friend, family, mentor, peer, recruiter, other.'),
    (lambda d: d["people"][0].update(note="x" * 20_001), "people[0].note: 20,001 characters; at most 20,000 fit"),
    (lambda d: d["people"][1].update(id=1), "people[1].id: 1 is used twice."),
    (lambda d: d.update(people={"Ada": "mentor"}), "people: expected a list, found an object."),
    (lambda d: d["people"].append("Cy"), "people[2]: expected an object, found text."),
    (lambda d: d["actions"][0].update(person_id=9), "actions[0].person_id: there is no person with id 9 in the file."),
    (lambda d: d["actions"][0].update(person_id="Ada"), 'actions[0].person_id: "Ada" is not an id'),
    (lambda d: d["actions"][1].update(gaps="sql"), "actions[1].gaps: expected a list of tags (text), found text."),
    (lambda d: d["actions"][1].update(gaps=["sql", 3]), "actions[1].gaps: expected a list of tags (text), found a list holding a number."),
    (lambda d: d["actions"][1].update(gaps=["x" * 41]), "actions[1].gaps: \"xxxx"),
    (lambda d: d["actions"][1].update(gaps=["x" * 41]), "is 41 characters; a tag holds at most 40."),
    (lambda d: d["actions"][1].update(gaps=[f"t{n}" for n in range(31)]), "actions[1].gaps: 31 tags; at most 30 fit"),
    (lambda d: d["actions"][1].update(gaps=[" "]), "actions[1].gaps: a tag can't be empty."),
    (lambda d: d["reflections"][0].update(gaps={"sql": 1}), "reflections[0].gaps: expected a list of tags (text), found an object."),
    (lambda d: d["reflections"][0].update(feedback="x" * 20_001), "reflections[0].feedback: 20,001 characters; at most 20,000 fit"),
    (lambda d: d["reflections"][0].update(feedback=5), "reflections[0].feedback: expected text, found a number."),
    (lambda d: d["wins"][0].update(cause="learned:7"), 'wins[0].cause: "learned:7" names no step in the file.'),
    (lambda d: d["settings"].update(hidden_nudges=["data"]), "settings.hidden_nudges: expected an object of fields and days"),
    (lambda d: d["settings"].update(hidden_nudges={"data": "soon"}), 'settings.hidden_nudges.data: "soon" is not a day written YYYY-MM-DD.'),
    (lambda d: d["settings"].update(hidden_nudges={" ": "2026-11-20"}), 'settings.hidden_nudges: " " is not a field'),
])
def test_bad_records_are_refused_naming_the_record(change, message):
    data = good()
    read_onward(data, TODAY)  # the good one reads
    change(data)
    with pytest.raises(OnwardJsonError) as refused:
        read_onward(data, TODAY)
    assert message in str(refused.value)


def _two_wins(data):
    data["wins"].append({"id": 2, "on": "2026-11-08", "title": "Spoke up", "kind": "other", "automatic": False})


@pytest.mark.parametrize("changes, message", [
    # Wins are checked as they come in the file (before the people and steps written after them), yet a file
    # with more than one mistake is refused naming the one it always named: the people's and steps' first,
    # then the first win's in the order of the wins, a step it names included.
    ([lambda d: d["wins"][0].update(on="soon"), lambda d: d["actions"][1].update(kind="dancing")], 'actions[1].kind: "dancing"'),
    ([lambda d: d["wins"][0].update(on="soon"), lambda d: d["people"][1].update(id=1)], "people[1].id: 1 is used twice."),
    ([lambda d: d.update(wins={}), lambda d: d["actions"][0].update(person_id=9)], "actions[0].person_id: there is no person"),
    ([lambda d: d.update(wins={})], "wins: expected a list, found an object."),
    ([_two_wins, lambda d: d["wins"][0].update(cause="learned:7"), lambda d: d["wins"][1].update(on="soon")],
     'wins[0].cause: "learned:7" names no step in the file.'),
    ([_two_wins, lambda d: d["wins"][0].update(cause="learned:7", on="soon")], 'wins[0].cause: "learned:7" names no step in the file.'),
    ([_two_wins, lambda d: d["wins"][0].update(on="soon"), lambda d: d["wins"][1].update(cause="learned:7")],
     'wins[0].on: "soon" is not a day'),
    ([_two_wins, lambda d: d["wins"][1].update(cause="learned:7", on="soon")], 'wins[1].cause: "learned:7" names no step in the file.'),
    ([_two_wins, lambda d: d["wins"][1].update(on="soon")], 'wins[1].on: "soon" is not a day'),
])
def test_a_file_with_several_mistakes_is_refused_naming_the_first_as_checked(changes, message):
    data = good()
    for change in changes:
        change(data)
    with pytest.raises(OnwardJsonError) as refused:
        read_onward(data, TODAY)
    assert message in str(refused.value)


def test_names_and_fields_are_read_as_the_journal_compares_them():
    raw = good()
    raw["people"][0]["name"] = "Ada \x1b[31mByron"
    raw["settings"]["hidden_nudges"] = {"Data ": "2026-11-20", "Design": "2026-11-21"}
    data = read_onward(raw, TODAY)
    assert data.people[0]["name"] == "Ada Byron"
    assert data.settings["hidden_nudges"] == {"data": "2026-11-20", "design": "2026-11-21"}


def test_shifting_moves_the_day_a_nudge_was_hidden_and_keeps_the_circle():
    data = shifted(read_onward(good(), TODAY), timedelta(days=10))
    assert data.settings["hidden_nudges"] == {"data": "2026-11-30"}
    assert [p["name"] for p in data.people] == ["Ada Byron", "Ben Cole"]
    assert [a["on"] for a in data.actions] == ["2026-11-17", "2026-11-18", "2026-11-16"]
    assert data.actions[0]["person_id"] == 1 and data.actions[1]["gaps"] == ["sql"]


def _usual():
    """Records as an export writes them, each day named before the records changed below (the usual record
    is read in one go only once its days were read one value at a time)."""
    event = {"on": "2026-11-05", "kind": "screening", "stage": None, "note": "call"}
    return {
        "format": "onward", "version": 3,
        "applications": [
            {"id": n, "company": "Acme", "role": "Analyst", "field": "data", "source": "LinkedIn", "url": "", "notes": "",
             "applied_on": "2026-11-02", "follow_up_on": "2026-11-30", "status": "screening",
             "events": [{"id": 2 * n - 1, **event}, {"id": 2 * n, **event, "kind": "rejected", "stage": "screening"}]}
            for n in (1, 2, 3)
        ],
        "reflections": [
            {"id": n, "on": "2026-11-06", "application_id": 1, "mood": 2, "feelings": ["tired"], "stage": "screening",
             "went_well": "prep", "do_differently": "", "gaps": ["sql"], "stumbles": "", "next_step": "practice",
             "next_step_on": "2026-11-30", "talk_to": "", "body": "Long text", "next_step_done_on": None, "feedback": ""}
            for n in (1, 2)
        ],
        "people": [{"id": 1, "name": "Ada Byron"}],
        "actions": [
            {"id": n, "on": "2026-11-07", "kind": "networking", "note": "coffee", "application_id": 1, "event_id": 1,
             "reflection_id": 1, "automatic": False, "person_id": 1}
            for n in (1, 2, 3)
        ],
        "wins": [
            {"id": n, "on": "2026-11-08", "title": "Invited", "kind": "interview_invite", "application_id": 1,
             "automatic": automatic, "note": "", "cause": cause, "seen": True}
            for n, automatic, cause in ((1, True, "event:1"), (2, True, "reflection:1"), (3, False, None), (4, True, "learned:3"))
        ],
    }


_ODD = [
    None, "", " ", "x" * 70, "y" * 300, "z" * 20_001, 0, -1, 2**62, True, False, 1.5, [], {}, ["sql"], "a\x00b", "a\u202eb",
    "2026-13-01", "2026-11-02", "2026-11-01", "2099-01-01", "1900-01-01", "2026-11-28", "2026-11-30", 1, 2, 3, 7,
    "screening", "rejected", "interview", "planned", "networking", "support", "Acme", "ACME ", [["Old", "Co", "2026-11-01"]],
    "event:1", "event:2", "event:99", "reflection:1", "reflection:2", "learned:1", "learned:9", "streak:2026-11-01:3",
    "milestone", "interview_invite", ["sql", ""], ["a\tb"], ["x" * 41], ["t"] * 31, [3], 5, 6, "final_round", "2026-11-27",
]


from tui.domain.onward_json import _Reader  # noqa: E402

_READER_INIT = _Reader.__init__


def _outcome(data, quick, monkeypatch):
    monkeypatch.setattr("tui.domain.onward_json.READ_IN_ONE_GO", quick)
    try:
        return read_onward(data, TODAY)
    except OnwardJsonError as error:
        return str(error)


def test_the_usual_records_read_in_one_go_read_as_checked_one_value_at_a_time(monkeypatch):
    """Ten years of applications, outcomes and steps are read in one go where they are as usual: whatever odd
    value any of their fields holds (or lacks), the file reads to the same records, or is refused with the
    same message, as when every value is checked one at a time."""
    import copy

    places = [
        (lambda d: d["applications"][1], ("id", "company", "role", "field", "source", "url", "notes", "applied_on",
                                          "follow_up_on", "merged_away", "settled_through", "events")),
        (lambda d: d["applications"][1]["events"][0], ("id", "on", "kind", "stage", "note", "takes_place_on", "held",
                                                        "moved_from", "day_unknown")),
        (lambda d: d["actions"][1], ("id", "on", "kind", "note", "application_id", "event_id", "reflection_id",
                                     "person_id", "automatic", "gaps")),
        (lambda d: d["reflections"][1], ("id", "application_id", "on", "mood", "feelings", "stage", "went_well",
                                         "do_differently", "gaps", "stumbles", "next_step", "next_step_on", "talk_to",
                                         "body", "next_step_done_on", "feedback")),
        *((lambda d, n=n: d["wins"][n], ("id", "on", "title", "kind", "note", "application_id", "automatic", "cause", "seen"))
          for n in (1, 2)),
    ]
    from tui.domain import onward_json

    usual = _usual()
    assert _outcome(usual, True, monkeypatch) == _outcome(usual, False, monkeypatch)
    checked = []

    def counted(self, where, *rest):
        checked.append(where)
        _READER_INIT(self, where, *rest)

    monkeypatch.setattr(onward_json._Reader, "__init__", counted)
    _outcome(usual, True, monkeypatch)
    # Read in one go: the applications and steps whose days were read before (the first reads them).
    assert not any(where.startswith(("applications[", "actions[", "wins[", "reflections[")) for where in checked)
    monkeypatch.setattr(onward_json._Reader, "__init__", _READER_INIT)
    compared = 0
    for place, keys in places:
        for key in keys:
            for value in [*_ODD, "missing"]:
                data = copy.deepcopy(usual)
                if value == "missing":
                    place(data).pop(key, None)
                else:
                    place(data)[key] = value
                assert _outcome(data, True, monkeypatch) == _outcome(data, False, monkeypatch), (key, value)
                compared += 1
    assert compared > 1000
