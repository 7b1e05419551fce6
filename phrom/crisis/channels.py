"""The channels an alert can go by, and in which order for a person.

E-mail goes through Django's mail settings; SMS through an HTTP gateway (PHROM_SMS_GATEWAY_URL)
and LINE through the LINE Messaging API (PHROM_LINE_CHANNEL_TOKEN), each only when configured.
The call tree's channel for the person comes first (a telephone call is not something Phrom can
make: its nearest is an SMS), then LINE, SMS and e-mail — the order Thai agencies reach people.
"""

from __future__ import annotations

from django.conf import settings

EMAIL, SMS, LINE = "email", "sms", "line"
DEFAULT_ORDER = (LINE, SMS, EMAIL)
# plans.codes.Channel of the call tree -> the channel Phrom sends by
FROM_CALL_TREE = {"phone": SMS, "sms": SMS, "line": LINE, "email": EMAIL}


def configured() -> set[str]:
    out = {EMAIL}
    if getattr(settings, "PHROM_SMS_GATEWAY_URL", ""):
        out.add(SMS)
    if getattr(settings, "PHROM_LINE_CHANNEL_TOKEN", ""):
        out.add(LINE)
    return out


def reachable(email: str | None, phone: str | None, line_id: str | None) -> list[str]:
    """The configured channels a person with these contacts can be reached by, in the default order."""
    have = {EMAIL: bool(email), SMS: bool(phone), LINE: bool(line_id)}
    ready = configured()
    return [c for c in DEFAULT_ORDER if have[c] and c in ready]


def order(recipient) -> list[str]:
    """The channels to try for a recipient, first to last."""
    found = reachable(recipient.email, recipient.phone, recipient.line_id)
    first = FROM_CALL_TREE.get(recipient.channel)
    if first in found:
        found.remove(first)
        found.insert(0, first)
    return found
