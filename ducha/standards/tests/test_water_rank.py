"""City water-quality index (CWQI): single indices, city averaging, options.

No published CWQI could be found together with the concentrations it was
computed from, so these are worked examples of the clauses cited in
`water_rank`, not published figures."""

from decimal import Decimal
from fractions import Fraction

import pytest

from ducha.standards.water_rank import CWQI_ITEMS, city_index, class3_limit, item_index


def test_the_21_items():
    assert len(CWQI_ITEMS) == 21
    assert "tn" not in CWQI_ITEMS and "fecal_coliform" not in CWQI_ITEMS
    with pytest.raises(ValueError):
        item_index("tn", "1.0")


def test_single_indices_against_class_iii():
    assert item_index("codmn", "6") == 1 and item_index("nh3n", "0.5") == Fraction(1, 2)
    assert item_index("hg", "0.00005") == Fraction(1, 2)  # class Ⅲ 0.0001
    # total phosphorus: rivers 0.2, lakes and reservoirs 0.05 (GB 3838-2002 table 1 item 7)
    assert class3_limit("tp") == Fraction(1, 5) and class3_limit("tp", "lake") == Fraction(1, 20)
    assert item_index("tp", "0.1", "river") == Fraction(1, 2) and item_index("tp", "0.1", "reservoir") == 2


def test_dissolved_oxygen_is_the_reciprocal():
    assert item_index("do", "5") == 1 and item_index("do", "10") == Fraction(1, 2) and item_index("do", "2.5") == 2
    with pytest.raises(ValueError):
        item_index("do", "0")


def test_ph_by_its_own_formula():
    assert item_index("ph", "7") == 0
    assert item_index("ph", "6") == 1 and item_index("ph", "6.5") == Fraction(1, 2)
    assert item_index("ph", "9") == 1 and item_index("ph", "8") == Fraction(1, 2)


def test_city_index_averages_concentrations_then_indexes():
    sections = [({"do": Decimal("4"), "codmn": Decimal("3")}, "river"), ({"do": Decimal("6"), "codmn": None}, "river")]
    ix = city_index(sections)
    assert ix.items == {"do": 1, "codmn": Fraction(1, 2)}  # DO mean 5 -> 1; CODMn only where measured
    assert ix.reported() == Decimal("1.5000") and ix.sections == 2
    by_index = city_index(sections, averaging="index")
    assert by_index.items["do"] == (Fraction(5, 4) + Fraction(5, 6)) / 2
    assert by_index.reported(2) == Decimal("1.54")
    with pytest.raises(ValueError):
        city_index(sections, averaging="median")


def test_mixed_river_and_lake_phosphorus():
    sections = [({"tp": Decimal("0.1")}, "river"), ({"tp": Decimal("0.05")}, "lake")]
    assert city_index(sections).items["tp"] == (Fraction(1, 2) + 1) / 2
