"""A local webhook receiver for the Odoo tests (issue 25): an HTTP server thread on 127.0.0.1 that
keeps every request and answers from a script (status and headers), 200 by default."""
import base64
import hashlib
import hmac
import http.server
import json
import threading


class Receiver:
    """``url``; ``received`` (headers, body) in arrival order; ``answers``: what the next requests get."""

    def __init__(self):
        self.received = []
        self.answers = []  # (status, headers) popped per request
        self.lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.lock:
                    receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                    status, headers = receiver.answers.pop(0) if receiver.answers else (200, {})
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def events(self):
        """The bodies received, decoded."""
        return [json.loads(body) for _headers, body in self.received]


def verify(secret, headers, body):
    """Standard Webhooks verification: with the ``standardwebhooks`` package when installed, else the
    same rule in a few lines (``v1,`` + base64 HMAC-SHA256 of ``id.timestamp.body``, any signature)."""
    try:
        from standardwebhooks.webhooks import Webhook  # noqa: PLC0415 - optional in Odoo's venv
    except ImportError:
        key = base64.b64decode(secret.removeprefix("whsec_"))
        signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
        expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        if expected not in headers["webhook-signature"].split(" "):
            raise ValueError("no valid signature") from None
        return json.loads(body)
    return Webhook(secret).verify(body, headers)
