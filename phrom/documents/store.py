"""The documents of sent plan versions, printed once and kept in the file storage (issue 9 §13).

A version that has left its agency never changes: its PDF and Word file are printed when it is sent
(phrom.documents.tasks, in the background) or the first time it is read, kept in Django's default
storage under an unguessable name (never served by a public URL: only through the permission-checked
download views and bundles), and copied from there afterwards.

What is kept is exactly what was printed: the key is the plan, the version, the format, the digits
and the dates on the cover (approved by the agency's head when sent, accepted by a campaign: an
acceptance later prints once more). Prints kept before the sending date was on the cover have none
in their key and are never served again. The live plan, a
version that was never sent and a security-sensitive version are never kept: they are printed on
each read, as before.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from phrom.core.storage import save_whole
from phrom.plans.codes import Classification

from .export import render_document
from .models import SentPrint

logger = logging.getLogger(__name__)

FORMATS = (SentPrint.Format.PDF, SentPrint.Format.DOCX)


def sent_pairs(pairs) -> set[tuple[int, int]]:
    """Of (plan id, version) pairs, those that were sent through a campaign: only these are kept."""
    from phrom.campaigns.facts import sent_dates

    return set(sent_dates(pairs))


def _digits(thai_digits: bool) -> str:
    return SentPrint.Digits.THAI if thai_digits else SentPrint.Digits.ARABIC


def _key(plan_id: int, version: int, fmt: str, thai_digits: bool, approved_on: datetime.date | None,
         sent_on: datetime.date | None) -> dict:
    return {"plan_id": plan_id, "version": version, "format": fmt, "digits": _digits(thai_digits),
            "approved_on": approved_on, "sent_on": sent_on}


def read(kept: SentPrint) -> bytes | None:
    """The kept file's bytes, or None when the file is gone or not what was stored."""
    try:
        with default_storage.open(kept.file.name, "rb") as f:
            data = f.read()
    except (FileNotFoundError, OSError):
        logger.warning("the kept print %s (%s) is missing", kept.pk, kept.file.name)
        return None
    if hashlib.sha256(data).hexdigest() != kept.sha256:
        logger.warning("the kept print %s (%s) is damaged", kept.pk, kept.file.name)
        return None
    return data


def _save_file(plan_id: int, fmt: str, data: bytes) -> str:
    return save_whole(f"prints/{plan_id}/{secrets.token_hex(16)}.{fmt}", ContentFile(data))


def keep(plan_id: int, version: int, fmt: str, data: bytes, *, thai_digits: bool = False,
         approved_on: datetime.date | None = None, sent_on: datetime.date | None = None,
         replace: bool = False) -> SentPrint:
    """Keep a print of a sent version. Two printers at once keep one file: the unique key lets the
    first in, the other's file is removed and the first one's row returned. A row whose file was
    lost or damaged (or `replace`) is pointed at the new file. `sent_on` not given: the day the
    version was first sent (what a cover printed from the version's own dates says)."""
    if sent_on is None:
        from phrom.campaigns.facts import sent_dates

        sent_on = sent_dates([(plan_id, version)]).get((plan_id, version))
    key = _key(plan_id, version, fmt, thai_digits, approved_on, sent_on)
    fields = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    name = _save_file(plan_id, fmt, data)
    try:
        with transaction.atomic():
            return SentPrint.objects.create(**key, file=name, **fields)
    except IntegrityError:
        pass
    with transaction.atomic():
        kept = SentPrint.objects.select_for_update().get(**key)
        if not replace and read(kept) is not None:
            default_storage.delete(name)
            return kept
        old = kept.file.name
        kept.file.name, kept.size, kept.sha256, kept.printed_at = name, fields["size"], fields["sha256"], timezone.now()
        kept.save(update_fields=["file", "size", "sha256", "printed_at"])
    default_storage.delete(old)
    return kept


def sent_document(plan, fmt: str, doc: dict, header: dict, *, thai_digits: bool = False, refresh: bool = False) -> bytes:
    """The document of a plan at `header["version"]`: copied from the store when that version was
    sent and printed before; printed now (and kept, if it was sent) otherwise. `refresh` prints
    again and replaces what was kept."""
    version, approved_on, sent_on = header["version"], header["approved_on"], header.get("sent_on")
    storable = (fmt in FORMATS and doc.get("classification") != Classification.SENSITIVE
                and (plan.pk, version) in sent_pairs([(plan.pk, version)]))
    if not storable:
        return render_document(fmt, doc, header, thai_digits=thai_digits)
    if not refresh:
        kept = SentPrint.objects.filter(**_key(plan.pk, version, fmt, thai_digits, approved_on, sent_on)).first()
        data = read(kept) if kept is not None else None
        if data is not None:
            return data
    data = render_document(fmt, doc, header, thai_digits=thai_digits)
    keep(plan.pk, version, fmt, data, thai_digits=thai_digits, approved_on=approved_on, sent_on=sent_on,
         replace=refresh)
    return data


def kept_prints(keys) -> dict[tuple, SentPrint]:
    """(plan id, version, approved_on, sent_on) keys -> {(plan id, version, approved_on, sent_on,
    format): SentPrint} of their Arabic-digit prints (bundles: one query for the whole scope)."""
    keys = set(keys)
    rows = SentPrint.objects.filter(plan_id__in={k[0] for k in keys}, digits=SentPrint.Digits.ARABIC)
    return {(r.plan_id, r.version, r.approved_on, r.sent_on, r.format): r for r in rows
            if (r.plan_id, r.version, r.approved_on, r.sent_on) in keys}
