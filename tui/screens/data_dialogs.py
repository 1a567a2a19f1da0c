"""Provides the app's data dialogs: import a file (a preview first, then a progress bar while it is written
off the screen's thread) and export the journal to a file. The rules are the action layer's and the
store's, shared with `onward import` and `onward export`."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import partial

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, ProgressBar, Select, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from tui.actions import Refused
from tui.actions.journals import open_journal
from tui.actions.exports import EXPORT_FORMATS, EXPORT_SUFFIXES, export_text, export_to_file
from tui.actions.imports import APP_HINTS, FORMATS, ImportFile, Imported, ImportRefused, column_pairs, read_import
from tui.domain.entries import EntryError, Problems
from tui.screens.confirm import ConfirmDialog
from tui.domain.text import shown_path
from tui.store.database import JournalError
from tui.store.files import FileRefused
from tui.widgets.forms import Dialog, FormField

if TYPE_CHECKING:
    from tui.store.repository import Journal

DATE_ORDERS = (("worked out from the file", "auto"), ("day first (20/11/2024)", "day-first"), ("month first (11/20/2024)", "month-first"))
IMPORT_KINDS = {"json": "Onward JSON (an export from Onward)", "linkedin": "LinkedIn's data export (.zip or Job Applications.csv)", "csv": "A spreadsheet saved as CSV"}
assert set(IMPORT_KINDS) == set(FORMATS)


def _path(text: str) -> Path:
    try:
        return Path(text.strip()).expanduser()
    except RuntimeError:  # ~someone with no home here: shown as typed, and "no file at" says the rest
        return Path(text.strip())


class ImportDialog(Dialog[ImportFile]):
    """Asks what to import and from where; reads and checks the whole file before closing (nothing written),
    and dismisses with it for the preview."""

    DEFAULT_CSS = """
    ImportDialog .dialog { width: 72; }
    ImportDialog #kind { height: 5; }
    ImportDialog #field-columns, ImportDialog #field-statuses, ImportDialog #field-source, ImportDialog #field-dates { display: none; }
    ImportDialog.-csv #field-columns, ImportDialog.-csv #field-statuses, ImportDialog.-csv #field-source, ImportDialog.-csv #field-dates {
        display: block;
    }
    ImportDialog #dates { margin: 0 1; }
    ImportDialog.-json #settle { display: none; }  /* a journal's own export comes back as it was */
    """
    SAVE_KEY = "ctrl+s"

    def __init__(self, journal_path: Path, today: date) -> None:
        super().__init__()
        self.journal_path = journal_path
        self.today = today
        self.previewed: tuple[list[str], bool] | None = None
        """What the file would add and skip in this journal, worked out with it off the screen's thread."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", can_focus=False):
            yield Label("Import", classes="dialog--title")
            yield Label(
                "Bring your history in. You see what it adds and what it skips before anything is written; "
                "applications already in the journal, or like one in it, are skipped.", classes="dialog--hint",
            )
            kinds = OptionList(*(Option(label, id=kind) for kind, label in IMPORT_KINDS.items()), id="kind")
            yield FormField("What is it?", kinds, name="kind")
            yield FormField("File", Input(id="path", compact=True, placeholder="~/Downloads/Basic_LinkedInDataExport.zip"), name="path")
            # What `onward import csv` takes as --map, --status, --source and --dates.
            columns = Input(id="columns", compact=True, placeholder="Employer=company, Sent on=applied")
            yield FormField("Columns (COLUMN=FIELD, for those not found by name)", columns, name="columns")
            statuses = Input(id="statuses", compact=True, placeholder="Hired=offer, Awaiting response=applied")
            yield FormField("Statuses (WORD=STATUS, for words Onward does not know)", statuses, name="statuses")
            yield FormField("Source (for rows that name none)", Input(id="source", compact=True, placeholder="Indeed"), name="source")
            yield FormField("Dates like 03/04/2024 are read", Select(DATE_ORDERS, value="auto", allow_blank=False, id="dates", compact=True), name="dates")
            yield Checkbox("Import duplicates too (same company and role within 60 days)", False, id="again", compact=True)
            yield Checkbox("Settle old history (older than the follow-up window)", True, id="settle", compact=True)
            yield self.buttons()

    def on_mount(self) -> None:
        kinds = self.query_one("#kind", OptionList)
        kinds.highlighted = 0
        kinds.focus(scroll_visible=False)
        self.query_one("#save", Button).label = "Preview  ctrl+s"

    @on(OptionList.OptionSelected, "#kind")
    def _kind_chosen(self) -> None:
        self.query_one("#path", Input).focus()

    @on(OptionList.OptionHighlighted, "#kind")
    def _kind_changed(self) -> None:
        self.set_class(self.kind == "csv", "-csv")
        self.set_class(self.kind == "json", "-json")

    @property
    def kind(self) -> str:
        return list(IMPORT_KINDS)[self.query_one("#kind", OptionList).highlighted or 0]

    def _reading(self) -> Callable[[], ImportFile]:
        """What the form says, as a call that reads the whole file (raising Refused naming the field that is
        wrong): taken from the fields here, run off the screen's thread."""
        path = _path(self.query_one("#path", Input).value)
        again = self.query_one("#again", Checkbox).value
        settle = self.query_one("#settle", Checkbox).value
        if self.kind != "csv":
            return partial(read_import, self.kind, path, journal_path=self.journal_path, today=self.today, again=again, settle=settle, hints=APP_HINTS)
        order = self.query_one("#dates", Select).value
        return partial(
            read_import, "csv", path, journal_path=self.journal_path, today=self.today,
            mapping=column_pairs(self.query_one("#columns", Input).value),
            day_first=None if order == "auto" else order == "day-first", source=self.query_one("#source", Input).value.strip(),
            statuses=[pair for pair in self.query_one("#statuses", Input).value.split(",") if pair.strip()],
            again=again, settle=settle, hints=APP_HINTS,
        )

    def check(self) -> ImportFile:
        """Only what is quick to check, so a field's error can clear as one types: the whole file is read on save."""
        text = self.query_one("#path", Input).value
        problems = Problems()
        try:
            if not text.strip():
                problems.add("path", "Which file? Type its path, e.g. ~/Downloads/export.zip.")
            elif not _path(text).is_file():
                there = _path(text).exists()
                problems.add("path", f"{shown_path(_path(text))} is not a file." if there else f"There is no file at {shown_path(_path(text))}.")
        except OSError as error:  # a name too long for the file system…
            problems.add("path", f"That can't be read: {error.strerror or error}.")
        if problems:
            raise EntryError(problems)
        return ImportFile(_path(text))

    def save(self) -> None:
        if self.has_class("-reading"):
            return
        try:
            self.check()
        except EntryError as error:
            self.show_problems(error.problems.by_field)
            return
        self.add_class("-reading")
        self.query_one("#save", Button).label = "Reading…"
        self._read(self._reading())

    @work(thread=True, exclusive=True, group="read-import", exit_on_error=False)
    def _read(self, reading: Callable[[], ImportFile]) -> ImportFile:
        """Read and check the whole file off the screen's thread: a large or hostile file (a zip of millions
        of rows, a cell of 40,000 commas) takes its time there while the screen keeps drawing."""
        read = reading()
        journal = open_journal(self.journal_path, create=False)  # its own connection, as the import's writer has
        try:
            # Matching 200,000 rows against the journal takes a while too.
            self.previewed = read.preview(journal, self.today, hints=APP_HINTS)
        finally:
            journal.close()
        return read

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "read-import" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if not self.is_attached:  # closed with Escape while it was being read
            return
        if event.state is WorkerState.SUCCESS:
            self.dismiss(event.worker.result)
            return
        self.remove_class("-reading")
        self.query_one("#save", Button).label = "Preview  ctrl+s"
        error = event.worker.error
        if isinstance(error, ImportRefused):
            self.show_problems({error.field: str(error)})
            return
        message = str(error) if isinstance(error, Refused) else f"That file can't be read ({type(error).__name__}); nothing was written."
        self.show_problems({"path": message})


