"""Facts about the HTTP request that several apps record."""


def client_ip(request) -> str | None:
    """The address the request came from, for audit rows: the peer's. No forwarded header is trusted
    (any client can send one, and no setting names a trusted proxy), so behind a reverse proxy this
    is the proxy's address (docs/errors.md)."""
    return request.META.get("REMOTE_ADDR") or None
