"""The typed environment readers behind settings.py."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from mallard.lib.env import (
    check_redis_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    parse_database_url,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        (" YES ", True),
        ("on", True),
        ("0", False),
        ("False", False),
        ("no", False),
    ],
)
def test_it_reads_booleans(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("MALLARD_FLAG", raw)
    assert env_bool("MALLARD_FLAG", default=not expected) is expected


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_it_falls_back_to_the_boolean_default_when_unset_or_blank(
    monkeypatch: pytest.MonkeyPatch, raw: str | None
) -> None:
    if raw is None:
        monkeypatch.delenv("MALLARD_FLAG", raising=False)
    else:
        monkeypatch.setenv("MALLARD_FLAG", raw)
    assert env_bool("MALLARD_FLAG", default=True) is True
    assert env_bool("MALLARD_FLAG", default=False) is False


def test_it_names_the_variable_when_a_boolean_is_bad(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLARD_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match=r"MALLARD_FLAG.*'maybe'"):
        env_bool("MALLARD_FLAG", default=True)


def test_it_reads_whole_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLARD_NUMBER", " 42 ")
    assert env_int("MALLARD_NUMBER", 7) == 42
    monkeypatch.setenv("MALLARD_NUMBER", "")
    assert env_int("MALLARD_NUMBER", 7) == 7


def test_it_names_the_variable_when_a_number_is_not_a_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLARD_NUMBER", "abc")
    with pytest.raises(ImproperlyConfigured, match=r"MALLARD_NUMBER must be a whole number, not 'abc'"):
        env_int("MALLARD_NUMBER", 7)


def test_it_names_the_variable_when_a_number_is_below_its_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLARD_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match=r"MALLARD_NUMBER must be at least 1, not 0"):
        env_int("MALLARD_NUMBER", 7, minimum=1)
    monkeypatch.setenv("MALLARD_NUMBER", "1")
    assert env_int("MALLARD_NUMBER", 7, minimum=1) == 1


def test_it_reads_comma_separated_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLARD_HOSTS", " a.example.org, ,b.example.org ,")
    assert env_list("MALLARD_HOSTS") == ["a.example.org", "b.example.org"]
    monkeypatch.delenv("MALLARD_HOSTS")
    assert env_list("MALLARD_HOSTS", ["localhost"]) == ["localhost"]
    assert env_list("MALLARD_HOSTS") == []


def test_it_strips_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLARD_TEXT", "  hello  ")
    assert env_str("MALLARD_TEXT") == "hello"
    monkeypatch.delenv("MALLARD_TEXT")
    assert env_str("MALLARD_TEXT", "fallback") == "fallback"
    assert env_str("MALLARD_TEXT") == ""


def test_it_treats_a_blank_string_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLARD_TEXT", "   ")
    assert env_str("MALLARD_TEXT", "fallback") == "fallback"


def test_it_accepts_a_listed_choice_and_names_the_variable_for_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MALLARD_MODE", "production")
    assert env_choice("MALLARD_MODE", "development", ("development", "production")) == "production"
    monkeypatch.setenv("MALLARD_MODE", "staging")
    with pytest.raises(ImproperlyConfigured, match=r"MALLARD_MODE must be one of development, production"):
        env_choice("MALLARD_MODE", "development", ("development", "production"))


def test_it_turns_a_database_url_into_django_settings() -> None:
    config = parse_database_url(
        "DATABASE_URL", "postgres://mallard:p%40ss@db.example.org:6543/mallard_prod?sslmode=require"
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "mallard_prod"
    assert config["USER"] == "mallard"
    assert config["PASSWORD"] == "p@ss"
    assert config["HOST"] == "db.example.org"
    assert config["PORT"] == "6543"
    assert config["OPTIONS"] == {"sslmode": "require"}


def test_it_accepts_a_database_url_without_password_or_port() -> None:
    config = parse_database_url("DATABASE_URL", "postgresql://postgres@127.0.0.1/mallard")
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
        "postgres",
        "",
        "127.0.0.1",
        "",
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://x", r"DATABASE_URL must start with postgres://"),
        ("not a url", r"DATABASE_URL must start with postgres://.*nothing://"),
        ("postgres://127.0.0.1:5432/", r"DATABASE_URL must name a database"),
        ("postgres://127.0.0.1:port/mallard", r"DATABASE_URL has a port that is not a number"),
    ],
)
def test_it_names_the_variable_when_a_database_url_is_bad(url: str, message: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=message):
        parse_database_url("DATABASE_URL", url)


@pytest.mark.parametrize("url", ["redis://127.0.0.1:6379/5", "rediss://cache.example.org:6380/0"])
def test_it_accepts_redis_urls(url: str) -> None:
    assert check_redis_url("REDIS_URL", url) == url


@pytest.mark.parametrize("url", ["http://127.0.0.1:6379/0", "redis://", "127.0.0.1:6379"])
def test_it_names_the_variable_when_a_redis_url_is_bad(url: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=r"REDIS_URL must look like redis://"):
        check_redis_url("REDIS_URL", url)
