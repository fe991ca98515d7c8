"""Reading PostgreSQL query plans: which large tables a plan reads from end to end.

``EXPLAIN (FORMAT JSON)`` returns a list with one object whose ``"Plan"`` is a
tree of nodes; children (including sub-plans and init-plans) are under
``"Plans"``. A ``Seq Scan`` node names its table in ``"Relation Name"``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any


def plan_nodes(plan: Any) -> Iterator[dict[str, Any]]:
    """Every node of an ``EXPLAIN (FORMAT JSON)`` result, depth first."""
    stack = [item["Plan"] for item in plan] if isinstance(plan, list) else [plan["Plan"]]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.get("Plans", [])))


def seq_scans(plan: Any, tables: Collection[str]) -> list[str]:
    """The tables of ``tables`` that ``plan`` reads with a sequential scan, in plan order."""
    return [
        node["Relation Name"]
        for node in plan_nodes(plan)
        if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") in tables
    ]


def scanned_tables(plan: Any) -> list[tuple[str, str]]:
    """(node type, table) for every node of ``plan`` that reads a table, for a readable report."""
    return [
        (node["Node Type"], node["Relation Name"]) for node in plan_nodes(plan) if "Relation Name" in node
    ]
