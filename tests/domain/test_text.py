import pytest

from tui.domain.text import check_length, check_required, clean_block, clean_line, markdown_body, markdown_to_plain, printable


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


# A reflection's body in the Markdown export: its own Markdown kept, everything that could run, fetch or reach
# outside its section made harmless (tests/store/test_transfer.py reads whole exports with a real parser).
@pytest.mark.parametrize(
    ("body", "exported"),
    [
        # Kept as written: the writer's paragraphs, emphasis, lists, quotes, code and web or e-mail links.
        ("It went **well**, _mostly_.\n\n- one\n1. two\n\n> quoted", "It went **well**, _mostly_.\n\n- one\n1. two\n\n> quoted"),
        ("see [the job](https://x.example/j) or [me](mailto:me@x.example)", "see [the job](https://x.example/j) or [me](mailto:me@x.example)"),
        ("<https://x.example> <me@x.example> `**kwargs`", "<https://x.example> <me@x.example> `**kwargs`"),
        ("[job]\n\n[job]: https://x.example", "[job]\n\n[job]: https://x.example"),
        ("```python\nif a < b & c:\n```", "```python\nif a < b & c:\n```"),
        ("AT&T, 2 * 3, snake_case", "AT&T, 2 * 3, snake_case"),
        # Headings go below the section they sit in (level 3 here), so none joins the export's own outline.
        ("# Round two\n## Notes\n###### Small", "#### Round two\n##### Notes\n###### Small"),
        ("> # Quoted\n- ## Listed", "> #### Quoted\n- ##### Listed"),
        ("Title\n===", "#### Title"),
        ("Title\n---", "##### Title"),
        ("> a\n> ===\n- b\n  ---", "> a\n> \\===\n- b\n  ***"),  # inside a quote or list: text, or a rule
        # HTML and entities show as the characters typed.
        ("<img src=x onerror=alert(1)> <script>x</script>", "&lt;img src=x onerror=alert(1)> &lt;script>x&lt;/script>"),
        ("&lt;b&gt; &#60;", "&amp;lt;b&amp;gt; &amp;#60;"),
        # An image is a link to its picture, never fetched when the file is viewed.
        ("![chart](http://evil.example/p.png)", "\\![chart](http://evil.example/p.png)"),
        # Links, definitions and autolinks to anything but the web or e-mail are text.
        ("[x](javascript:alert(1)) [y](data:text/html,x)", "[x\\](javascript:alert(1)) [y\\](data:text/html,x)"),
        ("[z](<javascript:alert(1)>) [w](file:///etc/passwd)", "[z\\](&lt;javascript:alert(1)>) [w\\](file:///etc/passwd)"),
        ("[x]\n\n[x]: javascript:alert(1)", "[x]\n\n[x\\]: javascript:alert(1)"),
        ("<javascript:alert(1)>", "&lt;javascript:alert(1)>"),
        # Code that a renderer could read as text is shown as text; a lone tick pairs with nothing.
        ("`<b>` and `a](x` and a ` tick", "\\`&lt;b&gt;\\` and \\`a\\](x\\` and a \\` tick"),
        # A code fence is closed where the body ends, and opens at the line's start whatever a list above says.
        ("```\nunclosed <b>", "```\nunclosed <b>\n```"),
        ("~~~~\nx\n~~~", "~~~~\nx\n~~~\n~~~~"),
        ("- a\n   ```\n<b>", "- a\n```\n<b>\n```"),
        ("``` a`b\n<b>", "\\`\\`\\` a\\`b\n&lt;b>"),  # a tick in its info string: not a fence
        ("ok\x1b[2J\x07\u202e\tend", "ok    end"),
        ("  \n \n", ""),  # nothing to show: no Notes section
        ("<\u00e9@x.example>", "&lt;\u00e9@x.example>"),  # not an e-mail autolink to a renderer (ASCII only)
    ],
)
def test_markdown_body_keeps_markdown_and_makes_it_harmless(body, exported):
    assert markdown_body(body, under_level=3) == exported


@pytest.mark.parametrize(
    "text",
    [
        "/tmp/j.db", "/tmp/my journal.db", "/tmp/\x1b[1mevil\x1b[0m.db", "/tmp/it's \\ here", "/tmp/a\u202eb\U0001f600",
        "/tmp/[b]evil[/b].db", "/tmp/tab\there\nnew line", "/tmp/" + b"\xff\xfe".decode("utf-8", "surrogateescape"),
    ],
)
def test_a_path_shown_reads_back_in_a_shell_as_it_is_and_hides_nothing(text):
    """Issue try5 #14(d): a journal named with an escape sequence was shown with the sequence stripped, a path
    that can't be pasted back."""
    import shutil
    import subprocess

    from tui.domain.text import shown_path

    shown = shown_path(text)
    assert shown.isprintable() and not {"\u202e", "\x1b"} & set(shown), shown
    if shutil.which("bash"):
        said = subprocess.run(["bash", "-c", f"printf %s {shown}"], capture_output=True, check=True).stdout
        assert said == text.encode("utf-8", "surrogateescape")
    assert shown_path("/tmp/j.db") == "/tmp/j.db"  # a plain path stays as it is


def test_a_path_with_a_quote_is_shown_one_way():
    """Issue try6 #8f: a quote read '"'"' in one message and \\' in another (shlex's way and bash's $'…')."""
    from tui.domain.text import shown_path

    assert shown_path("/tmp/x/my dir/ex 'port.json") == "$'/tmp/x/my dir/ex \\'port.json'"
    assert shown_path("/tmp/x/my dir/g.db") == "'/tmp/x/my dir/g.db'"
