"""One spelling for pollutants and quantities on the quality pages."""

from decimal import Decimal

from ducha.quality.display import pollutants, quantity


def test_pollutants_take_subscripts_only_as_whole_names():
    assert pollutants("细颗粒物(PM2.5)和臭氧(O3)，PM10、NO2、SO2、CO") == "细颗粒物(PM₂.₅)和臭氧(O₃)，PM₁₀、NO₂、SO₂、CO"
    assert pollutants("O3_8h") == "O₃_8h"
    assert pollutants("PM100 NO23 CO2 ISO3166") == "PM100 NO23 CO2 ISO3166"
    assert pollutants(None) == ""


def test_a_quantity_is_number_space_unit_but_a_percentage_is_attached():
    assert quantity("24", "微克/立方米") == "24 微克/立方米"
    assert quantity(Decimal("24.0"), "μg/m³") == "24 微克/立方米"
    assert quantity(Decimal("1E+2"), "%") == "100%"
    assert quantity("0", "个") == "0 个"
    assert quantity("7.5", "") == "7.5"
    assert quantity("", "%") == "" and quantity(None, "个") == ""
