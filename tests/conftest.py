from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the shared test material is not at {SHARED}")
    return SHARED


@pytest.fixture
def frozen_today():
    """Friday 2026-11-20, 09:00 UTC: the pages that group deadlines around today see this day."""
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def signed_in(client, member):
    """The test client signed in as the module's `member`."""
    client.force_login(member.user)
    return client
