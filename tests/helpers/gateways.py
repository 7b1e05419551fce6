"""Local HTTP servers that play crisis mode's gateways (an SMS gateway, the LINE Messaging API), in a
thread on 127.0.0.1, keeping every request they accepted; `status` makes them answer an error, and
`hold_at` makes the request numbered so be taken but its answer hang until `release` is set (the
sender killed meanwhile never learns it went out). Like LINE with its retry key, a request whose
reference / X-Line-Retry-Key was taken already is answered 409 and not taken again."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    path: str
    headers: dict
    body: dict


class Gateway:
    def __init__(self):
        self.received: list[Request] = []  # accepted (2xx)
        self.seen = 0  # every request
        self.status = 200
        self.hold_at: int | None = None
        self.held, self.release = threading.Event(), threading.Event()
        self.accepted_keys: set[str] = set()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                gateway.seen += 1
                status = gateway.status
                key = self.headers.get("X-Line-Retry-Key") or body.get("reference")
                if status == 200 and key in gateway.accepted_keys:
                    status = 409  # as LINE answers a retry key it accepted already
                if status == 200:
                    gateway.accepted_keys.add(key)
                    gateway.received.append(Request(self.path, dict(self.headers), body))
                if gateway.hold_at is not None and gateway.seen == gateway.hold_at:
                    gateway.held.set()
                    gateway.release.wait(60)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def texts(self) -> list[str]:
        return [r.body.get("text") or r.body["messages"][0]["text"] for r in self.received]

    def to(self) -> list[str]:
        return [r.body["to"] for r in self.received]


def point_gateways_at(settings, sms: Gateway | None, line: Gateway | None) -> None:
    settings.PHROM_SMS_GATEWAY_URL = f"{sms.url}/sms" if sms else ""
    settings.PHROM_SMS_GATEWAY_TOKEN = "sms-secret"
    settings.PHROM_LINE_API_URL = line.url if line else "http://127.0.0.1:9"
    settings.PHROM_LINE_CHANNEL_TOKEN = "line-secret" if line else ""
