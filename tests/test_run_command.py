"""README command one, run as a user would: a fresh var/, the printed login, the demo contracts,
and a clean stop on Ctrl-C (SIGINT)."""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 180

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def readme_command_one() -> list[str]:
    """The first command of the README, as written there."""
    readme = (ROOT / "README.md").read_text()
    match = re.search(r"^    (uv run manage\.py run)$", readme, re.MULTILINE)
    assert match, "README no longer shows `uv run manage.py run` as command one"
    words = match.group(1).split()
    if shutil.which("uv") is None:
        # Same command without uv's environment sync, for machines where uv is not on PATH.
        return [sys.executable, *words[2:]]
    return [*words[:2], "--frozen", *words[2:]]


class Console:
    """Collects the process's output lines in the background."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float) -> re.Match[str]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for line in list(self.lines):
                if found := re.search(pattern, line):
                    return found
            time.sleep(0.2)
        raise AssertionError(f"no line matching {pattern!r}; output:\n" + "\n".join(self.lines))


def fetch(opener: urllib.request.OpenerDirector, url: str, data: dict[str, str] | None = None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with opener.open(urllib.request.Request(url, data=body), timeout=30) as response:
        return response.status, response.geturl(), response.read().decode()


def test_command_one_runs_the_tracker_and_stops_on_sigint(tmp_path: Path) -> None:
    port = free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "CELERY_BROKER_URL",
            "EMAIL_HOST",
            "SECRET_KEY",
            "DEBUG",
        }
    }
    environment.update({"CLAUSEWATCH_VAR_DIR": str(tmp_path / "var"), "PORT": str(port)})
    process = subprocess.Popen(
        readme_command_one(), cwd=ROOT, env=environment, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    console = Console(process)
    try:
        login = console.wait_for(r"Demo login: username '(\S+)', password '(\S+)'", STARTUP_SECONDS)
        url = console.wait_for(r"running at (http://\S+/)", 60).group(1)
        assert url == f"http://127.0.0.1:{port}/"

        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        end = time.monotonic() + 60
        while True:
            try:
                status, _, page = fetch(opener, url + "login/")
                break
            except OSError:
                if time.monotonic() > end:
                    raise
                time.sleep(0.5)
        assert status == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        _, landed, _ = fetch(
            opener,
            url + "login/",
            {"csrfmiddlewaretoken": token, "username": login.group(1), "password": login.group(2)},
        )
        assert not landed.endswith("/login/"), "the printed login did not work"
        _, _, contracts = fetch(opener, url + "contracts/")
        assert "Cloud Hosting Subscription Agreement" in contracts
        assert "Software Support and Maintenance Agreement" in contracts
    finally:
        process.send_signal(signal.SIGINT)
        try:
            returncode = process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise
    assert returncode == 0, "\n".join(console.lines)
    assert any("Clausewatch stopped." in line for line in console.lines)


def test_command_one_keeps_data_between_runs(tmp_path: Path) -> None:
    """The demo loader is idempotent: a second run finds the same organisation and contracts."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "SECRET_KEY", "DEBUG"}
    }
    # The steps of command one, run one by one as a developer would: in debug mode, as it is.
    environment.update({"CLAUSEWATCH_VAR_DIR": str(tmp_path / "var"), "DEBUG": "1"})
    outputs = []
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
            cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        result = subprocess.run(
            [sys.executable, "manage.py", "demo"],
            cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    count = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         "from obligations.models import Contract; print(Contract.objects.count())"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    demo_files = list((ROOT / "obligations" / "demo").glob("*.md"))
    # One contract per demo text, and one family (a master agreement, its amendment and order form).
    assert count.stdout.strip() == str(len(demo_files) + 1) == "4"
