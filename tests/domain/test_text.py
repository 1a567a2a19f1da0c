import pytest

from tui.domain.text import check_length, check_required, clean_block, clean_line, markdown_to_plain, printable


def test_clean_line_strips_control_characters_and_folds_space():
    assert clean_line("  Acme\x1b[31m\tCorp\x07\n ") == "Acme Corp"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\x1b[31mred\x1b[0m", "red"),  # colour
        ("\x1b]0;retitled\x07Acme", "Acme"),  # the window's title (OSC, ended by BEL)
        ("\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"),  # a hyperlink (OSC, ended by ST)
        ("a\x1b[2Jb\x1b[1;1Hc", "abc"),  # clear the screen, move the cursor
        ("\x9b31mC1", "C1"),  # the 8-bit CSI
        ("stray \x1b]0;the rest of my note", "stray 0;the rest of my note"),  # unended: only ESC ] goes
        ("x\x1bcy", "xy"),  # reset
    ],
)
def test_escape_sequences_go_whole_not_only_their_escape(typed, kept):
    """Found by a tester: removing ESC alone left "[31mred" and "]0;title" in what was stored."""
    assert clean_line(typed) == kept
    assert clean_block(typed) == kept
    assert printable(typed) == kept


def test_clean_line_removes_bidi_overrides_but_keeps_emoji_and_brackets():
    assert clean_line("\u202eevil\u202c [b]Acme[/b] 👩‍💻") == "evil [b]Acme[/b] 👩‍💻"


def test_clean_block_keeps_lines():
    assert clean_block("line one\r\n\tline two\x00\n\n") == "line one\n    line two"


def test_required_and_length_messages():
    assert check_required("Company", "") == "Company can't be empty."
    assert check_required("Company", "Acme") is None
    assert "at most 5" in check_length("Role", "x" * 6, 5)


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("**Tableau**", "Tableau"),
        ("__Tableau__ and SQL", "Tableau and SQL"),
        ("*felt* _calm_", "felt calm"),
        ("***both*** and **_nested_**", "both and nested"),
        ("~~gave up~~ kept going", "gave up kept going"),
        ("# Heading", "Heading"),
        ("### **Big** day", "Big day"),
        ("- a bullet", "a bullet"),
        ("* a bullet", "a bullet"),
        ("+ a bullet", "a bullet"),
        ("12. numbered", "numbered"),
        ("- [x] done", "done"),
        ("> quoted", "quoted"),
        ("Read [the docs](https://example.com/a_b) first", "Read the docs first"),
        ("![chart](chart.png) attached", "chart attached"),
        ("use `git rebase` today", "use git rebase today"),
        ("code keeps its marks: `**kwargs`", "code keeps its marks: **kwargs"),
        ("---", ""),
        # Not Markdown marks: left exactly as typed.
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("snake_case_name", "snake_case_name"),
        ("#hashtag", "#hashtag"),
        ("Acme [/]", "Acme [/]"),
        ("[bold]Acme[/]", "[bold]Acme[/]"),
        ("plain words", "plain words"),
        ("", ""),
    ],
)
def test_markdown_to_plain(markdown, plain):
    assert markdown_to_plain(markdown) == plain


def test_markdown_to_plain_is_quick_on_a_line_of_unpaired_marks():
    assert markdown_to_plain("*a" * 200).startswith("*a")
