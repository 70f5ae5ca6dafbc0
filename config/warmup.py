"""What a web process does once, after Django is set up and before it serves anyone.

Without it the first request of each worker pays for loading every holiday calendar (a few
hundred modules, most of a second) and for compiling the templates it renders. And every full
garbage collection walks the hundred thousand objects that Django's start-up left behind, which
stalls whichever request it falls in by 50 ms or more. Freezing those objects after start-up
takes them out of every later collection, as the `gc.freeze` documentation advises for
long-running servers.
"""

from __future__ import annotations

import gc
from pathlib import Path

import django.forms
from django.conf import settings
from django.forms.renderers import get_default_renderer
from django.template import engines
from django.urls import reverse

from obligations.deadlines.calendars import load_calendar_registry


def _template_names(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.html"))


def _compile_templates() -> None:
    """Load every template of the project, and the form widgets' own, into the cached loader."""
    engine = engines["django"]
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for name in _template_names(Path(folder)):
            engine.get_template(name)
    renderer = get_default_renderer()
    widgets = Path(django.forms.__file__).parent / "templates" / "django" / "forms" / "widgets"
    for name in _template_names(widgets):
        renderer.get_template(f"django/forms/widgets/{name}")


def warm_web_process() -> None:
    """Load what every request would otherwise load on first use, then freeze the start-up
    objects out of the garbage collector's reach."""
    load_calendar_registry()
    _compile_templates()
    reverse("dashboard")  # builds the URL resolver's tables
    gc.collect()
    gc.freeze()
