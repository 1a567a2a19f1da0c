"""Provides reading of other tools' exports (LinkedIn's job applications, any spreadsheet CSV) into checked rows.

Nothing here touches the journal: a reader turns the bytes of a file into an ImportPlan — the rows ready to
add, the rows refused with their line numbers and a plain reason, and how each column was understood — so a
front end can show a preview and the action layer can write the rows in one transaction.

Rules worth knowing:

- Columns are found by their header, case-insensitively and ignoring spaces and punctuation ("Date
  Applied", "date_applied" and "DateApplied" are one name), then by a word in them ("Current Status") when
  that is the only header naming the field and it names no other (HEADER_WORDS); `mapping` names the rest.
- Status words are read from a fixed list (`statuses` maps others: {"Hired": "offer"}); a row with a word not
  on it is kept as an open application with the word in its notes, and the word is listed with its lines.
- A date cell is read in a spreadsheet's own forms (a date number, a time after the day, a two-digit year,
  20241120); any other is read as the same words typed in the app (tui.domain.dates.parse_day, as of the
  import's today): "Nov 3", "3/4", "yesterday", "friday", "3 days ago", and refused where the app would refuse
  them, in the app's words. Whether an applied day may be that day (not ahead, not before 1970) is asked of
  check_application, as for a typed one.
- A date like 03/04/2024 (or 3/4) could be either way round. The other dates in the column decide (20/11/2024
  shows day first), the caller can decide (`day_first`), and otherwise the row is refused with both readings.
- Every value goes through the same check as an application typed in the app (`check_application`).
"""

from __future__ import annotations

import codecs
import csv
import io
import lzma
import os
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from tui.domain.entries import ApplicationEntry, EntryError, check_application
from tui.domain.models import OutcomeKind, Stage, Status
from tui.domain.dates import EARLIEST_YEAR, AmbiguousDate, DateError, UnreadableDate, parse_day, why_not_a_day
from tui.domain.tables import text_of_spreadsheet_cell
from tui.domain.text import MAX_NAME_LENGTH, MAX_NOTE_LENGTH, MAX_URL_LENGTH, clean_line, number, plural, strip_controls

FIELDS = ("company", "role", "field", "source", "url", "applied", "status", "notes")
"""What a column can hold; `mapping` values name one of these (or "" to leave a column out)."""

LINKEDIN_SOURCE = "LinkedIn"
_LINKEDIN_COLUMNS = (("company", "companyname"), ("role", "jobtitle"), ("applied", "applicationdate"), ("url", "joburl"))
# The résumé sent and the answers to the employer's questions are the user's own history: kept in the notes.
# (Contact Email and Phone are the user's own details, not the employer's: left out.)
_LINKEDIN_NOTES = (("Resume", "resumename"), ("Questions and answers", "questionandanswers"))

# Header names for each field, compared after _header_key(); earlier names win when several columns match.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "company": ("company", "companyname", "employer", "organisation", "organization", "org", "firm"),
    "role": ("role", "jobtitle", "title", "position", "positiontitle", "roletitle", "job", "jobrole", "jobname"),
    "field": ("field", "industry", "sector", "area"),
    "source": ("source", "via", "channel", "jobboard", "platform", "foundvia", "foundon", "foundthrough"),
    "url": ("url", "link", "joburl", "joblink", "postingurl", "postinglink", "jobposting", "posting", "website"),
    "applied": (
        "applied", "dateapplied", "appliedon", "applieddate", "applicationdate", "appliedat", "date",
        "dateofapplication", "submitted", "datesubmitted",
    ),
    "status": ("status", "stage", "state", "outcome", "result", "applicationstatus"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
}

# Words (or runs of words, written together) that name a field inside a longer header: "Current Status",
# "My notes", "Where found", "Application link". Only for a field no header names exactly, and only when the
# header names one field this way (a longer run wins over the words in it: "Applied via" is a source). Left
# out on purpose, as parts of headers that mean something else: "date" ("Interview date"), "job" ("Job
# status"), "title" ("Recruiter title"), "posting" ("Posting date"), "state", "area", "via", "result".
HEADER_WORDS: dict[str, frozenset[str]] = {
    "company": frozenset(("company", "companyname", "employer", "organisation", "organization", "firm")),
    "role": frozenset(("role", "jobtitle", "position", "positiontitle", "roletitle")),
    "field": frozenset(("field", "industry", "sector")),
    "source": frozenset((
        "source", "channel", "platform", "jobboard", "foundvia", "foundon", "foundthrough", "foundat", "wherefound",
        "howfound", "appliedvia", "appliedthrough",
    )),
    "url": frozenset(("url", "link", "website", "joburl", "joblink", "postingurl", "postinglink")),
    "applied": frozenset((
        "applied", "dateapplied", "appliedon", "applieddate", "applicationdate", "dateofapplication", "datesubmitted",
        "submittedon",
    )),
    "status": frozenset(("status", "stage", "outcome", "applicationstatus")),
    "notes": frozenset(("notes", "note", "comments", "comment", "remarks")),
}
_LONGEST_RUN = 3

STATUS_WORDS: dict[str, OutcomeKind | None] = {
    **dict.fromkeys(
        ("", "applied", "submitted", "application submitted", "sent", "pending", "waiting", "under review", "in review"),
        None,
    ),
    **dict.fromkeys(
        ("screening", "screen", "phone screen", "phone screening", "recruiter screen", "recruiter call", "hr screen"),
        OutcomeKind.SCREENING,
    ),
    **dict.fromkeys(
        ("interview", "interviews", "interviewing", "interviewed", "interview scheduled"), OutcomeKind.INTERVIEW
    ),
    **dict.fromkeys(("final round", "final", "final interview", "onsite", "on site"), OutcomeKind.FINAL_ROUND),
    **dict.fromkeys(("offer", "offered", "offer received", "accepted", "offer accepted"), OutcomeKind.OFFER),
    **dict.fromkeys(
        ("rejected", "rejection", "declined", "turned down", "not selected", "unsuccessful"), OutcomeKind.REJECTED
    ),
    **dict.fromkeys(("ghosted", "no response", "no reply", "no answer", "no news"), OutcomeKind.GHOSTED),
    **dict.fromkeys(("withdrawn", "withdrew", "withdraw"), OutcomeKind.WITHDRAWN),
}
"""Status words (lower case, punctuation as spaces) and the outcome each means; None: still applied."""

