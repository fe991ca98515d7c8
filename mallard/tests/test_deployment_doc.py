"""docs/deployment.md says what production mode really requires and accepts."""

from __future__ import annotations

import re
from pathlib import Path

from mallard.tests.test_settings_production import REQUIRED, production_env, run

DOC = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"


def production_table() -> str:
    text = DOC.read_text()
    section = text.split("## Production mode", 1)[1]
    return next(block for block in section.split("\n\n") if block.startswith("|"))


def test_the_production_table_lists_every_variable_production_requires() -> None:
    listed = set(re.findall(r"^\| `([A-Z_]+)` \|", production_table(), flags=re.MULTILINE))
    assert {*REQUIRED, "EMAIL_HOST"} <= listed
    assert "not enforced" not in DOC.read_text()


def test_site_url_is_enforced_as_the_doc_says() -> None:
    result = run(["manage.py", "check"], production_env(SITE_URL=None))
    assert "DJANGO_ENV=production requires SITE_URL to be set." in result.stderr
    assert "`SITE_URL` | " in production_table()


def test_e_mail_to_files_passes_the_deploy_check_as_the_doc_says(tmp_path: Path) -> None:
    assert "`EMAIL_FILE_PATH` is accepted instead" in production_table()
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(EMAIL_HOST=None, EMAIL_FILE_PATH=str(tmp_path / "mail")),
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_smtp_production_still_gets_every_mail_check() -> None:
    script = "from django.conf import settings; print(settings.SILENCED_SYSTEM_CHECKS)"
    result = run(["manage.py", "shell", "-c", script], production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
