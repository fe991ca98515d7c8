"""bandit, the static security scanner, finds nothing in the application code, and every
finding it is told to skip (``# nosec BXXX``) names the check and gives a reason."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BANDIT = Path(sys.executable).with_name("bandit")
PACKAGES = ("mallard", "homework", "sessions_app", "reminders")


def test_bandit_finds_nothing_in_the_application_code() -> None:
    result = subprocess.run(  # noqa: S603
        [str(BANDIT), "-c", "pyproject.toml", "-r", *PACKAGES, "-f", "json", "-q"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(result.stdout)
    findings = [
        f"{issue['filename']}:{issue['line_number']} {issue['test_id']} {issue['issue_text']}"
        for issue in report["results"]
    ]
    assert not findings, "\n".join(findings)
    assert result.returncode == 0, result.stderr
    assert report["metrics"]["_totals"]["loc"] > 5000, "bandit scanned almost nothing"


NOSEC = re.compile(r"#\s*nosec\b(?P<rest>.*)$")
EXPLAINED = re.compile(r"^\s+B\d{3}(?:,\s*B\d{3})*\s+#\s*\S.{5,}")


def test_every_nosec_names_its_check_and_says_why() -> None:
    unexplained = []
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                match = NOSEC.search(line)
                if match and not EXPLAINED.match(match.group("rest")):
                    unexplained.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not unexplained, "Write `# nosec B123  # why it is safe`:\n" + "\n".join(unexplained)
