"""The issue's check: a fresh COACH_HOME filled only through `coach log` options.

Eight whole weeks, routine fortnights and ordinary fortnights in turn: routine weeks have the
routine on five nights and one cramp, ordinary weeks five cramps. `coach trial` must say about
1 against 5 a week, a ratio near 0.2, and that routine weeks had fewer; with two weeks of data it
must say it is too early.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from coach.cli import main


def this_monday() -> date:
    today = datetime.now().astimezone().date()
    return today - timedelta(days=today.weekday())


def log_weeks(kinds: str) -> None:
    """One week per letter, ending last Sunday: R a routine week, O an ordinary one."""
    first = this_monday() - timedelta(weeks=len(kinds))
    for n, kind in enumerate(kinds):
        monday = first + timedelta(weeks=n)
        if kind == "R":
            for night in range(5):
                evening = f"{monday + timedelta(days=night)}T22:00"
                assert main(["log", "--routine", "nightly", "--when", evening]) == 0
            cramp_days = [2]
        else:
            cramp_days = [1, 2, 3, 4, 5]  # 03:00 on Tuesday to Saturday: nights Mon to Fri
        for day in cramp_days:
            when = f"{monday + timedelta(days=day)}T03:00"
            argv = ["log", "--when", when, "--leg", "left", "--minutes", "2", "--no-check"]
            assert main(argv) == 0


def trial_report(capsys) -> str:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["trial"]) == 0
    return capsys.readouterr().out


def test_eight_weeks_one_against_five(capsys) -> None:
    log_weeks("RROORROO")
    out = trial_report(capsys)
    assert "Observational" in out  # no plan was made: said so
    assert "Routine weeks:  4 weeks, 4 cramps, about 1.0 a week" in out
    assert "Ordinary weeks: 4 weeks, 20 cramps, about 5.0 a week" in out
    assert "Ratio (routine / ordinary): 0.20, 95% interval 0.07 to 0.59" in out
    assert "Clearly fewer cramps in routine weeks" in out
    assert "not medical advice" in out


def test_two_weeks_is_too_early(capsys) -> None:
    log_weeks("RO")
    out = trial_report(capsys)
    assert "Too early to tell (2 weeks so far" in out
    assert "fewer" not in out.lower().replace("too early", "")


def test_the_same_weeks_under_a_plan(capsys) -> None:
    log_weeks("RROORROO")
    start = this_monday() - timedelta(weeks=8)
    assert (
        main(["trial", "start", "--weeks", "8", "--block", "2", "--start", start.isoformat()]) == 0
    )
    out = trial_report(capsys)
    assert "Your own trial: 8 of 8 weeks done" in out and "Observational" not in out
    assert "0.20" in out and "Clearly fewer cramps in routine weeks" in out
    assert main(["trial", "stop"]) == 0
    later = (start + timedelta(weeks=4)).isoformat()
    assert main(["trial", "start", "--weeks", "8", "--block", "2", "--start", later]) == 0
    assert "Too early to tell (4 of 8 weeks)" in trial_report(capsys)


def test_the_clinician_export_carries_the_summary(capsys) -> None:
    log_weeks("RROORROO")
    capsys.readouterr()
    assert main(["history", "--export", "md"]) == 0
    out = capsys.readouterr().out
    assert "## Routine weeks against ordinary weeks" in out
    assert "about 1.0 a week" in out and "Clearly fewer cramps in routine weeks" in out
    assert "Observational" in out


def test_trial_never_imports_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom coach.cli import main\n"
        "main(['log', '--when', '1h ago', '--no-check'])\n"
        "main(['trial', 'start']); main(['trial']); main(['trial', 'stop'])\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual loaded'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_report_says_what_a_small_unblinded_trial_cannot(capsys) -> None:
    log_weeks("RROOROOR")  # fewer in routine weeks, but only just enough weeks to compare
    start = this_monday() - timedelta(weeks=8)
    assert (
        main(["trial", "start", "--weeks", "8", "--block", "2", "--start", start.isoformat()]) == 0
    )
    out = " ".join(trial_report(capsys).split())
    assert "clusters" in out and "blinded" in out and "6 weeks" in out
    assert "Keep your medicines as they are during a trial" in out
    assert "blocks of 4 weeks or more" in out  # these were 2-week blocks


def test_could_be_chance_is_not_does_not_work() -> None:
    from coach.core.trial.report import TrialReport
    from coach.core.trial.weeks import WeekTally

    monday = date(2026, 3, 2)
    weeks = [
        WeekTally(monday + timedelta(weeks=n), cramps, nights)
        for n, (cramps, nights) in enumerate([(3, 5), (4, 0), (2, 5), (4, 0)])
    ]
    verdict = TrialReport(tuple(weeks), None, monday + timedelta(weeks=5)).verdict()
    assert "could be chance" in verdict and '"does not work"' in verdict
