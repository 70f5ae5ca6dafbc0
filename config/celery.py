"""The Celery application; settings come from Django's, prefixed CELERY_."""

import os

from celery import Celery
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("clausewatch")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Reminders: one sweep a minute, from this static schedule (deadlines and reminders live in the
# database). A sweep not started within 80% of the interval expires, so sweeps queued while no
# worker ran never pile up.
_sweep_seconds = float(settings.REMINDER_SWEEP_SECONDS)
app.conf.beat_schedule = {
    **(app.conf.beat_schedule or {}),
    "reminders-sweep": {
        "task": "reminders.sweep",
        "schedule": _sweep_seconds,
        "options": {"expires": _sweep_seconds * 0.8},
    },
}
