"""Crisis mode in the REST API: a plan's activations (list, activate), one activation with its figures,
people and steps, ticking a step, closing it, its export; and answering an alert through the personal
link's token (no account: the signed token is the guard, as on the answer page). The same predicates
and service functions as the pages (phrom.crisis.views)."""

from __future__ import annotations

from django.utils.translation import gettext_noop
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from phrom.core.api import TextField, error_responses
from phrom.core.errors import PhromError
from phrom.plans.models import PlanScenario, Scenario

from . import access, board, services, tokens
from .models import Activation, Answer, Message
from .report import figures
from .services import MAX_MESSAGE
from .views import EXPORT_TYPES, export_response


class ActivationFiguresSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="People on the activation")
    alerted = serializers.IntegerField(help_text="People a first message was handed to a provider for")
    answered = serializers.IntegerField()
    need_help = serializers.IntegerField()
    unreachable = serializers.IntegerField(help_text="People no message could be handed to any provider for")
    minutes_to_last_answer = serializers.IntegerField(allow_null=True)
    share_answered = serializers.FloatField(help_text="0 to 1")


class ActivationSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    plan = serializers.IntegerField(source="plan_id")
    organisation = TextField(source="organisation.code")
    scenario = TextField(source="scenario_name", help_text="As the plan names it")
    hazard = serializers.SerializerMethodField(help_text="The catalogue's scenario code, if the plan's is one")
    is_test = serializers.BooleanField()
    mode = serializers.ChoiceField(choices=Activation.Mode.choices)
    answer_minutes = serializers.IntegerField()
    message = TextField()
    started_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    result = serializers.IntegerField(source="result_id", allow_null=True, help_text="The draft result it closed into")

    def get_hazard(self, a) -> str | None:
        return a.hazard.code if a.hazard_id else None


class AlertMessageSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Message.Kind.choices)
    channel = serializers.ChoiceField(choices=Message.Channel.choices)
    status = serializers.ChoiceField(choices=Message.Status.choices)
    attempts = serializers.IntegerField()
    sent_at = serializers.DateTimeField(allow_null=True)


class AlertedPersonSerializer(serializers.Serializer):
    key = TextField(source="recipient.key", help_text="The team member's key in the plan")
    name = TextField(source="recipient.name")
    job_title = TextField(source="recipient.job_title")
    caller = TextField(help_text="Name of who alerts them; empty for those alerted first")
    alerted_at = serializers.DateTimeField(source="recipient.alerted_at", allow_null=True)
    answer = serializers.SerializerMethodField(help_text="Empty until they answer")
    note = TextField(source="recipient.note")
    answered_at = serializers.DateTimeField(source="recipient.answered_at", allow_null=True)
    minutes_to_answer = serializers.IntegerField(allow_null=True)
    escalation_level = serializers.IntegerField(source="recipient.escalation_level")
    messages = AlertMessageSerializer(many=True)

    @extend_schema_field(serializers.ChoiceField(choices=Answer.choices, allow_null=True))
    def get_answer(self, p) -> str | None:
        return p.recipient.answer or None


class ActivationStepSerializer(serializers.Serializer):
    step = serializers.IntegerField(source="index", help_text="Its index: what POST …/steps/ takes")
    window = TextField(help_text="The time window's label")
    activity = TextField()
    owner = TextField()
    process = TextField()
    done_at = serializers.DateTimeField(allow_null=True)
    done_by = TextField()


class RtoClockSerializer(serializers.Serializer):
    name = TextField()
    rto_hours = serializers.FloatField()
    elapsed_hours = serializers.FloatField()
    state = serializers.ChoiceField(choices=["ok", "near", "passed"])


class ActivationSerializer(ActivationSummarySerializer):
    figures = serializers.SerializerMethodField()
    people = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()
    clocks = serializers.SerializerMethodField()

    @extend_schema_field(ActivationFiguresSerializer)
    def get_figures(self, a) -> dict:
        f = figures(a)
        return {**vars(f), "share_answered": f.share_answered}

    @extend_schema_field(AlertedPersonSerializer(many=True))
    def get_people(self, a) -> list:
        return AlertedPersonSerializer(board.people(a), many=True).data

    @extend_schema_field(ActivationStepSerializer(many=True))
    def get_steps(self, a) -> list:
        return [ActivationStepSerializer({**vars(s), "window": label}).data for label, steps in board.procedures(a) for s in steps]

    @extend_schema_field(RtoClockSerializer(many=True))
    def get_clocks(self, a) -> list:
        return [RtoClockSerializer({**vars(c), "state": c.state}).data for c in board.clocks(a)]


class ActivateSerializer(serializers.Serializer):
    scenario = serializers.IntegerField(help_text="The id of one of the plan's own scenarios (GET /plans/{id}/document/ "
                                                  "lists them; the activation form's choices)")
    message = TextField(max_length=MAX_MESSAGE)
    is_test = serializers.BooleanField(required=False, default=False)
    mode = serializers.ChoiceField(choices=Activation.Mode.choices, required=False, default=Activation.Mode.TREE)
    answer_minutes = serializers.IntegerField(required=False, default=10, min_value=1, max_value=24 * 60)


class StepTickSerializer(serializers.Serializer):
    step = serializers.IntegerField(min_value=0)
    done = serializers.BooleanField()


class CloseSerializer(serializers.Serializer):
    hazard = serializers.SlugRelatedField(slug_field="code", queryset=Scenario.objects.all(), required=False,
                                          allow_null=True,
                                          help_text="A scenario code of the catalogue: needed when the plan's own "
                                                    "scenario is not in it")


