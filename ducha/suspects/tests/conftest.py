import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ducha.evidence.storing import store_upload
from ducha.revisits.tests.conftest import signed_off  # noqa: F401 - the shared fixture
from ducha.signoff.models import Application, ApplicationEvidence, OnsiteCheck, Signature

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")

REPORT = ("{place}关于{site}扬尘污染整改完成情况的报告。我单位对{site}堆场实施全封闭改造，新建防尘棚{n}平方米，"
          "安装喷淋降尘设施{m}套，进出车辆全部冲洗，在线监测数据接入平台，扬尘污染问题已整改到位，"
          "建立了日常巡查和长效监管机制。")
HONEST = ("{place}关于城区污水管网整改完成情况的报告。完成雨污分流改造12公里，修复破损管网860米，"
          "新建提升泵站2座，污水处理厂进水浓度由每升90毫克提高到每升160毫克，已通过第三方检测。")


@pytest.fixture
def accepted(world, signed_off):
    """A signed-off task with its application (report, evidence), a signature and an on-site check."""

    def make(task, report, *, files=(), signer_unit="office", onsite=True, on=dt.date(2024, 6, 1)):
        application = Application.objects.create(task=task, unit=task.lead_unit, report=report,
                                                 created_by=world.users["admin"])
        for content, name in files:
            stored = store_upload(SimpleUploadedFile(name, content, content_type="image/png"),
                                  acting_user=world.users["admin"])
            ApplicationEvidence.objects.create(application=application, file=stored, added_by=world.users["admin"])
        Signature.objects.create(application=application, opinion="经审核，同意验收销号。", signer=world.users["coord"],
                                 signer_name="王强", unit=world.units[signer_unit])
        if onsite:
            OnsiteCheck.objects.create(application=application, checked_on=on, people="王强", place="现场",
                                       conclusion="整改到位", recorded_by=world.users["coord"])
        return signed_off(task, on=on)

    return make
