"""`manage.py deadline`: the command lines of the issue, JSON and readable output, and bad input
(exit status 2, one line on stderr, never a traceback). No database.

Most cases run in-process through ManagementUtility, the same entry point manage.py uses; a few
run manage.py as a real subprocess to prove the whole path.
"""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

ROOT = Path(__file__).resolve().parent.parent


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `manage.py deadline ARGS` in-process; return (exit status, stdout, stderr)."""
    status = 0
    try:
        ManagementUtility(["manage.py", "deadline", *args]).execute()
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    status, out, err = run_cli(capsys, *args, "--format", "json")
    assert (status, err) == (0, "")
    data: dict[str, Any] = json.loads(out)
    return data


def test_forward_period_with_calendars_and_time_zone(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "--period", "30 days", "--after", "2026-01-15", "--law", "DE",
        "--calendar", "DE", "--calendar", "TARGET", "--timezone", "Europe/Berlin",
    )  # fmt: skip
    assert data["deadline"] == "2026-02-16"
    assert data["act_by"] == "2026-02-16"
    assert data["unshifted"] == "2026-02-14"
    assert isinstance(data["explanation"], list)
    assert any("BGB §193 moves it to Mon 2026-02-16" in line for line in data["explanation"])
    assert any("DE + TARGET" in line for line in data["explanation"])


@pytest.mark.parametrize(
    ("law", "deadline", "act_by"),
    [("DE", "2026-02-16", "2026-02-16"), ("US-NY", "2026-02-17", "2026-02-17"),
     ("CH", "2026-02-14", "2026-02-13")],
)  # fmt: skip
def test_forward_period_per_law(
    capsys: pytest.CaptureFixture[str], law: str, deadline: str, act_by: str
) -> None:
    data = run_json(capsys, "--period", "30 days", "--after", "2026-01-15", "--law", law)
    assert (data["deadline"], data["act_by"]) == (deadline, act_by)


def test_until_the_end_of_a_day(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "--period", "2 months", "--until", "2026-12-31", "--law", "DE")
    assert (data["deadline"], data["act_by"], data["unshifted"]) == (
        "2026-10-31",
        "2026-10-30",
        "2026-10-31",
    )


@pytest.mark.parametrize(("law", "expected"), [("DE", "2026-05-31"), ("US-NY", "2026-06-01")])
def test_before_a_day(capsys: pytest.CaptureFixture[str], law: str, expected: str) -> None:
    data = run_json(capsys, "--period", "30 days", "--before", "2026-07-01", "--law", law)
    assert data["deadline"] == expected


def test_hours_give_an_instant_with_offset(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "--after", "2026-03-28T10:00", "--period", "24 hours",
        "--timezone", "Europe/Berlin",
    )  # fmt: skip
    assert data["deadline"] == "2026-03-29T11:00:00+02:00"
    assert data["unshifted"] == "2026-03-29T11:00:00+02:00"


def test_term_notice_deadline(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "--term-start", "2025-04-01", "--initial-term", "12 months",
        "--renewal-term", "12 months", "--notice", "3 months", "--as-of", "2026-02-01",
        "--law", "DE",
    )  # fmt: skip
    assert data["deadline"] == "2026-12-31"
    assert data["act_by"] == "2026-12-31"
    assert data["unshifted"] == "2026-12-31"
    assert (data["term_start"], data["term_end"]) == ("2026-04-01", "2027-03-31")
    assert data["explanation"]


def test_term_start_rule(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "--term-start", "2025-03-15", "--start-rule", "first_of_next_month",
        "--initial-term", "12 months", "--notice", "3 months", "--as-of", "2025-03-15",
        "--law", "DE",
    )  # fmt: skip
    assert (data["term_start"], data["term_end"], data["deadline"]) == (
        "2025-04-01",
        "2026-03-31",
        "2025-12-31",
    )


def test_readable_answer_without_format_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(
        capsys, "--period", "30 days", "--after", "2026-01-15", "--law", "DE"
    )
    assert (status, err) == (0, "")
    assert "Deadline:  Mon 2026-02-16" in out
    assert "Act by:    Mon 2026-02-16" in out
    assert "Unshifted: Sat 2026-02-14" in out
    assert "BGB §193" in out


BAD_INPUTS = [
    (["--period", "30 days", "--after", "2026-02-30", "--law", "DE"], "February 2026 has 28"),
    (["--period", "3 lunar cycles", "--after", "2026-01-15", "--law", "DE"], "3 lunar cycles"),
    (["--period", "30 days", "--after", "2026-01-15", "--law", "XX"], "governing law 'XX'"),
    (["--period", "30 days", "--after", "2026-01-15", "--calendar", "NOPE"], "calendar 'NOPE'"),
    (["--period", "30 days", "--after", "2026-01-15", "--calendar", "DE-XX"], "no subdivision"),
    (["--period", "30 days", "--after", "2026-13-01"], "no month 13"),
    (["--period", "30 days", "--after", "yesterday"], "YYYY-MM-DD"),
    (["--period", "30 days", "--after", "2026-01-15", "--timezone", "Mars/Olympus"], "time zone"),
    (["--period", "24 hours", "--after", "2026-03-29T02:30", "--timezone", "Europe/Berlin"],
     "does not exist in Europe/Berlin"),
    (["--period", "0 days", "--after", "2026-01-15"], "at least 1 day"),
    (["--period", "30 days", "--after", "9999-12-20"], "outside the years"),
    (["--term-start", "2025-04-01", "--initial-term", "12 months", "--notice", "3 months",
      "--as-of", "2025-01-01", "--law", "DE"], "before the contract starts"),
    (["--term-start", "2025-04-01", "--initial-term", "12 months", "--notice", "3 months",
      "--as-of", "2026-02-01", "--law", "DE"], "does not renew"),
    (["--term-start", "2025-04-01", "--initial-term", "3 business days", "--notice", "1 month"],
     "initial term cannot"),
    (["--term-start", "2025-04-01", "--notice", "3 months"], "Missing --initial-term"),
    (["--period", "30 days"], "Missing --after, --until or --before"),
    (["--after", "2026-01-15"], "Missing --period"),
    ([], "Nothing to compute"),
    (["--period", "30 days", "--after", "2026-01-15", "--until", "2026-02-01"], "not allowed"),
    (["--period", "30 days", "--after", "2026-01-15", "--term-start", "2025-01-01"], "not both"),
    (["--period", "30 days", "--after", "2026-01-15", "--format", "xml"], "invalid choice"),
    (["--frobnicate"], "unrecognized arguments"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "says"), BAD_INPUTS)
def test_bad_input_exits_2_with_one_clear_line(
    capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    status, out, err = run_cli(capsys, *args)
    assert status == 2
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("deadline: error: ")
    assert says in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("args", "says"), BAD_INPUTS[:4])
def test_bad_input_through_call_command_raises_command_error(args: list[str], says: str) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("deadline", *args, stdout=StringIO(), stderr=StringIO())
    assert raised.value.returncode == 2
    assert says in str(raised.value)


def _manage(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "deadline", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_manage_py_as_a_subprocess() -> None:
    done = _manage(
        "--term-start", "2025-04-01", "--initial-term", "12 months", "--renewal-term",
        "12 months", "--notice", "3 months", "--as-of", "2026-02-01", "--law", "DE",
        "--format", "json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["deadline"] == "2026-12-31"


@pytest.mark.parametrize(
    "args",
    [
        ["--period", "30 days", "--after", "2026-02-30", "--law", "DE"],
        ["--period", "3 lunar cycles", "--after", "2026-01-15", "--law", "DE"],
        ["--period", "30 days", "--after", "2026-01-15", "--bogus"],
    ],
)
def test_manage_py_bad_input_as_a_subprocess(args: list[str]) -> None:
    done = _manage(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr


# --- place of performance, observed holidays, signs, notice to the end of a period --------


def test_the_issue_command_line_moves_off_saint_berchtolds_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = run_json(
        capsys, "--period", "3 days", "--after", "2025-12-30", "--law", "CH", "--calendar", "CH-BE"
    )
    assert (data["unshifted"], data["deadline"]) == ("2026-01-02", "2026-01-03")
    assert not any("a working day" in line for line in data["explanation"])


def test_place_option_moves_off_corpus_christi(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "--period", "3 days", "--after", "2026-06-01", "--law", "DE", "--place", "DE-BY"
    )
    assert data["deadline"] == "2026-06-05"


def test_new_york_observed_friday_does_not_move(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "--period", "3 days", "--after", "2027-12-21", "--law", "US-NY")
    assert data["deadline"] == "2027-12-24"


@pytest.mark.parametrize("period", ["-3 days", "+3 days", "0 days", "1.5 days", "3 moons"])
def test_a_bad_period_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], period: str
) -> None:
    status, out, err = run_cli(capsys, "--period", period, "--after", "2026-01-15")
    assert (status, out) == (2, "")
    assert err.startswith("deadline: error: ") and err.count("\n") <= 1


@pytest.mark.parametrize(
    ("law", "as_of", "deadline", "effective"),
    [
        (["--law", "DE"], "2026-02-10", "2026-03-31", "2026-06-30"),
        (["--law", "DE"], "2026-03-31", "2026-03-31", "2026-06-30"),
        (["--law", "DE"], "2026-04-01", "2026-06-30", "2026-09-30"),
        (["--law", "CH", "--place", "CH-ZH"], "2026-03-31", "2026-03-31", "2026-06-30"),
        (["--law", "CH", "--place", "CH-ZH"], "2026-04-01", "2026-06-30", "2026-09-30"),
        (["--law", "US-NY"], "2026-03-31", "2026-03-31", "2026-06-30"),
        (["--law", "US-NY"], "2026-04-01", "2026-06-30", "2026-09-30"),
        (["--law", "US-NY"], "2027-10-01", "2027-12-31", "2028-03-31"),
    ],
)
def test_notice_to_the_end_of_a_quarter(
    capsys: pytest.CaptureFixture[str], law: list[str], as_of: str, deadline: str, effective: str
) -> None:
    data = run_json(
        capsys, "--notice", "3 months", "--to-end-of", "quarter", "--as-of", as_of, *law
    )
    assert (data["deadline"], data["effective_end"], data["to_end_of"]) == (
        deadline,
        effective,
        "quarter",
    )
    assert any("to the end of a calendar quarter" in line for line in data["explanation"])


def test_notice_to_the_end_of_a_quarter_reads_well(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(
        capsys, "--notice", "3 months", "--to-end-of", "quarter", "--as-of", "2026-04-01",
        "--law", "DE",
    )  # fmt: skip
    assert (status, err) == (0, "")
    assert "Effective: Wed 2026-09-30" in out
    assert "Deadline:  Tue 2026-06-30" in out
    assert "can no longer be reached" in out


def test_notice_to_the_end_of_a_contract_year(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "--notice", "3 months", "--to-end-of", "contract-year", "--term-start",
        "2024-07-15", "--as-of", "2026-05-02", "--law", "DE",
    )  # fmt: skip
    assert (data["deadline"], data["effective_end"]) == ("2027-04-14", "2027-07-14")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--to-end-of", "quarter", "--as-of", "2026-01-01"], "Missing --notice"),
        (["--notice", "3 months", "--to-end-of", "fortnight"], "not a period end"),
        (["--notice", "3 months", "--to-end-of", "contract-year"], "start date"),
        (["--notice", "3 months", "--to-end-of", "quarter", "--period", "3 days"], "not with"),
        (["--notice", "-3 months", "--to-end-of", "quarter"], "no sign"),
    ],
)
def test_bad_notice_to_the_end_of_a_period_exits_2(
    capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    status, out, err = run_cli(capsys, *args)
    assert (status, out) == (2, "")
    assert says in err and err.count("\n") <= 1
