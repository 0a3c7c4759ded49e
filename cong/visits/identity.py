"""Kept for imports written before the client address and visitor identity moved to the
kernel: use `cong.core.clients`."""

from cong.core.clients import (  # noqa: F401  (re-exported)
    _salts,
    client_ip,
    forget_before,
    local_day,
    normalise_user_agent,
    salt_for,
    visitor_hash,
)
