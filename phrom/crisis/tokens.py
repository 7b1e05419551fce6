"""The personal answer link of an alert: signed, expiring, for one person of one activation, no
login needed. What it carries is only the recipient's and the activation's ids: the answer page reads the rest."""

from __future__ import annotations

import functools

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.urls import get_script_prefix, reverse

from phrom.core.errors import PhromError
from phrom.core.http import client_ip

SALT = "phrom.crisis.answer"
# Links that do not verify, per address and hour, before that address is told no more whether its links
# are good (as the login page locks out repeated failures): a real link always verifies and is always
# served, so only someone trying links out is stopped, never the people of one office behind that address.
BAD_LINKS_PER_HOUR = 30


def max_age() -> int:
    """Seconds a link stays valid (PHROM_ANSWER_LINK_HOURS, default 72: a long crisis weekend)."""
    return int(getattr(settings, "PHROM_ANSWER_LINK_HOURS", 72)) * 3600


def make_token(recipient) -> str:
    return signing.dumps({"r": recipient.pk, "a": recipient.activation_id}, salt=SALT)  # two ids: nothing to compress


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


def read_link(request, token: str):
    """`read_token` for a request to the answer page or its API operation: a link that does not verify
    counts against the request's address, and past BAD_LINKS_PER_HOUR such links it is `throttled`.
    Only those are counted: a link that verifies costs no rate-limit read."""
    try:
        return read_token(token)
    except PhromError as error:
        key = f"crisis:bad-answer-link:{client_ip(request) or ''}"
        tried = (cache.get(key) or 0) + 1
        cache.set(key, tried, 3600)
        if tried > BAD_LINKS_PER_HOUR:
            raise PhromError("throttled") from None
        raise error