class AlertAnswerSerializer(serializers.Serializer):
    organisation = TextField(source="activation.organisation.name", help_text="The agency that sent the alert")
    scenario = TextField(source="activation.scenario_name")
    message = TextField(source="activation.message", help_text="What the people alerted read")
    is_test = serializers.BooleanField(source="activation.is_test", help_text="A test run, not a real crisis")
    name = TextField(help_text="The person the link is for")
    answer = serializers.SerializerMethodField(help_text="Empty until they answer")
    note = TextField()
    answered_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(serializers.ChoiceField(choices=Answer.choices, allow_null=True))
    def get_answer(self, r) -> str | None:
        return r.answer or None


class AnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=Answer.choices)
    note = TextField(required=False, allow_blank=True, max_length=2000,
                     help_text="Where they are, what they need (optional)")


class PlanActivations(APIView):
    """The plan's activations, the latest first (its agency's members); POST activates it (its coordinators
    and approvers): the team is alerted at once. 409 while another activation of the plan is open."""

    @extend_schema(responses={200: ActivationSummarySerializer(many=True), **error_responses(403, 404)})
    def get(self, request, pk):
        plan = access.plan_for(request.user, pk, act=False)
        rows = plan.activations.select_related("organisation", "hazard")
        return Response(ActivationSummarySerializer(rows, many=True).data)

    @extend_schema(request=ActivateSerializer,
                   responses={201: ActivationSerializer, **error_responses(400, 403, 404, 409)})
    def post(self, request, pk):
        plan = access.plan_for(request.user, pk, act=True)
        data = ActivateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        scenario = PlanScenario.objects.filter(plan=plan, pk=d.pop("scenario")).first()
        if scenario is None:
            raise PhromError("crisis_invalid", gettext_noop("Choose one of the plan's own scenarios."), field="scenario")
        activation = services.activate(request.user, plan, scenario=scenario, **d)
        return Response(ActivationSerializer(activation).data, status=201)


class ActivationDetail(APIView):
    """One activation: its figures, the people alerted with their messages and answers (those who need
    help first), the procedures with the steps done, the critical processes against their RTO."""

    @extend_schema(responses={200: ActivationSerializer, **error_responses(403, 404)})
    def get(self, request, pk):
        return Response(ActivationSerializer(access.activation_for(request.user, pk)).data)


class ActivationSteps(APIView):
    """Tick a procedure step off (`done`: true) or untick it (its agency's coordinators and approvers)."""

    @extend_schema(request=StepTickSerializer, responses={200: ActivationStepSerializer(many=True),
                                                          **error_responses(400, 403, 404, 409)})
    def post(self, request, pk):
        activation = access.activation_for(request.user, pk, act=True)
        data = StepTickSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.mark_step(request.user, activation, data.validated_data["step"], data.validated_data["done"])
        return Response(ActivationSerializer(activation).data["steps"])


class ActivationClose(APIView):
    """Close the activation: no more alerts; it becomes a draft result (`result`) to complete."""

    @extend_schema(request=CloseSerializer, responses={200: ActivationSummarySerializer,
                                                       **error_responses(400, 403, 404, 409)})
    def post(self, request, pk):
        activation = access.activation_for(request.user, pk, act=True)
        data = CloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        closed = services.close(request.user, activation, hazard=data.validated_data.get("hazard"))
        return Response(ActivationSummarySerializer(closed).data)


class ActivationExport(APIView):
    """The board as a table, one row per person: CSV (default) or Excel."""

    @extend_schema(operation_id="activations_export_file",
                   parameters=[OpenApiParameter("type", str, enum=list(EXPORT_TYPES), description="csv (default) or xlsx")],
                   responses={(200, "text/csv"): OpenApiTypes.BINARY, (200, EXPORT_TYPES["xlsx"]): OpenApiTypes.BINARY,
                              **error_responses(400, 403, 404)})
    def get(self, request, pk):
        activation = access.activation_for(request.user, pk)
        fmt = request.query_params.get("type", "csv")
        if fmt not in EXPORT_TYPES:
            raise PhromError("crisis_invalid", gettext_noop("Choose csv or xlsx."), field="type")
        return export_response(activation, fmt)


class AlertAnswer(APIView):
    """The alert a personal answer link is for, and the person's answer (once): what the answer page
    does, for an app. No account: the link's signed token is the guard (410 expired, 404 forged or
    altered; an address past 30 such links in an hour gets 429). GET: 409 `activation_closed` once the
    activation is closed without their answer. POST: 409 `answer_given` when they answered already."""

    # The link is the guard, as on the page: no session (so no CSRF), no account; and not the API's
    # per-address limit (the people of one office answer from one address): the bad-link limit instead.
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(auth=[], responses={200: AlertAnswerSerializer, **error_responses(404, 409, 410, 429)})
    def get(self, request, token):
        recipient = tokens.read_link(request, token)
        if recipient.answered_at is None and not recipient.activation.is_open:
            raise PhromError("activation_closed")
        return Response(AlertAnswerSerializer(recipient).data)

    @extend_schema(auth=[], request=AnswerSerializer,
                   responses={200: AlertAnswerSerializer, **error_responses(400, 404, 409, 410, 429)})
    def post(self, request, token):
        recipient = tokens.read_link(request, token)
        data = AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        recipient = services.answer(recipient, data.validated_data["answer"], data.validated_data.get("note", ""))
        return Response(AlertAnswerSerializer(recipient).data)
