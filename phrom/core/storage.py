"""Writing a file into the file storage whole or not at all.

Django's FileSystemStorage leaves what it had written when a write fails half-way (the disk full:
ENOSPC; a quota: EDQUOT; the process's file size limit: EFBIG), under a name the caller never got
back. `save_whole` removes that partial file and raises StorageFull, a PhromError (`storage_full`),
so callers record a clean failure and nothing half-written is ever served.
"""

from __future__ import annotations

import errno

from django.core.files.storage import Storage, default_storage

from .errors import PhromError

FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class StorageFull(PhromError):
    def __init__(self):
        super().__init__("storage_full")


def is_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in FULL


def save_whole(name: str, content, storage: Storage | None = None) -> str:
    """Save `content` under `name` (a fresh, unguessable name: nothing is there yet); the name saved."""
    storage = storage or default_storage
    try:
        return storage.save(name, content)
    except BaseException as exc:
        if storage.exists(name):
            storage.delete(name)
        if is_full(exc):
            raise StorageFull() from exc
        raise
