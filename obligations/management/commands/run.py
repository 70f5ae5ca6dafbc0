"""`manage.py run`: the whole tracker on one machine — web server, Celery worker and beat.

Migrates, loads the demo organisation and contracts (once; data is kept between runs), starts the
three processes, prints the URL and the demo login, and stops them all on Ctrl-C.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

STOP_GRACE_SECONDS = 10


class Command(BaseCommand):
    help = "Run the web server, a Celery worker and Celery beat together (embedded defaults)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--no-demo", action="store_true", help="Do not load the demo data.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if not options["no_demo"]:
            call_command("demo", stdout=self.stdout)

        manage = str(Path(settings.BASE_DIR) / "manage.py")
        address = f"{options['host']}:{options['port']}"
        # Links in reminder emails point at this server unless SITE_URL says otherwise.
        env = {"SITE_URL": f"http://{address}", **os.environ, "PYTHONUNBUFFERED": "1"}
        commands = {
            "web": [sys.executable, manage, "runserver", "--noreload", address],
            "worker": [
                sys.executable, "-m", "celery", "-A", "config", "worker",
                "--loglevel=INFO", "--concurrency=2", "--hostname=worker@%h",
            ],
            "beat": [
                sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO",
                f"--schedule={settings.CELERY_BEAT_SCHEDULE_FILENAME}",
            ],
        }  # fmt: skip
        processes: dict[str, subprocess.Popen[bytes]] = {}
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            for name, command in commands.items():
                # Children get their own process group so that Ctrl-C reaches only this command,
                # which then stops them in order instead of all at once.
                processes[name] = subprocess.Popen(  # noqa: S603 - our own commands, fixed argv
                    command, env=env, start_new_session=True
                )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Clausewatch is running at http://{address}/ — press Ctrl-C to stop."
                )
            )
            while not stopping:
                for name, process in processes.items():
                    if process.poll() is not None:
                        self.stderr.write(
                            f"The {name} process exited with {process.returncode}; stopping."
                        )
                        stopping = True
                time.sleep(0.5)
        finally:
            self._stop_all(processes)
        self.stdout.write("Clausewatch stopped.")

    def _stop_all(self, processes: dict[str, subprocess.Popen[bytes]]) -> None:
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process in processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
