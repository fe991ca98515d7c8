"""A crawl of the site as each persona: every page they can reach by following links answers below 500.

Starting from the home page and the persona's landing pages, the crawl follows
every same-site link breadth first. Links that differ only in their ids count
as one kind of page, of which a few examples are visited. Links whose words say
they change something (sign out, delete, unsubscribe) are never followed,
although a GET must not change anything anyway: the crawl checks that too.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from tests.url_walk import PERSONAS, World, changed_tables, signed_in, snapshot, world

__all__ = ["world"]  # the fixture

LANDING_PAGES = {
    "anonymous": ["/", "/crisis/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"],
    "client_a": ["/", "/today/", "/accounts/profile/"],
    "client_b": ["/", "/today/"],
    "therapist_a": ["/", "/caseload/", "/library/", "/accounts/profile/"],
    "therapist_b": ["/", "/caseload/"],
    "staff": ["/", "/admin/", "/accounts/profile/"],
}
# Words in a link that mean "this changes something": never followed.
STATE_CHANGING = re.compile(
    r"logout|log-out|sign-?out|delete|unsubscribe|revoke|resend|deactivate|close|/r/\d"
)
NOT_PAGES = re.compile(r"^/static/|^/media/|\.(css|js|png|svg|ico|woff2?)$")
EXAMPLES_PER_KIND = 2
MAX_PAGES = 120


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value]


def links(html: str, base: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        url = urlsplit(urljoin(base, href))
        if url.scheme not in ("", "http") or url.netloc not in ("", "testserver"):
            continue  # another site, mailto:, tel:
        path = url.path + (f"?{url.query}" if url.query else "")
        if not NOT_PAGES.search(url.path) and not STATE_CHANGING.search(path):
            found.append(path)
    return found


def kind_of(path: str) -> str:
    """Links that differ only by ids (or by query values) are the same kind of page."""
    route, _, query = path.partition("?")
    route = re.sub(r"/\d+(?=/|$)", "/<id>", route)
    route = re.sub(r"/[A-Za-z0-9_:.-]{20,}(?=/|$)", "/<token>", route)
    names = sorted(part.split("=", 1)[0] for part in query.split("&") if part)
    return route + ("?" + "&".join(names) if names else "")


def crawl(world: World, persona: str) -> tuple[list[str], list[str]]:
    """The pages visited, and those that answered 500 or more."""
    browser = signed_in(world, persona)
    queue = deque(LANDING_PAGES[persona])
    seen: set[str] = set(queue)
    per_kind: defaultdict[str, int] = defaultdict(int)
    visited: list[str] = []
    broken: list[str] = []
    while queue and len(visited) < MAX_PAGES:
        path = queue.popleft()
        response = browser.get(path)
        visited.append(path)
        if response.status_code >= 500:
            broken.append(f"{path} as {persona}: {response.status_code}")
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in links(response.content.decode(errors="replace"), path):
            kind = kind_of(link)
            if link not in seen and per_kind[kind] < EXAMPLES_PER_KIND:
                seen.add(link)
                per_kind[kind] += 1
                queue.append(link)
    return visited, broken


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_a_persona_can_reach_answers_a_server_error(world: World, persona: str) -> None:
    before = snapshot()
    visited, broken = crawl(world, persona)
    assert broken == []
    assert len(visited) >= len(LANDING_PAGES[persona])
    assert changed_tables(before, snapshot()) == [], "following links changed data"


def test_the_crawl_reaches_the_pages_behind_the_landing_pages(world: World) -> None:
    visited, _ = crawl(world, "therapist_a")
    kinds = {kind_of(path) for path in visited}
    assert "/clients/<id>/overview/" in kinds
    assert "/sessions/<id>/" in kinds or "/clients/<id>/sessions/" in kinds
    visited, _ = crawl(world, "client_a")
    assert "/homework/<id>/" in {kind_of(path) for path in visited}


def test_links_that_change_something_are_never_followed() -> None:
    page = (
        '<a href="/accounts/logout/">Sign out</a><a href="/admin/x/1/delete/">Delete</a>'
        '<a href="/reminders/unsubscribe/abc/">Stop</a><a href="https://example.com/">Away</a>'
        '<a href="mailto:a@example.com">Mail</a><a href="/today/">Today</a>'
    )
    assert links(page, "/") == ["/today/"]
