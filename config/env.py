"""Typed readers for settings that come from the environment.

Each helper raises ImproperlyConfigured with the variable's name and what was wrong, so a
mistyped value stops the process at start-up instead of surfacing later as odd behaviour.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"Environment variable {name} is required but not set.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean; use one of 1/0, true/false, yes/no."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum of {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_networks(name: str) -> list[str]:
    """Comma-separated IP addresses or networks (`10.0.0.5`, `172.16.0.0/12`)."""
    values = env_list(name, [])
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {value!r} is not an IP address or network (such as 172.16.0.0/12)."
            ) from None
    return values


def secret_key(*, debug: bool, var_dir: Path) -> str:
    """The SECRET_KEY from the environment, or in debug mode one generated once under var/."""
    value = os.environ.get("SECRET_KEY", "")
    if value:
        if not debug and (len(value) < 50 or value.startswith("django-insecure")):
            raise ImproperlyConfigured(
                "SECRET_KEY is too weak for production: use at least 50 random characters."
            )
        return value
    if not debug:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
        )
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    generated = secrets.token_urlsafe(64)
    try:
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process of the same start-up wrote it first
        return key_file.read_text().strip()
    with os.fdopen(descriptor, "w") as handle:
        handle.write(generated)
    return generated


def private_dir(path: Path) -> Path:
    """`path`, created if missing and made readable by its owner only: the embedded database
    (with session keys), uploads and .eml files (with live action links) live beneath it."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path
