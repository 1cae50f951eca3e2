"""The administrator replaces the 验收意见表 / 销号申请表 templates and restores the default: the generated
documents follow; anybody else is refused; a file that is not a Word document is refused by its content."""

import io
import zipfile
from urllib.parse import unquote

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ducha.audit.models import AuditEntry
from ducha.core import docx_templates
from ducha.signoff import documents

PAGE = "signoff:document_templates"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _docx(text):
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _upload(client, kind, data, name="t.docx"):
    return client.post(reverse("signoff:document_template_upload", args=[kind]),
                       {f"{kind}-file": SimpleUploadedFile(name, data)})


def _opinion_text(client, application):
    response = client.get(reverse("signoff:document", args=[application.pk, "opinion"]))
    return "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)


@pytest.mark.parametrize("username", ["coord", "ld_officer", "supervisor"])
def test_only_an_administrator_manages_the_templates(client, world, username):
    client.force_login(world.users[username])
    assert client.get(reverse(PAGE)).status_code == 403
    assert client.get(reverse("signoff:document_template_download", args=["opinion"])).status_code == 403
    assert _upload(client, "opinion", _docx("x")).status_code == 403
    assert client.post(reverse("signoff:document_template_restore", args=["opinion"])).status_code == 403
    assert not docx_templates.is_replaced(documents.custom_template_name("opinion"))
    assert not AuditEntry.objects.filter(action__startswith="signoff.template").exists()


def test_the_page_lists_both_kinds_and_downloads_the_default(client, world):
    client.force_login(world.users["admin"])
    page = client.get(reverse(PAGE)).content.decode()
    assert "验收意见表" in page and "销号申请表" in page and page.count('data-template-state="default"') == 2
    response = client.get(reverse("signoff:document_template_download", args=["application"]))
    assert response.content == documents.DEFAULT_TEMPLATES["application"].read_bytes()
    assert unquote(response["Content-Disposition"].split("''", 1)[1]) == "销号申请表模板.docx"
    assert client.get(reverse("signoff:document_template_download", args=["other"])).status_code == 404
    menu = client.get(reverse("mywork:my_work")).content.decode()
    assert reverse(PAGE) in menu


@pytest.mark.parametrize("data, name", [
    (b"not a docx at all", "x.docx"),
    (b"PK\x03\x04 truncated archive", "x.docx"),
    (None, "x.docx"),  # a real zip, but no Word document inside
])
def test_a_file_that_is_not_a_word_document_is_refused_with_a_message(client, world, data, name):
    if data is None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("hello.txt", "hello")
        data = out.getvalue()
    client.force_login(world.users["admin"])
    response = _upload(client, "opinion", data, name)
    assert response.status_code == 400
    assert "不是有效的 Word（.docx）文件。" in response.content.decode()
    assert not docx_templates.is_replaced(documents.custom_template_name("opinion"))


def test_a_template_over_the_size_bound_is_refused(client, world):
    client.force_login(world.users["admin"])
    response = _upload(client, "application", b"PK\x03\x04" + b"0" * docx_templates.TEMPLATE_MAX)
    assert response.status_code == 400 and "模板文件过大" in response.content.decode()


def test_the_opinion_follows_the_replacement_and_the_default_comes_back(client, world, claimed, drive):
    task = drive(claimed, "signed")
    application = task.signoff_applications.get()
    client.force_login(world.users["admin"])
    assert "替换模板" not in _opinion_text(client, application)
    response = _upload(client, "opinion", _docx("替换模板 任务{{task_number}} {{opinion}}"))
    assert response.status_code == 302
    assert f"替换模板 任务{task.number} 经资料审核和现场核查，同意销号。" in _opinion_text(client, application)
    # The other kind keeps its default.
    assert not docx_templates.is_replaced(documents.custom_template_name("application"))
    page = client.get(reverse(PAGE)).content.decode()
    assert 'id="restore-opinion"' in page and 'id="restore-application"' not in page
    response = client.post(reverse("signoff:document_template_restore", args=["opinion"]))
    assert response.status_code == 302
    assert "替换模板" not in _opinion_text(client, application)
    entries = list(AuditEntry.objects.filter(action__startswith="signoff.template").order_by("id")
                   .values_list("action", "object_id", "actor_id"))
    assert entries == [("signoff.template", "opinion", world.users["admin"].pk),
                       ("signoff.template_restore", "opinion", world.users["admin"].pk)]
    # Restoring again changes nothing and records nothing.
    client.post(reverse("signoff:document_template_restore", args=["opinion"]))
    assert AuditEntry.objects.filter(action="signoff.template_restore").count() == 1


def test_the_listed_placeholders_are_the_ones_the_documents_fill(world, claimed, drive):
    from ducha.signoff import documents
    from ducha.signoff.models import Application

    task = drive(claimed, "signed")
    assert set(documents.values_for(Application.objects.get(task=task))) == set(documents.PLACEHOLDERS)
