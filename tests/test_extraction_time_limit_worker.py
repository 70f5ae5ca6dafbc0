"""A real Celery worker (prefork, one pool process) on the embedded defaults (a SQLite file and
the filesystem broker, in a temporary folder): an extraction that runs past the hard time limit
is killed, its document is marked failed with a reason, and the next upload is extracted.

The runaway stand-in is a PDF within the reader's budget that still takes pypdf several seconds
(pages sharing a 2 MB content stream); the hard limit is set to 2 seconds for the test.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pdf_render import shared_stream_pdf

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parents[1]

_SETUP = """
from obligations.models.choices import Role
from obligations.services.documents import document_upload
from tests.factories import MembershipFactory
from pathlib import Path
user = MembershipFactory(role=Role.REVIEWER).user
for path in {paths!r}:
    document_upload(
        organisation=user.membership.organisation, user=user, filename=Path(path).name,
        data=Path(path).read_bytes(),
    )
"""
_STATUS = """
import json
from obligations.models import ContractDocument
print(json.dumps({d.original_name: [d.extraction_status, d.error]
                  for d in ContractDocument.objects.all()}))
"""


def _environment(folder: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST", "DJANGO_", "CELERY_", "EXTRACTION_"))
        and k not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        CLAUSEWATCH_VAR_DIR=str(folder / "var"),
        EXTRACTION_TIME_LIMIT="2",
        EXTRACTION_SOFT_TIME_LIMIT="0",  # no soft limit: the hard one has to stop the runaway
        PYTHONUNBUFFERED="1",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture
def worker_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    env = _environment(tmp_path)
    _manage(env, "migrate", "--no-input")
    log = (tmp_path / "worker.log").open("wb")
    worker = subprocess.Popen(
        [
            *(sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "prefork"),
            *("--concurrency", "1", "--loglevel", "INFO", "--without-gossip", "--without-mingle"),
        ],
        cwd=PROJECT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    env["WORKER_LOG"] = str(tmp_path / "worker.log")
    try:
        yield env
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
        log.close()


def test_hard_time_limit_stops_a_runaway_extraction_and_the_next_upload_is_read(
    worker_env: dict[str, str], tmp_path: Path
) -> None:
    runaway = tmp_path / "runaway.pdf"
    runaway.write_bytes(shared_stream_pdf(pages=3, stream_megabytes=2))
    following = tmp_path / "next.txt"
    following.write_text(
        "1. Payment\n\nThe Customer shall pay each invoice within thirty (30) days after "
        "receipt of the invoice.\n",
        encoding="utf-8",
    )
    _manage(worker_env, "shell", "-c", _SETUP.format(paths=[str(runaway), str(following)]))

    deadline = time.monotonic() + 120
    statuses: dict[str, list[str]] = {}
    while time.monotonic() < deadline:
        statuses = json.loads(_manage(worker_env, "shell", "-c", _STATUS).splitlines()[-1])
        if all(status in ("done", "failed") for status, _ in statuses.values()):
            break
        time.sleep(1)
    log = Path(worker_env["WORKER_LOG"]).read_text(errors="replace")[-4000:]
    assert statuses["runaway.pdf"][0] == "failed", (statuses, log)
    assert statuses["runaway.pdf"][1].startswith(
        "Reading this document took longer than the 2 seconds an extraction may take"
    ), statuses
    assert "Hard time limit (2" in log
    assert statuses["next.txt"] == ["done", ""], (statuses, log)
