"""The composite index, its ranks and change rates against figures published
by ecological-environment departments, to the digit.

Every vector below is a published city (or county) period with its six
statistics and its composite index, copied from the release named next to
it. Several releases were read through mirror copies of the government page
(the mirror's address is given with the original publisher and title).
"""

from decimal import Decimal

import pytest

from ducha.standards.air_limits import LIMITS
from ducha.standards.air_rank import (
    POLLUTANTS, change_rate, composite_index, limit_set_for, previous_year, primary_label, rule_for, single_index,
)
from ducha.standards.rounding import round_half_even, to_fraction
from ducha.standards.ranking import best_and_worst, rank

# name, published composite index, SO2, NO2, PM10, PM2.5 (µg/m³), CO (mg/m³), O3 8h (µg/m³)
NINGXIA_2022_11 = [
    # 宁夏回族自治区生态环境厅《2022年11月宁夏5市及宁东城市环境空气质量状况》(2023-01-11),
    # https://sthjt.nx.gov.cn/hjzl/dqhjzl/cskqzl/202301/t20230111_3910841.html
    # (table columns: 综合指数, 优良天数%, PM10, PM2.5, SO2, NO2, CO, O3-8H, 主要污染物 = PM10 for every row)
    ("银川市", "4.64", "16", "44", "89", "42", "1.2", "80"),
    ("石嘴山市", "4.75", "22", "39", "94", "42", "1.4", "81"),
    ("吴忠市", "4.37", "16", "31", "96", "41", "1.0", "85"),
    ("固原市", "3.18", "6", "22", "72", "28", "0.9", "77"),
    ("中卫市", "4.32", "10", "29", "112", "41", "0.6", "82"),
    ("宁东基地", "4.16", "19", "37", "89", "28", "1.0", "96"),
    ("全区（不含宁东基地）", "4.25", "14", "33", "93", "39", "1.0", "81"),
]
HEYUAN_2023_10 = [
    # 河源市《河源市城市环境空气质量状况（2023年10月）》, 表1 2023年10月各县区环境空气质量及排名情况, and the
    # city figure in its text ("我市环境空气质量综合指数为2.4"), heyuan.gov.cn zwgk/ggqsydwxx/hjbh post_580896,
    # read at the mirror https://e8883.com/zwgk/ggqsydwxx/hjbh/content/post_580896.html
    ("河源市", "2.4", "6", "13", "33", "22", "0.8", "108"),
    ("东源县", "2.09", "10", "11", "25", "14", "0.7", "112"),
    ("和平县", "2.81", "7", "19", "37", "24", "1", "118"),
    ("连平县", "2.12", "8", "11", "25", "18", "0.8", "102"),
    ("龙川县", "2.01", "6", "8", "29", "16", "0.8", "102"),
    ("紫金县", "1.87", "6", "7", "24", "15", "0.9", "96"),
    ("源城区", "2.44", "6", "15", "32", "22", "0.8", "107"),
]
HEYUAN_2023_10_RANKS = {"东源县": 3, "和平县": 6, "连平县": 4, "龙川县": 2, "紫金县": 1, "源城区": 5}
HEYUAN_2024_03 = [
    # 河源市《河源市城市环境空气质量状况（2024年3月）》(2024-04-17),
    # http://www.heyuan.gov.cn/zwgk/ggqsydwxx/hjbh/content/post_602608.html (表1; 源城区's row is cut off in the
    # copy we read, so it is not used)
    ("河源市", "2.62", "6", "14", "40", "23", "1.0", "110"),
    ("东源县", "2.40", "8", "18", "35", "13", "1.1", "107"),
    ("和平县", "2.73", "6", "19", "44", "20", "1.2", "104"),
    ("连平县", "2.32", "6", "15", "30", "19", "0.9", "104"),
    ("龙川县", "2.12", "7", "13", "34", "15", "1.0", "82"),
    ("紫金县", "2.07", "6", "9", "29", "17", "1.0", "96"),
]
HEYUAN_2023_01 = [
    # 河源市《河源市城市环境空气质量状况（2023年1月）》(2023-02-21), heyuan.gov.cn zwgk/ggqsydwxx/hjbh post_580887,
    # read at the mirror http://www.sy824.com/zwgk/ggqsydwxx/hjbh/content/post_580887.html (表1; the release
    # ranks 东源县 and 紫金县 "1(并列)" and 连平县 2: dense numbering)
    ("河源市", "2.84", "5", "14", "48", "30", "1", "98"),
    ("东源县", "2.5", "8", "8", "38", "27", "1", "98"),
    ("和平县", "3.13", "9", "17", "49", "36", "0.9", "98"),
    ("连平县", "2.58", "7", "13", "41", "27", "0.8", "93"),
    ("龙川县", "2.66", "6", "13", "42", "29", "0.9", "94"),
    ("紫金县", "2.5", "7", "7", "39", "28", "1.2", "86"),
    ("源城区", "2.75", "5", "15", "45", "29", "0.9", "96"),
]
HEYUAN_2023_01_RANKS = {"东源县": 1, "和平县": 5, "连平县": 2, "龙川县": 3, "紫金县": 1, "源城区": 4}
OTHERS = [
    # 河源市《河源市城市环境空气质量状况（2022年2月）》(2022-03-25), 市区, heyuan.gov.cn zwgk/zdlyxx/hjbh/kqhjxx
    # post_488941, read at the mirror http://www.debanghlw.com/zwgk/zdlyxx/hjbh/kqhjxx/content/post_488941.html
    # (NO2 13/40 = 0.325 and CO 0.9/4 = 0.225 round half-even to 0.32 and 0.22: 1.73, half-up would give 1.75)
    ("河源市区 2022-02", "1.73", "3", "13", "16", "13", "0.9", "87"),
    # 河源市《河源市環境空氣質量狀況（2021年1月）》(2021-03-09), 市区 ("綜合指數為4"), heyuan.gov.cn
    # zwgk/zdlyxx/hjbh/kqhjxx post_423769, read at the mirror
    # http://www.sy824.com/zwgk/zdlyxx/hjbh/kqhjxx/content/post_423769.html
    ("河源市区 2021-01", "4", "10", "33", "63", "36", "1.1", "128"),
    # 婺源县人民政府, 2023年9月环境空气质量, http://www.wuyuan.gov.cn/hjbh/44700.html ("空气质量综合指数为2.63")
    ("婺源县 2023-09", "2.63", "11", "16", "40", "16", "0.6", "139"),
    # 普宁市人民政府《2025年空气环境信息》(2026-02-02), "综合环境质量指数为2.75",
    # http://www.puning.gov.cn/zdlyxxgk/hjbhxxgk/kqhjxx/content/post_1001670.html
    ("普宁市 2025", "2.75", "6", "12", "51", "19", "0.9", "137"),
    # 奈曼旗 first-quarter city air-quality table (综合质量指数 3.14, "按HJ663-2013计算"),
    # https://swgk.naimanyun.cn/front/information/157729
    ("奈曼旗 1-3月", "3.14", "9", "14", "77", "23", "1.1", "96"),
    # 淄博市文昌湖区安全生产监管和环境保护局《2023年5月份环境空气质量情况通报》(2023-06-20), 全市 ("全市综合指数为
    # 4.03"), http://www.sdwenchanghu.gov.cn/gongkai/site_wchqaqscjghhjbhj/channel_c_5f9f6ab8c69c9a8abe96818f_n_1605682744.4951/doc_64a22924527a1572e86adebd.html
    ("淄博市 2023-05", "4.03", "12", "27", "65", "29", "0.8", "191"),
]
PUBLISHED = NINGXIA_2022_11 + HEYUAN_2023_10 + HEYUAN_2024_03 + HEYUAN_2023_01 + OTHERS


