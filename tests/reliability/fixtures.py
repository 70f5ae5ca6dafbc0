"""Fixtures of the reliability tests: smtp, redis_server and celery. A test module imports
the *_fixture functions it uses (pytest registers them under their short names)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.processes import CeleryProcesses, RedisServer, celery_env
from tests.reliability.smtp import RecordingHandler, smtp_server


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
