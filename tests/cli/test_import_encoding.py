"""`onward import csv --encoding NAME`: a spreadsheet saved in a code page other than UTF-8 or Windows-1252 is
refused in one line that names the way out, and imported as written once the encoding is named."""

import json

from tui.paths import onward_command


def cyrillic_sheet(folder):
    path = folder / "sheet.csv"
    path.write_bytes("Company,Role,Applied\nЯндекс,Программист,2026-11-20\n".encode("cp1251"))
    return str(path)


def test_a_garbled_file_is_refused_in_one_line_naming_the_way_out(onward, tmp_path, journal_path):
    sheet = cyrillic_sheet(tmp_path)
    status, out, err = onward("import", "csv", sheet, "--yes")
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    # The command that names the encoding, built for this journal and this file: run as printed, it works.
    command = onward_command(journal_path, "import", "csv", sheet, "--encoding", "NAME")
    assert "not UTF-8" in err and f"say how it was saved (`{command}`), e.g. cp1251" in err
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


def _journal_as_json(onward):
    status, out, err = onward("export", "json")
    assert status == 0, err
    return out


def test_the_journal_its_companions_and_a_backup_are_refused_by_every_import_kind(onward, journal_path, tmp_path):
    """Issue try5 #11: `import csv j.db-wal --db j.db` got advice on encodings; it is the export guard's refusal."""
    import sqlite3

    assert onward("add", "Acme", "Analyst", "--date", "2026-11-20")[0] == 0
    assert onward("backup", "-o", str(tmp_path / "copy.db"))[0] == 0
    before = _journal_as_json(onward)
    reader = sqlite3.connect(journal_path)  # an open connection keeps the -wal and -shm beside it
    try:
        reader.execute("select count(*) from sqlite_master").fetchall()
        for companion in ("-wal", "-shm"):
            assert (journal_path.parent / f"{journal_path.name}{companion}").exists()
        for kind in ("csv", "json", "linkedin"):
            for name in (journal_path.name, f"{journal_path.name}-wal", f"{journal_path.name}-shm"):
                status, out, err = onward("import", kind, str(journal_path.parent / name), "--yes")
                assert status == 2 and out == "" and len(err.strip().splitlines()) == 1, err
                assert "is your journal (or a file SQLite keeps beside it)" in err and "--encoding" not in err, err
            status, out, err = onward("import", kind, str(tmp_path / "copy.db"), "--yes")
            assert status == 2 and out == "" and len(err.strip().splitlines()) == 1, err
            assert "is an Onward journal (a backup?)" in err and "restore" in err and "--encoding" not in err, err
    finally:
        reader.close()
    assert _journal_as_json(onward) == before


def test_a_binary_file_is_not_a_spreadsheet_and_gets_no_encoding_advice(onward, tmp_path, journal_path):
    import sqlite3

    program = tmp_path / "bin.csv"
    program.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    noise = tmp_path / "noise.csv"
    noise.write_bytes(bytes((7 * i * i + 3 * i) % 256 for i in range(3000)))
    database = tmp_path / "data.csv"
    sqlite3.connect(database).execute("create table t(x)")
    for path, kind in ((program, "a program"), (noise, "binary data"), (database, "an SQLite database")):
        for format_ in ("csv", "linkedin"):
            status, out, err = onward("import", format_, str(path), "--yes")
            assert status == 2 and out == "" and len(err.strip().splitlines()) == 1, err
            assert f"It is {kind}, not a spreadsheet" in err and "encoding" not in err, err
        status, out, err = onward("import", "json", str(path), "--yes")
        assert status == 2 and f"is {kind}, not Onward JSON" in err and "spreadsheet" not in err, err
    assert not journal_path.exists()
