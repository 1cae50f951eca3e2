"""Revisits (回头看) of signed-off tasks: scheduled (default yearly after sign-off; a plan may set another
interval), on demand, or prompted by a complaint case at the same site. A revisit concludes 巩固
(consolidated) or 反弹 (rebound); a rebound reopens the task and opens an accountability referral."""
