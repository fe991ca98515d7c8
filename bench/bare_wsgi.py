"""The bare Django floor's WSGI application: ``bench.bare_settings`` with only its two middleware.

allauth's account app refuses to start unless ``AccountMiddleware`` is listed in
``MIDDLEWARE`` (a check in its ``AppConfig.ready``). The bare floor keeps every app
installed, so that the user model, the session's authentication backend and the
database are Mallard's, and lists the middleware only while the apps start. The
handler is built afterwards, from ``bench.bare_settings.MIDDLEWARE`` alone: no request
ever passes through ``AccountMiddleware``.
"""

from __future__ import annotations

import django
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler

from bench import bare_settings

ALLAUTH_START_UP_CHECK = "allauth.account.middleware.AccountMiddleware"

settings.MIDDLEWARE = [*bare_settings.MIDDLEWARE, ALLAUTH_START_UP_CHECK]
django.setup(set_prefix=False)
settings.MIDDLEWARE = bare_settings.MIDDLEWARE
application = WSGIHandler()
