"""How well the review proposes the task items and quality targets of plans it had not
seen, against a hand-made answer for each (issue 11, item 7).

The excerpts in data/unseen are quoted from published plans, reports and notices
(source beside each); three more are the same texts in Traditional script or with
pinyin left in by a copy ("damaged"). A proposed task is correct when its problem,
target or measures contain the answer's words and its deadline text reads the same;
a proposed target when indicator and value are the answer's.
"""

import re
from pathlib import Path

import opencc

from ducha.plans.proposals import propose
from ducha.plans.proposing import quality_indicators
from ducha.plans.reading.parse import analyse

UNSEEN = Path(__file__).resolve().parent / "data" / "unseen"

# name: (file, source, variant, [(words of the task, deadline text)], [(indicator, value)])
ANSWERS = {
    "常德 2021 整改方案（开篇）": ("changde-2021-plan-opening.txt", "changde.gov.cn content_843565", "", [], []),
    "常德 2021 整改方案（繁体）": ("changde-2021-plan-opening.txt", "同上", "traditional", [], []),
    "宝鸡 2022 放管服要点（繁体）": ("baoji-2022-fangguanfu-points.txt", "newton.com.tw wiki 61994341", "", [
        ("全面實施行政許可事項清單管理", "2022年10月底前"), ("持續深化相對集中行政許可權改革", "")], []),
    "南宁 2022 整改情况函（拼音残留）": ("nanning-2022-audit-letter-damaged.txt", "m.ilynn.cn 61662", "", [], []),
    "许昌 2020 实施方案（开篇）": ("xuchang-2020-pollution-plan-opening.txt", "xuchang.gov.cn 20200831", "", [], []),
    "许昌 2020 实施方案（繁体）": ("xuchang-2020-pollution-plan-opening.txt", "同上", "traditional", [], []),
    "湖北 2019 回头看整改进展清单": ("hubei-2019-lookback-progress-list.txt", "zhuangpeitu 130947064", "", [
        ("习近平生态文明思想纳入", "长期坚持")], []),
    "芜湖 2021 曝光问题": ("wuhu-2021-exposure-notice.txt", "sthjj.wuhu.gov.cn 8686795", "", [
        ("道路积尘", "立行立改")], []),
    "芜湖 2021 曝光问题（拼音残留）": ("wuhu-2021-exposure-notice.txt", "同上", "pinyin", [
        ("道路积尘", "立行立改")], []),
    "宁波 2022 审计整改报告": ("ningbo-2022-audit-rectification-report.txt", "sjj.ningbo.gov.cn 58921710", "", [], []),
    # Second round: texts with task items (notices of one rectification item, lists, a table).
    "清水 2020 督察整改任务公示": ("qingshui-2020-inspection-item-notice.txt", "tsqs.gov.cn info/1262/60597", "", [
        ("畜禽粪污", "2021年12月底前")], []),
    "清水 2020 督察整改任务公示（繁体）": ("qingshui-2020-inspection-item-notice.txt", "同上", "traditional", [
        ("畜禽粪污", "2021年12月底前")], []),
    "和布克赛尔 2020 督察整改任务公示": ("hoboksar-2020-inspection-item-notice.txt",
                                  "xjhbk.gov.cn tzgg/202003/6e10393e", "", [("污水处理设施", "")], []),
    "周村 2023 信访交办件整改公示": ("zhoucun-2023-petition-item-notice.txt", "zhoucun.gov.cn doc_64bf8acce1445ad6c10b9206",
                               "", [("只挂帅不作战", "")], []),
    "新宾 2020 回头看整改结果公示": ("xinbin-2020-lookback-item-notice.txt", "xinbin.gov.cn ins.asp?s=33&i=11587", "", [
        ("浑河流域综合整治", "")], [("surface_water_good_ratio", "75")]),
    "新宾 2023 督察整改任务公示": ("xinbin-2023-inspection-item-notice.txt", "xinbin.gov.cn ins.asp?s=10&i=15805", "", [
        ("河道垃圾", "2021年3月底前")], []),
    "新宾 2023 督察整改任务公示（拼音残留）": ("xinbin-2023-inspection-item-notice.txt", "同上", "pinyin", [
        ("河道垃圾", "2021年3月底前")], []),
    "铁东 2019 回头看整改公示": ("tiedong-2019-lookback-item-notice.txt", "tdq.siping.gov.cn t20191213_341203", "", [
        ("不作为、慢作为", "")], []),
    "汉滨 2020 审计整改完成公示": ("hanbin-2020-audit-done-notice.txt", "hanbin.gov.cn Content-2206751", "", [
        ("水源地", ""), ("吸砂船", "")], []),
    "乐都 2020 督察整改任务表": ("ledu-2020-inspection-item-table.txt", "ledu.gov.cn html/tzgg/12939", "", [
        ("大气污染", "2020年5月至2020年10月")], []),
    "吉安 2017 交通整改责任清单（PDF 串行）": ("jian-2017-transport-list-flattened.txt",
                                    "pages corpus, no address kept (吉安市交通运输 附件1)", "", [
        ("公交优先", "长期坚持"), ("农村公路建设工地", "长期坚持"), ("管养的农村公路", "长期坚持"),
        ("道路运输站场建设工地", "长期坚持"), ("港口码头建设工地", "长期坚持"), ("老旧码头", "2020年12月")], []),
    "楚雄 2018 整改措施清单（串行）": ("chuxiong-2018-measures-list-flattened.txt", "dawendou.com fanwen 105313", "", [
        ("绿色发展理念", "立行立改，长期坚持")], []),
    "楚雄 2018 整改措施清单（繁体）": ("chuxiong-2018-measures-list-flattened.txt", "同上", "traditional", [
        ("绿色发展理念", "立行立改，长期坚持")], []),
    "莒南 2025 督察整改公示": ("junan-2025-inspection-item-notice.txt", "junan.gov.cn info/3351/223718", "", [
        ("建筑垃圾管理", "")], []),
}
_PINYIN = {"道": "(dào)", "积": "(jī)", "尘": "(chén)", "整": "(zhěng)", "改": "(gǎi)", "问": "(wèn)", "题": "(tí)"}


