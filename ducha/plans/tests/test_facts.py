"""Title, issuer and date, from the header, the web page fields or the signature block."""

from ducha.plans.reading import parse_text


def _facts(text):
    r = parse_text(text)
    return r["title"], r["issuer"], r["date"]


def test_signature_block_with_arabic_dateline():
    text = "某某市生态环境保护督察整改方案\n一、目标\n完成整改。\n中共某某市委办公室\n2021年9月30日"
    assert _facts(text) == ("某某市生态环境保护督察整改方案", "中共某某市委办公室", "2021-09-30")


def test_signature_block_with_chinese_dateline():
    text = "某某县督察整改方案\n一、目标\n完成整改。\n某某县人民政府\n二〇二一年九月三十日"
    assert _facts(text) == ("某某县督察整改方案", "某某县人民政府", "2021-09-30")


def test_web_page_fields():
    text = "某某市整改方案\n  • 日期: 2021-10-27 11:30\n  • 来源: 某某市生态环境局\n  • 浏览次数: 35\n正文。"
    assert _facts(text) == ("某某市整改方案", "某某市生态环境局", "2021-10-27")


def test_formal_fields_win_over_the_web_page_date():
    text = ("某某市整改方案\n索 引 号: 011/ 主题分类: 环境保护     发文日期: 2017年08月03日\n"
            "发布机构: 市环保局 文       号:\n发布时间：2017-08-10\n正文。")
    assert _facts(text) == ("某某市整改方案", "市环保局", "2017-08-03")


def test_a_paragraph_is_not_a_title():
    assert _facts("2020年是收官之年，是决胜之年。\n主要目标是：完成任务。") == (None, None, None)


def test_traditional_document():
    text = "某某縣環境保護督察整改方案\n發布時間：2022年3月1日\n來源：某某縣環境保護局\n正文。"
    assert _facts(text) == ("某某县环境保护督察整改方案", "某某县环境保护局", "2022-03-01")


def test_document_number_above_the_title():
    text = "丽政办发〔2021〕45号\n丽水市人民政府办公室关于印发某某整改方案的通知\n各县（市、区）人民政府：\n现印发给你们。"
    assert _facts(text)[0] == "丽水市人民政府办公室关于印发某某整改方案的通知"
