"""A person as the pages name them: their full name, else their username (one rule for every page,
e-mail and print that says who did something)."""

from __future__ import annotations


def full_name(first: str | None, last: str | None, username: str | None) -> str:
    """From the columns of a values() query: "สมชาย ใจดี", else the username, else ""."""
    return f"{first or ''} {last or ''}".strip() or username or ""


def display_name(user=None, username: str = "") -> str:
    """A user (or, once the account is gone, the username recorded with what they did) as shown."""
    if user is not None:
        return full_name(user.first_name, user.last_name, user.get_username())
    return username or ""
