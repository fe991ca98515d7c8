"""Settings for the benchmarks in ``bench/``: Mallard's own settings plus the authenticated floor.

Everything comes from ``mallard.settings`` (the benchmark scripts run it in
production mode, ``DJANGO_ENV=production``). The only difference is the URL
configuration, which adds ``/bench/floor/``: a view that reads
``request.user`` and returns a few bytes, behind the same middleware as every
other page. Its throughput is the ceiling any signed-in page can reach on the
machine, and each page is reported as a fraction of it. Production never
loads this module, so the floor never ships in Mallard's URLs.

The reminder benchmark's no-op task (``bench.tasks.noop``) is registered here
too, for the same reason.
"""

from __future__ import annotations

from mallard import settings as _mallard

globals().update({name: value for name, value in vars(_mallard).items() if name.isupper()})

ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*_mallard.INSTALLED_APPS, "bench"]
