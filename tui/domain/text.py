"""Provides cleaning and checking of the text people type, so it is stored and shown safely."""

from __future__ import annotations

import functools
import re
import unicodedata

MAX_NAME_LENGTH = 200
MAX_URL_LENGTH = 2000
MAX_NOTE_LENGTH = 20_000

# Bidirectional overrides can make text display in a different order from how it is stored.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# A terminal's escape sequence whole (colour, cursor, title: CSI, OSC, and ESC with one character), not only
# its control character: removing ESC alone left "[31mred" or "]0;title" behind as text.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: ESC [ (or 8-bit CSI) parameters, intermediates, final byte
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"  # OSC, up to BEL or ST (unended: ESC ] alone goes)
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)"  # DCS, SOS, PM, APC strings, up to ST
    r"|\x1b[ -/]*[0-~]"  # any other escape: ESC, intermediates, one final character
)


def without_escapes(text: str) -> str:
    """`text` with terminal escape sequences removed whole (quick when there is none)."""
    if "\x1b" not in text and "\x9b" not in text and "\x9d" not in text:
        return text
    return _ESCAPE_SEQUENCE.sub("", text)


def _is_unsafe(char: str, keep_newlines: bool) -> bool:
    if keep_newlines and char == "\n":
        return False
    return unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS


def clean_line(text: str) -> str:
    """One line of user text: escape sequences and control characters removed, runs of white space folded, ends trimmed."""
    text = without_escapes(text)
    text = "".join(" " if c in "\t\r\n" else c for c in text)
    text = "".join(c for c in text if not _is_unsafe(c, keep_newlines=False))
    return re.sub(r"\s+", " ", text).strip()


