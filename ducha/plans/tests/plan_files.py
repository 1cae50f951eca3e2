"""Where the plan documents the tests read are kept.

The three published plans live inside the repository (tests/data), so a clone
with nothing beside it runs every test; nothing here reads ``../shared``."""

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
LISHUI = DATA / "lishui-2021-central-inspection-rectification-plan.txt"
QUZHOU = DATA / "quzhou-2020-ecology-environment-work-plan.txt"
TIANMEN = DATA / "tianmen-2017-central-inspection-rectification-plan.txt"


def docx_bytes(document) -> bytes:
    """A python-docx Document saved as the bytes of a .docx file."""
    import io

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
