from ducha.cases.reading.areas import AreaMatcher, short_name

LISHUI = [("330000", "浙江省", None, 1), ("331100", "丽水市", "330000", 2), ("331102", "莲都区", "331100", 3),
          ("331127", "景宁畲族自治县", "331100", 3), ("331122", "缙云县", "331100", 3),
          ("330100", "杭州市", "330000", 2), ("330102", "上城区", "330100", 3),
          ("320000", "江苏省", None, 1), ("320100", "南京市", "320000", 2), ("320102", "玄武区", "320100", 3)]


def test_short_names():
    assert [short_name(n) for n in ("莲都区", "景宁畲族自治县", "丽水市", "浙江省", "城区")] == [
        "莲都", "景宁", "丽水", "浙江", ""]


def test_variants_with_and_without_city_and_suffix():
    m = AreaMatcher(LISHUI)
    for text in ("莲都区", "丽水市莲都区", "丽水莲都区", "莲都", "浙江省丽水市莲都区南明山街道", "丽水市 莲都区"):
        assert m.match(text).code == "331102", text
    assert m.match("景宁县").code == "331127"
    assert m.match("丽水市").code == "331100"


def test_two_counties_go_to_their_city_and_zone_is_kept():
    m = AreaMatcher(LISHUI)
    assert m.match("莲都区、缙云县").code == "331100"
    zone = m.match("丽水经济技术开发区")
    assert (zone.code, zone.zone) == ("331100", "经济技术开发区")
    assert m.match("经开区") .code is None and m.match("经开区").zone == "经开区"


def test_unknown_place_matches_nothing():
    assert AreaMatcher(LISHUI).match("某某镇").code is None
