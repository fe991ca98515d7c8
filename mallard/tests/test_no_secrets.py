"""No secret is ever committed: every file in the checkout is scanned for secret-like literals.

The scan covers what git would commit (tracked files and new files that are not ignored),
or every file under the project when it is not a git checkout. A secret belongs in the
environment (docs/configuration.md), never in the repository.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

NAMES = r"[A-Za-z0-9_.-]*(?:SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY)[A-Za-z0-9_.-]*"
PATTERNS: dict[str, re.Pattern[str]] = {
    # NAME = "…", NAME: str = "…", "name": "…", name="…" (Python, JSON, YAML, TOML, shell).
    "secret-like assignment": re.compile(
        rf"""(?i)\b{NAMES}["']?\s*(?::\s*[A-Za-z_][\w\[\]|. ]*)?\s*[:=]\s*[rbuf]*(["'])[^"'\s]{{20,}}\1"""
    ),
    "Django's generated development key": re.compile("django" + r"-insecure-"),
    "PEM private key": re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----"),
    "AWS access key id": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "AWS secret access key": re.compile(r"(?i)aws_secret_access_key\s*[:=]\s*[\"']?[A-Za-z0-9/+=]{40}"),
}

# Tests need passwords and tokens of realistic length (the personas' shared PASSWORD in
# conftest.py, sign-up form data, a token the log must not show). They run only against
# throw-away databases, so assignments there are test data. Keys, PEM blocks and cloud
# credentials are refused everywhere, tests included.
TEST_DATA_KINDS = {"secret-like assignment"}
# Generated or third-party files that Mallard does not write.
SKIPPED_PREFIXES = (".venv/", "staticfiles/", "var/", "static/vendor/", "node_modules/")
SKIPPED_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2", ".pdf", ".sqlite3")
LARGEST_FILE = 2_000_000


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    kind: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}"


def is_test_file(path: str) -> bool:
    parts = Path(path).parts
    return "tests" in parts or parts[-1] == "conftest.py"


def find_secrets(text: str, path: str) -> list[Finding]:
    """Every secret-like literal in one file's text, with its line number (no values are kept)."""
    test_file = is_test_file(path)
    kinds = {
        kind: pattern for kind, pattern in PATTERNS.items() if not (test_file and kind in TEST_DATA_KINDS)
    }
    return [
        Finding(path, number, kind)
        for number, line in enumerate(text.splitlines(), start=1)
        for kind, pattern in kinds.items()
        if pattern.search(line)
    ]


def project_files() -> list[str]:
    """What git would commit; every file below the project when there is no checkout."""
    git = shutil.which("git")
    if git and (REPO / ".git").exists():
        result = subprocess.run(  # noqa: S603
            [git, "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=REPO,
            capture_output=True,
            check=True,
        )
        return sorted({name for name in result.stdout.decode().split("\0") if name})
    return sorted(
        str(path.relative_to(REPO))
        for path in REPO.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(REPO).parts
    )


def scanned(name: str) -> bool:
    return (
        not name.startswith(SKIPPED_PREFIXES)
        and not name.lower().endswith(SKIPPED_SUFFIXES)
        and "__pycache__" not in name
    )


def test_no_file_in_the_repository_holds_a_secret() -> None:
    findings = []
    names = [name for name in project_files() if scanned(name)]
    for name in names:
        path = REPO / name
        if not path.is_file() or path.stat().st_size > LARGEST_FILE:
            continue
        findings.extend(find_secrets(path.read_text(encoding="utf-8", errors="replace"), name))
    assert len(names) > 50, "the scan found almost no files: is it looking in the right place?"
    assert not findings, "Secret-like literals (move them to the environment):\n" + "\n".join(
        map(str, findings)
    )


# The scanner itself, on synthetic text. The strings are assembled at run time so that this
# file does not trip its own scan.
KEY = "k" * 30 + "Q2x9"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (f'SECRET_KEY = "{KEY}"', "secret-like assignment"),
        (f"DJANGO_SECRET_KEY: str = '{KEY}'", "secret-like assignment"),
        (f'EMAIL_HOST_PASSWORD="{KEY}"', "secret-like assignment"),
        (f'"api_key": "{KEY}",', "secret-like assignment"),
        (f"    github_token = r'{KEY}'", "secret-like assignment"),
        (f'connect(private_key="{KEY}")', "secret-like assignment"),
        ("SECRET_KEY = 'django" + "-insecure-abc'", "Django's generated development key"),
        ("-----BEGIN RSA " + "PRIVATE KEY-----", "PEM private key"),
        ("-----BEGIN " + "PRIVATE KEY-----", "PEM private key"),
        ("-----BEGIN OPENSSH " + "PRIVATE KEY-----", "PEM private key"),
        ("aws_access_key_id = AKIA" + "ABCDEFGHIJKLMNOP", "AWS access key id"),
        ("aws_secret_access_key = " + "a" * 40, "AWS secret access key"),
    ],
)
def test_the_scanner_finds_a_secret_like_literal(line: str, kind: str) -> None:
    findings = find_secrets(f"first line\n{line}\n", "example.py")
    assert Finding("example.py", 2, kind) in findings


@pytest.mark.parametrize(
    "line",
    [
        'SECRET_KEY = env_str("SECRET_KEY")',  # read from the environment
        "SECRET_KEY=…50+ random characters…",  # a placeholder in the docs
        'PASSWORD_RESET_TIMEOUT = "short"',  # too short to be a key
        'token = "{{ token }} and more words here"',  # a template, with spaces
        "EMAIL_HOST_PASSWORD=",
        "-----BEGIN PUBLIC KEY-----",
    ],
)
def test_the_scanner_ignores_what_is_not_a_secret(line: str) -> None:
    assert find_secrets(line, "example.py") == []


def test_it_accepts_test_passwords_only_in_test_files() -> None:
    line = f'PASSWORD = "{KEY}"'
    assert find_secrets(line, "conftest.py") == []
    assert find_secrets(line, "homework/tests/test_views.py") == []
    assert find_secrets(line, "homework/views.py") == [
        Finding("homework/views.py", 1, "secret-like assignment")
    ]


def test_it_refuses_private_keys_even_in_test_files() -> None:
    line = "-----BEGIN EC " + "PRIVATE KEY-----"
    assert find_secrets(line, "mallard/tests/test_x.py") == [
        Finding("mallard/tests/test_x.py", 1, "PEM private key")
    ]


def test_the_repository_scan_fails_on_a_planted_secret(tmp_path: Path) -> None:
    planted = tmp_path / "settings_local.py"
    planted.write_text(f'SECRET_KEY = "{KEY}"\n')
    findings = find_secrets(planted.read_text(), "settings_local.py")
    assert [str(finding) for finding in findings] == ["settings_local.py:1: secret-like assignment"]