_STAGE_WORDS: dict[str, Stage] = {
    "application": Stage.APPLICATION, "applying": Stage.APPLICATION, "cv": Stage.APPLICATION, "resume": Stage.APPLICATION,
    "screening": Stage.SCREENING, "screen": Stage.SCREENING, "phone screen": Stage.SCREENING,
    "interview": Stage.INTERVIEW, "interviews": Stage.INTERVIEW, "interviewing": Stage.INTERVIEW,
    "final round": Stage.FINAL_ROUND, "final": Stage.FINAL_ROUND, "onsite": Stage.FINAL_ROUND,
}
# "rejected after interview", "rejected - final round", "rejected at the screening stage".
_REJECTED_AT = re.compile(
    r"^(?:rejected|rejection|declined|turned down|not selected|unsuccessful)(?: (?:after|at|in|during|from))?"
    r"(?: the)? (.+?)(?: stage| round)?$"
)

ACCEPTED_DATE_FORMS = '2024-11-20, 11/20/2024, 20/11/2024, 20 Nov 2024, "Nov 20, 2024", "Nov 20" or a spreadsheet date number'
"""Every form named here is read (a test reads each); a date without a year is read as parse_day reads it."""

MAX_MEMBER_BYTES = 200 * 1024 * 1024
"""The most a zip member may unpack to: a real export is a few megabytes, a zip bomb is not read."""

MAX_ROWS = 200_000
"""The most rows a sheet may hold (a real search is hundreds): past it the file is refused as the rows are
read, so a small zip unpacking to millions of rows costs seconds and little memory, not minutes and gigabytes."""
EMPTY_ROWS_NAMED = 20
"""The most rows of empty cells named by line (a sheet exported with a formatted range can hold thousands)."""
MAX_COLUMNS = 1_000
"""The most columns a header may name; cells past the header's are not kept."""
MAX_CELLS = 5_000_000
"""The most cells kept from a sheet (rows × columns), which bounds the memory a sheet takes."""
MAX_RECORD_CHARACTERS = 1_000_000
"""The longest row (or quoted cell running over lines) read."""


class SpreadsheetError(ValueError):
    """The file as a whole can't be read (not a CSV, no header, no company column…); says what to do."""


class EncodingNotSaid(SpreadsheetError):
    """Text whose encoding can't be told: `what` is wrong with it, `encoding` the one to name (or NAME), `more`
    what follows the command (examples). The front end words the command that names it (for this journal)."""

    def __init__(self, what: str, encoding: str, more: str = "") -> None:
        super().__init__(f"{what}: say how it was saved (--encoding {encoding}){more}.")
        self.what, self.encoding, self.more = what, encoding, more


class ColumnError(SpreadsheetError):
    """The columns can't be matched to fields as asked (a mapping naming no column, or no such field)."""


class MissingColumns(ColumnError):
    """No column was found for a field every row needs; `example` maps one ("Employer=company")."""

    def __init__(self, message: str, example: str) -> None:
        super().__init__(message)
        self.example = example


@dataclass(frozen=True)
class ImportProblem:
    """Why a row was left out."""

    line: int
    message: str
    file: str = ""
    """The zip member the line is in, when the import read several files; "" for a single file."""

    @property
    def where(self) -> str:
        """"line 5", or "Job Applications_1.csv, line 5" when several files were read."""
        place = f"line {self.line}"
        return f"{self.file.rsplit('/', 1)[-1]}, {place}" if self.file else place


@dataclass(frozen=True)
class ImportRow:
    """One checked application to add, with the outcome its status word means (None: still applied)."""

    line: int
    company: str
    role: str
    applied_on: date
    field: str = ""
    source: str = ""
    url: str = ""
    notes: str = ""
    outcome: OutcomeKind | None = None
    stage: Stage | None = None
    """How far a rejection got, when the status said so ("rejected after interview"); None: not said."""
    file: str = ""
    unknown_status: str = ""
    """The status word as written when Onward does not know it (the row stays open, the word in its notes)."""

    @property
    def status(self) -> Status:
        """The status the application will have once its outcome is logged."""
        return self.outcome.status if self.outcome is not None and self.outcome.status else Status.APPLIED

    @property
    def entry(self) -> ApplicationEntry:
        """The application itself, as the action layer adds one."""
        return ApplicationEntry(self.company, self.role, self.applied_on, self.field, self.source, self.url, self.notes)


