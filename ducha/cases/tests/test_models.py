import pytest

from ducha.cases import crypto
from ducha.cases.models import CaseType


@pytest.mark.django_db
def test_case_types_seeded_with_local_names():
    air = CaseType.objects.get(code="air")
    assert "扬尘" in air.alias_list() and "油烟" in air.alias_list()
    assert CaseType.objects.get(is_fallback=True).name == "其他"


def test_complainant_text_is_encrypted_and_round_trips(monkeypatch):
    monkeypatch.delenv(crypto.ENV_VAR, raising=False)
    token = crypto.encrypt("张三 13812345678")
    assert "张三" not in token and "138" not in token
    assert crypto.decrypt(token) == "张三 13812345678"


def test_key_from_environment_is_used_and_rotates(monkeypatch):
    from cryptography.fernet import Fernet

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv(crypto.ENV_VAR, old)
    token = crypto.encrypt("李四")
    assert Fernet(old.encode()).decrypt(token.encode()).decode() == "李四"
    monkeypatch.setenv(crypto.ENV_VAR, f"{new},{old}")
    assert crypto.decrypt(token) == "李四"  # old tokens still read after rotation
    assert Fernet(new.encode()).decrypt(crypto.encrypt("王五").encode()).decode() == "王五"
