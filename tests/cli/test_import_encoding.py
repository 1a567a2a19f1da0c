"""`onward import csv --encoding NAME`: a spreadsheet saved in a code page other than UTF-8 or Windows-1252 is
refused in one line that names the way out, and imported as written once the encoding is named."""

import json


def cyrillic_sheet(folder):
    path = folder / "sheet.csv"
    path.write_bytes("Company,Role,Applied\nЯндекс,Программист,2026-11-20\n".encode("cp1251"))
    return str(path)


def test_a_garbled_file_is_refused_in_one_line_naming_the_way_out(onward, tmp_path, journal_path):
    status, out, err = onward("import", "csv", cyrillic_sheet(tmp_path), "--yes")
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "not UTF-8" in err and "--encoding NAME" in err and "cp1251" in err
    assert not journal_path.exists()  # nothing written, not even a journal


def test_with_the_encoding_named_it_reads_as_written(onward, tmp_path):
    status, out, err = onward("import", "csv", cyrillic_sheet(tmp_path), "--yes", "--encoding", "cp1251")
    assert status == 0, err
    assert "Imported 1 application" in out
    [application] = json.loads(onward("list", "--json")[1])
    assert (application["company"], application["role"]) == ("Яндекс", "Программист")


def test_a_bad_encoding_name_or_one_for_json_is_refused_in_one_line(onward, tmp_path, journal_path):
    for argv, message in [
        (("csv", cyrillic_sheet(tmp_path), "--encoding", "klingon"), '"klingon" is not a text encoding'),
        (("csv", cyrillic_sheet(tmp_path), "--encoding", "utf-8"), "can't be read as utf-8"),
        (("json", cyrillic_sheet(tmp_path), "--encoding", "cp1251"), "Onward JSON is always UTF-8"),
    ]:
        status, _, err = onward("import", *argv, "--yes")
        assert status == 2 and message in err and len(err.strip().splitlines()) == 1, err
    assert not journal_path.exists()
