import datetime as dt
from decimal import Decimal

from ducha.cases.reading.numbers import parse_number
from ducha.cases.reading.values import count_of, map_types, split_types, verdict_of, yuan_of


def test_new_form_number_parsed_and_key_star_taken_off():
    n = parse_number("D3ZJ202406110042*")
    assert (n.raw, n.number, n.is_key) == ("D3ZJ202406110042*", "D3ZJ202406110042", True)
    assert (n.channel, n.round, n.province, n.date, n.serial) == ("D", 3, "ZJ", dt.date(2024, 6, 11), "0042")


def test_old_six_digit_code_form():
    n = parse_number("X330000201806150031")
    assert (n.channel, n.round, n.province, n.date, n.serial) == ("X", None, "330000", dt.date(2018, 6, 15), "0031")
    assert not n.is_key


def test_unknown_forms_kept_verbatim():
    for raw in ("访受〔2021〕0601007号", "17", "D3ZJ202413450042"):  # the last has no valid date
        n = parse_number(raw)
        assert n.number == raw and n.channel == "" and n.date is None


def test_verdicts_normalised_and_unknown_refused():
    assert [verdict_of(v) for v in ("属实", "基本属实 ", "部分属实", "不属实", "是", "否", "")] == [
        "true", "mostly", "partly", "false", "true", "false", ""]
    assert verdict_of("待核实") is None


def test_types_split_and_mapped_keeping_unknown_as_fallback():
    words = split_types("扬尘、噪声/餐饮油烟污染\n其它污染")
    assert words == ["扬尘", "噪声", "餐饮油烟污染", "其它污染"]
    aliases = {"大气": "air", "扬尘": "air", "油烟": "air", "噪声": "noise", "其他": "other"}
    assert map_types(words, aliases, "other") == ["air", "noise", "other"]


def test_counts_and_fines_are_exact():
    assert count_of("3家") == 3 and count_of("") == 0 and count_of("2人次") == 2 and count_of("若干") is None
    assert yuan_of("1.5万元") == Decimal("15000.00")
    assert yuan_of("12,000.50") == Decimal("12000.50")
    assert yuan_of("2.35", default_unit="万元") == Decimal("23500.00")
    assert yuan_of(0.1) == Decimal("0.10") and yuan_of("约五万") is None
