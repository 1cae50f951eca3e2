"""Plan uploads are bounded: the size cap while streaming, and the docx/pdf/html
readers in a memory-limited child, so a hostile file is refused with a reason
and the web worker carries on."""

import io
import resource
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ducha.audit.models import AuditEntry
from ducha.plans.models import PlanDocument


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def docx_bomb(paragraphs=3_000_000) -> bytes:
    """A real .docx whose body is three million one-character paragraphs: 100 MB of XML, well under
    1 MB zipped, gigabytes once python-docx has built its tree (in the web worker, before the sandbox)."""
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info, source.read(info))
                continue
            body = source.read(info)
            head, tail = body.split(b"<w:body>")
            z.writestr("word/document.xml", head + b"<w:body>" + b"<w:p><w:r><w:t>\xe3\x80\x82</w:t></w:r></w:p>" * paragraphs + tail)
    return bomb.getvalue()


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _counts():
    return PlanDocument.objects.count(), AuditEntry.objects.count()


def test_a_docx_that_explodes_in_memory_is_refused_and_the_worker_carries_on(client, world, settings):
    settings.DUCHA_PARSE_MEMORY_MB = 200
    client.force_login(world.users["coord"])
    bomb = docx_bomb()
    before, peak = _counts(), _peak_mb()
    response = client.post(reverse("plans:document_list"), {
        "file": SimpleUploadedFile("方案.docx", bomb), "division": world.div["ls"].pk})
    assert response.status_code == 200
    # The child either dies of it (the sandbox's message) or lxml gives up inside it ("unknown error").
    assert "无法读取文件“方案.docx”" in response.content.decode()
    assert _counts() == before
    assert _peak_mb() - peak < 60
    assert client.get(reverse("plans:document_list")).status_code == 200


def test_a_plan_over_the_upload_cap_is_refused(client, world, settings):
    settings.DUCHA_MAX_UPLOAD_MB = 1
    client.force_login(world.users["coord"])
    before = _counts()
    response = client.post(reverse("plans:document_list"), {
        "file": SimpleUploadedFile("方案.txt", "整改".encode() * 400_000), "division": world.div["ls"].pk})
    html = response.content.decode()
    assert "文件超过上限 1 MB，已拒绝。" in html and "不超过 1 MB" in html
    assert _counts() == before


def test_a_readable_plan_still_reads_through_the_child(client, world):
    client.force_login(world.users["coord"])
    text = "丽水市整改方案\n一、整改任务\n1. 2025年底前，市区PM2.5平均浓度低于24微克/立方米。责任单位：市生态环境局\n"
    response = client.post(reverse("plans:document_list"), {
        "file": SimpleUploadedFile("方案.txt", text.encode()), "division": world.div["ls"].pk})
    assert response.status_code == 302
    assert "PM2.5" in PlanDocument.objects.get().text