def _stats(row):
    return dict(zip(POLLUTANTS, row[2:]))


def test_there_are_at_least_twenty_published_vectors():
    assert len(PUBLISHED) == 33


@pytest.mark.parametrize("row", PUBLISHED, ids=[r[0] for r in PUBLISHED])
def test_published_composite_index_to_the_digit(row):
    result = composite_index(_stats(row), "2012")
    assert result.composite == Decimal(row[1])


def test_rounding_once_at_the_end_misses_published_figures():
    """The former rule (exact sum of Ci/Si, rounded once) against the same 33
    figures: it reproduces only 19; per-term rounding reproduces all."""
    def once(row):
        lim = LIMITS["2012"]
        total = sum(to_fraction(v) / lim[POLLUTANTS[p][0]] for p, v in _stats(row).items())
        return round_half_even(total, 2)

    assert sum(once(r) == Decimal(r[1]) for r in PUBLISHED) == 19
    assert once(OTHERS[0]) == Decimal("1.74")  # 河源市区 2022-02, published 1.73


def test_single_indices_round_half_even():
    assert single_index("no2", "13") == Decimal("0.32")   # 0.325
    assert single_index("co", "0.9") == Decimal("0.22")   # 0.225
    assert single_index("pm25", "42") == Decimal("1.20")
    # statistics are first taken at their reporting precision (GB/T 8170)
    assert single_index("pm25", "42.5") == single_index("pm25", "42")
    assert single_index("co", "1.25") == single_index("co", "1.2")


