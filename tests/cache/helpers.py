"""Requests through the whole WSGI stack, page cache included, as a server would send them.

Django's test client starts below the WSGI layer, where the page cache answers hits, so these
tests call ``gazette.wsgi.application``'s shape directly: ``PageCacheApp`` around Django.
"""

import io
import threading
from dataclasses import dataclass

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from gazette.cache.wsgi import PageCacheApp


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()

    @property
    def cache(self) -> str:
        return self.headers.get("x-gazette-cache", "")


_app = None
_app_lock = threading.Lock()


def application() -> PageCacheApp:
    """One app for the whole test process, as one server worker has: readers arriving
    together in threads must share its record of renders in progress."""
    global _app
    with _app_lock:
        if _app is None:
            _app = PageCacheApp(WSGIHandler())
    return _app


def wsgi_request(path: str, *, method: str = "GET", headers: dict | None = None) -> Answer:
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"] = int(status.split()[0])
        started["headers"] = {name.lower(): value for name, value in response_headers}

    # As Django's test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application()(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return Answer(started["status"], started["headers"], body)


def read_twice(path: str, **kwargs) -> tuple[Answer, Answer]:
    """A cold request, then the same again: the second should be a hit."""
    return wsgi_request(path, **kwargs), wsgi_request(path, **kwargs)
