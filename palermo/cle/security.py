"""Secrets and guards: enrolment-link tokens, CSRF tokens, admin sessions and a small rate limiter."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque


def new_link_token() -> str:
    """A fresh private enrolment-link token (256 bits)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the database keeps of a link token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def sign(secret: bytes, purpose: str, value: str) -> str:
    """HMAC-SHA256 of ``value`` for one purpose, hex."""
    return hmac.new(secret, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    """Constant-time comparison."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


class RateLimiter:
    """At most ``limit`` events per key in a sliding window of ``window`` seconds (kept in memory)."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._events: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one event; False when the key is over its limit."""
        now = time.monotonic()
        with self._lock:
            events = self._events[key]
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True
