from tui.domain.text import check_length, check_required, clean_block, clean_line


def test_clean_line_strips_control_characters_and_folds_space():
    assert clean_line("  Acme\x1b[31m\tCorp\x07\n ") == "Acme[31m Corp"


def test_clean_line_removes_bidi_overrides_but_keeps_emoji_and_brackets():
    assert clean_line("\u202eevil\u202c [b]Acme[/b] 👩‍💻") == "evil [b]Acme[/b] 👩‍💻"


def test_clean_block_keeps_lines():
    assert clean_block("line one\r\n\tline two\x00\n\n") == "line one\n    line two"


def test_required_and_length_messages():
    assert check_required("Company", "") == "Company can't be empty."
    assert check_required("Company", "Acme") is None
    assert "at most 5" in check_length("Role", "x" * 6, 5)
