"""A local HTTP server on 127.0.0.1 that serves canned documents and injects faults, for live-mode tests.

Routes map a path (query ignored unless the route's key holds one) to a list of responses
served in turn; the last one repeats. A response can delay, lie about its length (a
truncated body), carry any status, headers and content type.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Reply:
    """One canned response."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    truncate: bool = False


@dataclass
class Routes:
    """Path → replies in turn; ``hits`` counts requests per path."""

    replies: dict[str, list[Reply]] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_reply(self, path: str) -> Reply | None:
        with self.lock:
            key = path if path in self.replies else path.split("?", 1)[0]
            queue = self.replies.get(key)
            if not queue:
                return None
            count = self.hits.get(key, 0)
            self.hits[key] = count + 1
            return queue[min(count, len(queue) - 1)]


def _handler(routes: Routes) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            reply = routes.next_reply(self.path)
            if reply is None:
                reply = Reply(body=b"not found", status=404, content_type="text/plain")
            if reply.delay:
                time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                length = len(reply.body) + (500 if reply.truncate else 0)
                self.send_header("Content-Length", str(length))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                if reply.truncate:
                    self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(reply.body)
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return
            if reply.truncate:
                self.close_connection = True

    return Handler


@contextmanager
def serve(routes: Routes) -> Iterator[str]:
    """Serve ``routes`` on a free port of 127.0.0.1; yield the base URL (no trailing slash)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
