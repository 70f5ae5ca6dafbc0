"""`manage.py deadline`: compute one deadline, or a contract's next notice deadline, from the
command line. Parsing and printing only; the engine in obligations.deadlines does the work.

    manage.py deadline --period "30 days" --after 2026-01-15 --law DE --format json
    manage.py deadline --term-start 2025-04-01 --initial-term "12 months" \\
        --renewal-term "12 months" --notice "3 months" --as-of 2026-02-01 --law DE
    manage.py deadline --notice "3 months" --to-end-of quarter --as-of 2026-03-31 --law DE

Wrong input exits with status 2 and one line on stderr.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any, NoReturn

from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    handle_default_options,
)

from obligations.deadlines import (
    DeadlineInputError,
    DeadlineResult,
    PeriodEndNoticeResult,
    TermDeadlineResult,
    compute_deadline,
    next_notice_deadline,
    notice_to_period_end,
)
from obligations.deadlines.inputs import parse_day, parse_day_or_time

USAGE_HINT = "see 'manage.py deadline --help'"
TERM_OPTIONS = ("term_start", "initial_term", "renewal_term", "notice", "as_of", "start_rule")
ANCHOR_OPTIONS = ("after", "until", "before")


class Command(BaseCommand):
    help = (
        "Compute a deadline the way the governing law counts it: a period after, until the "
        "end of, or before a day; or the next notice deadline of a renewing contract term."
    )
    requires_system_checks: list[str] = []

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.error = _parser_error  # type: ignore[method-assign]  # one line, status 2
        return parser

    def run_from_argv(self, argv: list[str]) -> None:
        # Django's own version prints "CommandError: ..." and lets argparse print its usage
        # block; here every wrong input is one line on stderr and exit status 2.
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        try:
            options = parser.parse_args(argv[2:])
            cmd_options = vars(options)
            args = cmd_options.pop("args", ())
            handle_default_options(options)
            self.execute(*args, **cmd_options)
        except CommandError as error:
            if "--traceback" in argv:
                raise
            self.stderr.write(f"deadline: error: {error}")
            sys.exit(error.returncode)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", help='the period, e.g. "30 days", "3 working days"')
        anchor = parser.add_mutually_exclusive_group()
        anchor.add_argument("--after", metavar="E", help="the period runs from event day E")
        anchor.add_argument("--until", metavar="E", help="the period runs out at the end of E")
        anchor.add_argument("--before", metavar="X", help="the period lies wholly before day X")
        parser.add_argument("--law", help="governing law: DE, CH, US-NY, ... (default: none)")
        parser.add_argument(
            "--calendar",
            action="append",
            default=[],
            metavar="CODE",
            help="holiday calendar, repeatable: DE, DE-BE, CH-SG, US-NY, TARGET",
        )
        parser.add_argument("--timezone", help="IANA zone of the place of receipt")
        parser.add_argument(
            "--place",
            metavar="CODE",
            help="place of performance, e.g. DE-BY, CH-BE: its holidays move a deadline",
        )
        parser.add_argument("--term-start", metavar="DATE", help="effective date of the term")
        parser.add_argument("--initial-term", metavar="PERIOD", help='e.g. "12 months"')
        parser.add_argument("--renewal-term", metavar="PERIOD", help="omit if it does not renew")
        parser.add_argument("--notice", metavar="PERIOD", help="notice to the end of a term")
        parser.add_argument(
            "--to-end-of",
            metavar="END",
            help="with --notice: the notice takes effect at the end of a month, quarter, "
            "half-year, year, contract-year (needs --term-start) or 15th-or-month",
        )
        parser.add_argument("--as-of", metavar="DATE", help="the day asked about (default today)")
        parser.add_argument(
            "--start-rule",
            choices=["on_date", "first_of_next_month"],
            default="on_date",
            help="the term starts on the date, or on the 1st of the following month",
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = _compute(options)
        except DeadlineInputError as error:
            raise CommandError(error.message, returncode=2) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_readable(result))


def _compute(options: dict[str, Any]) -> DeadlineResult:
    if options["to_end_of"]:
        return _to_end_of(options)
    term_mode = any(options[name] for name in TERM_OPTIONS if name != "start_rule")
    period_mode = bool(options["period"]) or any(options[n] for n in ANCHOR_OPTIONS)
    if term_mode and period_mode:
        raise CommandError(
            "Give either --period with --after, --until or --before, or the term options "
            f"(--term-start, --initial-term, --notice), not both; {USAGE_HINT}.",
            returncode=2,
        )
    if term_mode:
        return _term(options)
    if period_mode:
        return _period(options)
    raise CommandError(
        "Nothing to compute: give --period with --after, --until or --before, or "
        f"--term-start with --initial-term and --notice; {USAGE_HINT}.",
        returncode=2,
    )


def _parser_error(message: str) -> NoReturn:
    raise CommandError(f"{message}; {USAGE_HINT}.", returncode=2)


def _period(options: dict[str, Any]) -> DeadlineResult:
    relation = next((name for name in ANCHOR_OPTIONS if options[name]), None)
    if not options["period"] or relation is None:
        missing = "--period" if relation else "--after, --until or --before"
        raise CommandError(f"Missing {missing}; {USAGE_HINT}.", returncode=2)
    return compute_deadline(
        period=options["period"],
        relation=relation,
        anchor=parse_day_or_time(options[relation], what=f"--{relation} date"),
        law=options["law"],
        calendars=options["calendar"],
        timezone=options["timezone"],
        place=options["place"],
    )


def _to_end_of(options: dict[str, Any]) -> DeadlineResult:
    extra = [
        f"--{name}"
        for name in ("period", *ANCHOR_OPTIONS, "initial_term", "renewal_term")
        if options[name]
    ]
    if extra:
        raise CommandError(
            f"--to-end-of goes with --notice and --as-of (and --term-start for a contract year), "
            f"not with {', '.join(n.replace('_', '-') for n in extra)}; {USAGE_HINT}.",
            returncode=2,
        )
    if not options["notice"]:
        raise CommandError(f"Missing --notice; {USAGE_HINT}.", returncode=2)
    as_of = parse_day(options["as_of"], what="--as-of date") if options["as_of"] else date.today()
    start = options["term_start"]
    return notice_to_period_end(
        notice=options["notice"],
        to_end_of=options["to_end_of"],
        as_of=as_of,
        law=options["law"],
        calendars=options["calendar"],
        timezone=options["timezone"],
        place=options["place"],
        contract_start=parse_day(start, what="--term-start date") if start else None,
    )


def _term(options: dict[str, Any]) -> TermDeadlineResult:
    missing = [
        f"--{name.replace('_', '-')}"
        for name in ("term_start", "initial_term", "notice")
        if not options[name]
    ]
    if missing:
        raise CommandError(f"Missing {', '.join(missing)}; {USAGE_HINT}.", returncode=2)
    as_of = parse_day(options["as_of"], what="--as-of date") if options["as_of"] else date.today()
    return next_notice_deadline(
        term_start=parse_day(options["term_start"], what="--term-start date"),
        initial_term=options["initial_term"],
        renewal_term=options["renewal_term"],
        notice=options["notice"],
        as_of=as_of,
        law=options["law"],
        calendars=options["calendar"],
        timezone=options["timezone"],
        place=options["place"],
        start_rule=options["start_rule"],
    )


def _readable(result: DeadlineResult) -> str:
    data = result.to_dict()
    lines = []
    if isinstance(result, TermDeadlineResult):
        lines.append(
            f"Term:      {data['term_start']} to {data['term_end']} (term {result.term_number})"
        )
    if isinstance(result, PeriodEndNoticeResult):
        lines.append(f"Effective: {_day(result, 'effective_end')} (end of the period)")
    lines += [
        f"Deadline:  {_day(result, 'deadline')}",
        f"Act by:    {_day(result, 'act_by')}",
        f"Unshifted: {_day(result, 'unshifted')}",
        "Why:",
        *(f"  - {line}" for line in result.explanation),
    ]
    return "\n".join(lines)


def _day(result: DeadlineResult, name: str) -> str:
    if result.in_hours:
        return str(getattr(result, f"{name}_at").isoformat())
    value: date = getattr(result, name)
    return f"{value:%a} {value.isoformat()}"
