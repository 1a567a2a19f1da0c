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


def shell_word(text: str) -> str:
    """`text` written so that a shell reads it back as it is, and a terminal shows every character of it: as it
    is when it holds nothing a shell treats specially, in single quotes when it holds spaces or shell marks,
    and as bash and zsh's $'…' when it holds control characters, bidi overrides or bytes that are not UTF-8
    (escaped: \x1b, \u202e), which would otherwise be hidden, act on the terminal, or be stripped, or a single
    quote (\', one way wherever it is shown, never '"'"')."""
    import shlex  # only messages naming a file or a command need it

    if text.isprintable() and not _BIDI_CONTROLS.intersection(text) and "'" not in text:
        return shlex.quote(text)
    written = []
    for char in text:
        code = ord(char)
        if char in "\\'":
            written.append("\\" + char)
        elif char.isprintable() and char not in _BIDI_CONTROLS:
            written.append(char)
        elif 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (Python's surrogateescape)
            written.append(f"\\x{code - 0xDC00:02x}")
        elif code < 0x100:
            written.append(f"\\x{code:02x}")
        elif code < 0x10000:
            written.append(f"\\u{code:04x}")
        else:
            written.append(f"\\U{code:08x}")
    return "$'" + "".join(written) + "'"


def shown_path(path: object) -> str:
    """A file's path as every message shows it: one that can be pasted back into a shell (shell_word), with no
    character hidden or acting on the terminal. The one way a path is printed."""
    return shell_word(str(path))


def excerpt(text: str, limit: int = 60, *, at_a_word: bool = False) -> str:
    """Stored text named in a sentence: printable, its first line only, at most `limit` characters (… when cut;
    `at_a_word`: after the last whole word that fits, as word_end says, not in the middle of one)."""
    line = printable(text).split("\n", 1)[0]
    if len(line) <= limit:
        return line
    kept = line[: limit - 1].rstrip()
    return (kept[: word_end(kept, limit)] if at_a_word else kept).rstrip() + "…"


def word_end(kept: str, width: int) -> int:
    """Where a line cut to fit `width` cells with its "…" ends: after its last whole part (" · " or " — "
    separated) or word past half the width, else where it was cut (one long word). `kept` is the line already
    cut to `width - 1`; the one rule for every line shortened at a word ("public sector exp…" reads as a typo)."""
    for mark in (" · ", " — ", " "):
        at = kept.rfind(mark)
        if at > width // 2:
            return at
    return len(kept)


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
# Bare URLs, www. and scheme-less //host that GitHub-style renderers turn into links.
_MD_AUTOLINK = r"(?<=[A-Za-z]):(?=//)|(?<![\w.])((?i:www))\.|(?<![\w:/])/(?=/)"
# An ampersand that would start an HTML entity such as &lt; or &#60;.
_MD_ENTITY = r"&(?=#?[0-9A-Za-z]+;)"


def markdown_inline(text: str) -> str:
    """User text as Markdown that shows literally inside a line (and a table cell: | is escaped): one line,
    no markup, links or HTML of its own (the Markdown export and the activity report use it)."""
    text = " ".join(strip_controls(text).split())
    text = compiled(_MD_ENTITY).sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = compiled(_MD_INLINE).sub(r"\\\1", text)
    return compiled(_MD_AUTOLINK).sub(lambda m: f"{m.group(1)}\\." if m.group(1) else f"\\{m.group()}", text)


# A reflection's body is the user's own Markdown (the editor highlights it as such): the export keeps it, but
# nothing in it may run, fetch or inject anything, or reach outside its own section of the exported file.
# Each rule below is safe however a renderer pairs what it finds, so none depends on reading Markdown exactly.
_MD_BODY_SPECIAL = r"[\\`<&!\]]"
# What a link may point at: the web or an e-mail address; `javascript:`, `data:`, `file:` and the rest stay text.
_MD_GOOD_SCHEME = r"(?i:https?://|mailto:)"
_MD_GOOD_AUTOLINK = rf"<(?:{_MD_GOOD_SCHEME}[^\s<>`]*|(?a:[\w.+-]+@[\w-]+(?:\.[\w-]+)+))>"
_MD_GOOD_TARGET = rf"[ ]*(?:{_MD_GOOD_AUTOLINK}|{_MD_GOOD_SCHEME})"
# What a code span may hold and stay one: nothing that would mean something if a renderer read it as text.
_MD_NOT_HARMLESS = r"<|&(?=#?[0-9A-Za-z]+;)|!\[|\][(:]"
_MD_FENCE = r"^ {0,3}(`{3,}(?=[^`]*$)|~{3,})(.*)$"  # a backtick fence's info string holds no backtick
# A heading, even inside quotes and list items; the spaces allowed before it are generous on purpose.
_MD_ATX_HEADING = r"^((?:[ ]*(?:>[ ]?|[-+*][ ]+|\d{1,9}[.)][ ]+))*[ ]*)(#{1,6})(?=[ ]|$)"
_MD_SETEXT_UNDERLINE = r"^((?:[ ]*>[ ]?)*[ ]*)(=+|-+)([ ]*)$"
# Lines a setext underline below would not simply make a heading of: not a paragraph's own line.
_MD_NOT_PLAIN = r"^(?: {0,3}(?:[>#|]|[-+*](?:[ ]|$)|\d{1,9}[.)](?:[ ]|$))| {4}|[ ]*$| {0,3}([-*_])(?:[ ]*\1){2,}[ ]*$)"


def _harmless_inline(line: str) -> str:
    """One line of a body's Markdown with HTML, images and links to anything but the web or e-mail made text."""
    special = compiled(_MD_BODY_SPECIAL)
    out: list[str] = []
    pos = 0
    while found := special.search(line, pos):
        start = found.start()
        out.append(line[pos:start])
        char = line[start]
        pos = start + 1
        if char == "\\":  # an escape stays as written (all of the special marks are punctuation it escapes)
            out.append(line[start : start + 2])
            pos = start + 2
        elif char == "`":
            run = len(line) - len(line[start:].lstrip("`"))
            ticks = run - start
            closing = compiled(rf"(?<!`)`{{{ticks}}}(?!`)").search(line, run)
            if closing is None:  # unpaired: escaped, so it cannot pair with a tick on another line instead
                out.append("\\`" * ticks)
                pos = run
                continue
            code = line[run : closing.start()]
            if compiled(_MD_NOT_HARMLESS).search(code):
                # Kept as code only when it would be harmless read as text, as a renderer pairing the ticks
                # otherwise would; else shown as the same characters without code's font.
                out.append("\\`" * ticks + markdown_inline(code) + "\\`" * ticks)
            else:
                out.append(line[start : closing.end()])
            pos = closing.end()
        elif char == "<":
            autolink = compiled(_MD_GOOD_AUTOLINK).match(line, start)
            out.append(autolink.group() if autolink else "&lt;")
            pos = autolink.end() if autolink else pos
        elif char == "&":
            out.append("&amp;" if compiled(_MD_ENTITY).match(line, start) else "&")
        elif char == "!":
            # An image would be fetched as soon as the file is viewed: it stays a link to its address instead.
            out.append("\\!" if line.startswith("[", pos) else "!")
        else:  # "]": a link or a reference definition only when what follows is a web or e-mail address
            target = line[pos : pos + 1] in ("(", ":") and not compiled(_MD_GOOD_TARGET).match(line, pos + 1)
            out.append("\\]" if target else "]")
    out.append(line[pos:])
    return "".join(out)


def markdown_body(text: str, under_level: int) -> str:
    """A reflection's body as Markdown to put under a heading of `under_level`: its own paragraphs, emphasis,
    lists, quotes, code and web or e-mail links kept; HTML shown as text, images as links, other links as
    text, its headings below `under_level`, an unclosed code fence closed, control characters removed."""
    out: list[str] = []
    fence = ""  # the fence an open code block ends with
    plain_above = False  # whether the line above is a paragraph's own line, which an underline makes a heading
    for line in printable(text).split("\n"):
        if fence:
            out.append(line)
            closing = compiled(rf"^ {{0,3}}{fence[0]}{{{len(fence)},}}[ ]*$")
            fence = "" if closing.match(line) else fence
            plain_above = False
            continue
        opening = compiled(_MD_FENCE).match(line)
        if opening:
            # At the line's start it opens a block the whole document agrees on, whatever a list or quote above
            # would have made of it; its lines are code, shown as written.
            fence = opening.group(1)
            out.append(line.lstrip(" "))
            plain_above = False
            continue
        underline = compiled(_MD_SETEXT_UNDERLINE).match(line)
        if underline and out and out[-1].strip():
            prefix, marks, _ = underline.groups()
            level = (1 if marks[0] == "=" else 2) + under_level
            if plain_above and len(prefix) <= 3 and ">" not in prefix:
                out[-1] = f"{'#' * min(6, level)} {out[-1].strip()}"
            elif marks[0] == "-" and len(marks) >= 3:
                out.append(prefix + "*" * len(marks))  # a rule, as it reads after a list or a quote, never a heading
            else:
                out.append(prefix + "\\" + marks)
            plain_above = False
            continue
        plain_above = not compiled(_MD_NOT_PLAIN).match(line)
        heading = compiled(_MD_ATX_HEADING).match(line)
        if heading:
            line = heading.group(1) + "#" * min(6, len(heading.group(2)) + under_level) + line[heading.end() :]
        out.append(_harmless_inline(line))
    if fence:
        out.append(fence[0] * len(fence))
    body = "\n".join(out).strip("\n")
    return body if body.strip() else ""


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
