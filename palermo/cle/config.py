"""The service's settings: from the environment, a TOML config file and command-line options, never with a default secret.

=============================  ================================================================
``PALERMO_CLE_DB``             SQLAlchemy URL (default ``sqlite:///.palermo/cle.sqlite3``)
``PALERMO_CLE_SECRET``         server secret (at least 32 characters): codes, CSRF tokens
``PALERMO_CLE_ADMIN_TOKEN``    token of the admin view and API (admin is off without one)
``PALERMO_CLE_PUBLIC_URL``     base URL printed in verification links (default: the request's)
``PALERMO_CLE_CONFIG``         a TOML file with the keys ``db``, ``secret``, ``admin_token``,
                               ``public_url``, ``seconds_per_minute``, ``heartbeat_seconds``
=============================  ================================================================

``seconds_per_minute`` (default 60) is the length of one course minute in real
seconds; tests shorten it so the time floor passes in seconds.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_DB = "sqlite:///.palermo/cle.sqlite3"
MIN_SECRET = 32


class ConfigError(Exception):
    """A setting that is missing or unusable; the message says which and how to set it."""


@dataclass(frozen=True)
class Settings:
    """Everything the service needs to run."""

    db_url: str
    secret: bytes
    admin_token: str | None
    site_dir: Path
    courses_dir: Path
    public_url: str | None = None
    seconds_per_minute: float = 60.0
    heartbeat_seconds: float = 15.0


def _file_settings(path: Path | None) -> dict[str, Any]:
    if path is None:
        env = os.environ.get("PALERMO_CLE_CONFIG")
        path = Path(env) if env else None
    if path is None:
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc}") from exc
    unknown = sorted(set(data) - {"db", "secret", "admin_token", "public_url", "seconds_per_minute", "heartbeat_seconds"})
    if unknown:
        raise ConfigError(f"{path}: unknown setting {unknown[0]!r}")
    return data


def _number(name: str, value: Any, default: float) -> float:
    if value is None or value == "":
        return default
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{name} must be a number, got {value!r}") from exc
    if number <= 0:
        raise ConfigError(f"{name} must be above 0, got {value!r}")
    return number


def load_settings(
    *,
    db_url: str | None = None,
    site_dir: Path,
    courses_dir: Path,
    config_file: Path | None = None,
    require_secret: bool = True,
) -> Settings:
    """Settings from (highest first) the arguments, the environment and the config file.

    Raises:
        ConfigError: when the secret is missing or short (and required), or a number is not one.
    """
    data = _file_settings(config_file)
    env = os.environ
    secret = env.get("PALERMO_CLE_SECRET") or data.get("secret") or ""
    if require_secret and len(secret) < MIN_SECRET:
        raise ConfigError(
            f"set a server secret of at least {MIN_SECRET} characters in PALERMO_CLE_SECRET or the config file's 'secret' "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(32))'); there is no default"
        )
    admin = env.get("PALERMO_CLE_ADMIN_TOKEN") or data.get("admin_token") or None
    if admin is not None and len(admin) < 16:
        raise ConfigError("the admin token must be at least 16 characters")
    public = env.get("PALERMO_CLE_PUBLIC_URL") or data.get("public_url") or None
    return Settings(
        db_url=db_url or env.get("PALERMO_CLE_DB") or data.get("db") or DEFAULT_DB,
        secret=secret.encode("utf-8"),
        admin_token=admin,
        site_dir=site_dir,
        courses_dir=courses_dir,
        public_url=public.rstrip("/") + "/" if public else None,
        seconds_per_minute=_number("seconds_per_minute", env.get("PALERMO_CLE_SECONDS_PER_MINUTE") or data.get("seconds_per_minute"), 60.0),
        heartbeat_seconds=_number("heartbeat_seconds", env.get("PALERMO_CLE_HEARTBEAT_SECONDS") or data.get("heartbeat_seconds"), 15.0),
    )
