"""docs/architecture.md shows the layers that `lint-imports` enforces, so the diagram stays true."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _contract_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return list(contract["layers"])


def _documented_layers() -> list[str]:
    text = (ROOT / "docs" / "architecture.md").read_text()
    block = re.search(r"highest layer first:\n\n```\n(.*?)```", text, re.S)
    assert block, "docs/architecture.md lost the copy of the layers contract"
    return re.findall(r'^"([^"]+)",$', block.group(1), re.M)


def test_the_documented_layers_are_the_enforced_ones() -> None:
    assert _documented_layers() == _contract_layers()


def test_every_app_in_the_contract_has_a_box_in_the_diagram() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text()
    for layer in _contract_layers():
        for package in layer.split(" | "):
            assert re.search(rf"│ {package}\s", text), f"{package} has no box in the diagram"