def test_primary_pollutant_of_the_index_as_published():
    # Ningxia 2022-11 lists 主要污染物 PM10 for every row
    for row in NINGXIA_2022_11:
        assert primary_label(composite_index(_stats(row)).primary) == "PM10", row[0]


def test_primary_pollutant_ties_are_all_named():
    r = composite_index(dict(so2=6, no2=14, pm10=36, pm25=18, co=0.5, o3_8h=82))
    assert r.indices["pm10"] == r.indices["pm25"] == Decimal("0.51") == r.indices["o3_8h"]
    assert r.primary == ("pm10", "pm25", "o3_8h")


def test_published_ranks_of_counties():
    names = [r[0] for r in HEYUAN_2023_10[1:]]
    values = [composite_index(_stats(r)).composite for r in HEYUAN_2023_10[1:]]
    assert dict(zip(names, rank(values))) == HEYUAN_2023_10_RANKS
    names = [r[0] for r in HEYUAN_2023_01[1:]]
    values = [composite_index(_stats(r)).composite for r in HEYUAN_2023_01[1:]]
    assert dict(zip(names, rank(values, ties="dense"))) == HEYUAN_2023_01_RANKS
    assert dict(zip(names, rank(values)))["连平县"] == 3  # competition numbering skips after the tie


# 广东省生态环境厅《广东省城市环境空气质量状况（2017年8月）》表1: 环境空气综合质量指数 and 排名 of the 21 cities,
# read at the mirror http://www.hnltkj.com.cn/heyi17-News-382026 (河源 and 江门 share 10th, 深圳 is 12th)
GUANGDONG_2017_08 = {
    "广州": ("3.61", 20), "深圳": ("2.93", 12), "珠海": ("2.38", 5), "汕头": ("2.63", 6), "佛山": ("3.3", 17),
    "韶关": ("3.55", 18), "河源": ("2.88", 10), "梅州": ("2.82", 8), "惠州": ("2.97", 14), "汕尾": ("2.09", 3),
    "东莞": ("3.57", 19), "中山": ("2.81", 7), "江门": ("2.88", 10), "阳江": ("2.13", 4), "湛江": ("2", 1),
    "茂名": ("2.07", 2), "肇庆": ("3.18", 16), "清远": ("3.95", 21), "潮州": ("3.1", 15), "揭阳": ("2.87", 9),
    "云浮": ("2.96", 13),
}
# 河源市《河源市環境空氣質量狀況（2021年1月）》表1 (mirror address above): 綜合指數 and 排名
HEYUAN_2021_01 = {"源城區": ("4", 6), "江東新區": ("3.37", 4), "東源縣": ("3.64", 5), "龍川縣": ("3.14", 3),
                  "和平縣": ("4.24", 7), "連平縣": ("3.03", 2), "紫金縣": ("2.96", 1)}


