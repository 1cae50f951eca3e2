"""The stale-edit refusal names the version the editor read; a version nobody could have read (a
hand-made post: far in the future, zero, not a number) is called invalid, not echoed back."""

import pytest

from ducha.core.actions import StaleEdit, check_version

pytestmark = pytest.mark.django_db


def _refusal(unit, version):
    with pytest.raises(StaleEdit) as refused:
        check_version(unit, version)
    return str(refused.value)


def test_an_older_version_is_named_in_the_refusal(world):
    unit = world.units["eco"]
    unit.version = 3
    assert "您打开的是第 2 版，当前为第 3 版" in _refusal(unit, 2)


@pytest.mark.parametrize("version", ["99999999999999", "0", "-1", "abc"])
def test_a_version_nobody_read_is_called_invalid_and_not_echoed(world, version):
    unit = world.units["eco"]
    unit.version = 3
    message = _refusal(unit, version)
    assert "版本信息无效" in message and "当前为第 3 版" in message and version not in message.replace("第 3 版", "")
