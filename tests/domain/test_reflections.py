from datetime import date

import pytest

from tui.domain.entries import EntryError
from tui.domain.models import Application, Reflection, Stage
from tui.domain.reflections import (
    check_reflection,
    next_steps_due,
    reflection_matches,
    split_tags,
    tag_suggestions,
)

TODAY = date(2026, 11, 27)


def test_only_mood_is_needed():
    entry = check_reflection(mood=3, today=TODAY)
    assert entry.mood == 3 and entry.feelings == () and entry.next_step_on is None


def test_missing_mood_and_bad_step_day_are_named():
    with pytest.raises(EntryError) as error:
        check_reflection(mood=None, today=TODAY, next_step_on="someday soon")
    assert set(error.value.problems.by_field) == {"mood", "next_step_on"}


def test_fields_are_cleaned_and_next_step_may_be_ahead():
    entry = check_reflection(
        mood=2, today=TODAY, feelings="Sad, , sad,  tired ", gaps="Tableau,SQL", stage="interview",
        next_step_on="tomorrow", went_well="  Good rapport\x07\n",
    )
    assert entry.feelings == ("sad", "tired")
    assert entry.gaps == ("tableau", "sql")
    assert entry.stage is Stage.INTERVIEW
    assert entry.next_step_on == date(2026, 11, 28)
    assert entry.went_well == "  Good rapport"


def test_tags_are_capped():
    assert len(split_tags(",".join(f"t{n}" for n in range(100)))) == 30
    assert split_tags("x" * 100) == ("x" * 40,)


def test_suggestions_most_used_first():
    assert tag_suggestions([("tableau", "sql"), ("tableau",), ("python",)]) == ["tableau", "python", "sql"]


def test_search_every_word_anywhere():
    app = Application(1, "Acme", "Analyst", TODAY)
    reflection = Reflection(1, TODAY, 2, application_id=1, gaps=("tableau",), body="Froze on the **conflict** question")
    assert reflection_matches(reflection, app, "acme conflict")
    assert reflection_matches(reflection, app, "TABLEAU")
    assert not reflection_matches(reflection, app, "acme python")


def test_next_steps_due_from_their_day_until_done():
    due = Reflection(1, TODAY, 3, next_step="Call Sam", next_step_on=TODAY)
    late = Reflection(2, TODAY, 3, next_step="Update CV", next_step_on=date(2026, 11, 20))
    ahead = Reflection(3, TODAY, 3, next_step="Fair", next_step_on=date(2026, 12, 1))
    done = Reflection(4, TODAY, 3, next_step="Done", next_step_on=TODAY, next_step_done_on=TODAY)
    assert [r.id for r in next_steps_due([due, late, ahead, done], TODAY)] == [2, 1]


def test_a_list_line_is_the_first_field_filled_in_in_the_editors_order():
    """Tester (try5 #14c): the Reflections list showed "what I'd do differently" above "what went well",
    the other way round from the editor."""
    from tui.domain.models import FIRST_LINE_FIELDS
    from tui.screens.reflection_fields import REST

    reflection = Reflection(1, TODAY, 3, went_well="Good rapport", do_differently="Prepare numbers", stumbles="Froze")
    assert reflection.first_line == "Good rapport"
    assert Reflection(1, TODAY, 3, do_differently="Prepare numbers", stumbles="Froze").first_line == "Prepare numbers"
    assert Reflection(1, TODAY, 3, went_well="Good rapport", body="# Notes\nmore").first_line == "Notes"  # the body first
    assert sorted(FIRST_LINE_FIELDS, key=REST.index) == list(FIRST_LINE_FIELDS)
