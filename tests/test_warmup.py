"""The web process's warm-up: what it loads, and that the start-up objects leave the collector."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterator

import pytest
from django.template import engines

from config.warmup import warm_web_process
from obligations.deadlines import calendars


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def _cached_template_names() -> set[str]:
    loader = engines["django"].engine.template_loaders[0]
    return {template.origin.template_name for template in loader.get_template_cache.values()}


def test_warm_up_loads_calendars_and_templates_and_freezes_start_up_objects(unfrozen) -> None:
    calendars._markets.cache_clear()
    calendars._countries.cache_clear()
    engines["django"].engine.template_loaders[0].reset()
    assert gc.get_freeze_count() == 0

    warm_web_process()

    assert calendars._markets.cache_info().currsize == 1
    assert calendars._countries.cache_info().currsize == 1
    # Pages, their partials and the error pages are compiled before any request asks for them.
    assert {
        "base.html",
        "500.html",
        "contracts/review.html",
        "obligations/dashboard.html",
    } <= _cached_template_names()
    assert gc.get_freeze_count() > 10_000


def test_the_wsgi_module_warms_up_the_process_it_is_loaded_in(unfrozen) -> None:
    import config.wsgi

    gc.unfreeze()
    importlib.reload(config.wsgi)
    assert gc.get_freeze_count() > 10_000
    assert callable(config.wsgi.application)
