"""gunicorn's settings for Mallard's web process.

gunicorn reads this file by itself when it starts in the checkout, so
``gunicorn mallard.wsgi:application`` is the whole command. docs/deployment.md
explains each choice; the environment variables below are listed there too.

gunicorn's own ``Server`` header is ``gunicorn``, with no version, and Mallard
never sets another. Request logging is Mallard's (one JSON line per request,
without query strings), so gunicorn's access log stays off.
"""

from __future__ import annotations

import multiprocessing
import os


def _env_int(name: str, default: int, minimum: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise SystemExit(f"{name} must be at least {minimum}, not {value}.")
    return value


wsgi_app = "mallard.wsgi:application"

# Loopback by default: only the TLS-terminating proxy on the same machine reaches gunicorn.
bind = [os.environ.get("MALLARD_BIND", "").strip() or "127.0.0.1:8000"]
# gunicorn's documentation suggests (2 x cores) + 1 as a starting point.
workers = _env_int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1, minimum=1)
threads = _env_int("MALLARD_WEB_THREADS", 1, minimum=1)
timeout = _env_int("MALLARD_WEB_TIMEOUT", 30, minimum=5)
graceful_timeout = 30
keepalive = 5
# A worker restarts after about a thousand requests, so a slow leak cannot grow for ever.
max_requests = 1000
max_requests_jitter = 100

# Mallard's longest URLs (signed links with a token) are well under 1 KiB; nothing sends
# dozens of headers or multi-kilobyte cookies. Anything larger is refused with a 400.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# Headers with underscores could impersonate ones with dashes once they reach the WSGI environ.
header_map = "drop"

# X-Forwarded-Proto is believed only from these addresses (the proxy's).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "").strip() or "127.0.0.1,::1"

accesslog = None
errorlog = "-"
loglevel = os.environ.get("MALLARD_GUNICORN_LOG_LEVEL", "").strip() or "info"
proc_name = "mallard-web"
