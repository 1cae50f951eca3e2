"""Where the plan documents the tests read are kept.

The three published plans live inside the repository (tests/data), so a clone
with nothing beside it runs every test. ``../shared`` is read only for optional
extras; a test that needs one skips with the reason when it is absent."""

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
LISHUI = DATA / "lishui-2021-central-inspection-rectification-plan.txt"
QUZHOU = DATA / "quzhou-2020-ecology-environment-work-plan.txt"
TIANMEN = DATA / "tianmen-2017-central-inspection-rectification-plan.txt"
SHARED_PLANS = Path(__file__).resolve().parents[3].parent / "shared" / "fixtures" / "plans"
