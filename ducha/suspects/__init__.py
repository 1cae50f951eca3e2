"""Paper sign-off suspects (纸面销号)."""
