from ducha.jurisdictions.divisions_data import load_rows
from ducha.jurisdictions.models import Division
from ducha.jurisdictions.services import load_divisions


def test_dataset_is_complete_and_hierarchical():
    rows = {code: (name, level, parent) for code, name, level, parent in load_rows()}
    assert len([r for r in rows.values() if r[1] == 1]) == 34
    assert rows["331100"] == ("丽水市", 2, "330000")
    assert rows["331127"][0] == "景宁畲族自治县" and rows["331127"][2] == "331100"
    # County-level city directly under the province.
    assert rows["429006"] == ("天门市", 3, "420000")
    assert len([c for c, r in rows.items() if r[2] == "331100"]) == 9


def test_load_is_idempotent(db):
    assert load_divisions(only_prefix="33") > 90
    assert load_divisions(only_prefix="33") == 0
    lishui = Division.objects.get(code="331100")
    assert lishui.counties().count() == 9
    assert Division.objects.get(code="331181").full_name == "浙江省丽水市龙泉市"
