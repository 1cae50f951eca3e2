"""Text repair: script, bad conversions, widths, pollutant names, web page furniture."""

import opencc
import pytest

from ducha.plans.reading import normalize, parse_text
from ducha.plans.reading.normalize import detect_script


def test_taiwan_phrasing_becomes_mainland_words_not_only_characters():
    clean, repairs = normalize("推動高品質發展，加強資訊公開，發展迴圈經濟，建立環境品質監測網路。")
    assert clean == "推动高质量发展，加强信息公开，发展循环经济，建立环境质量监测网络。"
    assert repairs[:2] == ["traditional_to_simplified", "taiwan_phrasing"]


def test_mainland_traditional_keeps_mainland_words():
    # No Taiwan phrasing: characters only, so 程序 and 資料審核 keep their meaning.
    clean, repairs = normalize("嚴格履行法定程序，做好資料審核和現場核查。")
    assert clean == "严格履行法定程序，做好资料审核和现场核查。"
    assert "taiwan_phrasing" not in repairs


def test_words_both_sides_share_survive_the_taiwan_dictionary():
    clean, _ = normalize("建立健全考核指標體系，以改善環境品質為核心。")
    assert clean == "建立健全考核指标体系，以改善环境质量为核心。"


@pytest.mark.parametrize("text, script", [
    ("市区PM2.5平均浓度低于24微克/立方米", "simplified"),
    ("市區PM2.5平均濃度低於24微克/立方米", "traditional"),
    ("生態環境保護督察整改方案，市区空气质量优良天数比例", "mixed"),
    ("PM2.5 24", "simplified"),
])
def test_script_detection(text, script):
    assert detect_script(text) == script


def test_pinyin_left_by_a_broken_conversion_is_removed():
    clean, repairs = normalize("新疆維吾爾自治區(qū)黨委(dǎng wěi)高度重視環(huán)境保護")
    assert clean == "新疆维吾尔自治区党委高度重视环境保护"
    assert "pinyin_brackets" in repairs


@pytest.mark.parametrize("text, expected", [
    ("（一）坚持问题导向", "（一）坚持问题导向"),
    ("《实施办法(试行)》", "《实施办法（试行）》"),
    ("细颗粒物(PM2.5)浓度", "细颗粒物（PM2.5）浓度"),
    ("生态环境保护规划(2021—2025年)", "生态环境保护规划（2021—2025年）"),
    ("臭氧(O3)和二氧化氮(NO2)", "臭氧（O3）和二氧化氮（NO2）"),
    ("单位(家)", "单位（家）"),
])
def test_brackets_that_are_content_are_kept(text, expected):
    clean, repairs = normalize(text)
    assert clean == expected
    assert "pinyin_brackets" not in repairs


@pytest.mark.parametrize("spelling", ["PM₂.₅", "PM2.5", "PM 2.5", "PM2．5", "ＰＭ２．５", "pm2.5"])
def test_every_spelling_of_pm25_is_the_same(spelling):
    clean, _ = normalize(f"市区{spelling}平均浓度低于24微克/立方米")
    assert clean == "市区PM2.5平均浓度低于24微克/立方米"


def test_full_width_digits_and_half_width_chinese_punctuation():
    clean, repairs = normalize("２０２１年,优良天数比例达到９７．２％;完成整改:12项")
    assert clean == "2021年，优良天数比例达到97.2%；完成整改：12项"
    assert {"fullwidth_digits", "punctuation"} <= set(repairs)


def test_thousands_separator_and_clock_time_are_not_chinese_punctuation():
    clean, _ = normalize("日期: 2021-10-27 11:30\n罚款1,200万元")
    assert clean == "日期：2021-10-27 11:30\n罚款1,200万元"