@dataclass(frozen=True)
class ImportPlan:
    """What an import would add, what it would leave out and why, and how the columns were read."""

    rows: tuple[ImportRow, ...]
    problems: tuple[ImportProblem, ...]
    columns: Mapping[str, str]
    """Field → the header it was read from, in FIELDS order ("company" → "Employer"), for the preview."""
    unused_columns: tuple[str, ...] = ()
    """Headers that no field was read from."""
    read: int = 0
    """Data rows read, empty rows among them (blank lines of text not counted)."""
    unknown_statuses: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    """Status words not understood, as written, with the lines they are on (those rows are kept, open)."""
    remarks: tuple[str, ...] = ()
    """Things the reader decided for the whole file, in words (how dates like 03/04/2024 were read)."""
    files: tuple[str, ...] = ()
    """The zip members read, in order; empty for a single CSV."""
    empty: tuple[ImportProblem, ...] = ()
    """Rows of empty cells only (",,,," – a spreadsheet's blank row), skipped: the first EMPTY_ROWS_NAMED by line."""
    empty_count: int = 0
    """How many such rows there are (counted in `read`)."""
    column_guesses: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Unread headers that name fields no column was read for, by a word in them, and those fields, the one it
    most likely names last ("Status notes" → ("status", "notes")): not guessed, so the preview suggests a map."""

    @property
    def ready(self) -> int:
        return len(self.rows)

    @property
    def refused(self) -> int:
        """Rows left out because of a problem."""
        return len({(p.file, p.line) for p in self.problems if p.line})

    def empty_rows_said(self) -> str:
        """The rows of empty cells skipped, by line: "1 empty row skipped: line 9." ("" when there are none)."""
        if not self.empty_count:
            return ""
        if any(row.file for row in self.empty):
            places = "; ".join(row.where for row in self.empty)
        else:
            places = ("line " if self.empty_count == 1 else "lines ") + ", ".join(str(row.line) for row in self.empty)
        more = self.empty_count - len(self.empty)
        return f"{plural(self.empty_count, 'empty row')} skipped: {places}" + (f" and {number(more)} more." if more > 0 else ".")

    def status_counts(self) -> dict[Status, int]:
        """How many rows will end in each status, most common first."""
        return dict(Counter(row.status for row in self.rows).most_common())


def read_linkedin(data: bytes | str | os.PathLike[str], *, today: date, encoding: str | None = None) -> ImportPlan:
    """LinkedIn's `Jobs/Job Applications.csv` (or the whole export zip, every `Job Applications*.csv` in it)."""
    raw = _bytes_of(data)
    sheets = _linkedin_sheets(raw, encoding) if _is_zip(raw) else [_sheet("", raw, encoding)]
    # LinkedIn writes month first ("11/20/24, 8:15 AM") whatever the member's language.
    reader = _RowReader(today, day_first=False, default_source=LINKEDIN_SOURCE)
    columns: dict[str, str] = {}
    used: set[str] = set()
    for sheet in sheets:
        found = {_header_key(name): index for index, name in enumerate(sheet.header)}
        missing = [name for name in ("Company Name", "Job Title", "Application Date") if _header_key(name) not in found]
        if missing:
            where = f"{sheet.file} " if sheet.file else "The file "
            raise SpreadsheetError(
                f"{where}doesn't look like LinkedIn's Job Applications.csv: no {', '.join(missing)} column "
                f"(its headers are {_quoted(sheet.header)})."
            )
        indexes = {name: found[key] for name, key in _LINKEDIN_COLUMNS if key in found}
        extras = [(label, found[key]) for label, key in _LINKEDIN_NOTES if key in found]
        columns.update({name: sheet.header[index] for name, index in indexes.items()})
        if extras:
            columns["notes"] = ", ".join(sheet.header[index] for _, index in extras)
        used.update(sheet.header[index] for index in [*indexes.values(), *(index for _, index in extras)])
        reader.read(sheet, indexes, extras)
    _refuse_without_rows(sheets)
    unused = tuple(dict.fromkeys(h for s in sheets for h in s.header if h and h not in used))
    ordered = {name: columns[name] for name in FIELDS if name in columns}
    return reader.plan(ordered, unused, tuple(s.file for s in sheets if s.file))


def read_spreadsheet(
    data: bytes | str | os.PathLike[str],
    mapping: Mapping[str, str] | None = None,
    *,
    today: date,
    day_first: bool | None = None,
    source: str = "",
    statuses: Mapping[str, str] | None = None,
    encoding: str | None = None,
) -> ImportPlan:
    """Any spreadsheet's CSV export: columns matched by header (`mapping` {"Header": "field"} for the rest),
    status words read (`statuses` {"Hired": "offer"} for words Onward does not know), dates in the common
    forms; `source` for rows that name none; `encoding` when the file says nothing of its own (see decode)."""
    raw = _bytes_of(data)
    if _is_zip(raw):
        raise SpreadsheetError("This is a zip archive, not a CSV file; export the sheet as CSV (or import LinkedIn's export as LinkedIn).")
    sheet = _sheet("", raw, encoding)
    indexes, guesses = _match_columns(sheet.header, mapping or {})
    missing = [name for name in ("company", "role", "applied") if name not in indexes]
    if missing:
        spare = [name for index, name in enumerate(sheet.header) if name and index not in indexes.values()]
        raise MissingColumns(
            f"No column for {' or '.join(missing)}: the headers are {_quoted(sheet.header)}. "
            f"Say which column holds {' and which '.join(missing)}.",
            f"{(spare or sheet.header or ['Column'])[0]}={missing[0]}",
        )
    _refuse_without_rows([sheet])
    reader = _RowReader(today, day_first=day_first, default_source=source, statuses=status_mapping(statuses or {}))
    reader.read(sheet, indexes, [])
    columns = {name: sheet.header[indexes[name]] for name in FIELDS if name in indexes}
    used = set(indexes.values())
    unused = tuple(h for i, h in enumerate(sheet.header) if i not in used and h.strip())
    return replace(reader.plan(columns, unused, ()), column_guesses={h: f for h, f in guesses.items() if h in unused})


# ---------------------------------------------------------------- files, text and CSV


class _Sheet(NamedTuple):
    file: str
    header: list[str]
    records: list[tuple[int, list[str]]]
    """(line the record starts on, its cells) for every record that is not blank."""
    empty: list[int]
    """The lines of the first EMPTY_ROWS_NAMED rows under the header whose cells are all empty (",,,,")."""
    empty_count: int
    """How many rows under the header hold only empty cells: nothing to import, but rows all the same."""


def _refuse_without_rows(sheets: list[_Sheet]) -> None:
    """A file of headers alone holds nothing to import: said before anything is opened or started."""
    if not any(sheet.records for sheet in sheets):
        named = " and ".join(sheet.file for sheet in sheets if sheet.file) or "The file"
        raise SpreadsheetError(f"{named} has a header row but no rows under it: there is nothing to import.")


def _bytes_of(data: bytes | str | os.PathLike[str]) -> bytes:
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    # A path the caller chose; reading it is the only I/O here, and it is what the caller asked for.
    return Path(os.fspath(data)).read_bytes()


def _is_zip(raw: bytes) -> bool:
    return raw[:4] in (b"PK\x03\x04", b"PK\x05\x06")


_LINKEDIN_MEMBER = re.compile(r"(?:^|/)job applications(?:[ _-]?\((\d+)\)|[ _-](\d+))?\.csv$", re.IGNORECASE)


