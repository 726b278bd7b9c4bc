"""Against the real server (`gazette run`): an oversized body is refused from its headers.

The client announces 10 MiB and sends only the headers and a few bytes, then waits: the 413
can only arrive if nobody waited for the rest of the body. The socket timeout only keeps a
broken server from hanging the suite; nothing here measures speed.
"""

import socket

from tests.cli.helpers import gazette_env, serving

MiB = 1024 * 1024
HANG_GUARD = 60  # seconds; a refusal comes back at once or not at all


def read_response_head(sock: socket.socket) -> bytes:
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = sock.recv(4096)
        if not chunk:
            break
        received += chunk
    return received


def send_headers_only(base: str, path: str, content_type: str, length: int) -> bytes:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=HANG_GUARD) as sock:
        sock.sendall(
            (
                f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                f"Content-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n"
            ).encode()
            + b"x" * 1000
        )
        return read_response_head(sock)


def test_the_server_refuses_an_oversized_body_before_it_arrives(tmp_path):
    with serving(gazette_env(tmp_path)) as (base, _server):
        api = send_headers_only(base, "/api/v1/articles/1/comments", "application/json", MiB)
        form = send_headers_only(
            base, "/comments/1/post/", "application/x-www-form-urlencoded", 10 * MiB
        )

    assert api.startswith(b"HTTP/1.1 413"), api[:200]
    assert form.startswith(b"HTTP/1.1 413"), form[:200]
