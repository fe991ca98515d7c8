"""Settings for the bare Django floor: ``bench.settings`` with only the session and the user.

The page benchmark starts a second gunicorn with these settings next to Mallard's. Everything
that shapes a signed-in request's cost apart from Mallard's own choices is the same: the
database and its connection settings, the cache, the session engine, the secret key and so
the session cookie, the user model and gunicorn itself. Only the middleware differs: Django's
``SessionMiddleware`` and ``AuthenticationMiddleware``, nothing else. It serves one page, the
same floor view as ``bench.settings`` (``bench.views.floor``), so the load tool sends the same
cookie to both.

gunicorn serves it through ``bench.bare_wsgi``, which works round allauth's start-up check
for its middleware without letting a request through it.

Comparing Mallard's floor with this one shows what Mallard's middleware costs: a heavy
middleware shows up here instead of hiding inside every page's ratio to Mallard's floor.
"""

from __future__ import annotations

from bench import settings as _bench

globals().update({name: value for name, value in vars(_bench).items() if name.isupper()})

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "bench.bare_urls"
# A path, not a URL name: the bare URLs have no sign-in page to reverse.
LOGIN_URL = "/accounts/login/"
