"""Acceptance and sign-off (验收销号): application, review, on-site check, signature, notice, filing."""
