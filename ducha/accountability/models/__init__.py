from .referrals import Referral, ReferralSource, ReferralState

__all__ = ["Referral", "ReferralSource", "ReferralState"]
