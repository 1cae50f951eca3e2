"""The three published plans in tests/data, read end to end, as a careful person would read them."""

import difflib

import opencc
import pytest

from ducha.plans.reading import normalize, parse_path, parse_text
from ducha.plans.reading.parse import analyse
from ducha.plans.tests.plan_files import LISHUI, QUZHOU, TIANMEN

KEYS = {"source", "title", "issuer", "number", "date", "sections", "targets", "deadlines", "counts", "units"}


def _targets(result):
    return {(t["indicator"], t["comparator"], t["value"], t["year"], t["region"], t["kind"]) for t in result["targets"]}


def _deadlines(result):
    return [d["date"] for d in result["deadlines"] if d["date"]]


def _counts(result):
    return {(c["what"], c["value"]) for c in result["counts"]}


@pytest.fixture(scope="module")
def lishui():
    return parse_path(LISHUI)


@pytest.fixture(scope="module")
def tianmen():
    return parse_path(TIANMEN)


@pytest.fixture(scope="module")
def quzhou():
    return parse_path(QUZHOU)


def test_every_item_points_at_a_sentence_of_the_cleaned_text():
    for path in (LISHUI, QUZHOU, TIANMEN):
        clean, result = analyse(path.read_text(encoding="utf-8"))
        assert set(result) == KEYS
        for key in ("targets", "deadlines", "counts", "units"):
            for item in result[key]:
                assert item["text"] in clean, (key, item)


def test_lishui_facts_and_outline(lishui):
    assert lishui["title"] == "丽水市贯彻落实第二轮中央生态环境保护督察报告整改方案"
    assert lishui["issuer"] == "丽水市生态环境局"
    assert lishui["date"] == "2021-10-27"
    top = [(s["marker"], s["heading"]) for s in lishui["sections"] if s["level"] == 1]
    assert top == [("一、", "指导思想"), ("二、", "基本原则"), ("三、", "工作目标"), ("四、", "主要措施"),
                   ("五、", "保障措施")]
    inline = [s for s in lishui["sections"] if s["marker"] == "一是"]
    assert inline[0]["heading"] == "持续改善环境空气质量" and inline[0]["level"] == 3


def test_lishui_targets(lishui):
    expected = {
        ("pm25_mean", "<", "24", 2021, "市区", "target"),
        ("good_days_ratio", ">=", "97", 2021, None, "target"),
        ("surface_water_good_ratio", ">=", "98", 2021, None, "target"),
        ("drinking_water_attainment_ratio", ">=", "100", 2021, None, "target"),
        ("farmland_safe_use_ratio", ">=", "93", 2021, None, "target"),
        ("contaminated_site_safe_use_ratio", ">=", "93", 2021, None, "target"),
    }
    assert _targets(lishui) == expected
    pm = next(t for t in lishui["targets"] if t["indicator"] == "pm25_mean")
    assert pm["unit"] == "微克/立方米"
    assert pm["text"].startswith("2021年，市区PM2.5平均浓度低于24微克/立方米")


def test_lishui_deadlines_and_counts(lishui):
    assert _deadlines(lishui) == ["2022-12-31"]
    assert any(d["kind"] == "immediate" for d in lishui["deadlines"])
    counts = _counts(lishui)
    assert {("个性问题整改任务", 4), ("共性问题整改任务", 7), ("整改任务", 11)} <= counts
    assert ("专项工作组", 3) in counts
    assert not any("两个维护" in c["what"] or c["value"] == 2 for c in lishui["counts"])


def test_lishui_units(lishui):
    units = {(u["name"], u["role"]) for u in lishui["units"]}
    assert ("市级牵头部门", "supervising") in units
    assert ("相关责任单位", "responsible") in units
    assert ("各县（市、区）", "responsible") in units


def test_tianmen_facts(tianmen):
    assert tianmen["title"] == "天门市贯彻落实中央第三环境保护督察组督察反馈意见整改方案"
    assert tianmen["issuer"] == "市环保局"
    assert tianmen["date"] == "2017-08-03"
    assert "boilerplate" in tianmen["source"]["repairs"]


def test_tianmen_targets_take_the_year_of_their_paragraph(tianmen):
    targets = _targets(tianmen)
    assert ("pm10_mean", "<=", "83", 2017, "全市", "target") in targets
    assert ("pm25_mean", "<=", "58", 2017, "全市", "target") in targets
    assert ("good_days_ratio", ">=", "73.4", 2017, "全市", "target") in targets
    assert ("surface_water_good_ratio", ">=", "100", 2017, "全市", "target") in targets
    assert ("good_days_ratio", ">=", "81", 2020, "天门市", "target") in targets
    # "PM2.5平均浓度达到53微克/立方米": reaching a concentration means at most; 天门市 at the
    # head of the list ("到2020年，天门市优良天数比例达到81%，PM2.5…") covers it too.
    assert ("pm25_mean", "<=", "53", 2020, "天门市", "target") in targets
    assert ("surface_water_good_ratio", ">=", "100", 2020, "全市", "target") in targets
    assert ("inferior_v_sections", "<=", "0", 2020, "全市", "target") in targets
    assert len(targets) == 8


