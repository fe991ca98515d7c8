"""The production cache: Django's Redis backend, keeping one Redis client per connection pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every cache call, and each
one copies redis-py's table of response callbacks (a few hundred entries): about 0.2 ms of CPU per
call, paid by the session read on every request and by each cached answer a page reads. A client
holds no connection of its own (each command borrows one from the pool) and redis-py documents
clients as safe to share between threads, so one per pool is kept instead. Everything else is
Django's backend unchanged. docs/performance.md has the measurement.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[object, Any] = {}  # by connection pool

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # django-stubs leave out the parent's private members used here, as Django's get_client does.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
