"""Results of carrying plans out in the REST API: the same predicates and service functions as the pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from phrom.accounts import permissions
from phrom.core.api import TextField, error_responses
from phrom.orgs.models import Organisation
from phrom.plans.codes import COMPONENTS, Category
from phrom.plans.models import Scenario

from . import documents, overview, services
from .models import CorrectiveAction, Event, ExerciseScenario, ExerciseType, Result
from .recovery import OUTCOME_LABELS, achievement, outcome

ORG = {"slug_field": "code", "queryset": Organisation.objects.all()}
HAZARD = {"slug_field": "code", "queryset": Scenario.objects.all()}


# --------------------------------------------------------------------------- shapes


class AchievementSerializer(serializers.Serializer):
    met = serializers.IntegerField(help_text="Disrupted processes back within their RTO")
    counted = serializers.IntegerField(help_text="Disrupted processes with an RTO (still down included)")
    percent = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)


class ProcessRecoverySerializer(serializers.Serializer):
    key = TextField(source="process_key")
    name = TextField(source="process_name")
    rto_hours = serializers.FloatField(allow_null=True, help_text="As the plan carried out had it")
    mtpd_hours = serializers.FloatField(allow_null=True)
    recovered_hours = serializers.FloatField(allow_null=True)
    still_down = serializers.BooleanField()
    outcome = serializers.SerializerMethodField(help_text=", ".join(OUTCOME_LABELS))

    def get_outcome(self, p) -> str:
        return outcome(p.rto_hours, p.mtpd_hours, p.recovered_hours, p.still_down)


class ResultSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Result.Kind.choices)
    title = TextField(source="occasion.title")
    organisation = TextField(source="organisation.code")
    occurred_on = serializers.DateField()
    hazard = TextField(source="hazard.code")
    exercise_type = serializers.SerializerMethodField()

    def get_exercise_type(self, r) -> str | None:
        return r.exercise.kind if r.exercise_id else None


class ObjectiveSerializer(serializers.Serializer):
    objective = TextField()
    status = serializers.ChoiceField(choices=["", *services.OBJECTIVE_STATUSES], required=False, allow_blank=True)


class CallTreeSerializer(serializers.Serializer):
    reached = serializers.FloatField(required=False, min_value=0)
    total = serializers.FloatField(required=False, min_value=0)
    minutes = serializers.FloatField(required=False, min_value=0)


class UsabilitySerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=services.RATINGS)
    reason = TextField(required=False, allow_blank=True)


class ResourceShortSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Category.choices)
    item = TextField()
    needed = serializers.FloatField(required=False, allow_null=True, min_value=0)
    available = serializers.FloatField(required=False, allow_null=True, min_value=0)


class StepSerializer(serializers.Serializer):
    step = TextField()
    followed = serializers.BooleanField()


class ResultFindingSerializer(serializers.Serializer):
    component = serializers.ChoiceField(choices=["", *COMPONENTS], required=False, allow_blank=True)
    text = TextField()


class TrainingNeedSerializer(serializers.Serializer):
    skill = TextField(required=False, allow_blank=True, help_text="A code of the training skills catalogue")
    text = TextField(required=False, allow_blank=True, help_text="A skill in the agency's words")
    people = serializers.IntegerField(required=False, min_value=1, default=1)


class ProcessInputSerializer(serializers.Serializer):
    key = TextField()
    recovered_hours = serializers.FloatField(required=False, allow_null=True, min_value=0,
                                             help_text="Hours until it was back; empty when not disrupted or still down")
    still_down = serializers.BooleanField(required=False, default=False)


class ResultSerializer(ResultSummarySerializer):
    plan = serializers.IntegerField(source="plan_id", allow_null=True)
    plan_version = serializers.IntegerField(allow_null=True, help_text="The version of the plan carried out")
    revision = serializers.IntegerField(help_text="Send it back with a PUT: a result saved since is refused (409)")
    activated_at = serializers.DateTimeField(allow_null=True)
    participants = TextField(allow_blank=True)
    observations = TextField(allow_blank=True)
    objectives = ObjectiveSerializer(many=True)
    processes = ProcessRecoverySerializer(many=True, source="processes.all")
    achievement = serializers.SerializerMethodField()
    call_tree = CallTreeSerializer()
    usability = serializers.DictField(child=UsabilitySerializer(), help_text="Plan component -> rating and reason")
    resources_short = ResourceShortSerializer(many=True)
    procedures = StepSerializer(many=True)
    authority_affected = serializers.BooleanField(allow_null=True)
    authority_note = TextField(allow_blank=True)
    findings = ResultFindingSerializer(many=True)
    improvements = TextField(allow_blank=True)
    training_needs = serializers.SerializerMethodField()


    @extend_schema_field(AchievementSerializer)
    def get_achievement(self, r) -> dict:
        a = achievement(outcome(p.rto_hours, p.mtpd_hours, p.recovered_hours, p.still_down) for p in r.processes.all())
        return {"met": a.met, "counted": a.counted, "percent": a.percent}

    @extend_schema_field(TrainingNeedSerializer(many=True))
    def get_training_needs(self, r) -> list:
        return [{"skill": n.skill.code if n.skill_id else "", "text": n.text, "people": n.people}
                for n in r.training_needs.select_related("skill")]


class ResultInputSerializer(serializers.Serializer):
    """The whole result, as services.save_result takes it."""

    revision = serializers.IntegerField(help_text="The revision the result was read at")
    activated_at = serializers.DateTimeField(required=False, allow_null=True)
    participants = TextField(required=False, allow_blank=True)
    observations = TextField(required=False, allow_blank=True)
    objectives = ObjectiveSerializer(many=True, required=False)
    processes = ProcessInputSerializer(many=True, required=False)
    call_tree = CallTreeSerializer(required=False)
    usability = serializers.DictField(child=UsabilitySerializer(), required=False)
    resources_short = ResourceShortSerializer(many=True, required=False)
    procedures = StepSerializer(many=True, required=False)
    authority_affected = serializers.BooleanField(required=False, allow_null=True)
    authority_note = TextField(required=False, allow_blank=True)
    findings = ResultFindingSerializer(many=True, required=False)
    improvements = TextField(required=False, allow_blank=True)
    training_needs = TrainingNeedSerializer(many=True, required=False)


class ExerciseInputSerializer(serializers.Serializer):
    organiser = serializers.SlugRelatedField(**ORG, help_text="The agency holding it (yours, or a collector of the others)")
    participants = serializers.SlugRelatedField(**ORG, many=True, required=False,
                                                help_text="Agencies taking part (default: the organiser alone)")
    kind = serializers.ChoiceField(choices=ExerciseType.choices)
    title = TextField(max_length=255)
    held_on = serializers.DateField()
    hazard = serializers.SlugRelatedField(**HAZARD)
    scenario = serializers.PrimaryKeyRelatedField(queryset=ExerciseScenario.objects.all(), required=False, allow_null=True)
    objectives = serializers.ListField(child=TextField(), required=False)


class EventInputSerializer(serializers.Serializer):
    reporter = serializers.SlugRelatedField(**ORG)
    organisations = serializers.SlugRelatedField(**ORG, many=True, required=False,
                                                 help_text="Agencies affected (default: the reporter alone)")
    title = TextField(max_length=255)
    hazard = serializers.SlugRelatedField(**HAZARD)
    area = TextField(required=False, allow_blank=True, default="")
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(required=False, allow_null=True, help_text="Empty while it goes on")


class CreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    results = ResultSummarySerializer(many=True)


class ActionSerializer(serializers.ModelSerializer):
    organisation = TextField(source="organisation.code", read_only=True)
    overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = CorrectiveAction
        fields = ["id", "result", "organisation", "component", "description", "owner", "due_on", "status", "closed_at",
                  "answered_in", "overdue"]
        read_only_fields = ["id", "result", "organisation", "status", "closed_at", "answered_in", "overdue"]


class ActionInputSerializer(serializers.Serializer):
    component = serializers.ChoiceField(choices=COMPONENTS)
    description = TextField()
    owner = TextField(max_length=255)
    due_on = serializers.DateField()


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CorrectiveAction.Status.choices)


class InjectSerializer(serializers.Serializer):
    minute = serializers.IntegerField(min_value=0, help_text="Minutes from the start of the exercise")
    text = TextField()


class ExerciseScenarioSerializer(serializers.ModelSerializer):
    publisher = serializers.SlugRelatedField(**ORG)
    hazard = serializers.SlugRelatedField(**HAZARD)
    participants = serializers.SlugRelatedField(**ORG, many=True, required=False)
    injects = InjectSerializer(many=True, required=False)
    title = TextField(max_length=255)
    narrative = TextField()
    lead_office = TextField(max_length=255, required=False, allow_blank=True)
    expected_actions = TextField(required=False, allow_blank=True)

    class Meta:
        model = ExerciseScenario
        fields = ["id", "publisher", "hazard", "title", "narrative", "injects", "lead_office", "expected_actions",
                  "participants", "created_at"]
        read_only_fields = ["id", "created_at"]


FILTERS = [OpenApiParameter("kind", str, description="An organisation kind's code"),
           OpenApiParameter("province", str, description="A province's two-digit code"),
           OpenApiParameter("hazard", str, description="A scenario code of the catalogue")]


class SkillRow(serializers.Serializer):
    label = TextField()
    people = serializers.IntegerField()
    agencies = serializers.IntegerField()
    results = serializers.IntegerField()


class SplitRow(serializers.Serializer):
    label = TextField()
    group = TextField()
    people = serializers.IntegerField()


class TrainingRollupSerializer(serializers.Serializer):
    people = serializers.IntegerField()
    skills = SkillRow(many=True)
    split = serializers.DictField(child=SplitRow(many=True), help_text="kind, province, hazard")


# --------------------------------------------------------------------------- operations


def _readable(request, pk) -> Result:
    result = get_object_or_404(Result.objects.select_related("organisation", "exercise__hazard", "event__hazard"), pk=pk)
    if not permissions.can_read_result(request.user, result):
        raise PermissionDenied
    return result


class ResultList(APIView):
    """Results the user may read: their agencies' own, and for collectors and OPDC those of their routes
    (never a security-sensitive plan's result outside its agency)."""

    @extend_schema(parameters=[OpenApiParameter("organisation", str, description="One agency's code"),
                               OpenApiParameter("kind", str, enum=Result.Kind.values)],
                   responses={200: ResultSummarySerializer(many=True), **error_responses(403)})
    def get(self, request):
        rows = permissions.readable_results(request.user).select_related(
            "organisation", "exercise", "hazard")
        if request.query_params.get("organisation"):
            rows = rows.filter(organisation__code=request.query_params["organisation"])
        if request.query_params.get("kind") in Result.Kind.values:
            rows = rows.filter(kind=request.query_params["kind"])
        return Response(ResultSummarySerializer(rows[:1000], many=True).data)


class ResultDetail(APIView):
    """One agency's result; PUT writes it as a whole (its coordinators), refused as a whole on bad input
    and with 409 when it was saved since `revision`."""

    @extend_schema(responses={200: ResultSerializer, **error_responses(403, 404)})
    def get(self, request, pk):
        return Response(ResultSerializer(_readable(request, pk)).data)

    @extend_schema(request=ResultInputSerializer, responses={200: ResultSerializer, **error_responses(400, 403, 404, 409)})
    def put(self, request, pk):
        result = _readable(request, pk)
        if not permissions.can_record_results(request.user, result.organisation):
            raise PermissionDenied
        data = ResultInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        body = dict(data.validated_data)
        revision = body.pop("revision")
        services.save_result(request.user, result, body, revision=revision)
        return Response(ResultSerializer(_readable(request, pk)).data)


def _check_organiser(request, organiser, others) -> list[Organisation]:
    participants = [organiser, *[o for o in others if o.pk != organiser.pk]]
    if not permissions.can_organise_exercise(request.user, organiser, participants):
        raise PermissionDenied
    return participants


class ExerciseCreate(APIView):
    """Record an exercise, with a result for each agency taking part (each records its own)."""

    @extend_schema(request=ExerciseInputSerializer, responses={201: CreatedSerializer, **error_responses(400, 403)})
    def post(self, request):
        data = ExerciseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        participants = _check_organiser(request, d["organiser"], d.get("participants", []))
        exercise = services.record_exercise(
            request.user, organiser=d["organiser"], participants=participants, kind=d["kind"], title=d["title"],
            held_on=d["held_on"], hazard=d["hazard"], scenario=d.get("scenario"), objectives=d.get("objectives", []))
        results = exercise.results.select_related("organisation", "exercise__hazard")
        return Response({"id": exercise.pk, "results": ResultSummarySerializer(results, many=True).data}, status=201)


class EventCreate(APIView):
    """Record a real event, with a result for each agency it affected."""

    @extend_schema(request=EventInputSerializer, responses={201: CreatedSerializer, **error_responses(400, 403)})
    def post(self, request):
        data = EventInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        affected = _check_organiser(request, d["reporter"], d.get("organisations", []))
        event = services.record_event(request.user, reporter=d["reporter"], organisations=affected, title=d["title"],
                                      hazard=d["hazard"], area=d.get("area", ""), started_at=d["started_at"],
                                      ended_at=d.get("ended_at"))
        results = event.results.select_related("organisation", "event__hazard")
        return Response({"id": event.pk, "results": ResultSummarySerializer(results, many=True).data}, status=201)


class ResultActions(APIView):
    """A result's corrective actions; POST adds one (the agency's coordinators)."""

    @extend_schema(responses={200: ActionSerializer(many=True), **error_responses(403, 404)})
    def get(self, request, pk):
        result = _readable(request, pk)
        return Response(ActionSerializer(result.actions.select_related("organisation"), many=True).data)

    @extend_schema(request=ActionInputSerializer, responses={201: ActionSerializer, **error_responses(400, 403, 404)})
    def post(self, request, pk):
        result = _readable(request, pk)
        if not permissions.can_record_results(request.user, result.organisation):
            raise PermissionDenied
        data = ActionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        action = services.add_corrective_action(request.user, result, **data.validated_data)
        return Response(ActionSerializer(action).data, status=201)


class ActionList(APIView):
    """Corrective actions the user may read: `status=pending` (default), `overdue` or `all`."""

    @extend_schema(parameters=[OpenApiParameter("status", str, enum=["pending", "overdue", "all"])],
                   responses={200: ActionSerializer(many=True), **error_responses(403)})
    def get(self, request):
        rows = permissions.readable_actions(request.user).select_related("organisation").shown(
            request.query_params.get("status", "pending"))
        return Response(ActionSerializer(rows[:1000], many=True).data)


class ActionStatus(APIView):
    """Move a corrective action on (the agency's coordinators); the plan's next version records the
    closed ones it answers."""

    @extend_schema(request=StatusSerializer, responses={200: ActionSerializer, **error_responses(400, 403, 404)})
    def post(self, request, pk):
        action = get_object_or_404(CorrectiveAction.objects.select_related("organisation"), pk=pk)
        if not permissions.can_record_results(request.user, action.organisation):
            raise PermissionDenied
        data = StatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(ActionSerializer(services.set_action_status(request.user, action, data.validated_data["status"])).data)


class ScenarioList(APIView):
    """The scenario library as the user sees it; POST publishes one (a collector's coordinators)."""

    @extend_schema(responses={200: ExerciseScenarioSerializer(many=True), **error_responses(403)})
    def get(self, request):
        rows = permissions.readable_scenarios(request.user).select_related("publisher", "hazard").prefetch_related(
            "participants")
        return Response(ExerciseScenarioSerializer(rows, many=True).data)

    @extend_schema(request=ExerciseScenarioSerializer, responses={201: ExerciseScenarioSerializer, **error_responses(400, 403)})
    def post(self, request):
        data = ExerciseScenarioSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        if not permissions.can_publish_scenarios(request.user, d["publisher"]):
            raise PermissionDenied
        scenario = services.publish_scenario(
            request.user, publisher=d["publisher"], hazard=d["hazard"], title=d["title"], narrative=d["narrative"],
            injects=d.get("injects", []), lead_office=d.get("lead_office", ""),
            expected_actions=d.get("expected_actions", ""), participants=d.get("participants", []))
        return Response(ExerciseScenarioSerializer(scenario).data, status=201)


class TrainingNeeds(APIView):
    """The roll-up of training needs (a training office, OPDC, collectors): counts only."""

    @extend_schema(parameters=FILTERS, responses={200: TrainingRollupSerializer, **error_responses(403)})
    def get(self, request):
        if not permissions.can_read_training_needs(request.user):
            raise PermissionDenied
        return Response(TrainingRollupSerializer(
            overview.training_needs(request.user, overview.Filters.from_params(request.query_params))).data)


class ResultReport(APIView):
    """The after-action report as PDF or Word."""

    throttle_scope = "printing"

    @extend_schema(operation_id="results_report_file",
                   parameters=[OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=["pdf", "docx"])],
                   responses={(200, "application/pdf"): OpenApiTypes.BINARY,
                              (200, documents.TYPES["docx"]): OpenApiTypes.BINARY, **error_responses(403, 404, 503)})
    def get(self, request, pk, fmt):
        result = _readable(request, pk)
        data, ctype = documents.render(result, fmt)
        response = HttpResponse(data, content_type=ctype)
        response["Content-Disposition"] = f'attachment; filename="after-action-{result.organisation.code}-{result.pk}.{fmt}"'
        return response


class EventEndSerializer(serializers.Serializer):
    ended_at = serializers.DateTimeField()


class EventEnd(APIView):
    """The event is over (its reporting agency's coordinators): when it ended."""

    @extend_schema(request=EventEndSerializer, responses={200: EventEndSerializer, **error_responses(400, 403, 404)})
    def post(self, request, pk):
        event = get_object_or_404(Event.objects.select_related("reporter"), pk=pk)
        if not permissions.can_record_results(request.user, event.reporter):
            raise PermissionDenied
        data = EventEndSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.end_event(request.user, event, data.validated_data["ended_at"])
        return Response({"ended_at": event.ended_at})