def test_web_page_furniture_is_removed_and_source_lines_kept():
    page = """某某市整改方案
  • 发布时间: 2021-10-27 11:30  来源: 某某市生态环境局  浏览次数: 1234
  • 字体:[大 中 小]
分享到：微信 微博
正文第一段。
上一篇：关于某某的通知
下一篇：关于某某的公告
【打印本页】【关闭窗口】
打印 关闭
友情链接
首页 关于我们 网站声明 网站地图 联系我们
主办单位：某某市人民政府办公室
浙ICP备05005537号-1
浙公网安备 33110202000123号
Copyright 2021 www.example.gov.cn All Rights Reserved"""
    clean, repairs = normalize(page)
    assert clean == "某某市整改方案\n发布时间：2021-10-27 11:30  来源：某某市生态环境局\n正文第一段。"
    assert "boilerplate" in repairs


def test_spaces_inside_chinese_and_field_labels_close_up():
    clean, _ = normalize("索 引 号: 01139288x/\n文       号:\n　　2020 年是收官之年。")
    assert clean == "索引号：01139288x/\n文号：\n2020年是收官之年。"


def test_normalizing_twice_changes_nothing():
    text = opencc.OpenCC("s2twp").convert("一、工作目标\n到2025年，全市PM2.5平均浓度降至25微克/立方米，资讯公开。")
    once, _ = normalize(text)
    twice, repairs = normalize(once)
    assert twice == once and repairs == []


def test_text_wrapped_at_the_page_width_is_rejoined():
    import textwrap

    from ducha.plans.tests.plan_files import LISHUI

    clean, _ = normalize(LISHUI.read_text(encoding="utf-8"))
    wrapped = "\n".join(part for line in clean.split("\n") for part in textwrap.wrap(line, 38))
    rejoined, repairs = normalize(wrapped)
    assert "line_joins" in repairs
    assert rejoined == clean


def test_short_unfinished_lines_are_not_joined():
    text = "一、工作目标\n（一）空气质量\n全市PM2.5平均浓度低于30微克/立方米。\n（二）水环境质量\n断面水质保持Ⅱ类。"
    clean, repairs = normalize(text)
    assert clean == text and "line_joins" not in repairs


SENTENCE = "一、工作目标\n市区PM2.5平均浓度低于24微克/立方米，空气质量优良天数比例保持在97%以上。"


def test_utf8_read_as_latin1_is_read_again():
    clean, repairs = normalize(SENTENCE.encode("utf-8").decode("latin-1"))
    assert clean == SENTENCE and repairs == ["mojibake"]


def test_utf8_read_as_gbk_is_read_again_losing_only_unmappable_characters():
    damaged = SENTENCE.encode("utf-8").decode("gb18030", errors="replace")
    clean, repairs = normalize(damaged)
    assert repairs[0] == "mojibake"
    assert "市区PM2.5平均浓度低于24微克/立方米" in clean
    assert parse_text(damaged)["targets"][0]["value"] == "24"


def test_html_entities():
    clean, repairs = normalize("践行&ldquo;两山&rdquo;理念&nbsp;，PM2.5&lt;35")
    assert clean == "践行“两山”理念，PM2.5<35"
    assert "html_entities" in repairs


def test_latin_text_is_left_alone():
    assert normalize("ISO 14001认证，Café résumé")[0] == "ISO 14001认证，Café résumé"


def test_prose_that_looks_like_furniture_stays():
    text = "支持老字号企业绿色转型，政务网站访问量逐年上升，利用高分辨率卫星遥感监测，深化政务公开和办事服务。"
    assert normalize(text) == (text, [])


@pytest.mark.parametrize("furniture", ["字体:[ ]", "【字体：大 中 小】", "字号：大 中 小", "字体 [大 中 小]", "[字体: 大]"])
def test_font_size_switches_go(furniture):
    clean, repairs = normalize(f"正文。\n{furniture}")
    assert clean == "正文。" and "boilerplate" in repairs


@pytest.mark.parametrize("text, expected", [
    ("環(huan)境", "环境"),
    ("自治區(zi zhi qu)", "自治区"),
    ("区(qu1)", "区"),
    ("生态环境部(mee)", "生态环境部（mee）"),
    ("无线网络(wifi)覆盖", "无线网络（wifi）覆盖"),
])
def test_untoned_pinyin_only_as_whole_syllables(text, expected):
    assert normalize(text)[0] == expected