def test_tianmen_deadlines(tianmen):
    # 6月底前 and 10月底前 take the document's year; the 发文日期 field is not a deadline.
    assert sorted(_deadlines(tianmen)) == ["2017-06-30", "2017-10-31", "2017-12-31", "2020-12-31", "2020-12-31"]


def test_tianmen_counts(tianmen):
    counts = _counts(tianmen)
    assert ("方面的问题", 3) in counts and ("方面的意见建议", 4) in counts


def test_quzhou_targets(quzhou):
    targets = _targets(quzhou)
    for expected in [
        ("pm25_mean", "<=", "35", 2020, "市区", "target"),
        ("pm25_mean", "<=", "31", 2020, "市区", "target"),
        ("good_days_ratio", ">=", "90", 2020, None, "target"),
        ("good_days_ratio", ">=", "94", 2020, None, "target"),
        ("section_water_class", "<=", "2", 2020, "全市", "target"),
        ("drinking_water_attainment_ratio", ">=", "100", 2020, "全市", "target"),
        ("contaminated_site_safe_use_ratio", ">=", "92", 2020, None, "target"),
        ("hazardous_waste_disposal_ratio", ">=", "100", 2020, None, "target"),
        ("garbage_sorting_coverage", ">=", "90", 2020, "市区", "target"),
        ("garbage_sorting_coverage", ">=", "80", 2020, "农村", "target"),
        ("sewage_treatment_ratio", ">=", "96.63", 2020, "市区", "target"),
        ("sewage_treatment_ratio", ">=", "94.3", 2020, "县城", "target"),
    ]:
        assert expected in targets, expected
    # Thresholds that define a group ("年危废产生量5吨以上的企业") are not targets.
    assert not any(t["value"] == "5" for t in quzhou["targets"])


def test_quzhou_counts_and_deadlines(quzhou):
    counts = _counts(quzhou)
    for expected in [("工业VOCs治理项目", 15), ("企业", 20), ("省环保督察整改任务", 12),
                     ("中央环保督察转办信访件", 4), ("问题", 41), ("突出生态环境问题", 27), ("生活小区", 120)]:
        assert expected in counts, expected
    # 年内 / 年底前 in a 2020 work plan.
    assert set(_deadlines(quzhou)) == {"2020-12-31"}
    assert len(_deadlines(quzhou)) == 3


@pytest.mark.parametrize("path", [LISHUI, QUZHOU, TIANMEN], ids=lambda p: p.name.split("-")[0])
def test_taiwan_traditional_with_pinyin_parses_like_the_clean_text(path):
    """The same plan converted to Traditional with Taiwan phrasing, pinyin pasted after
    some characters, full-width digits: the parse must not change."""
    original = path.read_text(encoding="utf-8")
    damaged = opencc.OpenCC("s2twp").convert(original)
    for word, pinyin in (("區", "qū"), ("環", "huán"), ("黨", "dǎng"), ("質", "zhì")):
        damaged = damaged.replace(word, f"{word}({pinyin})")
    damaged = damaged.translate({ord(d): chr(0xFF10 + i) for i, d in enumerate("0123456789")})
    clean = parse_text(original)
    broken = parse_text(damaged)
    assert broken["source"]["script"] == "traditional"
    assert {"pinyin_brackets", "traditional_to_simplified", "taiwan_phrasing"} <= set(broken["source"]["repairs"])
    for key in ("title", "issuer", "date"):
        assert broken[key] == clean[key], key
    # The conversion is lossy in wording (s2twp writes both 创建 and 建立 as 建立), so the
    # sentences may differ in a word; every extracted value must be the same.
    assert [(s["level"], s["marker"], s["line"]) for s in broken["sections"]] == \
        [(s["level"], s["marker"], s["line"]) for s in clean["sections"]]
    for key in ("targets", "deadlines", "counts", "units"):
        assert _without_text(broken[key]) == _without_text(clean[key]), key
        for a, b in zip(broken[key], clean[key]):
            assert difflib.SequenceMatcher(None, a["text"], b["text"]).ratio() > 0.9
            for field in ("name", "what"):
                if field in a:
                    assert difflib.SequenceMatcher(None, a[field], b[field]).ratio() >= 0.75


def _without_text(items):
    return [{k: v for k, v in item.items() if k not in ("text", "name", "what")} for item in items]


def test_normalize_of_a_fixture_is_stable():
    clean, _ = normalize(TIANMEN.read_text(encoding="utf-8"))
    again, repairs = normalize(clean)
    assert repairs == []
    assert again == clean


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2tw"])
@pytest.mark.parametrize("path", [LISHUI, QUZHOU, TIANMEN], ids=lambda p: p.name.split("-")[0])
def test_mainland_hong_kong_and_taiwan_characters_parse_exactly_like_the_original(path, config):
    """Traditional characters without Taiwan phrasing convert back without loss, sentences included."""
    original = path.read_text(encoding="utf-8")
    damaged = opencc.OpenCC(config).convert(original).replace("環境", "環(huán)境")
    clean = parse_text(original)
    broken = parse_text(damaged)
    assert "taiwan_phrasing" not in broken["source"]["repairs"]
    assert {k: v for k, v in broken.items() if k != "source"} == {k: v for k, v in clean.items() if k != "source"}
