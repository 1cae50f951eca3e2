"""A plan's acceptance policy and chain of levels."""

from ..models import AcceptancePolicy


def policy_for(plan) -> AcceptancePolicy:
    """The plan's policy, or the defaults (unsaved) when it has none."""
    try:
        return plan.acceptance_policy
    except AcceptancePolicy.DoesNotExist:
        return AcceptancePolicy(plan=plan)
