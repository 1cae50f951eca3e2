"""One acceptance transition's time at scale (issue 9 §Performance: one transition p95 ≤ 100 ms with
100,000 tasks).

    python -m benchmarks signoff -- [--runs 30] [--warmup 3] [--pg URL]

Works on a copy of the ledger benchmark's data, as `bench_action` does (run `python -m benchmarks ledger`
once to build it). Setup (not timed): claimed tasks (完成整改) of the 丽水市 coordinator's scope get an
officer of their lead unit and a complete draft application. Timed, each on its own task, committed as a
page or the API commits it: the unit's `submit` (完成整改 → 验收中, a review round, the chain of levels,
two audit entries) and the office's `pass_review` (资料审核通过). Reported as bench_action reports.
"""

import os
import sys
import time

from .bench_action import _time, parse, setup

TARGET_MS = 100


def main(argv=None):
    args = parse(list(sys.argv[1:] if argv is None else argv))
    setup(args)
    from django.db import connection

    from ducha.jurisdictions.models import User
    from ducha.ledger.models import Task
    from ducha.signoff import actions
    from ducha.signoff.models import Standard

    from .ledger_data import USERS

    coordinator = User.objects.select_related("scope", "unit__division").get(username=USERS["coordinator"])
    n = args.runs + args.warmup
    claimed = list(Task.objects.restrict(coordinator, "change").filter(voided_at__isnull=True, state="completed")
                   .select_related("plan", "division", "lead_unit").order_by("id")[:n])
    if len(claimed) < n:
        sys.exit("not enough claimed tasks in the coordinator's scope")
    checks = {s.value: f"{s.label}：已核实。" for s in Standard}
    officers = {}
    for task in claimed:
        if task.lead_unit_id not in officers:
            officers[task.lead_unit_id] = User.objects.get_or_create(
                username=f"bench_signoff_{task.lead_unit_id}",
                defaults={"role": "officer", "unit": task.lead_unit})[0]
        actions.save_application(acting_user=officers[task.lead_unit_id], task=task, report="已完成。",
                                 self_checks=checks)

    def submit(task):
        return lambda: actions.submit(acting_user=officers[task.lead_unit_id], task=task)

    def review(task):
        return lambda: actions.pass_review(acting_user=coordinator, task=task, note="资料齐全")

    print(f"\nsignoff benchmark · {connection.vendor} · {Task.objects.count():,} tasks · {args.runs} runs after "
          f"{args.warmup} warm-up · {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · load "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    header = f"{'transition':<28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'SQL ms':>7} {'×SQL':>5} {'target':>7}"
    print(header)
    print("-" * len(header))
    failed = 0
    for name, calls in (("submit (提交申请)", [submit(t) for t in claimed]),
                        ("pass_review (资料审核通过)", [review(t) for t in claimed])):
        r = _time(calls, args.warmup)
        ok = r["p95"] <= TARGET_MS
        failed += not ok
        print(f"{name:<28} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['max']:>8.1f} {r['sql']:>7.1f} {r['ratio']:>5.1f} "
              f"{'≤' + str(TARGET_MS):>6}{'' if ok else '✗'}", flush=True)
    return failed
