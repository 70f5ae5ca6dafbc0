"""Pages and reminders at the size of a large legal department, on PostgreSQL.

    DATABASE_URL=postgres://... uv run python bench/scale.py --deadlines 1000000
    DATABASE_URL=postgres://... uv run python bench/scale.py --deadlines 1000000 --sweep 10000

Builds (once; later runs reuse it) two organisations with --deadlines deadlines each (20,000
contracts, 200,000 obligations and one reminder per deadline at 1,000,000), then requests every
page --requests times through Django's test client with DEBUG off, in a process warmed up as
config/wsgi.py warms the web server's, and prints, per page, the
number of queries, the median and the 95th percentile. The iCal feed is also polled with the
ETag of its last answer (expect 304); the CSV export is read to the end while the time to its
first row and the growth of the process's peak memory are noted. With --sweep N, N reminders
come due and the sweep delivers them to a local aiosmtpd sink, beside the floor of plain
smtplib sending N messages over one connection to the same sink.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

sys.path.insert(0, str(REPO / "bench"))
from scale_data import scale_organisations  # noqa: E402

from config.warmup import warm_web_process  # noqa: E402
from obligations.models import Membership  # noqa: E402


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pages(org, membership: Membership) -> list[tuple[str, str]]:
    today = timezone.localdate()
    return [
        ("dashboard", reverse("dashboard")),
        ("contracts", reverse("contract_list")),
        ("contracts ?q=", reverse("contract_list") + "?q=Agreement+1234"),
        ("contracts ?status=", reverse("contract_list") + "?status=in_review"),
        ("contracts ?counterparty=", reverse("contract_list") + "?counterparty=Counterparty+7"),
        ("contracts ?law=", reverse("contract_list") + "?law=CH"),
        ("contracts ?renewal_within=", reverse("contract_list") + "?renewal_within=90"),
        (
            "contracts, every filter",
            reverse("contract_list")
            + "?q=Agreement&status=active&counterparty=Counterparty+7&law=DE&renewal_within=365",
        ),
        ("calendar month", reverse("calendar_month", args=[today.year, today.month])),
        ("review page (50 obligations)", reverse("contract_review", args=[org.review_contract_id])),
        ("iCal feed", reverse("calendar_feed", args=[membership.calendar_token])),
    ]


def _measure(client: Client, url: str, requests: int) -> tuple[int, float, float, int, int]:
    timings = []
    queries = 0
    status = 0
    size = 0
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            timings.append((time.perf_counter() - started) * 1000)
        queries, status, size = len(captured), response.status_code, len(body)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return queries, statistics.median(timings), p95, status, size


def _poll(client: Client, url: str) -> tuple[int, int, float]:
    first = client.get(url)
    b"".join(first.streaming_content) if first.streaming else first.content
    headers = {}
    if first.has_header("ETag"):
        headers["If-None-Match"] = first["ETag"]
    if first.has_header("Last-Modified"):
        headers["If-Modified-Since"] = first["Last-Modified"]
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        again = client.get(url, headers=headers)
        elapsed = (time.perf_counter() - started) * 1000
    return again.status_code, len(captured), elapsed


def _csv(client: Client) -> tuple[float, float, int, float]:
    before = _peak_rss_mb()
    started = time.perf_counter()
    response = client.get(reverse("deadlines_csv"))
    first_row = None
    rows = 0
    if response.streaming:
        for chunk in response.streaming_content:
            if first_row is None:
                first_row = time.perf_counter() - started
            rows += chunk.count(b"\n")
    else:
        first_row = time.perf_counter() - started
        rows = response.content.count(b"\n")
    total = time.perf_counter() - started
    return first_row or total, total, rows, _peak_rss_mb() - before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deadlines", type=int, default=1_000_000, help="per organisation")
    parser.add_argument("--organisations", type=int, default=2)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--sweep", type=int, default=0, help="reminders to deliver (0: skip)")
    parser.add_argument("--skip-csv", action="store_true")
    parser.add_argument("--build-only", action="store_true", help="build the data set and stop")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("bench/scale.py measures PostgreSQL: set DATABASE_URL.", file=sys.stderr)
        return 2
    # No setup_test_environment(): its template instrumentation is not part of production.
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False  # the test client speaks plain HTTP
    # Plain static URLs: the benchmark measures queries and rendering, not collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    print(f"load average: {os.getloadavg()}; {os.cpu_count()} cores", flush=True)
    call_command("migrate", verbosity=0)  # a fresh database, or one from an older checkout
    organisations = scale_organisations(deadlines=args.deadlines, organisations=args.organisations)
    if args.build_only:
        return 0
    org = organisations[0]
    membership = Membership.objects.select_related("user").get(user_id=org.admin_id)
    client = Client()
    client.force_login(membership.user)
    # The measured process starts as the web process does (config/wsgi.py): the requests timed
    # are those of a server that is running, not of its start-up.
    warm_web_process()
    print(f"\n{args.deadlines:,} deadlines per organisation, {args.requests} requests per page")
    print(f"{'page':34} {'queries':>7} {'median ms':>10} {'p95 ms':>9} {'status':>6} {'KB':>8}")
    for name, url in _pages(org, membership):
        queries, median, p95, status, size = _measure(client, url, args.requests)
        print(f"{name:34} {queries:7d} {median:10.1f} {p95:9.1f} {status:6d} {size / 1024:8.0f}")
    status, queries, elapsed = _poll(
        client, reverse("calendar_feed", args=[membership.calendar_token])
    )
    print(f"{'iCal feed, unchanged poll':34} {queries:7d} {elapsed:10.1f} {'':9} {status:6d}")
    if not args.skip_csv:
        first_row, total, rows, grown = _csv(client)
        print(
            f"\nCSV export: first row after {first_row * 1000:.0f} ms, {rows:,} lines in "
            f"{total:.1f} s, peak memory grew {grown:.0f} MB"
        )
    if args.sweep:
        from scale_sweep import sweep_benchmark

        sweep_benchmark(count=args.sweep, organisation=org.organisation, owner_id=org.admin_id)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
