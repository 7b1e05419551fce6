"""The plan as an official document in the REST API: the same checks and printing as the pages."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.views import APIView

from phrom.core.api import error_responses

from . import files

FORMAT = OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=["pdf", "docx"], description="PDF or Word")
DIGITS = OpenApiParameter("digits", str, enum=["thai"], description="Numbers in Thai digits (default: Arabic)")
BINARY = {(200, "application/pdf"): OpenApiTypes.BINARY,
          (200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): OpenApiTypes.BINARY,
          **error_responses(403, 404, 503)}


class PlanDocumentFile(APIView):
    """The agency's plan as PDF or Word, now or at a version. Members of the agency only: outside
    it a plan is read as sent (`/submissions/{id}/pdf/`)."""

    throttle_scope = "printing"

    @extend_schema(
        operation_id="plans_document_file",
        parameters=[FORMAT, OpenApiParameter("version", int, description="The plan as it was at this version (default: now)"),
                    DIGITS],
        responses=BINARY,
    )
    def get(self, request, pk, fmt):
        return files.plan_file(request, pk, fmt, via="api")


class SubmissionDocumentFile(APIView):
    """The plan as sent in a campaign (the frozen version) as PDF or Word, for readers of the
    submission; a read from outside the agency goes into the plan's audit trail."""

    throttle_scope = "printing"

    @extend_schema(operation_id="submissions_document_file", parameters=[FORMAT, DIGITS], responses=BINARY)
    def get(self, request, pk, fmt):
        return files.submission_file(request, pk, fmt, via="api")


PDF = {(200, "application/pdf"): OpenApiTypes.BINARY, **error_responses(403, 404, 503)}


class PocketCardsFile(APIView):
    """Every team member's pocket card, one a page, as one PDF: from the version that last left the
    agency (approved), or the live plan if none did (the card says so). Members of the agency only."""

    throttle_scope = "printing"

    @extend_schema(operation_id="plans_pocket_cards_file", responses=PDF)
    def get(self, request, pk):
        return files.pocket_card_file(request, pk, None, via="api")


class PocketCardFile(APIView):
    """One team member's pocket card (`key`: their key in the plan's team) as a one-page PDF."""

    throttle_scope = "printing"

    @extend_schema(operation_id="plans_pocket_card_file", responses=PDF)
    def get(self, request, pk, key):
        return files.pocket_card_file(request, pk, key, via="api")
