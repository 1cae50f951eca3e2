"""Near-duplicate detection over 100,000 completion reports and notices (issue 9, performance).

    python -m benchmarks similarity -- [--texts 100000] [--threshold 0.5]

Texts: each is a report built from 8–16 clauses (of some 2,000) of the real plans in
../shared/fixtures/plans, with a place name, dates and figures of its own, wrapped in the
template every report uses; 1 in 1,000 is a planted copy of an earlier one with the place and
the figures changed. Measured: a bare pass over the texts (each encoded to UTF-8, the least any
reader does), then `near_duplicates(...)`; their ratio, the peak RSS of the process, how many of
the planted copies were found and how many other pairs were reported. Target: ≤ 60 s, ≤ 2 GB.
"""

import argparse
import random
import re
import resource
import subprocess
import time
from pathlib import Path

PLANS = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "plans"
HEAD = "{place}关于督察反馈问题整改完成情况的报告。根据整改方案要求，我单位高度重视，成立工作专班，现将整改情况报告如下："
TAIL = "经自查，整改任务已全部完成，达到验收销号条件，特申请验收销号。联系人：{person}，电话：{phone}。"
PLACES = ["莲都区", "青田县", "缙云县", "遂昌县", "松阳县", "云和县", "庆元县", "景宁县", "龙泉市", "柯城区", "衢江区"]
TOWNS = ["碧湖镇", "温溪镇", "壶镇", "妙高街道", "西屏街道", "崇头镇", "松源街道", "鹤溪街道", "剑池街道", "石梁镇"]


def parse(argv):
    p = argparse.ArgumentParser(prog="python -m benchmarks similarity --", description=__doc__.split("\n")[0])
    p.add_argument("--texts", type=int, default=100_000)
    p.add_argument("--threshold", type=float, default=0.5)
    p.add_argument("--num-perm", type=int, default=None, help="MinHash permutations (default: the module's)")
    return p.parse_args(argv)


def clauses():
    out = []
    for path in sorted(PLANS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            out.extend(c for c in re.split("[，。；,;]", line.strip()) if len(c) >= 8)
    return sorted(set(out))


def _figures(text, rng):
    return re.sub(r"\d+", lambda m: str(rng.randint(1, 3000)), text)


def build(n, rng):
    pool = clauses()
    texts, planted = {}, set()
    for i in range(n):
        if i % 1000 == 999:
            source = rng.randrange(i - 998, i)
            place = f"{rng.choice(PLACES)}{rng.choice(TOWNS)}"
            texts[i] = _figures(texts[source].split("关于", 1)[1], rng)
            texts[i] = place + "关于" + texts[i]
            planted.add((source, i))
            continue
        body = "，".join(rng.sample(pool, rng.randint(8, 16))) + "。"
        place = f"{rng.choice(PLACES)}{rng.choice(TOWNS)}第{i}号问题"
        texts[i] = HEAD.format(place=place) + _figures(body, rng) + TAIL.format(
            person=rng.choice("张王李赵刘陈杨黄") + rng.choice("伟芳娜敏静丽强磊军洋"), phone=f"0578-{rng.randint(2000000, 2999999)}")
    return texts, planted


def _cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv=None):
    args = parse(argv)
    from ducha.similarity import DEFAULT_NUM_PERM, near_duplicates

    print("load:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    texts, planted = build(args.texts, random.Random(9))
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    size = sum(len(t.encode("utf-8")) for t in texts.values())
    bare = time.perf_counter() - start
    start, cpu0 = time.perf_counter(), _cpu()
    options = {"num_perm": args.num_perm} if args.num_perm else {}
    pairs = near_duplicates(texts, threshold=args.threshold, **options)
    took, cpu = time.perf_counter() - start, _cpu() - cpu0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    found = {(p.a, p.b) for p in pairs}
    print(f"texts {len(texts):,} ({size / 1e6:.0f} MB UTF-8), threshold {args.threshold}, "
          f"num_perm {args.num_perm or DEFAULT_NUM_PERM}")
    print(f"near_duplicates CPU time {cpu:.1f} s (the machine is shared: wall time includes waiting for a core)")
    print(f"bare pass {bare:.3f} s; near_duplicates {took:.1f} s (target ≤ 60 s); ratio {took / bare:,.0f}× "
          f"(CPU time {cpu / bare:,.0f}×)")
    print(f"peak RSS {rss:.0f} MB (before detection {rss0:.0f} MB; target ≤ 2048 MB)")
    print(f"planted copies found {len(found & planted)}/{len(planted)}; other pairs reported {len(found - planted)}")
    for p in sorted(pairs, key=lambda p: p.jaccard)[:3]:
        if (p.a, p.b) not in planted:
            print(f"  other pair {p.a}–{p.b} jaccard {p.jaccard:.2f}:\n    {texts[p.a][:90]}\n    {texts[p.b][:90]}")
    print("load:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
