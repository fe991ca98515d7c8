"""The benchmarks' targets, and the measured table written into docs/performance.md.

The table lives between ``<!-- bench:start -->`` and ``<!-- bench:end -->``;
everything else in the document is left as it is. It is built from the last
results of each benchmark in ``var/bench/results/``.
"""

from __future__ import annotations

from typing import Any

from bench import harness

DOC = harness.BASE_DIR / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

# The two floors every page is compared with (bench.prepare_pages names them).
BARE_FLOOR, MALLARDS_FLOOR = "Bare Django floor", "Mallard's floor"
CASELOAD, TODAY = "Therapist dashboard (caseload)", "Client's Today"

# The targets of docs/performance.md: throughput as a fraction of each floor's, from the same run.
P95_GROWTH_LIMIT = 1.25
FLOOR_TARGETS = {CASELOAD: 0.25, TODAY: 0.40}  # of Mallard's floor
BARE_TARGETS = {MALLARDS_FLOOR: 0.60, CASELOAD: 0.12, TODAY: 0.20}  # of the bare Django floor
REMINDER_FLOOR_TARGET = 0.50
REMINDER_WINDOW_S = 60.0


def _check(name: str, passed: bool, detail: str) -> dict[str, Any]:
    return {"check": name, "passed": passed, "detail": detail}


def add_floor_ratios(rows: list[dict[str, Any]]) -> None:
    """Each row's median throughput as a fraction of Mallard's floor's and of the bare floor's."""
    by_name = {row["page"]: row for row in rows}
    for key, floor_name in (("floor_ratio", MALLARDS_FLOOR), ("bare_ratio", BARE_FLOOR)):
        floor = by_name[floor_name]["rps"] if floor_name in by_name else 0.0
        for row in rows:
            row[key] = round(row["rps"] / floor, 3) if floor else 0.0


