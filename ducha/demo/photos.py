"""Small generated site photos for the demo's evidence: a coloured scene (sky, hills, ground) with a
caption drawn on it, and the EXIF a phone camera writes (DateTimeOriginal, GPS near 丽水).

Pillow only (no piexif): Image.Exif() with its Exif and GPS sub-IFDs. Each picture is a few kB.
"""

import datetime as dt
import io
import zlib
from fractions import Fraction
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

EXIF_IFD, GPS_IFD = 0x8769, 0x8825
DATETIME_ORIGINAL, MAKE, MODEL = 0x9003, 0x010F, 0x0110
# 丽水市 (the city centre): the photos scatter a few kilometres around it.
LAT, LON = 28.45, 119.92
SIZE = (480, 360)
# A font with Chinese glyphs when the machine has one (Debian: fonts-wqy-zenhei); else Pillow's own.
CJK_FONTS = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SCENES = [  # (sky, hills, ground)
    ((135, 190, 230), (60, 120, 70), (150, 130, 100)),
    ((170, 200, 225), (40, 100, 60), (110, 110, 115)),
    ((200, 210, 220), (80, 140, 80), (90, 120, 150)),
]


def _font(size):
    for path in CJK_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size), True
    return ImageFont.load_default(size=size), False


def _dms(value: float):
    """Degrees as EXIF wants them: three rationals (degrees, minutes, seconds)."""
    degrees = int(value)
    minutes_full = (value - degrees) * 60
    minutes = int(minutes_full)
    seconds = Fraction(round((minutes_full - minutes) * 60 * 100), 100)
    return (Fraction(degrees), Fraction(minutes), seconds)


def site_photo(*, title: str, caption: str, taken_at: dt.datetime, seed: str) -> SimpleUploadedFile:
    """A JPEG upload: `title` (Chinese when a CJK font exists, else `caption` alone) and `caption` drawn
    on a scene chosen by `seed`; EXIF time `taken_at` (local time) and GPS near 丽水."""
    n = zlib.crc32(seed.encode())
    sky, hills, ground = SCENES[n % len(SCENES)]
    image = Image.new("RGB", SIZE, sky)
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    shift = n % 120
    draw.polygon([(0, 200), (120 + shift, 110), (260, 190), (360 + shift // 2, 120), (width, 200), (width, height),
                  (0, height)], fill=hills)
    draw.rectangle([0, 250, width, height], fill=ground)
    draw.ellipse([380, 30, 430, 80], fill=(250, 235, 160))
    font, cjk = _font(22)
    small, _cjk = _font(16)
    draw.rectangle([0, 0, width, 64], fill=(0, 0, 0))
    draw.text((12, 8), title if cjk else caption, fill=(255, 255, 255), font=font)
    draw.text((12, 38), caption, fill=(220, 220, 220), font=small)
    draw.text((12, height - 26), taken_at.strftime("%Y-%m-%d %H:%M"), fill=(255, 255, 255), font=small)

    exif = Image.Exif()
    exif[MAKE], exif[MODEL] = "ducha-demo", "site camera"
    exif.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] = taken_at.strftime("%Y:%m:%d %H:%M:%S")
    lat = LAT + ((n >> 8) % 200 - 100) / 2000
    lon = LON + ((n >> 16) % 200 - 100) / 2000
    gps = exif.get_ifd(GPS_IFD)
    gps.update({0: b"\x02\x03\x00\x00", 1: "N", 2: _dms(lat), 3: "E", 4: _dms(lon)})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70, exif=exif)
    return SimpleUploadedFile(f"现场照片-{seed}.jpg", out.getvalue(), content_type="image/jpeg")
