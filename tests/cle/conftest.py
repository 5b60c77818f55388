"""Fixtures of the CLE service tests: the service run by uvicorn in a thread on a free port of 127.0.0.1.

Each test gets settings on its own temporary SQLite file and a shortened course
minute (see :mod:`tests.cle.helpers`); :class:`RunningService` can be stopped and
started again on the same port and database, as a restart would.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from palermo.cle.config import Settings
from tests.cle.helpers import ADMIN_TOKEN, HEARTBEAT, ROOT, SECONDS_PER_MINUTE, SECRET


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RunningService:
    """The service in a background thread; ``restart()`` stops it and starts a new process of it on the same database."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server: Any = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        import uvicorn

        from palermo.cle.app import create_app

        config = uvicorn.Config(
            create_app(self.settings), host="127.0.0.1", port=self.port, log_level="warning", access_log=False, lifespan="off"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the CLE service did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
            self._server = None

    def restart(self) -> None:
        self.stop()
        self.start()


def make_settings(tmp_path: Path, site_dir: Path | None = None) -> Settings:
    return Settings(
        db_url=f"sqlite:///{tmp_path / 'cle.sqlite3'}",
        secret=SECRET.encode(),
        admin_token=ADMIN_TOKEN,
        site_dir=site_dir or tmp_path / "no-site",
        courses_dir=ROOT / "courses",
        seconds_per_minute=SECONDS_PER_MINUTE,
        heartbeat_seconds=HEARTBEAT,
    )


@pytest.fixture
def cle_settings(tmp_path: Path) -> Settings:
    """Settings for one test: its own database, the bundled courses, no built site."""
    return make_settings(tmp_path)


@pytest.fixture
def service(cle_settings: Settings) -> Iterator[RunningService]:
    """The service (API only) on a free port of 127.0.0.1."""
    running = RunningService(cle_settings)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def http(service: RunningService) -> Iterator[httpx.Client]:
    """An HTTP client of the running service (its own cookie jar: one learner)."""
    with httpx.Client(base_url=service.url, timeout=10) as client:
        yield client
