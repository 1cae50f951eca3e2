"""Stored files (佐证材料 and other attachments): content in Django's storage, facts in the database.

A StoredFile has no scope of its own: whoever attaches it (a progress report, a supervision reply)
decides who may read it, and downloads go through that owner's view. Its SHA-256 is indexed, so the
same file attached to two different tasks can be found.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FileKind(models.TextChoices):
    IMAGE = "image", _("图片")
    PDF = "pdf", _("PDF 文档")
    WORD = "word", _("Word 文档")
    EXCEL = "excel", _("Excel 表格")
    ZIP = "zip", _("压缩包")
    VIDEO = "video", _("视频")


class StoredFile(models.Model):
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.BigIntegerField(_("大小（字节）"))
    kind = models.CharField(_("类型"), max_length=8, choices=FileKind.choices)
    # The media type found from the content (not from the name).
    content_type = models.CharField(_("内容类型"), max_length=100)
    original_name = models.CharField(_("原文件名"), max_length=255)
    # Name in Django's storage (STORAGES["default"]).
    storage_name = models.CharField(max_length=255, unique=True)
    thumbnail_name = models.CharField(max_length=255, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    # From an image's EXIF, when present.
    taken_at = models.DateTimeField(_("拍摄时间"), null=True, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("上传人"))
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("文件")
        verbose_name_plural = _("文件")

    def __str__(self):
        return self.original_name
