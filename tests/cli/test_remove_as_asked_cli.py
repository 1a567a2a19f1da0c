"""The command line's remove question answered y removes nothing when the application changed while it was
asked (try7 P), as the app's does (tests/app/test_remove_as_asked_app.py)."""

from tests.app.test_remove_as_asked_app import added_elsewhere
from tests.cli.test_edit_cli import Terminal, read


def test_the_command_lines_remove_question_is_guarded_the_same_way(onward, journal_path, monkeypatch):
    assert onward("add", "Zeta", "Dev")[0] == 0

    class AnsweredAfterAChange(Terminal):
        def readline(self, *args):
            added_elsewhere(journal_path, 1)
            return "y\n"

    monkeypatch.setattr("sys.stdin", AnsweredAfterAChange())
    status, out, err = onward("remove", "application", "1")
    assert "Remove Zeta — Dev" in out
    assert err == (
        "onward: Zeta changed since you were asked (a note and an interview were added) — not removed; "
        "run the command again to see what goes.\n"
    )
    assert [a.company for a in read(journal_path, lambda j: j.applications.every())] == ["Zeta"]
