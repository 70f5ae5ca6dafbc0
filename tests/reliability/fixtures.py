"""Fixtures and marks of the reliability tests: smtp, redis_server and celery. A test module
imports the *_fixture functions it uses (pytest registers them under their short names) and sets
`pytestmark = RELIABILITY`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.processes import (
    CeleryProcesses,
    RedisServer,
    celery_env,
    real_services_missing,
)
from tests.reliability.smtp import RecordingHandler, smtp_server

# Real PostgreSQL sessions and worker processes see only committed rows: transactional tests,
# skipped (saying what is missing) where the real services are not there.
RELIABILITY = [
    pytest.mark.reliability,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(bool(real_services_missing()), reason=real_services_missing() or ""),
]


@pytest.fixture(name="smtp")
def smtp_fixture() -> Iterator[tuple[RecordingHandler, int]]:
    with smtp_server() as server:
        yield server


@pytest.fixture(name="redis_server")
def redis_server_fixture(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture(name="celery")
def celery_fixture(
    tmp_path: Path, smtp: tuple[RecordingHandler, int], redis_server: RedisServer
) -> Iterator[CeleryProcesses]:
    """Starts nothing by itself; a test starts the beats and workers it needs, and every one
    is stopped (before the test database is flushed) when the test ends."""
    _, port = smtp
    processes = CeleryProcesses(
        tmp_path, celery_env(redis_url=redis_server.url, smtp_port=port, folder=tmp_path)
    )
    yield processes
    processes.stop_all()
