"""Spreadsheet imports bounded before they are read (issue 24): a damaged zip member is refused in one
message, a sheet of millions of rows is refused as its rows are read, a cell of 40,000 commas is read in
linear time, and a file of headers alone holds nothing to import."""

import io
import zipfile
from datetime import date

import pytest

from tui.domain import spreadsheets
from tui.domain.spreadsheets import SpreadsheetError, read_linkedin, read_spreadsheet

TODAY = date(2026, 11, 27)
MAX_ROWS = getattr(spreadsheets, "MAX_ROWS", 200_000)
HEADER = "Application Date,Company Name,Job Title"
ROWS = "".join(f"\n11/{day:02}/25,Company {day},Analyst" for day in range(1, 21))


def zipped(text: str, method: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        archive.writestr("Jobs/Job Applications.csv", text)
    return buffer.getvalue()


def member_data_span(raw: bytes) -> range:
    """Where the member's compressed bytes are in the zip."""
    info = zipfile.ZipFile(io.BytesIO(raw)).infolist()[0]
    name_length, extra_length = int.from_bytes(raw[26:28], "little"), int.from_bytes(raw[28:30], "little")
    start = info.header_offset + 30 + name_length + extra_length
    return range(start, start + info.compress_size)


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_LZMA, zipfile.ZIP_BZIP2])
def test_a_damaged_zip_member_is_refused_in_one_message_whichever_byte_is_flipped(method):
    raw = zipped(HEADER + ROWS, method)
    assert read_linkedin(raw, today=TODAY).ready == 20
    refused = 0
    for at in member_data_span(raw):
        damaged = bytearray(raw)
        damaged[at] ^= 0xFF
        try:
            read_linkedin(bytes(damaged), today=TODAY)
        except SpreadsheetError as error:  # anything else (zlib.error, LZMAError) fails the test
            assert "\n" not in str(error)
            refused += 1
    assert refused  # most flips are refused; the rest still unpack to a sheet that is read or refused row by row


def test_a_small_zip_unpacking_to_millions_of_rows_is_refused_as_the_rows_are_read():
    raw = zipped(HEADER + "\na,b,c" * (MAX_ROWS + 5), zipfile.ZIP_DEFLATED)
    assert len(raw) < 200_000
    with pytest.raises(SpreadsheetError, match=f"has more than {MAX_ROWS:,} rows"):
        read_linkedin(raw, today=TODAY)


def test_rows_are_read_up_to_the_cap():
    text = "Company,Role,Applied" + "\nAcme,Analyst,2026-11-02" * 1000
    assert read_spreadsheet(text.encode(), today=TODAY).read == 1000


def test_a_row_of_a_million_characters_is_refused():
    with pytest.raises(SpreadsheetError, match="runs past 1,000,000 characters"):
        read_spreadsheet(("Company,Role,Applied\nAcme,Analyst," + "," * 1_200_000).encode(), today=TODAY)


def test_a_header_of_thousands_of_columns_is_refused():
    with pytest.raises(SpreadsheetError, match="has 5,000 columns"):
        read_spreadsheet(("Company,Role,Applied" + ",x" * 4997 + "\nAcme,Analyst,2026-11-02").encode(), today=TODAY)


def test_a_cell_of_forty_thousand_commas_is_read_as_one_unreadable_date():
    raw = ("Company,Role,Applied\nAcme,Analyst,\"" + "," * 40_000 + "\"\n").encode()
    plan = read_spreadsheet(raw, today=TODAY)
    assert plan.ready == 0 and "is not a date I can read" in plan.problems[0].message


def test_the_time_pattern_is_linear_in_a_run_of_separators():
    # Before the fix each comma restarted the separator run: 40,000 commas took 42 s, this many would take
    # hours; now it is a few milliseconds (the test hangs, never passes, if the pattern turns quadratic again).
    assert spreadsheets._TIME.search("," * 300_000) is None
    assert spreadsheets._TIME.search(" ," * 150_000 + "8") is None
    assert spreadsheets.read_date("11/20/24, 8:15 AM").month_first == date(2024, 11, 20)


@pytest.mark.parametrize("read", [
    lambda raw: read_spreadsheet(raw, today=TODAY), lambda raw: read_linkedin(raw, today=TODAY),
    lambda raw: read_linkedin(zipped(raw.decode(), zipfile.ZIP_DEFLATED), today=TODAY),
])
def test_a_file_of_headers_alone_is_refused(read):
    with pytest.raises(SpreadsheetError, match="has a header row but no rows under it"):
        read(f"Company,Role,Applied,{HEADER}\n\n,,,,,\n".encode())


def test_a_zip_member_said_to_unpack_past_the_limit_is_refused_before_it_is_read():
    raw = bytearray(zipped(HEADER + ROWS, zipfile.ZIP_DEFLATED))
    said = raw.rindex(b"PK\x01\x02") + 24  # the central directory's size of the member, unpacked
    raw[said : said + 4] = (300 * 2**20).to_bytes(4, "little")
    with pytest.raises(SpreadsheetError, match=r"^Jobs/Job Applications\.csv unpacks to 314,572,800 bytes; that is too big"):
        read_linkedin(bytes(raw), today=TODAY)