@pytest.mark.parametrize("table", [GUANGDONG_2017_08, HEYUAN_2021_01])
def test_published_ranks_ties_share_and_skip(table):
    names = list(table)
    assert rank([Decimal(table[n][0]) for n in names]) == [table[n][1] for n in names]


def test_best_and_worst_lists_include_ties_at_the_cut():
    names = list(GUANGDONG_2017_08)
    values = [Decimal(GUANGDONG_2017_08[n][0]) for n in names]
    best, worst = best_and_worst(names, values, n=10)
    assert len(best) == 11 and {"河源", "江门"} <= set(best)  # both 10th
    assert best[0] == "湛江" and worst[0] == "清远" and len(worst) == 10
    best, worst = best_and_worst(names, values, n=11)
    assert len(best) == 11
    # a tie at the bottom end: ranks counted from the worst
    best, worst = best_and_worst(["a", "b", "c", "d"], [1, 2, 3, 3], n=1)
    assert best == ["a"] and sorted(worst) == ["c", "d"]


def test_change_rate_as_published():
    # 婺源县 2023-09: "空气质量综合指数为2.63，较上年同期下降9.0%（上年同期为2.89）" (source above)
    assert change_rate("2.63", "2.89") == Decimal("-9.0")
    assert change_rate("3", "3") == Decimal("0.0")
    assert change_rate("3", "0") is None
    # improvement rank: most negative first
    assert rank([Decimal("-9.0"), Decimal("2.1"), Decimal("-12.5")]) == [2, 3, 1]


def test_rules_by_date_and_2026_limits():
    from datetime import date

    assert rule_for(date(2026, 2, 28)) == "2018" and rule_for(date(2026, 3, 31)) == "2026"
    assert limit_set_for("2018", date(2026, 3, 31)) == "2012"
    assert limit_set_for("2026", date(2026, 3, 31)) == "2026"
    assert limit_set_for("2026", date(2031, 1, 31)) == "2026-final"
    assert limit_set_for("2026", date(2025, 1, 31)) == "2026"
    # GB 3095-2026 transition limits: PM2.5 30, PM10 60 (reference page images)
    assert single_index("pm25", 30, "2026") == Decimal("1.00") and single_index("pm10", 60, "2026") == Decimal("1.00")
    r = composite_index(_stats(NINGXIA_2022_11[0]), "2026")
    assert r.indices["pm25"] == Decimal("1.40") and r.indices["pm10"] == Decimal("1.48")


def test_weighted_option_is_explicit():
    stats = _stats(NINGXIA_2022_11[0])
    equal = composite_index(stats)
    weighted = composite_index(stats, weights="pm25x3-no2x2-o3x2")
    i = equal.indices
    assert weighted.composite == equal.composite + 2 * i["pm25"] + i["no2"] + i["o3_8h"]


def test_previous_year_keeps_month_ends():
    from datetime import date

    assert previous_year(date(2024, 1, 1), date(2024, 2, 29)) == (date(2023, 1, 1), date(2023, 2, 28))
    assert previous_year(date(2023, 1, 1), date(2023, 2, 28)) == (date(2022, 1, 1), date(2022, 2, 28))
    assert previous_year(date(2025, 3, 1), date(2025, 3, 15)) == (date(2024, 3, 1), date(2024, 3, 15))


def test_change_lists_leave_attaining_cities_out_of_the_worsening_list():
    from ducha.standards.air_rank import attains, change_lists

    names = ["a", "b", "c", "d", "e"]
    changes = [Decimal("-9.0"), Decimal("-2.0"), Decimal("3.0"), Decimal("5.0"), None]
    improved, worsened = change_lists(names, changes, [False, False, False, True, False], n=10)
    assert improved == ["a", "b"] and worsened == ["c"]  # d worsened but attains every standard
    improved, _ = change_lists(names, changes, [False] * 5, n=1)
    assert improved == ["a"]
    # attainment read from the single indices: 宁夏 银川市 2022-11 (PM10 1.27) does not attain, a clean city does
    assert not attains(composite_index(_stats(NINGXIA_2022_11[0])))
    assert attains(composite_index(dict(so2=6, no2=40, pm10=70, pm25=35, co=4, o3_8h=160)))
