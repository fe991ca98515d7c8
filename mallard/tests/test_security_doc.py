"""docs/security.md's table is honest: every row names at least one test, and every test it
names exists. A row whose test is renamed or deleted fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "security.md"
HEADER = ["Requirement", "What Mallard does", "Test"]
NODE_ID = re.compile(r"`([^`\s]+\.py)::([A-Za-z_]\w*)`")
REVIEW_HEADER = ["Finding", "What Mallard does now", "Tests"]
# A whole test module, or one test in it.
TEST_REFERENCE = re.compile(r"`([^`\s]+\.py)(?:::([A-Za-z_]\w*))?`")


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def table_rows(text: str, header: list[str] = HEADER) -> list[list[str]]:
    """The rows of the one table with this header (by default Requirement | What Mallard does | Test)."""
    lines = text.splitlines()
    starts = [number for number, line in enumerate(lines) if line.startswith("|") and cells(line) == header]
    assert len(starts) == 1, f"expected one table headed {' | '.join(header)}, found {len(starts)}"
    rows = []
    for line in lines[starts[0] + 2 :]:
        if not line.startswith("|"):
            break
        row = cells(line)
        assert len(row) == len(header), f"a row needs {len(header)} cells: {line}"
        rows.append(row)
    return rows


def node_ids(cell: str) -> list[tuple[str, str]]:
    return NODE_ID.findall(cell)


def defined_tests(path: Path) -> set[str]:
    """Test functions at module level and in test classes (as pytest collects them)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            names.update(
                item.name for item in node.body if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
            )
    return {name for name in names if name.startswith("test")}


def missing_tests(rows: list[list[str]], root: Path) -> list[str]:
    problems = []
    for requirement, _, test_cell in rows:
        ids = node_ids(test_cell)
        if not ids:
            problems.append(f"{requirement}: no test id in `path::test_name` form")
        for path_text, name in ids:
            path = root / path_text
            if not path.is_file():
                problems.append(f"{requirement}: {path_text} does not exist")
            elif name not in defined_tests(path):
                problems.append(f"{requirement}: {path_text} defines no {name}")
    return problems


def test_every_row_names_a_test_that_exists() -> None:
    rows = table_rows(DOC.read_text())
    assert len(rows) >= 20
    problems = missing_tests(rows, REPO)
    assert not problems, "\n".join(problems)


def missing_references(rows: list[list[str]], root: Path) -> list[str]:
    """For the review table: each row names test modules or tests, and each one exists."""
    problems = []
    for finding, _, test_cell in rows:
        references = TEST_REFERENCE.findall(test_cell)
        if not references:
            problems.append(f"{finding}: no test module or test named")
        for path_text, name in references:
            path = root / path_text
            if not path.is_file():
                problems.append(f"{finding}: {path_text} does not exist")
            elif not defined_tests(path):
                problems.append(f"{finding}: {path_text} defines no test")
            elif name and name not in defined_tests(path):
                problems.append(f"{finding}: {path_text} defines no {name}")
    return problems


def test_every_review_finding_names_tests_that_exist() -> None:
    rows = table_rows(DOC.read_text(), REVIEW_HEADER)
    assert len(rows) >= 12
    problems = missing_references(rows, REPO)
    assert not problems, "\n".join(problems)


def test_the_review_check_fails_a_finding_without_a_real_test(sample_repo: Path) -> None:
    rows = [
        ["A", "a module", "`app/tests/test_real.py`"],
        ["B", "a test", "`app/tests/test_real.py::test_present`"],
        ["C", "a missing module", "`app/tests/test_nowhere.py`"],
        ["D", "a renamed test", "`app/tests/test_real.py::test_gone`"],
        ["E", "nothing", "to do"],
    ]
    assert missing_references(rows, sample_repo) == [
        "C: app/tests/test_nowhere.py does not exist",
        "D: app/tests/test_real.py defines no test_gone",
        "E: no test module or test named",
    ]


def test_every_row_names_a_requirement_and_what_mallard_does() -> None:
    for requirement, does, _ in table_rows(DOC.read_text()):
        assert re.search(r"ASVS|HIPAA|OWASP", requirement), requirement
        assert len(does) > 20, requirement


@pytest.fixture
def sample_repo(tmp_path: Path) -> Path:
    tests = tmp_path / "app" / "tests"
    tests.mkdir(parents=True)
    (tests / "test_real.py").write_text(
        "def test_present():\n    pass\n\nclass TestGroup:\n    def test_in_class(self):\n        pass\n"
    )
    return tmp_path


def test_the_check_fails_a_row_whose_test_does_not_exist(sample_repo: Path) -> None:
    text = "\n".join(
        [
            "| Requirement | What Mallard does | Test |",
            "|---|---|---|",
            "| ASVS 1 | a real test | `app/tests/test_real.py::test_present` |",
            "| ASVS 2 | a test in a class | `app/tests/test_real.py::test_in_class` |",
            "| ASVS 3 | a renamed test | `app/tests/test_real.py::test_gone` |",
            "| ASVS 4 | a missing file | `app/tests/test_nowhere.py::test_present` |",
            "| ASVS 5 | no test at all | none yet |",
            "",
        ]
    )
    problems = missing_tests(table_rows(text), sample_repo)
    assert problems == [
        "ASVS 3: app/tests/test_real.py defines no test_gone",
        "ASVS 4: app/tests/test_nowhere.py does not exist",
        "ASVS 5: no test id in `path::test_name` form",
    ]


def test_the_check_insists_on_exactly_one_table() -> None:
    with pytest.raises(AssertionError, match="found 0"):
        table_rows("No table here.\n")