class ImportPreview(ModalScreen[Imported | None]):
    """What the import would add and skip; Enter imports it in a worker thread (its own connection, so the
    screen keeps drawing) with a progress bar; dismisses with what was imported."""

    DEFAULT_CSS = """
    ImportPreview { align: center middle; }
    ImportPreview > #preview-box {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 1 2;
    }
    /* The lines scroll (arrows, PgUp/PgDn) while the title, the bar and the buttons stay in sight. */
    ImportPreview #preview-scroll { height: auto; max-height: 12; }
    ImportPreview #preview-scroll:focus { background-tint: $foreground 3%; }
    ImportPreview #preview-text { height: auto; }
    ImportPreview #progress { display: none; margin-top: 1; }
    ImportPreview.-running #progress { display: block; }
    ImportPreview #preview-buttons { height: auto; margin-top: 1; }
    ImportPreview #preview-buttons Button { margin-right: 2; }
    ImportPreview #preview-error { color: $text-error; height: auto; }
    """
    BINDINGS = [("escape", "cancel", "Cancel"), ("enter", "import", "Import")]
    WRITES_THE_JOURNAL = True
    """Its Enter writes to this journal: not shown while the journal is behind its replica (it may have got
    behind after the import's dialog opened: tui/widgets/write_forms.py)."""

    def __init__(self, read: ImportFile, journal: Journal, today: date, previewed: tuple[list[str], bool] | None = None) -> None:
        super().__init__()
        self.read = read
        self.journal_path = journal.path
        self.today = today
        self.lines, self.adds = previewed if previewed is not None else read.preview(journal, today, hints=APP_HINTS)
        self._quit_question: ConfirmDialog | None = None
        """The quit question up over the import being written (`ask_before_quitting`), which follows the import."""
        self._written: Imported | None = None
        """What was imported, kept until the dialog is in front again to close (a screen is up over it)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="preview-box"):
            yield Label(f"Import {shown_path(self.read.path.name)}?", classes="dialog--title", markup=False)
            with VerticalScroll(id="preview-scroll"):
                yield Static("\n".join(self.lines), id="preview-text", markup=False)
            yield ProgressBar(id="progress", show_eta=False)
            yield Static("", id="preview-error", markup=False)
            with Horizontal(id="preview-buttons"):
                if self.adds:
                    yield Button("Import  enter", variant="primary", id="import", compact=True)
                yield Button("Cancel  esc", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#preview-scroll", VerticalScroll).focus()
        if not self.adds:
            self.query_one("#preview-error", Static).update("Nothing to import: everything in it is already in your journal, or looks like it.")

    @property
    def busy_question(self) -> str | None:
        """What quitting now would ask (None when nothing is being written)."""
        return "The import is still being written. Quit now and leave all of it out?" if self.has_class("-running") else None

    def ask_before_quitting(self) -> None:
        """Ctrl+Q while the import is written (tui.quitting): ask whether to leave it out. The question follows
        the import: when the import is written under it, it closes, the dialog closes as it always does, and
        quitting is asked again as it now stands (never "leave all of it out" of an import already in)."""
        busy = self.busy_question
        if busy is None:
            return

        def answered(quit: bool | None) -> None:
            self._quit_question = None
            if quit:
                self.app.exit()

        self._quit_question = ConfirmDialog(busy, "n / esc lets it finish.")
        self.app.push_screen(self._quit_question, answered)

    def on_screen_resume(self) -> None:
        if self._written is not None and self.app.screen is self:
            self.dismiss(self._written)  # written while another screen was up over it

    @on(Button.Pressed, "#import")
    def action_import(self) -> None:
        if not self.adds or self.has_class("-running"):
            return
        self.add_class("-running")
        self.query_one("#preview-buttons").display = False
        self._run()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.has_class("-running"):
            self.notify("Importing… it finishes in a moment (all of it or nothing).", markup=False)
            return
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)  # an error is shown below, not a crash
    def _run(self) -> Imported:
        bar = self.query_one("#progress", ProgressBar)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)

        journal = open_journal(self.journal_path, create=False)
        try:
            return self.read.write(journal, self.today, progress=progress)
        finally:
            journal.close()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "import":
            return
        if event.state is WorkerState.SUCCESS:
            self.remove_class("-running")
            self._written = event.worker.result
            question, self._quit_question = self._quit_question, None
            if question is not None and self.app.screen is question:
                question.dismiss(None)  # its "leave all of it out" is no longer true
            if self.app.screen is not self:
                return  # something else is up over it: closed when it is in front again (on_screen_resume)
            self.dismiss(self._written)
            if question is not None:
                # Asked to quit while it was written: ask again, now that all of it is in (asked by the app, as
                # this dialog is gone before the answer comes).
                app = self.app

                def answered(quit: bool | None) -> None:
                    if quit:
                        app.call_later(app.run_action, "quit")  # asks about a form holding typed text, if any

                again = ConfirmDialog("The import finished: all of it is in your journal. Quit now?", "n / esc stays.")
                app.call_later(app.push_screen, again, answered)
        elif event.state is WorkerState.ERROR:
            if self._quit_question is not None and self.app.screen is self._quit_question:
                self._quit_question.dismiss(None)  # nothing was written: nothing left to leave out
            self.remove_class("-running")
            self.query_one("#preview-buttons").display = True
            error = event.worker.error
            message = str(error) if isinstance(error, (JournalError, Refused, FileRefused)) else f"The import stopped: {error}"
            self.query_one("#preview-error", Static).update(f"Nothing was imported. {message}")


class ExportDialog(Dialog[Path]):
    """Asks what to export and where; writes a new private file, never over the journal or an existing file."""

    WRITES_THE_JOURNAL = False  # it reads the journal: an export of a journal behind its replica is still an export

    DEFAULT_CSS = """
    ExportDialog .dialog { width: 72; }
    ExportDialog #kind { height: 6; }
    """

    def __init__(
        self, journal: Journal, today: date, folder: Path | None = None, *, kind: str = "json", download: bool = False,
        now: Callable[[], datetime],
    ) -> None:
        """`download`: in a browser the file goes to the browser's downloads (the server's disk is not the
        person's), so the dialog asks only what to export. `now` reads the moment a calendar feed is stamped with
        (the app's clock, as `today` is the app's day)."""
        super().__init__()
        self.journal = journal
        self.today = today
        self.folder = folder if folder is not None else Path("~")
        self.first_kind = kind
        self.download = download
        self.now = now

    def _suggested(self, kind: str) -> str:
        return str(self.folder / f"onward-{self.today.isoformat()}{EXPORT_SUFFIXES[kind]}")

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", can_focus=False):
            yield Label("Export", classes="dialog--title")
            yield Label("A copy of your journal in a file only you can read. Onward JSON holds everything and loads back with import.", classes="dialog--hint")
            kinds = OptionList(*(Option(label, id=kind) for kind, label in EXPORT_FORMATS.items()), id="kind")
            yield FormField("What?", kinds, name="kind")
            path = FormField("File", Input(self._suggested(self.first_kind), id="path", compact=True), name="path")
            path.display = not self.download
            yield path
            if self.download:
                yield Label("It downloads to this browser, as a file only you can read once saved.", classes="dialog--hint")
            yield self.buttons()

    def on_mount(self) -> None:
        kinds = self.query_one("#kind", OptionList)
        kinds.highlighted = list(EXPORT_FORMATS).index(self.first_kind)
        kinds.focus(scroll_visible=False)
        self.query_one("#save", Button).label = "Download  ctrl+s" if self.download else "Export  ctrl+s"

    @property
    def kind(self) -> str:
        return list(EXPORT_FORMATS)[self.query_one("#kind", OptionList).highlighted or 0]

    @on(OptionList.OptionHighlighted, "#kind")
    def _kind_changed(self) -> None:
        path = self.query_one("#path", Input)
        if path.value in {self._suggested(kind) for kind in EXPORT_FORMATS}:
            path.value = self._suggested(self.kind)  # still the suggestion: follow the format

    @on(OptionList.OptionSelected, "#kind")
    def _kind_chosen(self) -> None:
        self.query_one("#path", Input).focus()

    def check(self) -> Path:
        text = self.query_one("#path", Input).value
        if not text.strip():
            problems = Problems()
            problems.add("path", "Where to? Type a file name, e.g. ~/onward.json.")
            raise EntryError(problems)
        return _path(text)

    def save(self) -> None:
        if self.download:
            self._download()
            return
        try:
            target = self.check()
            written = export_to_file(self.journal, self.kind, target, self.today, self.now())
        except EntryError as error:
            self.show_problems(error.problems.by_field)
            return
        except (FileRefused, JournalError) as refusal:
            self.show_problems({"path": str(refusal).replace(", or add --force to replace it", "")})
            return
        except OSError as error:
            self.show_problems({"path": f"Can't write there: {error.strerror or error}."})
            return
        self.dismiss(written)

    def _download(self) -> None:
        """Send the export to the browser (Textual's `deliver_text`): nothing is written on the server."""
        name = Path(self._suggested(self.kind)).name
        try:
            text = export_text(self.journal, self.kind, self.today, self.now())
        except JournalError as error:
            self.show_problems({"kind": str(error)})
            return
        whole = text if isinstance(text, str) else "".join(text)
        self.app.deliver_text(io.StringIO(whole), save_filename=name, open_method="download", encoding="utf-8")
        self.dismiss(Path(name))
