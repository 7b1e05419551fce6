"""The Word/PDF copy frozen with a submission, served to those who may read the plan (each read logged)."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404

from phrom.accounts import permissions
from phrom.core.http import client_ip
from phrom.plans.attachments import file_response
from phrom.plans.content import record_read
from phrom.privacy.exports import What, record_export


def attachment_response(request, sub, *, via: str) -> FileResponse:
    if not permissions.can_read_submission(request.user, sub):
        raise PermissionDenied
    if not sub.attachment:
        raise Http404
    if not permissions.is_member(request.user, sub.organisation):
        record_read(sub.plan, request.user, ip=client_ip(request), version=sub.version,
                    detail={"submission": sub.pk, "campaign": sub.campaign_id, "via": via, "attachment": True})
    record_export(request, What.ATTACHMENT, [sub.plan], version=sub.version, via=via, detail={"submission": sub.pk})
    try:
        return file_response(sub.attachment)
    except FileNotFoundError:
        raise Http404 from None
