"""The shared, polite HTTP fetcher every live source uses.

It honours robots.txt (``urllib.robotparser``, including ``Crawl-delay``), keeps at
most one request per ``min_interval`` seconds per host, retries timeouts, connection
errors, 5xx, 429 and truncated bodies with exponential backoff (honouring
``Retry-After`` up to a cap), rejects a response of the wrong content type, and keeps
every raw response on disk with its URL, retrieval time and sha256 when asked to.
Permanent failures raise :class:`FetchError` naming the URL.
"""

from __future__ import annotations

import datetime
import email.utils
import json
import re
import time
import urllib.parse
import urllib.robotparser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from palermo import __version__
from palermo.corpus.store import atomic_write_text
from scraper.document import RawDocument

USER_AGENT = f"PalermoBot/{__version__} (+https://github.com/palermo-case-law; human-trafficking case-law research)"


class FetchError(Exception):
    """A document that could not be fetched, for good (after retries where the failure was transient)."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.message = message


class _Transient(Exception):
    """A failure worth retrying; ``retry_after`` is the server's requested wait, if any."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


@dataclass(frozen=True)
class FetchPolicy:
    """How polite and how patient the fetcher is. Tests shrink the waits."""

    min_interval: float = 1.0
    """Seconds between two requests to the same host (1.0 = at most one request a second)."""
    max_retries: int = 4
    """Retries after the first attempt for transient failures."""
    backoff_base: float = 1.0
    """First backoff in seconds; doubles at each retry."""
    backoff_cap: float = 60.0
    """Longest backoff between two attempts."""
    retry_after_cap: float = 120.0
    """Longest wait a ``Retry-After`` header may impose."""
    timeout: float = 30.0
    respect_robots: bool = True
    user_agent: str = USER_AGENT


_MEDIA_FAMILIES = {
    "application/xml": {"application/xml", "text/xml"},
    "text/xml": {"application/xml", "text/xml"},
    "application/json": {"application/json", "text/json"},
    "text/html": {"text/html", "application/xhtml+xml"},
}


