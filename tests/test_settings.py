"""Settings come from the environment and a bad value stops the process with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), ("off", False), ("", False)]
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("CW_FLAG", raw)
    assert env.env_bool("CW_FLAG", not expected) is expected


def test_env_bool_refuses_anything_else(monkeypatch) -> None:
    monkeypatch.setenv("CW_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="CW_FLAG='maybe' is not a boolean"):
        env.env_bool("CW_FLAG", False)


def test_env_int_refuses_words_and_values_below_the_minimum(monkeypatch) -> None:
    monkeypatch.setenv("CW_N", "ten")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env.env_int("CW_N", 1)
    monkeypatch.setenv("CW_N", "3")
    with pytest.raises(ImproperlyConfigured, match="below the minimum of 5"):
        env.env_int("CW_N", 10, minimum=5)
    monkeypatch.delenv("CW_N")
    assert env.env_int("CW_N", 10) == 10


def test_env_list_splits_on_commas(monkeypatch) -> None:
    monkeypatch.setenv("CW_HOSTS", " a.example, b.example ,,")
    assert env.env_list("CW_HOSTS", []) == ["a.example", "b.example"]


def test_secret_key_is_generated_once_in_debug(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = env.secret_key(debug=True, var_dir=tmp_path)
    assert len(first) >= 50
    assert env.secret_key(debug=True, var_dir=tmp_path) == first


def test_production_refuses_a_missing_or_weak_secret_key(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        env.secret_key(debug=False, var_dir=tmp_path)
    monkeypatch.setenv("SECRET_KEY", "django-insecure-short")
    with pytest.raises(ImproperlyConfigured, match="too weak"):
        env.secret_key(debug=False, var_dir=tmp_path)


def run_check(extra_env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL"}
    }
    environment.update({"CLAUSEWATCH_VAR_DIR": str(tmp_path), **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_production_process_refuses_to_start_without_secret_key(tmp_path: Path) -> None:
    result = run_check({"DEBUG": "0"}, tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("Configuration error: SECRET_KEY must be set")
    assert "Traceback" not in result.stderr


def test_bad_value_names_the_variable(tmp_path: Path) -> None:
    result = run_check({"MAX_UPLOAD_BYTES": "lots", "DEBUG": "1"}, tmp_path)
    assert result.returncode == 1
    assert "MAX_UPLOAD_BYTES='lots' is not a whole number" in result.stderr


def test_embedded_defaults(settings) -> None:
    if os.environ.get("DATABASE_URL") or os.environ.get("REDIS_URL"):
        pytest.skip("this run points the tracker at real servers")
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings.CELERY_BROKER_URL.startswith("filesystem://")


def test_embedded_mail_backend_writes_one_eml_file_per_message(settings, tmp_path: Path) -> None:
    from django.core.mail import EmailMessage

    from obligations.mail_backend import EmlFileBackend

    settings.EMAIL_FILE_PATH = tmp_path
    message = EmailMessage("Notice due", "Body", "from@example.test", ["to@example.test"])
    message.extra_headers["Message-ID"] = "<reminder-1@clausewatch.test>"
    assert EmlFileBackend().send_messages([message]) == 1
    written = tmp_path / "reminder-1_clausewatch.test.eml"
    assert b"Subject: Notice due" in written.read_bytes()
