"""The standalone demo server on a free loopback port, in a background thread, for tests."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from rest_api.adapters.memory.seed import seed_database
from rest_api.controllers.standalone import MemoryHost, StandaloneApp
from rest_api.domain.settings import ApiSettings


class _Silent(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@contextmanager
def running_demo_server(settings: ApiSettings = ApiSettings()):
    """Yield the base URL (``http://127.0.0.1:<port>``) of a fresh demo server; stop it after."""
    with serving(quiet_wsgi_server(StandaloneApp(MemoryHost(seed_database(), settings=settings)))) as url:
        yield url


def quiet_wsgi_server(app) -> WSGIServer:
    """A WSGI server for ``app`` on a free loopback port, logging nothing."""
    return make_server("127.0.0.1", 0, app, handler_class=_Silent)


@contextmanager
def serving(server):
    """Run ``server`` (any ``socketserver``) in a thread; yield its base URL; stop it after."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