def _linkedin_sheets(raw: bytes, encoding: str | None) -> list[_Sheet]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile as error:
        raise SpreadsheetError(f"The zip archive can't be opened ({error}).") from None
    with archive:
        members = []
        for info in archive.infolist():
            match = _LINKEDIN_MEMBER.search(info.filename.replace("\\", "/"))
            if match and not info.is_dir():
                order = int(match.group(1) or match.group(2) or 0)
                members.append((order, info.filename, info))
        if not members:
            raise SpreadsheetError(
                "The zip has no Job Applications.csv; LinkedIn puts it in the Jobs folder of the full data export."
            )
        sheets = []
        for _, name, info in sorted(members, key=lambda m: (m[0], m[1].casefold())):
            if info.file_size > MAX_MEMBER_BYTES:
                raise SpreadsheetError(f"{name} unpacks to {number(info.file_size)} bytes; that is too big to be an export.")
            try:
                content = _unpacked(archive, info, name)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError, zlib.error, lzma.LZMAError) as error:
                # A damaged member (a flipped byte in its deflate or LZMA stream) is refused, not a traceback.
                raise SpreadsheetError(f"{name} can't be read from the zip; the archive is damaged ({error}).") from None
            sheets.append(_sheet(name, content, encoding))
    return sheets


def _unpacked(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """A member's bytes, read in pieces and stopped past MAX_MEMBER_BYTES: the size a zip declares can lie (a
    1.5 MB file said 1,000 bytes and unpacked to 1.5 GB in one read)."""
    pieces: list[bytes] = []
    total = 0
    with archive.open(info) as member:
        while piece := member.read(1 << 20):
            total += len(piece)
            if total > MAX_MEMBER_BYTES:
                raise SpreadsheetError(f"{name} unpacks to more than {MAX_MEMBER_BYTES // 2**20} MiB; that is too big to be an export.")
            pieces.append(piece)
    return b"".join(pieces)


GARBLED = re.compile("[\u00a1-\u00ff]{3,}")
"""Three or more characters in a row from the top half of Windows-1252 ("Ïðîãðàììèñò"): a Western European
word has two at most, rarely three ("Núñez", "Ñúñez"), while nearly every word of a Cyrillic or Greek file saved
in its own code page reads so. A file is taken as garbled at one run of four or two runs of three."""

SYMBOL_IN_A_WORD = re.compile("[^\\W\\d_][\u00a1-\u00a9\u00ab\u00ac\u00ae-\u00b3\u00b6\u00b8\u00b9\u00bb-\u00bf][^\\W\\d_]")
"""A letter, a sign of the top half of Windows-1252 and a letter ("Zak³ad", "Wa¿ne"): how Polish, Czech or
Slovak saved in Windows-1250 read (ł is ³, ż is ¿), and never a word of a language Windows-1252 is for (the
signs that do sit inside words are left out: ª º µ · ´ and the soft hyphen). Garbled at two."""


SIGNATURES = (
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "a zip archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x7fELF", "a program"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) or Office file"),
)
"""The first bytes of files people pick by mistake, and what each is called: none of them is text."""

