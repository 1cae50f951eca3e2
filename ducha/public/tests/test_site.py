"""The public site's registry: sections appear in the nav and on the home page; bad registrations refused."""

import pytest

from ducha.public import site


def test_registered_sections_are_in_the_nav_and_on_the_home_page(client, db):
    keys = [s.key for s in site.sections()]
    assert "notices" in keys  # the sign-off app's notices
    page = client.get("/public/").content.decode()
    assert 'href="/public/notices/"' in page and 'href="/public/receipt/"' in page
    assert "login" not in page.lower()  # no staff sign-in links on the public site


@pytest.mark.parametrize("key", ["bad-key", "two words", ""])
def test_a_section_key_must_be_a_plain_identifier(key):
    with pytest.raises(ValueError):
        site.register(site.Section(key=key, label="x", urls=[], url_name="list"))


@pytest.mark.parametrize("prefix", ["yy", "Y1", "异议", ""])
def test_a_receipt_prefix_must_be_upper_case_letters(prefix):
    with pytest.raises(ValueError):
        site.register_receipt(site.ReceiptKind(prefix=prefix, label="x", lookup=lambda number: None))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/public/", "/public/cases/", "/open311/v2/services.json",
                                  "/open311/v2/requests.json"])
def test_public_pages_answer_head_requests(client, path):
    """Uptime monitors and link checkers send HEAD: answered like GET, without a body, not 405."""
    got, head = client.get(path), client.head(path)
    assert got.status_code == 200, path
    assert head.status_code == 200 and head.content == b""
    assert client.post(path).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/public/nothing/", "/public/notices/999999/", "/public/cases/nope/1/"])
def test_a_page_missing_on_the_public_site_is_answered_in_the_public_site(client, path):
    """A visitor who mistypes an address stays on the public site: its header, a way back to its home
    page, and nothing of the staff pages (整改台账, 查看范围)."""
    response = client.get(path)
    assert response.status_code == 404
    page = response.content.decode()
    assert "督察整改公开" in page and 'href="/public/"' in page and "未找到该页面" in page
    assert "整改台账" not in page and "查看范围" not in page and "/tasks/" not in page
