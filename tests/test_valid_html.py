"""No Nu HTML checker errors on any page the browser journeys reached.

The root conftest's ``axe_check`` keeps the HTML of every page a journey checks; this test runs
last (``pytest_collection_modifyitems``) and passes them all to one run of vnu.jar, which
``scripts/ensure-vnu`` installs (``make pytest`` runs it). Without Java or the jar it skips, and
pytest's summary says why.
"""

from __future__ import annotations

import json
import shutil
import subprocess  # nosec B404  # runs the Nu HTML checker, a fixed local command
from pathlib import Path

import pytest

from conftest import NU_PAGES

pytestmark = pytest.mark.browser

JAR = (
    Path(__file__).resolve().parent.parent
    / "var"
    / "vnu"
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)


def test_every_page_the_journeys_reached_is_valid_html(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.getbasetemp() / NU_PAGES
    pages = sorted(folder.glob("*.html")) if folder.exists() else []
    if not pages:
        pytest.skip("Nu HTML check: no browser journey ran before it in this run")
    java = shutil.which("java")
    if java is None:
        pytest.skip("Nu HTML check: Java is not installed (any Java 11+ runtime runs vnu.jar)")
    if not JAR.exists():
        pytest.skip(f"Nu HTML check: {JAR} is missing; scripts/ensure-vnu installs it")

    done = subprocess.run(  # noqa: S603  # nosec B603  # fixed arguments: java, the jar, our own files
        [java, "-jar", str(JAR), "--errors-only", "--format", "json", "--exit-zero-always", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    where = dict(line.split("\t", 1) for line in (folder / "index.tsv").read_text().splitlines())
    errors = [
        f"{where.get(Path(m.get('url', '')).name, m.get('url'))}: line {m.get('lastLine')}: {m['message']}"
        f"\n    {m.get('extract', '').strip()}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, f"{len(errors)} Nu HTML checker errors on {len(pages)} pages:\n" + "\n".join(errors)
