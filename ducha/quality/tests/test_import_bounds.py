"""`ducha quality import-air/import-water` check the file's size against the
upload cap before reading it; nothing is written."""

import io

import pytest
from django.core.management import CommandError, call_command

from ducha.audit.models import AuditEntry
from ducha.quality.models import AirDailyValue, WaterSectionResult


@pytest.mark.parametrize("subcommand,extra", [("import-air", []), ("import-water", ["--month", "2026-06"])])
def test_a_file_over_the_cap_is_refused_before_it_is_read(world, tmp_path, settings, subcommand, extra):
    settings.DUCHA_MAX_UPLOAD_MB = 1
    path = tmp_path / "data.csv"
    path.write_bytes(b"date,station\n" + b"x" * (1024 * 1024 + 1))
    before = (AirDailyValue.objects.count(), WaterSectionResult.objects.count(), AuditEntry.objects.count())
    with pytest.raises(CommandError, match=r"data\.csv：文件大小 1\.0 MB，超过上限 1 MB，已拒绝。"):
        call_command("quality", subcommand, str(path), "--division", "331100", *extra, stdout=io.StringIO())
    assert (AirDailyValue.objects.count(), WaterSectionResult.objects.count(), AuditEntry.objects.count()) == before


def test_a_missing_file_says_so(world, tmp_path):
    with pytest.raises(CommandError, match="文件不存在或无法读取"):
        call_command("quality", "import-air", str(tmp_path / "none.csv"), "--division", "331100",
                     stdout=io.StringIO())
