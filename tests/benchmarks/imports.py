"""Benchmark: reading a 10,000-row LinkedIn export and a 10,000-row spreadsheet into import plans. Prints figures; asserts nothing.

Run: .venv/bin/python tests/benchmarks/imports.py
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_streak import timed  # noqa: E402
from tui.domain.spreadsheets import read_linkedin, read_spreadsheet  # noqa: E402

TODAY = date(2026, 11, 27)
ROWS = 10_000
COMPANIES = ("Acme, Inc.", "Globex", "Initech", "Umbrella Health", "Société Générale", "Hooli", "Stark Industries")
ROLES = ("Data Analyst", "Senior Data Analyst", "BI Developer", "Analytics Engineer", "Product Analyst")
STATUSES = ("Applied", "rejected", "Interviewing", "no response", "Phone screen", "offer", "")


def linkedin_csv(rows: int = ROWS) -> bytes:
    """A LinkedIn Job Applications.csv: quoted dates with times, commas in names, multi-line answers."""
    rng = random.Random(7)
    lines = ["Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,Question And Answers"]
    for n in range(rows):
        day = TODAY - timedelta(days=rng.randint(0, 700))
        answers = '"Years of experience with SQL?: 5\nWilling to relocate?: No"' if n % 3 == 0 else ""
        lines.append(
            f'"{day:%m/%d/%y}, {rng.randint(1, 12)}:{rng.randint(0, 59):02d} PM",me@example.com,,'
            f'"{rng.choice(COMPANIES)}",{rng.choice(ROLES)} {n},https://www.linkedin.com/jobs/view/{4000000000 + n},CV.pdf,{answers}'
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def spreadsheet_csv(rows: int = ROWS) -> bytes:
    """A hand-kept sheet: odd headers, day-first dates, status words, notes."""
    rng = random.Random(11)
    lines = ["Employer;Position;Industry;Date Applied;Stage;Comments"]
    for n in range(rows):
        day = TODAY - timedelta(days=rng.randint(0, 700))
        lines.append(f"{rng.choice(COMPANIES)};{rng.choice(ROLES)} {n};Data;{day:%d/%m/%Y};{rng.choice(STATUSES)};note {n}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def main() -> None:
    linkedin, sheet = linkedin_csv(), spreadsheet_csv()
    plan = read_linkedin(linkedin, today=TODAY)
    assert plan.ready == ROWS, plan.problems[:3]
    median, worst = timed(lambda: read_linkedin(linkedin, today=TODAY), repeat=7)
    print(f"read_linkedin, {ROWS:,} rows ({len(linkedin) / 1e6:.1f} MB): median {median:.0f} ms, worst {worst:.0f} ms")
    plan = read_spreadsheet(sheet, today=TODAY)
    assert plan.ready == ROWS, plan.problems[:3]
    median, worst = timed(lambda: read_spreadsheet(sheet, today=TODAY), repeat=7)
    print(f"read_spreadsheet, {ROWS:,} rows ({len(sheet) / 1e6:.1f} MB): median {median:.0f} ms, worst {worst:.0f} ms")


if __name__ == "__main__":
    main()
