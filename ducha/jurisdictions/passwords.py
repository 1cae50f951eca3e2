"""Refusing the passwords Chinese users pick most often.

Django's CommonPasswordValidator knows the English-speaking world's list
(password, qwerty, iloveyou); leaked Chinese sets are led by 5201314,
woaini1314, qq123456 and pinyin names, which it lets through.
"""

import functools
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LIST_PATH = Path(__file__).resolve().parent / "data" / "common_passwords_zh.txt"


@functools.cache
def common_passwords() -> frozenset[str]:
    lines = LIST_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _variants(password: str):
    """The password as typed (lower case) and without the punctuation people add to pass a rule ("woaini1314!")."""
    lowered = password.strip().lower()
    yield lowered
    yield re.sub(r"[\W_]+", "", lowered)


class ChineseCommonPasswordValidator:
    """Refuses a password on the bundled list of common Chinese passwords (data/common_passwords_zh.txt)."""

    def validate(self, password, user=None):
        listed = common_passwords()
        if any(v in listed for v in _variants(password)):
            raise ValidationError(_("该密码是中文用户最常用的密码之一，容易被猜中，请换一个。"),
                                  code="password_too_common_zh")

    def get_help_text(self):
        return _("不能使用中文用户常用的密码（如 5201314、woaini1314、qq123456）。")
