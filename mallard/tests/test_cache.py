"""The production cache (mallard.cache): Django's Redis backend, one Redis client per pool."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from uuid import uuid4

import pytest
from django.conf import settings
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from mallard.cache import RedisCache

pytestmark = pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis: set REDIS_URL")


@pytest.fixture
def cache() -> Iterator[RedisCache]:
    backend = RedisCache(settings.REDIS_URL, {"KEY_PREFIX": f"cache-test-{uuid4().hex}"})
    yield backend
    backend.delete_many(["a", "b", "counter"])


def test_it_is_djangos_backend_with_one_client_per_pool(cache: RedisCache) -> None:
    assert isinstance(cache, DjangoRedisCache)
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client() is client
    assert cache._cache.get_client("any key", write=True) is client
    # Django's own builds a new client for every call.
    django_cache = DjangoRedisCache(settings.REDIS_URL, {})
    assert django_cache._cache.get_client() is not django_cache._cache.get_client()


def test_every_operation_works_through_the_shared_client(cache: RedisCache) -> None:
    assert cache.get("a") is None
    cache.set("a", {"visible": True}, 60)
    assert cache.get("a") == {"visible": True}
    assert cache.add("a", "other") is False
    assert cache.add("b", 1) is True
    assert cache.incr("b", 4) == 5
    assert cache.get_many(["a", "b"]) == {"a": {"visible": True}, "b": 5}
    assert cache.delete("a") is True
    assert cache.get("a", "gone") == "gone"


def test_threads_share_the_client_without_losing_a_write(cache: RedisCache) -> None:
    cache.set("counter", 0, 60)

    def bump(_: int) -> None:
        for _ in range(50):
            cache.incr("counter")

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(bump, range(8)))
    assert cache.get("counter") == 400
