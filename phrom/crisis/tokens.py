"""The personal answer link of an alert: signed, expiring, for one person of one activation, no
login needed. What it carries is only the recipient's id: the answer page reads the rest."""

from __future__ import annotations

import functools

from django.conf import settings
from django.core import signing
from django.urls import get_script_prefix, reverse

from phrom.core.errors import PhromError

SALT = "phrom.crisis.answer"


def max_age() -> int:
    """Seconds a link stays valid (PHROM_ANSWER_LINK_HOURS, default 72: a long crisis weekend)."""
    return int(getattr(settings, "PHROM_ANSWER_LINK_HOURS", 72)) * 3600


def make_token(recipient) -> str:
    return signing.dumps({"r": recipient.pk, "a": recipient.activation_id}, salt=SALT, compress=True)


def answer_url(recipient) -> str:
    head, tail = _answer_path(settings.ROOT_URLCONF, get_script_prefix())
    return settings.PHROM_BASE_URL.rstrip("/") + head + make_token(recipient) + tail


@functools.lru_cache(maxsize=8)
def _answer_path(urlconf: str, prefix: str) -> tuple[str, str]:
    """The answer page's path around its token, reversed once (thousands of links in an activation;
    a token's characters need no quoting in a path)."""
    head, _token, tail = reverse("crisis:answer", kwargs={"token": "-TOKEN-"}, urlconf=urlconf).partition("-TOKEN-")
    return head, tail


def read_token(token: str):
    """The Recipient the link is for; PhromError `answer_link_expired` or `answer_link_invalid`."""
    from .models import Recipient

    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired:
        raise PhromError("answer_link_expired") from None
    except signing.BadSignature:
        raise PhromError("answer_link_invalid") from None
    try:
        # get(), not first(): no ORDER BY to build for one row by its key, on every answer.
        return (Recipient.objects.select_related("activation", "activation__organisation")
                .defer("activation__snapshot")  # a large team's is megabytes: the answer page never needs it
                .get(pk=data.get("r"), activation_id=data.get("a")))
    except (Recipient.DoesNotExist, TypeError, ValueError):
        raise PhromError("answer_link_invalid") from None
