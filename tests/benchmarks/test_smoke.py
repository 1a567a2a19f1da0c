"""CI runs the benchmark at a tiny size: it must still run and print every budget. Figures are never judged
here (a slow machine must not fail CI); `python -m tests.benchmarks` measures for real."""

from tests.benchmarks.__main__ import main


def test_the_benchmark_runs_and_prints_every_budget(capsys):
    main(["--smoke"])
    printed = capsys.readouterr().out
    for budget in ("`s` opens the day question", "`enter` answers the day question", "`z (2nd)`", "`3, first visit`", "`1 (4th)`", "bare switch", "filter key", "first paint",
                   "peak memory", "streak --short", "export json",
                   "opens the reflection editor, first time", "on the next reflection", "`onward add`", "`onward list`",
                   "to Insights after writes", "Insights' figures after logging a rejection",
                   "`onward import json` of its export into an empty journal", "`onward import json` of its export: under 60 MiB",
                   "`s` at +0.3 s after the first paint", "≤1.3× small (issue 26)", "first paint, imported history"):
        assert budget in printed
    assert printed.count(" OK") + printed.count(" OVER") >= 32
