"""A plan excerpt (real sentences from the 丽水 and 天门 plans, with the task
lines such plans carry) and the parse the reader gives for it, for tests that
must not depend on the reader."""

import pytest

TEXT = """丽水市贯彻落实第二轮中央生态环境保护督察报告整改方案
三、工作目标
（二）生态环境质量持续领跑。2021年，市区PM2.5平均浓度低于24微克/立方米，空气质量优良天数比例保持在97%以上。
四、整改措施
（一）强化大气污染防治
1.推进挥发性有机物污染治理。2022年6月底前全面完成加油站、储油库、油罐车油气回收治理任务。责任单位：丽水市生态环境局（牵头）、市发改委、莲都区人民政府。
2.强化饮用水水源环境保护。立行立改，排查整治饮用水水源地保护区内的排污口。责任单位：莲都区政府、丽水市生态环境局。
（二）健全长效机制
1.加强环境保护督察和“回头看”。长期坚持，每年开展一次市级环境保护督察。责任单位：丽水市生态环境保护督察整改工作领导小组办公室。
"""

UNITS_1 = "责任单位：丽水市生态环境局（牵头）、市发改委、莲都区人民政府。"
UNITS_2 = "责任单位：莲都区政府、丽水市生态环境局。"
UNITS_3 = "责任单位：丽水市生态环境保护督察整改工作领导小组办公室。"
PM25 = "2021年，市区PM2.5平均浓度低于24微克/立方米，空气质量优良天数比例保持在97%以上。"


def _section(level, marker, heading):
    line = next(i for i, text in enumerate(TEXT.split("\n"), 1) if text.startswith(marker + heading))
    return {"level": level, "marker": marker, "heading": heading, "line": line}


PARSE = {
    "source": {"format": "txt", "script": "simplified", "repairs": []},
    "title": "丽水市贯彻落实第二轮中央生态环境保护督察报告整改方案",
    "issuer": "中共丽水市委 丽水市人民政府",
    "date": "2021-09-30",
    "sections": [
        _section(1, "三、", "工作目标"),
        _section(2, "（二）", "生态环境质量持续领跑"),
        _section(1, "四、", "整改措施"),
        _section(2, "（一）", "强化大气污染防治"),
        _section(3, "1.", "推进挥发性有机物污染治理"),
        _section(3, "2.", "强化饮用水水源环境保护"),
        _section(2, "（二）", "健全长效机制"),
        _section(3, "1.", "加强环境保护督察和“回头看”"),
    ],
    "targets": [
        {"indicator": "pm25_mean", "name": "PM2.5平均浓度", "comparator": "<", "value": "24",
         "unit": "微克/立方米", "year": 2021, "region": "市区", "kind": "target", "text": PM25},
        {"indicator": "good_days_ratio", "name": "空气质量优良天数比例", "comparator": ">=", "value": "97",
         "unit": "%", "year": 2021, "region": "", "kind": "target", "text": PM25},
    ],
    "deadlines": [
        {"date": "2022-06-30", "text": "2022年6月底前全面完成加油站、储油库、油罐车油气回收治理任务。"},
    ],
    "counts": [],
    "units": [
        {"name": "丽水市生态环境局", "role": "lead", "text": UNITS_1},
        {"name": "市发改委", "role": "responsible", "text": UNITS_1},
        {"name": "莲都区人民政府", "role": "responsible", "text": UNITS_1},
        {"name": "莲都区政府", "role": "responsible", "text": UNITS_2},
        {"name": "丽水市生态环境局", "role": "responsible", "text": UNITS_2},
        {"name": "丽水市生态环境保护督察整改工作领导小组办公室", "role": "responsible", "text": UNITS_3},
    ],
}


@pytest.fixture
def reader(monkeypatch, settings, tmp_path):
    """Uploads store under a temporary MEDIA_ROOT and read as TEXT / PARSE."""
    from ducha.plans import services

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(services, "read_document", lambda data, filename: (TEXT, PARSE))


@pytest.fixture
def document(world, reader):
    """The sample uploaded by 丽水市's coordinator, items proposed, nothing decided."""
    from ducha.plans import services

    return services.upload_document(acting_user=world.users["coord"], division=world.div["ls"],
                                    filename="整改方案.docx", data=b"plan bytes")
