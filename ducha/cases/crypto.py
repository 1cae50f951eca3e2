"""Encryption at rest for complainants' names and contacts (Fernet: AES-128-CBC + HMAC-SHA256, from the
`cryptography` package).

The key comes from the environment variable DUCHA_CASES_KEY: one or more Fernet keys (urlsafe base64 of
32 bytes, `Fernet.generate_key()`), comma-separated; the first encrypts, all decrypt, so a key is rotated by
putting the new one first. When the variable is absent (development, tests, the demo) a key is derived from
Django's SECRET_KEY (HKDF-SHA256, fixed context) so local data stays readable across restarts; the production
profile (DUCHA_PROFILE=production) refuses to run without DUCHA_CASES_KEY.
"""

import base64
import functools
import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ENV_VAR = "DUCHA_CASES_KEY"


def _derived_key(secret: str) -> bytes:
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"ducha.cases.complainant").derive(secret.encode("utf-8"))
    return base64.urlsafe_b64encode(raw)


@functools.lru_cache(maxsize=4)
def _cipher(configured: str, secret: str) -> MultiFernet:
    if configured:
        try:
            return MultiFernet([Fernet(k.strip()) for k in configured.split(",") if k.strip()])
        except ValueError as exc:
            raise ImproperlyConfigured(f"{ENV_VAR} holds no valid Fernet key: {exc}") from None
    if getattr(settings, "PRODUCTION", False):
        raise ImproperlyConfigured(f"DUCHA_PROFILE=production requires {ENV_VAR} (a Fernet key)")
    return MultiFernet([Fernet(_derived_key(secret))])


def cipher() -> MultiFernet:
    return _cipher(os.environ.get(ENV_VAR, ""), settings.SECRET_KEY)


def encrypt(text: str) -> str:
    if not text:
        return ""
    return cipher().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise ImproperlyConfigured(f"a complainant record cannot be decrypted with {ENV_VAR}") from None
