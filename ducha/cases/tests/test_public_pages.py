import io
from urllib.parse import unquote

import openpyxl
import pytest
from django.test import Client

from ducha.cases.models import Case, Review
from ducha.text.masking import leaks

from .outward_world import PERSONAL, cases_world  # noqa: F401


@pytest.fixture
def published(cases_world):
    w = cases_world
    w.case(1, summary=PERSONAL + "某石材厂粉尘扰民", handling="已责令整改。联系人李建国，电话0578-2123456。")
    w.case(1, reviewed=False, summary="未审核：某养殖场污水直排")
    w.case(2, reviewed=False, summary="第二批未审核")
    return w


def test_index_lists_only_batches_with_reviewed_cases_without_sign_in(published):
    page = Client().get("/public/cases/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/public/cases/zj2/1/" in html and "/public/cases/zj2/2/" not in html
    assert "截至目前" in html


def test_batch_page_masks_and_hides_unreviewed(published):
    page = Client().get("/public/cases/zj2/1/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "浙江省生态环境保护督察群众信访举报转办和边督边改公开情况一览表（第一批）" in html
    assert "未审核" not in html.replace("已审核", "")
    assert "张三" not in html and "李建国" not in html and leaks(html) == []
    assert "举报人张某反映" in html and "联系人李某" in html
    assert 'name="viewport"' in html and 'id="public-cards"' in html  # phone layout
    assert Client().get("/public/cases/zj2/2/").status_code == 404
    assert Client().get("/public/cases/zj2/9223372036854775808/").status_code == 404
    assert Client().get("/public/cases/nope/1/").status_code == 404


def test_batch_download_is_the_masked_table(published):
    response = Client().get("/public/cases/zj2/1.xlsx")
    assert response.status_code == 200
    name = unquote(response["Content-Disposition"].split("''", 1)[1])
    assert name == "浙江省生态环境保护督察群众信访举报转办和边督边改公开情况一览表（第一批）.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    text = "".join(str(c.value or "") for row in sheet.iter_rows() for c in row)
    assert leaks(text) == [] and "张三" not in text and sheet.max_row == 4
    assert Client().get("/public/cases/zj2/1.pdf").status_code == 404


def test_a_case_reviewed_later_appears_under_its_batch(published):
    Case.objects.filter(summary__startswith="第二批").update(review=Review.APPROVED)
    assert Client().get("/public/cases/zj2/2/").status_code == 200


def test_the_recorded_complainant_is_masked_even_when_named_without_a_role_word(published):
    """张伟反映… names its complainant the way no pattern can find; the name and contact the office
    recorded for the case (encrypted) find it in the page and in the downloaded table."""
    from ducha.cases.actions.privacy import set_complainant

    case = published.case(1, summary="张伟反映小区旁石材厂夜间生产，张伟家窗户正对厂房。",
                          handling="已电话回复张伟（微信 zw_lishui88），群众满意。")
    set_complainant(acting_user=published.users["coord"], case=case, name="张伟", contact="zw_lishui88")
    html = Client().get("/public/cases/zj2/1/").content.decode()
    assert "张伟" not in html and "zw_lishui88" not in html
    assert "张某反映小区旁石材厂" in html and "张某家窗户" in html
    sheet = openpyxl.load_workbook(io.BytesIO(Client().get("/public/cases/zj2/1.xlsx").content)).active
    text = "".join(str(c.value or "") for row in sheet.iter_rows() for c in row)
    assert "张伟" not in text and "zw_lishui88" not in text and "张某反映" in text


def test_a_case_without_a_number_shows_a_dash_like_every_empty_cell_of_the_page(published):
    """A table without a 受理编号 column leaves its cases without one: the page says "—" there, as it does
    for any other empty cell (here the 行政区域 of a case placed nowhere), never a blank cell."""
    import re

    published.case(1, number="", number_raw="", area_text="", division=None, summary="无编号的石材厂粉尘投诉")
    html = Client().get("/public/cases/zj2/1/").content.decode()
    headers = re.findall(r'<th scope="col">(.*?)</th>', html)
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            for row in re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>", 1)[1].split("</tbody>", 1)[0], re.S)]
    (row,) = [r for r in rows if "无编号的石材厂粉尘投诉" in r]
    assert row[headers.index("受理编号")] == "—" and row[headers.index("行政区域")] == "—"
    assert "" not in row
    cards = html.split('id="public-cards"', 1)[1]
    assert "<dt>受理编号</dt><dd>—</dd>" in cards and "<dd></dd>" not in cards
    # The downloads keep an empty cell empty, as they do for every other empty cell.
    sheet = openpyxl.load_workbook(io.BytesIO(Client().get("/public/cases/zj2/1.xlsx").content)).active
    values = [[c.value for c in r] for r in sheet.iter_rows(min_row=4)]
    (cells,) = [r for r in values if "无编号的石材厂粉尘投诉" in r]
    assert cells[headers.index("受理编号")] in ("", None) and "—" not in cells


def test_the_complainants_home_address_is_not_published(published):
    """A complaint that says where its complainant lives shows the township, never the house, on the page,
    in both downloads and in Open311."""
    import docx

    published.case(1, summary="王建国反映，住址莲都区碧湖镇新街12号，屋后养殖场废水直排。",
                   investigation="经核查属实。信访人家住莲都区碧湖镇新街村3组15号。")
    html = Client().get("/public/cases/zj2/1/").content.decode()
    assert "新街" not in html and "住址莲都区碧湖镇*" in html and "屋后养殖场废水直排" in html
    sheet = openpyxl.load_workbook(io.BytesIO(Client().get("/public/cases/zj2/1.xlsx").content)).active
    assert "新街" not in "".join(str(c.value or "") for row in sheet.iter_rows() for c in row)
    document = docx.Document(io.BytesIO(Client().get("/public/cases/zj2/1.docx").content))
    assert "新街" not in "".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "新街" not in Client().get("/open311/v2/requests.json").content.decode("unicode_escape")
