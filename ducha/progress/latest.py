"""Which report counts: a correction replaces the report it corrects, in that report's place.

Reports of one unit on one task form chains (a report, its correction, the correction's correction…);
the chain's effective report is its last link, and chains are ordered by their first report's
(reported_on, created_at, id). The unit's latest effective report is the tip of its latest chain.
Works on reports in hand (no queries), so a page loads a task's reports once.
"""

from collections import defaultdict


def _root(report, by_id):
    node, seen = report, set()
    while node.corrects_id and node.corrects_id in by_id and node.pk not in seen:
        seen.add(node.pk)
        node = by_id[node.corrects_id]
    return node


def effective_reports(reports):
    """{(task_id, unit_id): [(root, tip)] oldest chain first}: each chain's first report and its tip."""
    reports = list(reports)
    by_id = {r.pk: r for r in reports}
    corrected = {r.corrects_id for r in reports if r.corrects_id}
    chains = defaultdict(list)
    for report in reports:
        if report.pk in corrected:
            continue  # replaced by its correction
        root = _root(report, by_id)
        chains[report.task_id, report.unit_id].append((root, report))
    for pairs in chains.values():
        pairs.sort(key=lambda pair: (pair[0].reported_on, pair[0].created_at, pair[0].pk))
    return dict(chains)


def latest_by_unit(reports):
    """{(task_id, unit_id): the latest effective report}."""
    return {key: pairs[-1][1] for key, pairs in effective_reports(reports).items()}


def latest_below_full(reports):
    """{(task_id, unit_id): the latest effective report below 100 %}: where a task sent back to
    rectification stands, its reports of 100 % being refuted with its claim."""
    found = {}
    for key, pairs in effective_reports(reports).items():
        below = [tip for _root, tip in pairs if tip.percent < 100]
        if below:
            found[key] = below[-1]
    return found