CONTROL = re.compile(rb"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
"""Control bytes no text file is made of (tab, line and page breaks, and the old end-of-file mark aside); a
stray one in a cell is stripped like any control character, but a header row holding one, or a file dense
with them, is not text."""


def binary_kind(raw: bytes, encoding: str | None = None) -> str | None:
    """What file bytes that can't be text look like ("an SQLite database", "a zip archive", "binary data"), or
    None when they may be text: a known signature; else (unless `encoding` says how it was saved, or it is
    UTF-16) a NUL or other control byte in its first line, or one in every hundred of its first bytes."""
    for signature, kind in SIGNATURES:
        if raw.startswith(signature):
            return kind
    if encoding is not None or raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_order(raw):
        return None
    start = raw[:4096]
    if CONTROL.search(start.split(b"\n", 1)[0]) or len(CONTROL.findall(start)) * 100 > max(len(start), 1000):
        return "binary data"
    return None


def _utf16_order(raw: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for text saved as UTF-16 without a BOM (every other byte of its Latin
    letters is NUL), else None."""
    start = raw[:200]
    if len(start) < 4:
        return None
    for order, nuls, others in (("utf-16-le", start[1::2], start[0::2]), ("utf-16-be", start[0::2], start[1::2])):
        if not nuls.strip(b"\x00") and b"\x00" not in others:
            return order
    return None


def decode(raw: bytes, encoding: str | None = None) -> str:
    """File bytes as text: in `encoding` when one is given; else UTF-8 (BOM or not), UTF-16 with a BOM (Excel's
    "Unicode text"), else Windows-1252, refused when that reads as garbled letters (another code page). Bytes
    that are not text (binary_kind) are refused as not a spreadsheet, with no advice on encodings."""
    kind = binary_kind(raw, encoding)
    if kind is not None:
        raise SpreadsheetError(f"It is {kind}, not a spreadsheet: Onward imports a spreadsheet saved as CSV text.")
    if encoding is not None:
        return _decoded_as(raw, encoding)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")
    order = _utf16_order(raw)
    if order is not None:
        raise EncodingNotSaid("It is saved as UTF-16 text without saying so (no byte-order mark)", order)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the system code page; cp1252 reads every byte but five.
        text = raw.decode("cp1252", errors="replace")
    garbled = _garbled(text)
    if garbled is not None:
        raise EncodingNotSaid(
            f'It is not UTF-8, and read as Windows-1252 it is garbled ("{garbled}")', "NAME",
            ", e.g. cp1251 (Cyrillic) or cp1250 (Central European)",
        )
    return text


def _garbled(text: str) -> str | None:
    """What shows that `text`, read as Windows-1252, was saved in another code page (None when nothing does):
    a byte Windows-1252 leaves undefined, GARBLED runs or SYMBOL_IN_A_WORD signs."""
    undefined = re.search("[^\\s,;\"]{0,12}\ufffd[^\\s,;\"]{0,12}", text)
    if undefined:
        return undefined.group()
    runs = GARBLED.findall(text)
    if len(runs) >= 2 or any(len(run) >= 4 for run in runs):
        return max(runs, key=len)[:20]
    signs = SYMBOL_IN_A_WORD.findall(text)
    return signs[0] if len(signs) >= 2 else None


def _decoded_as(raw: bytes, encoding: str) -> str:
    try:
        "".encode(encoding)  # a text encoding (bytes-to-bytes codecs such as base64 refuse str)
    except LookupError:
        raise SpreadsheetError(f'"{encoding}" is not a text encoding Onward knows; e.g. cp1251, cp1250, latin-1, utf-16.') from None
    name = codecs.lookup(encoding).name
    try:
        return raw.decode("utf-8-sig" if name == "utf-8" else encoding)
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            f"It can't be read as {encoding}: byte 0x{raw[error.start]:02x} at position {number(error.start)} is not {encoding}."
        ) from None


def _delimiter(first_line: str) -> str:
    """The delimiter of a file whose header is `first_line`: whichever of , ; tab it uses most."""
    counts = {mark: first_line.count(mark) for mark in (",", ";", "\t")}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","


def _sheet(name: str, raw: bytes, encoding: str | None = None) -> _Sheet:
    text = decode(raw, encoding)
    stream = io.StringIO(text, newline="")
    first = ""
    skipped = 0
    for line in stream:
        skipped += 1
        if line.strip():
            first = line
            break
    if not first:
        raise SpreadsheetError(f"{name or 'The file'} is empty: there is no header row.")
    delimiter = _delimiter(first)
    sep = re.fullmatch(r"sep=(.)\s*", first, re.IGNORECASE)  # Excel's own hint line
    if sep:
        delimiter = sep.group(1)
        start = stream.tell()
    else:
        start = stream.tell() - len(first)
        skipped -= 1
    stream.seek(start)
    where = f"{name}, line" if name else "Line"
    held = [0]  # characters read since the last record began

    def lines() -> Iterator[str]:
        for line in stream:
            held[0] += len(line)
            if held[0] > MAX_RECORD_CHARACTERS:
                raise SpreadsheetError(
                    f"{where} {skipped + reader.line_num + 1} runs past {number(MAX_RECORD_CHARACTERS)} characters; "
                    "that is not a row of a spreadsheet."
                )
            yield line

    reader = csv.reader(lines(), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    empty: list[int] = []
    empty_count = 0
    header: list[str] | None = None
    previous = 0
    cells_kept = 0
    try:
        for cells in reader:
            held[0] = 0
            starts_on = skipped + previous + 1
            previous = reader.line_num
            if not any(cell.strip() for cell in cells):
                # A line of text with nothing on it is no row; a row of empty cells is one, said as skipped.
                if header is not None and cells:
                    empty_count += 1
                    if len(empty) < EMPTY_ROWS_NAMED:
                        empty.append(starts_on)
                continue
            if header is None:
                if len(cells) > MAX_COLUMNS:
                    raise SpreadsheetError(f"{name or 'The file'} has {number(len(cells))} columns; a sheet of applications has at most {number(MAX_COLUMNS)}.")
                header = [clean_line(cell) for cell in cells]
                continue
            if len(records) >= MAX_ROWS:
                raise SpreadsheetError(f"{name or 'The file'} has more than {number(MAX_ROWS)} rows; that is too many to be your applications.")
            # Cells past the header's columns belong to no field; a ' a spreadsheet-safe export put before a
            # formula start is its, not the cell's.
            kept = [text_of_spreadsheet_cell(cell) for cell in cells[: len(header)]]
            cells_kept += len(kept)
            if cells_kept > MAX_CELLS:
                raise SpreadsheetError(f"{name or 'The file'} holds more than {number(MAX_CELLS)} cells; that is too big to be your applications.")
            records.append((starts_on, kept))
    except csv.Error as error:
        raise SpreadsheetError(f"{where} {skipped + reader.line_num} can't be read as CSV ({error}).") from None
    if header is None:
        raise SpreadsheetError(f"{name or 'The file'} is empty: there is no header row.")
    return _Sheet(name, header, records, empty, empty_count)


def _header_key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def _quoted(names: Iterable[str]) -> str:
    shown = [f'"{name}"' for name in names if name][:12]
    return ", ".join(shown) if shown else "empty"


def fields_named_within(header: str) -> tuple[str, ...]:
    """The fields a header names by a word or a run of words in it (HEADER_WORDS), the last-named last:
    "Current Status" → ("status",), "Status notes" → ("status", "notes"), "Applied via" → ("source",)."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", header).casefold()
    parts = re.findall(r"[^\W_]+", words)
    spans = [
        (start, end, name)
        for start in range(len(parts))
        for end in range(start + 1, min(len(parts), start + _LONGEST_RUN) + 1)
        for name, names in HEADER_WORDS.items()
        if "".join(parts[start:end]) in names
    ]
    # A run within a longer one that names a field is part of that name ("applied" in "Applied via").
    spans = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o[:2] != s[:2] for o in spans)]
    return tuple(dict.fromkeys(name for _, _, name in sorted(spans, key=lambda s: s[1])))


def _match_columns(header: list[str], mapping: Mapping[str, str]) -> tuple[dict[str, int], dict[str, tuple[str, ...]]]:
    """Field → column index: the mapping first, then header names, each column used once, then a header that
    names one field no other header names (fields_named_within). Also the headers left unread that name fields
    still unread, with those fields (the preview suggests a --map for them)."""
    keys = [_header_key(name) for name in header]
    indexes: dict[str, int] = {}
    taken: set[int] = set()
    for column, wanted in mapping.items():
        target = _header_key(wanted)
        if target in ("", "ignore", "skip", "none"):
            target = ""
        elif target not in FIELDS:
            raise ColumnError(f'"{wanted}" is not something a column can hold; use one of: {", ".join(FIELDS)}.')
        if column in header:
            index = header.index(column)
        elif _header_key(column) in keys:
            index = keys.index(_header_key(column))
        else:
            raise ColumnError(f'There is no column "{column}"; the headers are {_quoted(header)}.')
        taken.add(index)
        if target:
            if target in indexes:
                raise ColumnError(f'Two columns are mapped to {target}: "{header[indexes[target]]}" and "{column}".')
            indexes[target] = index
    for name, synonyms in HEADER_NAMES.items():
        if name in indexes:
            continue
        for synonym in synonyms:
            match = next((i for i, key in enumerate(keys) if key == synonym and i not in taken), None)
            if match is not None:
                indexes[name] = match
                taken.add(match)
                break
    named = {i: fields_named_within(column) for i, column in enumerate(header) if i not in taken}
    for name in FIELDS:
        if name in indexes:
            continue
        # Guessed only when one header alone names it, and names nothing else: never two ways.
        naming = [i for i, fields in named.items() if fields == (name,) and i not in taken]
        if len(naming) == 1:
            indexes[name] = naming[0]
            taken.add(naming[0])
    guesses = {
        header[i]: tuple(name for name in fields if name not in indexes)
        for i, fields in named.items()
        if i not in taken and any(name not in indexes for name in fields)
    }
    return indexes, guesses


