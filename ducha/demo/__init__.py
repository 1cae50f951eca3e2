"""The 丽水市 demo: the second central inspection of 浙江 (2020) and the city's
rectification plan of 2021, loaded through the service layer so the audit
log carries the whole history.

`units` and `accounts` are the people and bodies, `ledger` the inspection,
problems, plans and tasks (plain data), `loader` writes them idempotently.
`year` is a year of life on the open tasks (plain data, dated relative to the
load day): monthly reports from every responsible unit, three dispatch rounds,
warnings, supervision, flags and chronicle entries; `life` writes it through
the apps' actions in one transaction, `photos` draws the evidence photos.

The published plan (data/lishui-2021-plan.txt) names the problems, targets
and measures; it has no task table, so lead and co-units, responsible
people (given as posts, not names), deadlines and the progress history are
demo assumptions in the shape real ledgers use.
"""