def page_checks(sizes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every page target that the measured sizes let us check."""
    by_size = {size["size"]: {row["page"]: row for row in size["rows"]} for size in sizes}
    checks = []
    practice, platform = by_size.get("practice"), by_size.get("platform")
    if practice and platform:
        for page, small in practice.items():
            large = platform.get(page)
            if large is None:
                continue
            checks.append(
                _check(
                    f"{page}: same query count at both sizes",
                    small["queries"] == large["queries"],
                    f"{small['queries']} → {large['queries']}",
                )
            )
            growth = large["p95_ms"] / small["p95_ms"] if small["p95_ms"] else 0.0
            checks.append(
                _check(
                    f"{page}: p95 at platform ≤ {P95_GROWTH_LIMIT}× practice",
                    growth <= P95_GROWTH_LIMIT,
                    f"{small['p95_ms']} → {large['p95_ms']} ms ({growth:.2f}×)",
                )
            )
    for size in sizes:
        rows = {row["page"]: row for row in size["rows"]}
        for targets, key, floor in (
            (BARE_TARGETS, "bare_ratio", "the bare Django floor"),
            (FLOOR_TARGETS, "floor_ratio", "Mallard's floor"),
        ):
            for page, target in targets.items():
                row = rows.get(page)
                if row is None or key not in row:
                    continue
                where = (
                    f"{size['size']}, {size['caseload_size']} clients" if page == CASELOAD else size["size"]
                )
                checks.append(
                    _check(
                        f"{page} ≥ {target:.0%} of {floor} ({where})",
                        row[key] >= target,
                        f"{row[key]:.0%}",
                    )
                )
    return checks


def reminder_checks(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        _check(
            f"reminder send rate ≥ {REMINDER_FLOOR_TARGET:.0%} of the no-op task rate",
            result["floor_ratio"] >= REMINDER_FLOOR_TARGET,
            f"{result['floor_ratio']:.0%}",
        ),
        _check(
            f"{result['reminders']:,} reminders due in one minute all sent within {REMINDER_WINDOW_S:.0f} s",
            result["all_sent"] and result["send_seconds"] <= REMINDER_WINDOW_S,
            f"{result['sent']:,} sent in {result['send_seconds']:.1f} s",
        ),
    ]


# --- Printing and the document ------------------------------------------------------------------


def _spread(row: dict[str, Any]) -> str:
    if "rps_min" not in row:
        return ""
    return f"{row['rps_min']:.0f}–{row['rps_max']:.0f}"


def _page_row(size: str, row: dict[str, Any]) -> str:
    bare = f"{row['bare_ratio']:.0%}" if "bare_ratio" in row else "–"  # results from before the bare floor
    return (
        f"| {size} | {row['page']} | {row['rps']:.0f} | {_spread(row)} | {row['p50_ms']:.1f} | "
        f"{row['p95_ms']:.1f} | {row['queries']} | {row['floor_ratio']:.0%} | {bare} |"
    )


def _page_table(result: dict[str, Any]) -> list[str]:
    lines = [
        "| Size | Page | req/s (median) | req/s (min–max) | p50 ms | p95 ms | round trips "
        "| × Mallard's floor | × bare floor |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [_page_row(size["size"], row) for size in result["sizes"] for row in size["rows"]]
    return lines


def _checks_table(checks: list[dict[str, Any]]) -> list[str]:
    lines = ["| Target | Measured | Met |", "|---|---|---|"]
    lines += [f"| {c['check']} | {c['detail']} | {'yes' if c['passed'] else '**no**'} |" for c in checks]
    return lines


def _machine_line(machine: dict[str, str]) -> str:
    return (
        f"{machine['cpu']}, {machine['cores']} cores, {machine['memory']} RAM; {machine['os']}; "
        f"PostgreSQL {machine['postgresql']}, Redis {machine['redis']}; Python {machine['python']}, "
        f"Django {machine['django']}, gunicorn {machine['gunicorn']}, {machine['wrk']}. "
        f"Run {machine['date']}."
    )


def print_pages(result: dict[str, Any]) -> None:
    print("\n".join(["", *_page_table(result), "", *_checks_table(result["checks"]), ""]))


def print_reminders(result: dict[str, Any]) -> None:
    print("\n".join(["", *_reminder_table(result), "", *_checks_table(result["checks"]), ""]))


def _reminder_table(result: dict[str, Any]) -> list[str]:
    return [
        "| Measure | Result |",
        "|---|---:|",
        f"| Reminders due in the same minute | {result['reminders']:,} |",
        f"| Sent | {result['sent']:,} (skipped {result['skipped']:,}, other {result['other']:,}) |",
        f"| Time from the dispatcher's wake-up to the last send | {result['send_seconds']:.1f} s |",
        f"| Reminders sent per second | {result['send_rate']:.0f} |",
        f"| No-op tasks per second (same worker) | {result['noop_rate']:.0f} |",
        f"| Send rate ÷ no-op rate | {result['floor_ratio']:.0%} |",
        f"| Messages the SMTP sink accepted | {result['sink_received']:,} |",
    ]


def _rounds(settings: dict[str, Any]) -> str:
    rounds = settings.get("rounds", 1)
    if rounds == 1:
        return f"{settings['duration_s']} s"
    return (
        f"{rounds} rounds of {settings['duration_s'] // rounds} s, each figure the median of the rounds "
        "and the spread the slowest and fastest round"
    )


def build_section() -> str:
    pages, reminders = harness.load_result("pages"), harness.load_result("reminders")
    lines = [START, "", "_Written by `make bench`; do not edit by hand._", ""]
    if pages is not None:
        settings = pages["settings"]
        lines += [
            "### Pages",
            "",
            f"Machine: {_machine_line(pages['machine'])}",
            "",
            f"gunicorn {settings['gunicorn_workers']} sync workers; wrk 1 thread, "
            f"{settings['connections']} connections, {settings['warmup_s']} s warm-up, then "
            f"{_rounds(settings)} per page and size, the sizes and pages taking turns. "
            f"Run took {pages['elapsed_s'] / 60:.1f} min.",
            "",
        ]
        for size in pages["sizes"]:
            seeding = size["seeding"]
            reuse = "reused the database seeded" if seeding.get("reused") else "seeded in this run,"
            lines.append(
                f"- **{size['size']}**: {size['describe']} (`{size['database']}`; {reuse} "
                f"{seeding.get('at', '?')}, seeding took {seeding.get('seconds', '?')} s). "
                f"Personas {size['therapist']} ({size['caseload_size']} clients) and {size['client']}."
            )
        lines += ["", *_page_table(pages), "", *_checks_table(pages["checks"]), ""]
    if reminders is not None:
        lines += [
            "### Reminders",
            "",
            f"Machine: {_machine_line(reminders['machine'])}",
            "",
            f"One Celery worker, prefork, concurrency {reminders['concurrency']}, on Redis; e-mail to a "
            f"local SMTP sink. Run took {reminders['elapsed_s']:.0f} s.",
            "",
            *_reminder_table(reminders),
            "",
            *_checks_table(reminders["checks"]),
            "",
        ]
    lines.append(END)
    return "\n".join(lines)


def write_docs() -> None:
    """Replace the measured section of docs/performance.md (or append it when the markers are missing)."""
    text = DOC.read_text() if DOC.exists() else "# Performance\n"
    section = build_section()
    # The markers on lines of their own: the text around them may mention them too.
    start, end = f"\n{START}\n", f"\n{END}"
    if start in text and end in text.partition(start)[2]:
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        text = f"{head}\n{section}{tail}"
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(text)
    harness.say(f"wrote the results into {DOC.relative_to(harness.BASE_DIR)}")