def _text(file, variant):
    text = (UNSEEN / file).read_text(encoding="utf-8")
    if variant == "traditional":
        return opencc.OpenCC("s2tw").convert(text)
    if variant == "pinyin":  # as a copy from a page with ruby annotations leaves it
        return "".join(ch + _PINYIN.get(ch, "") for ch in text)
    return text


def _task_matches(payload, words, deadline):
    body = "".join(payload.get(k) or "" for k in ("problem", "target", "measures", "heading"))
    norm = opencc.OpenCC("t2s").convert
    return norm(words) in norm(body) and norm(deadline) == norm(payload.get("deadline_text") or "")


def score(name):
    file, _source, variant, tasks, targets = ANSWERS[name]
    text, parse = analyse(_text(file, variant))
    items = propose(text, parse, quality_indicators())
    proposed_tasks = [p.payload for p in items if p.kind == "task"]
    proposed_targets = [(p.payload["indicator"], p.payload["value"]) for p in items if p.kind == "target"]
    correct = sum(any(_task_matches(p, w, d) for p in proposed_tasks) for w, d in tasks)
    correct += sum(t in proposed_targets for t in targets)
    expected, proposed = len(tasks) + len(targets), len(proposed_tasks) + len(proposed_targets)
    return {"plan": name, "items": expected, "proposed": proposed, "correct": correct,
            "missed": expected - correct, "wrong": proposed - correct}


def table() -> str:
    rows = [score(name) for name in ANSWERS]
    lines = ["| plan | items | proposed | correct | missed | wrong |", "|---|---|---|---|---|---|"]
    lines += [f"| {r['plan']} | {r['items']} | {r['proposed']} | {r['correct']} | {r['missed']} | {r['wrong']} |"
              for r in rows]
    total = {k: sum(r[k] for r in rows) for k in ("items", "proposed", "correct", "missed", "wrong")}
    lines.append(f"| **total** | {total['items']} | {total['proposed']} | {total['correct']} | {total['missed']} | "
                 f"{total['wrong']} |")
    return "\n".join(lines)


def recorded(benchmarks: str) -> str:
    """The table as BENCHMARKS.md records it (between its markers)."""
    m = re.search(r"<!-- review-correctness -->\n(.*?)\n<!-- /review-correctness -->", benchmarks, re.S)
    return m.group(1) if m else ""
