"""Store the caseload rows that are not current, as the deployed worker does after each write.

Run by ``bench/pages`` before each run of the caseload (``Page.worker_first``), with the
benchmark's environment: ``python -m bench.refresh_numbers``. The benchmark runs no Celery worker
while pages are measured, so without this the rows the thought-record POST made stale would stay
stale, and every caseload view would work that client's row out, which a deployed Mallard does only
in the moment between a write's commit and the worker's task.
"""

from __future__ import annotations

import django

django.setup()

from sessions_app.numbers import refresh_stale_caseload_numbers  # noqa: E402

if __name__ == "__main__":
    refresh_stale_caseload_numbers()
