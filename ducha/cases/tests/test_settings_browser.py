"""案件设置 in Debian's chromium (Playwright): the coordinator makes a routing rule on a 390 px phone, finding
the unit by typing part of its name, and the next imported batch is routed by it; the page fits 1366 px."""

import datetime as dt

import pytest

from ducha.cases.importing import import_batch
from ducha.cases.models import Case, RoutingRule, Routing

from .tables import STANDARD, xlsx
from .test_cases_browser import no_sideways_scroll

pytestmark = pytest.mark.browser


def test_a_rule_made_on_a_phone_routes_the_next_batch(logged_in_tab, transactional_db, live_server, world,
                                                      inspection):
    base = live_server.url
    tab = logged_in_tab(390, 844, user="coord")
    tab.goto(f"{base}/cases/")
    tab.click("#case-settings")
    tab.wait_for_selector("#rules")
    no_sideways_scroll(tab)
    tab.click("#add-rule")
    tab.wait_for_selector("#settings-form")
    tab.fill("#id_division_search", "莲都")
    tab.select_option("#id_division", str(world.div["ld"].pk))
    # Units of another county disappear once 莲都区 is chosen; typing narrows further.
    assert tab.locator(f"#id_lead_unit option[value='{world.units['qt_gov'].pk}']").is_hidden()
    tab.fill("#id_lead_unit_search", "人民政府")
    visible = tab.eval_on_selector_all("#id_lead_unit option", "os => os.filter(o => !o.hidden && o.value)"
                                                               ".map(o => o.text)")
    assert visible == ["莲都区人民政府 · 莲都区"]
    tab.select_option("#id_lead_unit", str(world.units["ld_gov"].pk))
    tab.fill("#id_co_units_search", "分局")
    tab.select_option("#id_co_units", [str(world.units["ld_eco"].pk)])
    no_sideways_scroll(tab)
    tab.click("#settings-save")
    tab.wait_for_selector("text=已新建分办规则。")
    no_sideways_scroll(tab)
    rule = RoutingRule.objects.get()
    assert "莲都区人民政府" in tab.inner_text(f"tr[data-rule-id='{rule.pk}']")

    import_batch(acting_user=world.users["coord"], inspection=inspection, batch_number=1, file=xlsx(STANDARD),
                 transferred_on=dt.date(2024, 6, 11), dry_run=False)
    case = Case.objects.get(number="D3ZJ202406110042")
    assert case.routing == Routing.PROPOSED and case.lead_unit == world.units["ld_gov"]
    assert list(case.co_units.all()) == [world.units["ld_eco"]]

    desk = logged_in_tab(1366, 900, user="coord")
    desk.goto(f"{base}/cases/settings/")
    no_sideways_scroll(desk)
    assert desk.locator("#rule-table thead").is_visible()
