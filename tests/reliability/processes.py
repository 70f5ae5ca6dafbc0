"""Real Celery worker and beat processes and a private Redis server for the reliability tests.

Each test gets its own redis-server on a free port: restarting it disturbs nothing else, and no
other worker on the machine can take its tasks. The workers use the test database that
pytest-django created (test_<name>), so rows a `transaction=True` test commits are theirs.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import redis
from django.conf import settings
from django.db import connection

from tests.reliability.smtp import free_port

PROJECT = Path(__file__).resolve().parents[2]


def real_services_missing() -> str | None:
    """Why the reliability tests cannot run here, or None if they can."""
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return 'needs PostgreSQL: set DATABASE_URL (eval "$(.ci/services start)")'
    if not os.environ.get("REDIS_URL"):
        return 'needs Redis: set REDIS_URL (eval "$(.ci/services start)")'
    if not shutil.which("redis-server") or not shutil.which("redis-cli"):
        return "needs redis-server and redis-cli on PATH (apt-get install redis-server)"
    return None


def worker_database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{auth}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_until(
    condition: Callable[[], bool], *, timeout: float, what: str, step: float = 0.1
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


class RedisServer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def ping(self) -> bool:
        try:
            return bool(redis.Redis(port=self.port, socket_timeout=0.5).ping())
        except redis.RedisError:
            return False

    def start(self) -> None:
        subprocess.run(
            [
                "redis-server",
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--daemonize", "yes",
                "--dir", str(self.folder),
                "--logfile", str(self.folder / "redis.log"),
                "--pidfile", str(self.folder / "redis.pid"),
                "--save", "",
                "--appendonly", "no",
            ],
            check=True,
        )  # fmt: skip
        wait_until(self.ping, timeout=10, what="redis-server to answer")

    def stop(self) -> None:
        """Stop without saving anything: whatever was queued is gone."""
        subprocess.run(
            ["redis-cli", "-p", str(self.port), "shutdown", "nosave"],
            check=False,
            capture_output=True,
        )
        wait_until(lambda: not self.ping(), timeout=10, what="redis-server to stop")

    def queued(self) -> int:
        """Task messages waiting in Redis, in every priority list of every queue."""
        client = redis.Redis(port=self.port)
        return sum(int(client.llen(key)) for key in client.scan_iter("celery*"))


class CeleryProcesses:
    """Workers and beats started as `celery -A config ...` subprocesses with one environment."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder = folder
        self.env = env
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def _start(self, name: str, args: list[str]) -> subprocess.Popen[bytes]:
        log = (self.folder / f"{name}.log").open("ab")
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", *args],
            cwd=PROJECT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: SIGKILL reaches the pool too
        )
        self.processes[name] = process
        return process

    def start_worker(self, name: str, *, concurrency: int = 4) -> subprocess.Popen[bytes]:
        return self._start(
            name,
            [
                "worker",
                "--hostname", f"{name}@%h",
                "--concurrency", str(concurrency),
                "--pool", "prefork",
                "--loglevel", "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
        )  # fmt: skip

    def start_beat(self, name: str) -> subprocess.Popen[bytes]:
        return self._start(
            name,
            ["beat", "--loglevel", "INFO", "--schedule", str(self.folder / f"{name}-schedule")],
        )

    def kill(self, name: str) -> None:
        """SIGKILL the whole process group: the worker and every pool process, mid-task."""
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for name, process in list(self.processes.items()):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
            self.processes.pop(name)

    def log_tail(self, lines: int = 40) -> str:
        parts = []
        for path in sorted(self.folder.glob("*.log")):
            text = path.read_text(errors="replace").splitlines()[-lines:]
            parts.append(f"--- {path.name}\n" + "\n".join(text))
        return "\n".join(parts)


def celery_env(
    *, redis_url: str, smtp_port: int, folder: Path, **reminder_settings: int
) -> dict[str, str]:
    """The environment of a worker or beat: the test database, the private Redis, the local
    SMTP server and short reminder intervals."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=worker_database_url(),
        DATABASE_CONN_MAX_AGE="60",
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_TIMEOUT="10",
        SECRET_KEY=settings.SECRET_KEY,
        DEFAULT_FROM_EMAIL=settings.DEFAULT_FROM_EMAIL,
        CLAUSEWATCH_VAR_DIR=str(folder / "var"),
        PYTHONUNBUFFERED="1",
    )
    defaults = {
        "REMINDER_SWEEP_SECONDS": 5,
        "REMINDER_LEASE_SECONDS": 20,
        "REMINDER_CLAIM_BATCH": 400,
        # Small batches keep send tasks queued in Redis and in flight when a test breaks things.
        "REMINDER_SEND_BATCH": 5,
        "REMINDER_RETRY_BASE_SECONDS": 1,
        "REMINDER_RETRY_MAX_SECONDS": 4,
    }
    defaults.update(reminder_settings)
    env.update({name: str(value) for name, value in defaults.items()})
    return env