# ---------------------------------------------------------------- rows


def _is_clean_line(text: str) -> bool:
    """True when clean_line(text) == text: printable (no controls, tabs or odd spaces), trimmed, single-spaced."""
    return text.isprintable() and text == text.strip() and "  " not in text


def _is_clean_block(text: str) -> bool:
    """True when clean_block(text) == text: printable but for newlines, no blank lines at either end."""
    return text.replace("\n", "").isprintable() and text == text.strip("\n").rstrip()


def checked_application(
    *, company: str, role: str, applied_on: date, today: date, field: str = "", source: str = "", url: str = "", notes: str = ""
) -> ApplicationEntry:
    """check_application's answer for a row, without its character-by-character cleaning when the row is clean."""
    # check_application cleans every value a character at a time (a second for 10,000 rows). A value that
    # cleaning would not change, within every limit, is taken as it is; anything else goes through
    # check_application itself, so its messages and rules stay the only ones (a test compares the two).
    if (
        company
        and role
        and all(_is_clean_line(value) and len(value) <= MAX_NAME_LENGTH for value in (company, role, field, source))
        and _is_clean_line(url)
        and len(url) <= MAX_URL_LENGTH
        and " " not in url
        and _is_clean_block(notes)
        and len(notes) <= MAX_NOTE_LENGTH
        and EARLIEST_YEAR <= applied_on.year
        and applied_on <= today
    ):
        return ApplicationEntry(company, role, applied_on, field, source, url, notes)
    return check_application(
        company=company, role=role, today=today, applied=applied_on.isoformat(),
        field=field, source=source, url=url, notes=notes,
    )