def clean_block(text: str) -> str:
    """Multi-line user text: newlines kept, tabs as spaces, escape sequences and other control characters removed."""
    text = without_escapes(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = "".join(c for c in text if not _is_unsafe(c, keep_newlines=True))
    return text.strip("\n").rstrip()


# What _is_unsafe(c, keep_newlines=True) removes (category Cc is exactly U+0000–001F and U+007F–009F),
# as a table for str.translate: screens show long stored text often, so this must be quick.
_NOT_SHOWN = {code: None for code in (*range(0x20), *range(0x7F, 0xA0), *map(ord, _BIDI_CONTROLS)) if code != 0x0A}


def printable(text: str) -> str:
    """Stored text as it may be shown: newlines kept, tabs as spaces, other control characters and bidi overrides removed."""
    # Cleaning on input is not enough: older journals, imports and direct writes can hold raw escapes,
    # and an escape that reaches the terminal can retitle, clear or hijack it.
    if text.isprintable():
        return text
    return without_escapes(text).replace("\r\n", "\n").replace("\t", "    ").translate(_NOT_SHOWN)


def excerpt(text: str, limit: int = 60) -> str:
    """Stored text named in a sentence: printable, its first line only, at most `limit` characters (… when cut)."""
    line = printable(text).split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def is_visible(text: str) -> bool:
    """Whether `text` has a character anyone can see: not only spaces, zero-width and format characters
    (a company of only U+200B shows as nothing, and can't be told from another)."""
    return any(unicodedata.category(char)[0] not in "CZ" for char in text)


def check_required(label: str, text: str, limit: int = MAX_NAME_LENGTH) -> str | None:
    """A message when a required one-line value is empty, invisible or too long, else None."""
    if not text:
        return f"{label} can't be empty."
    if not is_visible(text):
        return f"{label} needs a letter or two you can see."
    return check_length(label, text, limit)


def check_length(label: str, text: str, limit: int) -> str | None:
    """A message when a value is longer than `limit` characters, else None."""
    if len(text) > limit:
        return f"{label} is {number(len(text))} characters; at most {number(limit)} fit."
    return None


@functools.cache
def compiled(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled when first asked for, once: a pattern only some paths use (Markdown, a date typed in
    words) costs nothing to the commands that never do (~0.3 ms each of `onward add` and `onward list`)."""
    return re.compile(pattern)


# The characters _is_unsafe removes (category Cc is exactly U+0000-001F and U+007F-009F), as one
# pattern so whole exports can be cleaned quickly; newline and tab are kept.
_TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """Text safe to print on a terminal: escape sequences, control characters (but newline and tab) and bidi
    overrides removed."""
    return _TERMINAL_UNSAFE.sub("", without_escapes(text))


# Markdown marks that change how a line looks, not what it says; a list shows the words only.
_MARKDOWN_LINE_START = r"^\s{0,3}(?:#{1,6}(?:\s+|$)|(?:>\s?)+|(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?)"
_MARKDOWN_IMAGE_OR_LINK = r"!?\[([^\]\n]*)\]\([^)\n]*\)"
_MARKDOWN_CODE = r"(`+)(.+?)\1"
# Emphasis hugs its words (`**a**`, `_a_`), so "2 * 3 * 4" and snake_case names are left as they are.
_MARKDOWN_EMPHASIS = r"(\*\*|__|~~|\*|(?<!\w)_)(?=\S)(.+?)(?<=\S)\1(?!\w)"
_MARKDOWN_RULE = r"^\s{0,3}(?:[-*_]\s*){3,}$"


def markdown_to_plain(line: str) -> str:
    """One line of Markdown as plain words: headings, quotes, bullets, emphasis, code ticks and link targets removed."""
    if compiled(_MARKDOWN_RULE).match(line):
        return ""
    text = compiled(_MARKDOWN_LINE_START).sub("", line, count=1)
    text = compiled(_MARKDOWN_IMAGE_OR_LINK).sub(r"\1", text)
    # Code is taken out first so the marks inside it (`**kwargs`) stay as written.
    pieces = compiled(_MARKDOWN_CODE).split(text)
    out: list[str] = []
    emphasis = compiled(_MARKDOWN_EMPHASIS)
    for index in range(0, len(pieces), 3):
        plain = pieces[index]
        for _ in range(3):  # nested emphasis (***a***, **_a_**); deeper nesting is not worth a slower list
            plain = emphasis.sub(r"\2", plain)
        out.append(plain)
        if index + 2 < len(pieces):
            out.append(pieces[index + 2].strip())
    return "".join(out).strip()


def number(count: int) -> str:
    """A count as every screen writes it, thousands set apart: "7", "1,204", "100,012"."""
    return f"{count:,}"


def plural(count: int, word: str, many: str | None = None) -> str:
    """"1 application", "12 applications", "1,204 steps" (`many` when adding an s is wrong)."""
    return f"{number(count)} {word if count == 1 else many or word + 's'}"


# Markdown punctuation that means something anywhere in a line: escapes, code, emphasis, links and
# images, tables, strikethrough, closing heading marks; "@" for e-mail autolinks.
_MD_INLINE = r"([\\`*_\[\]|~#@])"
# Bare URLs and www. that GitHub-style renderers turn into links.
_MD_AUTOLINK = r"(?<=[A-Za-z])(:)(?=//)|(?<![\w.])((?i:www))(\.)"
# An ampersand that would start an HTML entity such as &lt; or &#60;.
_MD_ENTITY = r"&(?=#?[0-9A-Za-z]+;)"


def markdown_inline(text: str) -> str:
    """User text as Markdown that shows literally inside a line (and a table cell: | is escaped): one line,
    no markup, links or HTML of its own (the Markdown export and the activity report use it)."""
    text = " ".join(strip_controls(text).split())
    text = compiled(_MD_ENTITY).sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = compiled(_MD_INLINE).sub(r"\\\1", text)
    return compiled(_MD_AUTOLINK).sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)


def matching_key(text: str) -> str:
    """`text` as compared to find the same company or role again: case, spacing and Unicode form ignored
    ("Café" typed as one character or as e + accent is the same café)."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def query_words(query: str) -> list[str]:
    """The words a filter looks for, each compared case-insensitively."""
    return query.casefold().split()


def haystack(company: str, role: str, field: str) -> str:
    """What a filter searches in an application (the store keeps it beside each one for SQL, so both agree)."""
    return f"{company} {role} {field}".casefold()