def media_type(content_type: str | None) -> str:
    """The bare media type of a Content-Type header, lower-cased (``text/html; charset=utf-8`` → ``text/html``)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def accepts(accept: str, content_type: str | None) -> bool:
    """True when a response's Content-Type satisfies an Accept list (``"application/json, text/*"``).

    XML and JSON families match each other's spellings (``text/xml`` for ``application/xml``,
    ``application/atom+xml`` for ``application/xml``).
    """
    got = media_type(content_type)
    if not got:
        return False
    for wanted in (m.split(";", 1)[0].strip().lower() for m in accept.split(",")):
        if not wanted or wanted == "*/*" or wanted == got:
            return True
        if wanted.endswith("/*") and got.startswith(wanted[:-1]):
            return True
        if got in _MEDIA_FAMILIES.get(wanted, ()):
            return True
        if wanted in ("application/xml", "text/xml") and got.endswith("+xml"):
            return True
        if wanted == "application/json" and got.endswith("+json"):
            return True
    return False


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date), or ``None``."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    current = now if now is not None else time.time()
    return max(0.0, when.timestamp() - current)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


_EXTENSIONS = {"text/html": ".html", "application/json": ".json", "application/xml": ".xml", "text/xml": ".xml", "text/csv": ".csv"}


def response_file_name(url: str, sha256: str, content_type: str | None = None) -> str:
    """A safe, unique file name for a saved response: ``<path-and-query slug>-<sha256[:12]><ext>``.

    The extension follows the content type (``.html``, ``.json``, ``.xml``…) so ``--from`` finds the file again.
    """
    parts = urllib.parse.urlsplit(url)
    slug = _UNSAFE.sub("_", (parts.path + ("?" + parts.query if parts.query else "")).strip("/"))[:120].strip("_") or "index"
    kind = media_type(content_type)
    ext = _EXTENSIONS.get(kind) or (".xml" if kind.endswith("+xml") else ".json" if kind.endswith("+json") else ".txt" if kind else "")
    return f"{slug}-{sha256[:12]}{ext}"


@dataclass
class Fetcher:
    """Polite HTTP GETs returning :class:`~scraper.base.RawDocument` objects.

    Args:
        source_id: recorded in every RawDocument.
        policy: rate limit, retries, timeouts.
        save_responses: folder where every raw response is kept (``<host>/<name>`` beside ``<name>.meta.json``
            holding its URL, retrieval time, sha256, status and content type), or None.
        client: an httpx client to use (tests); one is created otherwise.
        sleep: the sleeping function (tests may record waits instead).
    """

    source_id: str
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    save_responses: Path | None = None
    client: httpx.Client | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    requests_made: int = 0
    retries: int = 0
    warnings: list[str] = field(default_factory=list)
    failures: list[FetchError] = field(default_factory=list)
    """Every FetchError raised, so a run can report failures a source caught and skipped."""
    _last_request: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.client is None:
            self.client = httpx.Client(timeout=self.policy.timeout, follow_redirects=True, headers={"User-Agent": self.policy.user_agent})

    def close(self) -> None:
        """Close the HTTP client."""
        if self.client is not None:
            self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public ------------------------------------------------------------------
    def get(
        self,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        accept: str | None = None,
    ) -> RawDocument:
        """GET ``url`` politely and return the raw document.

        Args:
            url: absolute http(s) URL.
            params: query parameters added to the URL.
            headers: extra request headers.
            accept: the content types the caller can read (``"application/json"``); a response of
                another type is rejected.

        Raises:
            FetchError: robots.txt forbids the URL, a 4xx other than 429, the wrong content type,
                or a transient failure that outlasted every retry.
        """
        full = str(httpx.URL(url, params=params)) if params else url
        try:
            return self._get(full, headers, accept)
        except FetchError as exc:
            self.failures.append(exc)
            raise

    def _get(self, full: str, headers: Mapping[str, str] | None, accept: str | None) -> RawDocument:
        if not full.startswith(("http://", "https://")):
            raise FetchError(full, "only http(s) URLs can be fetched")
        if self.policy.respect_robots and not self._allowed(full):
            raise FetchError(full, "robots.txt disallows fetching this URL")
        request_headers = dict(headers or {})
        if accept:
            request_headers.setdefault("Accept", accept)
        attempt = 0
        while True:
            try:
                response = self._request(full, request_headers)
                return self._accept(full, response, accept)
            except _Transient as exc:
                if attempt >= self.policy.max_retries:
                    raise FetchError(full, f"{exc.message} (gave up after {attempt + 1} attempts)") from None
                wait = min(self.policy.backoff_base * 2**attempt, self.policy.backoff_cap)
                if exc.retry_after is not None:
                    wait = max(wait, min(exc.retry_after, self.policy.retry_after_cap))
                attempt += 1
                self.retries += 1
                self.sleep(wait)

    # -- internals ---------------------------------------------------------------
    def _host(self, url: str) -> str:
        parts = urllib.parse.urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def _wait_turn(self, host: str) -> None:
        interval = self.policy.min_interval
        robots = self._robots.get(host)
        if robots is not None:
            delay = robots.crawl_delay(self.policy.user_agent)
            if delay:
                interval = max(interval, float(delay))
        last = self._last_request.get(host)
        if last is not None:
            remaining = interval - (self.clock() - last)
            if remaining > 0:
                self.sleep(remaining)
        self._last_request[host] = self.clock()

    def _allowed(self, url: str) -> bool:
        host = self._host(url)
        if host not in self._robots:
            self._robots[host] = self._load_robots(host)
        parser = self._robots[host]
        return True if parser is None else parser.can_fetch(self.policy.user_agent, url)

    def _load_robots(self, host: str) -> urllib.robotparser.RobotFileParser | None:
        robots_url = f"{host}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        assert self.client is not None
        try:
            self._wait_turn(host)
            self.requests_made += 1
            response = self.client.get(robots_url, headers={"Accept": "text/plain"})
        except httpx.HTTPError as exc:
            self.warnings.append(f"{robots_url}: unreachable ({type(exc).__name__}); fetching as if it allowed everything")
            return None
        if response.status_code in (401, 403):
            parser.parse(["User-agent: *", "Disallow: /"])
        elif response.status_code >= 500:
            self.warnings.append(f"{robots_url}: HTTP {response.status_code}; fetching as if it allowed everything")
            return None
        elif response.status_code >= 400:
            parser.parse([])
        else:
            parser.parse(response.text.splitlines())
        return parser

    def _request(self, url: str, headers: Mapping[str, str]) -> httpx.Response:
        assert self.client is not None
        self._wait_turn(self._host(url))
        self.requests_made += 1
        try:
            response = self.client.get(url, headers=dict(headers))
        except httpx.TimeoutException as exc:
            raise _Transient(f"timed out ({type(exc).__name__})") from None
        except httpx.RemoteProtocolError as exc:
            raise _Transient(f"connection broken mid-response, body truncated ({exc})") from None
        except httpx.TransportError as exc:
            raise _Transient(f"network error ({type(exc).__name__}: {exc})") from None
        if response.status_code == 429 or response.status_code >= 500:
            raise _Transient(f"HTTP {response.status_code}", parse_retry_after(response.headers.get("Retry-After")))
        expected = response.headers.get("Content-Length")
        encoding = response.headers.get("Content-Encoding", "identity").lower()
        if expected and expected.isdigit() and encoding in ("", "identity") and int(expected) != len(response.content):
            raise _Transient(f"truncated body: got {len(response.content)} of {expected} bytes (Content-Length)")
        return response

    def _accept(self, url: str, response: httpx.Response, accept: str | None) -> RawDocument:
        if response.status_code >= 400:
            raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
        content_type = response.headers.get("Content-Type")
        if accept and not accepts(accept, content_type):
            raise FetchError(url, f"wrong content type {media_type(content_type) or '(none)'!r}; expected {accept}")
        doc = RawDocument(
            source_id=self.source_id,
            url=str(response.url),
            content=response.content,
            retrieved_at=datetime.datetime.now(datetime.UTC).replace(microsecond=0),
            content_type=content_type,
        )
        if self.save_responses is not None:
            self._save(doc, url, response.status_code)
        return doc

    def _save(self, doc: RawDocument, requested: str, status: int) -> None:
        assert self.save_responses is not None
        host = urllib.parse.urlsplit(doc.url).netloc.replace(":", "_") or "local"
        folder = self.save_responses / host
        name = response_file_name(doc.url, doc.sha256, doc.content_type)
        body = folder / name
        folder.mkdir(parents=True, exist_ok=True)
        if not body.exists():
            tmp = body.with_name(f".{name}.tmp")
            tmp.write_bytes(doc.content)
            tmp.replace(body)
        meta = {
            "url": doc.url,
            "requested_url": requested,
            "retrieved_at": doc.retrieved_at.isoformat(),
            "sha256": doc.sha256,
            "status": status,
            "content_type": doc.content_type,
            "bytes": len(doc.content),
            "source_id": self.source_id,
        }
        atomic_write_text(folder / f"{name}.meta.json", json.dumps(meta, indent=1) + "\n")