def _status_key(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def status_mapping(statuses: Mapping[str, str]) -> dict[str, tuple[OutcomeKind | None, Stage | None]]:
    """{"Hired": "offer"} as the reader uses it (the word as compared → what it means); raises SpreadsheetError
    for a word mapped to something that is not a status Onward knows."""
    mapped: dict[str, tuple[OutcomeKind | None, Stage | None]] = {}
    for word, meaning in statuses.items():
        status = read_status(meaning)
        if status is None or not _status_key(word):
            raise SpreadsheetError(
                f'"{clean_line(word)}={clean_line(meaning)}" does not map a word to a status; write it like "Hired=offer", '
                f"with one of: {KNOWN_STATUSES}."
            )
        mapped[_status_key(word)] = status
    return mapped


KNOWN_STATUSES = "applied, screening, interview, final round, offer, rejected, ghosted or withdrawn"


def read_status(text: str) -> tuple[OutcomeKind | None, Stage | None] | None:
    """The outcome (None: still applied) and rejection stage a status word means, or None when it is not known."""
    key = _status_key(text)
    if not key and text.strip():  # only marks ("✓", "?"): something was meant, but not a word to read
        return None
    if key in STATUS_WORDS:
        return STATUS_WORDS[key], None
    match = _REJECTED_AT.match(key)
    if match and match.group(1) in _STAGE_WORDS:
        return OutcomeKind.REJECTED, _STAGE_WORDS[match.group(1)]
    return None


class _RowReader:
    """Turns the records of one or more sheets into rows and problems, deciding date order by column."""

    def __init__(
        self, today: date, *, day_first: bool | None, default_source: str,
        statuses: Mapping[str, tuple[OutcomeKind | None, Stage | None]] | None = None,
    ) -> None:
        self.today = today
        self.statuses = statuses or {}
        self.day_first = day_first
        self.default_source = default_source
        self.rows: list[ImportRow] = []
        self.problems: list[ImportProblem] = []
        self.remarks: list[str] = []
        self.unknown: dict[str, list[int]] = {}
        self.read_count = 0
        self.empty: list[ImportProblem] = []
        self.empty_count = 0
        self.seen: dict[tuple[str, str, date], str] = {}

    def read(self, sheet: _Sheet, indexes: Mapping[str, int], extras: list[tuple[str, int]]) -> None:
        """Read every record of `sheet`; `extras` are (label, column) pairs added to the notes."""
        self.read_count += len(sheet.records) + sheet.empty_count
        self.empty_count += sheet.empty_count
        room = EMPTY_ROWS_NAMED - len(self.empty)
        self.empty.extend(ImportProblem(line, "", sheet.file) for line in sheet.empty[:room])
        columns = {name: indexes.get(name, -1) for name in FIELDS}
        widest = max([*columns.values(), *(index for _, index in extras)], default=-1)

        def cell(cells: list[str], index: int) -> str:
            return cells[index] if 0 <= index < len(cells) else ""

        padded = [(line, cells if len(cells) > widest else cells + [""] * (widest + 1 - len(cells))) for line, cells in sheet.records]
        days = _DateColumn([cell(cells, columns["applied"]) for _, cells in padded], [line for line, _ in padded], self.today)
        order = self.day_first if self.day_first is not None else days.order()
        if self.day_first is None and order is not None and days.ambiguous:
            example = days.example(order)
            self.remarks.append(
                f"Dates like {days.ambiguous[0]} were read {'day first' if order else 'month first'}, "
                f"as {example} in the same column shows."
            )
        if self.day_first is None and len(days.evidence) == 2:
            self.remarks.append(
                f"The applied dates are written both day first ({days.example(True)}) and month first "
                f"({days.example(False)}); dates that could be either are left out."
            )
        for (line, cells), reading in zip(padded, days.readings):
            problems: list[str] = []
            applied_on = reading.resolve(order, problems)
            status_text = cell(cells, columns["status"])
            status = self.statuses.get(_status_key(status_text)) or read_status(status_text)
            unknown = ""
            notes = strip_controls(cell(cells, columns["notes"]))
            if status is None:
                # Kept as an open application, the word in its notes: never dropped, never guessed.
                unknown = clean_line(status_text)
                self.unknown.setdefault(unknown, []).append(line)
                status = (None, None)
                said = f"Status: {unknown}"
                notes = f"{notes}\n\n{said}" if notes.strip() else said
            for label, index in extras:
                value = strip_controls(cell(cells, index)).strip()
                if value:
                    labelled = f"{label}:{chr(10) if chr(10) in value else ' '}{value}"
                    notes = f"{notes}\n\n{labelled}" if notes.strip() else labelled
            try:
                entry = checked_application(
                    company=cell(cells, columns["company"]),
                    role=cell(cells, columns["role"]),
                    today=self.today,
                    applied_on=applied_on or self.today,
                    field=cell(cells, columns["field"]),
                    source=cell(cells, columns["source"]) or self.default_source,
                    url=cell(cells, columns["url"]),
                    notes=notes,
                )
            except EntryError as error:
                problems.extend(error.problems.by_field.values())
                entry = None
            if entry is not None and applied_on is not None and not problems:
                key = (entry.company.casefold(), entry.role.casefold(), entry.applied_on)
                first = self.seen.get(key)
                if first is not None:
                    problems.append(f"Same company, role and applied day as {first}.")
                else:
                    self.seen[key] = ImportProblem(line, "", sheet.file).where
            if problems or entry is None:
                # One problem per row left out, its reasons joined: the preview counts rows and lists them.
                self.problems.append(ImportProblem(line, " ".join(problems), sheet.file))
                continue
            self.rows.append(
                ImportRow(
                    line, entry.company, entry.role, entry.applied_on, entry.field, entry.source, entry.url,
                    entry.notes, status[0], status[1], sheet.file, unknown,
                )
            )

    def plan(self, columns: Mapping[str, str], unused: tuple[str, ...], files: tuple[str, ...]) -> ImportPlan:
        return ImportPlan(
            tuple(self.rows), tuple(self.problems), dict(columns), unused, self.read_count,
            {word: tuple(lines) for word, lines in self.unknown.items()}, tuple(self.remarks), files,
            tuple(self.empty), self.empty_count,
        )


# ---------------------------------------------------------------- dates

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_MONTHS = {name.casefold(): number for number, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({name[:3].casefold(): number for number, name in enumerate(_MONTH_NAMES, 1)})
_MONTHS["sept"] = 9
_WEEKDAYS = frozenset(
    name for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    for name in (day, day[:3])
) | {"tues", "weds", "thur", "thurs"}

# A time after the day: "T08:15:00Z", " 14:03", ", 8:15 AM", " 08:15:00.000+01:00".
# The separator run is tried only from its first character (the lookbehind): from every comma of a cell of
# 40,000 commas it took 42 s; like this a cell is read in time linear in its length.
_TIME = re.compile(
    r"(?:T|(?<![\s,])[\s,]+(?:at\s+)?)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?\s?m\.?)?\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_DAY_AND_MONTH = re.compile(r"(\d{1,2})[-/.](\d{1,2})")
_DAY_NUMBER = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01; Excel's phantom 29 Feb 1900 is long past
_SERIALS = range(25569, 73051)  # 1970-01-01 to 2099-12-31: a five-digit number outside is not a date


MAX_DATE_CELL = 100
"""The longest date cell read ("Wednesday, 20 November 2024 at 08:15:00.000 +01:00" is 50 characters)."""


class _Reading(NamedTuple):
    """A date cell as read: one day, two possible days (month first, day first), or a problem."""

    text: str
    month_first: date | None = None
    day_first: date | None = None
    problem: str = ""
    shows: bool | None = None
    """The order this cell shows by itself (20/11/2024, 20/11: True, day first; 11/20/2024: False), else None."""
    unsettled: str = ""
    """For a cell read as typed in the app that could be either way round ("3/4"): the app's words for it."""
    order_problems: tuple[str, str] = ("", "")
    """For such a cell, why its month-first and its day-first reading can't be used ("" when it can)."""

    @property
    def ambiguous(self) -> bool:
        if self.unsettled:
            return True
        return self.month_first is not None and self.day_first is not None and self.month_first != self.day_first

    def resolve(self, order: bool | None, problems: list[str]) -> date | None:
        """The day this cell names, when `order` (True: day first) settles an ambiguous one; else a problem."""
        if self.problem:
            problems.append(self.problem)
            return None
        if self.unsettled:
            if order is None:
                problems.append(self.unsettled)
                return None
            if self.order_problems[order]:
                problems.append(self.order_problems[order])
                return None
            return self.day_first if order else self.month_first
        if not self.ambiguous:
            return self.month_first or self.day_first
        if order is None:
            assert self.month_first and self.day_first
            problems.append(
                f'"{self.text}" could be {_spoken(self.month_first)} (month first) or {_spoken(self.day_first)} '
                f"(day first), and the other dates don't settle which; write it as {self.month_first.isoformat()} "
                "or choose the order."
            )
            return None
        return self.day_first if order else self.month_first


def _spoken(day: date) -> str:
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # a spreadsheet's two-digit year: 00–69 are this century's
        year += 2000 if year < 70 else 1900
    return year


def _day_of(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_date(text: str, today: date | None = None) -> _Reading:
    """A date cell in one of the common spreadsheet forms (see ACCEPTED_DATE_FORMS), times ignored; any other
    ("Nov 3", "3/4", "yesterday") is read by parse_day as of `today` (refused without one)."""
    cleaned = " ".join(strip_controls(text).split())
    if not cleaned:
        return _Reading(cleaned, problem="No applied date.")
    if len(cleaned) > MAX_DATE_CELL:  # no date in any form is this long: refused before a pattern reads it
        return _unreadable(cleaned)
    if _SERIAL.fullmatch(cleaned):
        serial = int(float(cleaned))
        if serial in _SERIALS:
            return _Reading(cleaned, _EXCEL_EPOCH + timedelta(days=serial))
        return _unreadable(cleaned)
    match = _TIME.search(cleaned)
    day_part = cleaned[: match.start()] if match and match.start() > 0 else cleaned
    for pattern in (_YEAR_FIRST, _COMPACT):
        found = pattern.fullmatch(day_part)
        if found:
            year, month, day_number = int(found.group(1)), int(found.group(2)), int(found.group(3))
            day = _day_of(year, month, day_number)
            return _Reading(cleaned, day) if day else _not_a_day(cleaned, day_number, month, year)
    found = _NUMERIC.fullmatch(day_part)
    if found:
        first, second, year = int(found.group(1)), int(found.group(2)), _year(found.group(3))
        month_first, day_first = _day_of(year, first, second), _day_of(year, second, first)
        if month_first is None and day_first is None:  # told in the reading whose month is one (31/02: February)
            if 1 <= second <= 12 and not 1 <= first <= 12:
                return _not_a_day(cleaned, first, second, year)
            return _not_a_day(cleaned, second, first, year)
        if day_first is not None and month_first is not None and "." in day_part:
            return _Reading(cleaned, None, day_first)  # 1.12.2026: dotted dates are day first wherever written
        shows = None if (month_first is None) == (day_first is None) else month_first is None
        return _Reading(cleaned, month_first, day_first, shows=shows)
    in_words = _read_words(cleaned, day_part)
    return in_words if in_words is not None else _read_as_typed(cleaned, day_part, today)


def _read_as_typed(cleaned: str, day_part: str, today: date | None) -> _Reading:
    """A cell in none of a spreadsheet's own forms, read as the same words typed in the app (parse_day, the
    day of something that happened as of `today`): one reading of every date, and the app's words when it
    can't be used. Two numbers either way round ("3/4") are read both ways for the column to settle."""
    if today is None:
        return _unreadable(cleaned)
    numbers = _DAY_AND_MONTH.fullmatch(day_part)
    shows = None if numbers is None else _shown_order(int(numbers.group(1)), int(numbers.group(2)))
    try:
        return _Reading(cleaned, parse_day(day_part, today), shows=shows)
    except UnreadableDate:
        return _unreadable(cleaned)
    except AmbiguousDate as error:
        days: list[date | None] = []
        problems: list[str] = []
        for order in (False, True):
            try:
                days.append(parse_day(day_part, today, day_first=order))
                problems.append("")
            except DateError as refused:
                days.append(None)
                problems.append(_in_the_apps_words(cleaned, day_part, refused))
        return _Reading(cleaned, days[0], days[1], unsettled=str(error), order_problems=(problems[0], problems[1]))
    except DateError as error:
        return _Reading(cleaned, problem=_in_the_apps_words(cleaned, day_part, error), shows=shows)


def _shown_order(first: int, second: int) -> bool | None:
    """The order two numbers show by themselves: 20/11 day first (True), 11/20 month first (False)."""
    if (first > 12) == (second > 12):
        return None
    return first > 12


def _in_the_apps_words(cleaned: str, typed: str, error: DateError) -> str:
    """parse_day's refusal of a cell, led by the cell unless the refusal already names it ("Mar 4 is ahead")."""
    said = str(error)
    return said if typed.casefold() in said.casefold() else f'"{_shown(cleaned)}": {said}'


def _read_words(cleaned: str, day_part: str) -> _Reading | None:
    """20 Nov 2024, Nov 20 2024, November 20, 2024, Wed 20-Nov-24, 2024 Nov 20; None for any other words."""
    tokens = [t for t in re.split(r"[\s,./\-]+", day_part.casefold()) if t]
    if tokens and tokens[0] in _WEEKDAYS:
        tokens = tokens[1:]
    if len(tokens) != 3:
        return None
    month_at = next((i for i, token in enumerate(tokens) if token in _MONTHS), None)
    if month_at is None:
        return None
    month = _MONTHS[tokens[month_at]]
    rest = tokens[:month_at] + tokens[month_at + 1 :]
    if month_at == 0:  # Nov 20 2024
        day_text, year_text = rest
    elif month_at == 1 and len(rest[0]) == 4:  # 2024 Nov 20
        year_text, day_text = rest
    elif month_at == 1:  # 20 Nov 2024, 20 Nov 24
        day_text, year_text = rest
    else:
        return _unreadable(cleaned)
    day_match = _DAY_NUMBER.fullmatch(day_text)
    if not day_match or not year_text.isdigit() or len(year_text) not in (2, 4):
        return _unreadable(cleaned)
    year, day_number = _year(year_text), int(day_match.group(1))
    day = _day_of(year, month, day_number)
    return _Reading(cleaned, day) if day else _not_a_day(cleaned, day_number, month, year)


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _unreadable(cleaned: str) -> _Reading:
    return _Reading(cleaned, problem=f'"{_shown(cleaned)}" is not a date I can read; use a form like {ACCEPTED_DATE_FORMS}.')


def _not_a_day(cleaned: str, day: int, month: int, year: int) -> _Reading:
    """A cell naming no day of the calendar, refused in the words typing it in the app gets."""
    problem = why_not_a_day(_shown(cleaned), day, month, year)
    return _Reading(cleaned, problem=problem) if problem else _unreadable(cleaned)


class _DateColumn:
    """Every date cell of a column, read once each, and what the column says about day/month order."""

    def __init__(self, cells: list[str], lines: list[int], today: date | None = None) -> None:
        cache: dict[str, _Reading] = {}
        self.readings: list[_Reading] = []
        self.ambiguous: list[str] = []
        self.evidence: dict[bool, tuple[str, int]] = {}
        for text, line in zip(cells, lines):
            reading = cache.get(text)
            if reading is None:
                reading = cache[text] = read_date(text, today)
            self.readings.append(reading)
            if reading.ambiguous:
                if len(self.ambiguous) < 1:
                    self.ambiguous.append(reading.text)
            elif reading.shows is not None:
                # Only one reading is a day: 20/11/2024 shows day first, 11/20/2024 month first.
                self.evidence.setdefault(reading.shows, (reading.text, line))

    def order(self) -> bool | None:
        """True when the column is day first, False month first, None when it doesn't say (or says both)."""
        if len(self.evidence) == 1:
            return next(iter(self.evidence))
        return None

    def example(self, order: bool) -> str:
        text, line = self.evidence[order]
        return f"{text} (line {line})"
