"""Facts about the HTTP request that several apps record."""


def client_ip(request) -> str | None:
    """The address the request came from, for audit rows. Phrom trusts no proxy header (no setting
    names a trusted proxy): a proxy in front must pass the client's address as REMOTE_ADDR."""
    return request.META.get("REMOTE_ADDR") or None
