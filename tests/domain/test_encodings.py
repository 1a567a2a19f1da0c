"""A spreadsheet saved in another code page than UTF-8 or Windows-1252 is refused with a way out
(`--encoding`), never imported as garbled letters; with the encoding named it reads as written."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from tui.domain.spreadsheets import SpreadsheetError, decode, read_linkedin, read_spreadsheet

TODAY = date(2026, 11, 27)

CYRILLIC = "Company,Role,Applied\nЯндекс,Программист,2026-11-20\nООО Ромашка,Аналитик,2026-11-21\n"


@pytest.mark.parametrize(
    "text, encoding",
    [
        (CYRILLIC, "cp1251"),
        ("Company,Role,Applied\nЖёлтый дом,Инженер,2026-11-20\n", "koi8-r"),
        ("Company,Role,Applied\nZakład Usług,Księgowa,2026-11-20\nWażne Sprawy,Analityk,2026-11-21\n", "cp1250"),
        ("Company,Role,Applied\nŽluťoučký kůň,Účetní,2026-11-20\nPříliš s.r.o.,Vývojář,2026-11-21\n", "cp1250"),
        ("Company,Role,Applied\nΑθήνα ΑΕ,Μηχανικός,2026-11-20\n", "cp1253"),
        # One Cyrillic name among English rows is enough to be garbled.
        ("Company,Role,Applied\nAcme,Analyst,2026-11-20\nBirch,Designer,2026-11-21\nЛучик,Analyst,2026-11-22\n", "cp1251"),
    ],
    ids=["cp1251", "koi8-r", "cp1250-polish", "cp1250-czech", "cp1253", "one-name"],
)
def test_a_file_in_another_code_page_is_refused_with_the_way_out(text, encoding):
    with pytest.raises(SpreadsheetError) as refused:
        read_spreadsheet(text.encode(encoding), today=TODAY)
    message = str(refused.value)
    assert "not UTF-8" in message and "--encoding" in message and "cp1251" in message
    assert "\n" not in message
    assert read_spreadsheet(text.encode(encoding), today=TODAY, encoding=encoding).rows[-1].entry.company == text.split("\n")[-2].split(",")[0]


@pytest.mark.parametrize(
    "text",
    [
        "Company,Role,Applied\nCafé Müller,Développeur,2026-11-20\nStraße AG,Ingénieur,2026-11-21\n",
        "Company,Role,Applied\nAçaí São João,Análise,2026-11-20\nÆrø Øl,Brygger,2026-11-21\n",
        "Company,Role,Applied\nPeña & Ñúñez,Diseñador,2026-11-20\n«Œuvre»,Rédacteur,2026-11-21\n",
        "Company,Role,Applied\nCol·lecció 1ª,Dissenyador·a,2026-11-20\nSäätiö Öljy,Tutkija,2026-11-21\n",
        "Company,Role,Applied\nDon´t Panic GmbH,Entwickler (m/w/d),2026-11-20\nH²O Labs ¿Sí?,Químico ±,2026-11-21\n",
    ],
    ids=["french-german", "portuguese-danish", "spanish", "catalan-finnish", "signs"],
)
def test_western_european_files_in_windows_1252_still_read_as_written(text):
    plan = read_spreadsheet(text.encode("cp1252"), today=TODAY)
    assert [row.entry.company for row in plan.rows] == [line.split(",")[0] for line in text.splitlines()[1:]]


def test_utf8_is_never_questioned():
    assert read_spreadsheet(CYRILLIC.encode("utf-8"), today=TODAY).rows[0].entry.company == "Яндекс"


def test_a_named_encoding_is_trusted_and_checked():
    assert decode("Café".encode("latin-1"), "latin-1") == "Café"
    assert decode("\ufeffCompany".encode("utf-8"), "UTF-8") == "Company"  # the BOM is not a letter of the header
    with pytest.raises(SpreadsheetError, match=r"can't be read as utf-8: byte 0xdf at position 21"):
        decode(CYRILLIC.encode("cp1251"), "utf-8")
    for name in ("nope", "base64", "rot13"):
        with pytest.raises(SpreadsheetError, match="is not a text encoding"):
            decode(b"Company", name)


def test_linkedin_files_take_the_encoding_too():
    header = "Application Date,Company Name,Job Title\n"
    row = '"11/20/26, 8:15 AM",Яндекс,Программист\n'
    raw = (header + row).encode("cp1251")
    with pytest.raises(SpreadsheetError, match="--encoding"):
        read_linkedin(raw, today=TODAY)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("Jobs/Job Applications.csv", raw)
    assert read_linkedin(archive.getvalue(), today=TODAY, encoding="cp1251").rows[0].entry.company == "Яндекс"
