"""API shapes of plans. Component content is validated by phrom.plans.content, not here: these
serializers describe the `phrom-plan/1` document for the OpenAPI schema and render plan metadata."""

from rest_framework import serializers

from phrom.orgs.serializers import OrgRefSerializer

from .checklist import ITEMS
from .codes import ALL_COMPONENTS, Category, Channel, Classification, ImpactLevel, TeamRole, Window
from .models import Plan

# ---------------------------------------------------------------- the document, for the schema


class ScenarioRowDoc(serializers.Serializer):
    code = serializers.CharField(help_text="A catalogue code, or custom-… for the agency's own scenario")
    name_th = serializers.CharField(required=False, help_text="Only for custom scenarios")
    name_en = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(allow_blank=True)


class ScopeDoc(serializers.Serializer):
    objectives = serializers.CharField(allow_blank=True)
    assumptions = serializers.CharField(allow_blank=True)
    scope = serializers.CharField(allow_blank=True)
    long_crisis = serializers.BooleanField(help_text="The plan holds for a crisis longer than one month")
    scenarios = ScenarioRowDoc(many=True)


class ImpactDoc(serializers.Serializer):
    scenario = serializers.CharField()
    category = serializers.ChoiceField(Category.choices)
    impacted = serializers.BooleanField()
    note = serializers.CharField(allow_blank=True)


class TeamMemberDoc(serializers.Serializer):
    key = serializers.CharField(help_text="Stable key within the plan, e.g. m1")
    name = serializers.CharField()
    position = serializers.CharField(allow_blank=True)
    role = serializers.ChoiceField(TeamRole.choices)
    team = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True, help_text="Thai format: 0XXXXXXXX(X), dashes/spaces allowed, or +66…")
    email = serializers.EmailField(allow_blank=True)
    line_id = serializers.CharField(allow_blank=True)
    alternate = serializers.CharField(allow_null=True, help_text="Key of the alternate member")


class StrategyDoc(serializers.Serializer):
    category = serializers.ChoiceField(Category.choices)
    strategy = serializers.CharField()
    digital = serializers.BooleanField(help_text="Relies on e-Service / digital technology")


class DependencyDoc(serializers.Serializer):
    kind = serializers.CharField(help_text="process, utility or supplier")
    organisation = serializers.CharField(required=False, help_text="kind process: the agency's code")
    process = serializers.CharField(required=False, help_text="kind process: the process's key in that agency's plan "
                                    "of the same fiscal year (its latest sent version)")
    utility = serializers.CharField(required=False, help_text="kind utility: electricity, internet, mobile, water, fuel…")
    name = serializers.CharField(required=False, help_text="kind supplier: the supplier or system")
    recovery_hours = serializers.FloatField(required=False, help_text="kind supplier: the recovery time it promises")
    covered_hours = serializers.FloatField(allow_null=True, help_text="Hours the agency's own arrangement covers")
    covered_by = serializers.CharField(allow_blank=True, help_text="The arrangement (strategy) that covers it")


class ProcessDoc(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    mission = serializers.CharField(allow_blank=True)
    impact_level = serializers.ChoiceField(ImpactLevel.choices, allow_null=True)
    mtpd_hours = serializers.FloatField(allow_null=True, help_text="Maximum tolerable period of disruption, hours")
    rto_hours = serializers.FloatField(allow_null=True, help_text="Recovery time objective, hours")
    rpo_hours = serializers.FloatField(allow_null=True, help_text="Recovery point objective, hours")
    depends_on_it = serializers.BooleanField()
    eservice = serializers.BooleanField()
    impact_over_time = serializers.DictField(child=serializers.CharField(), help_text="Period (4h, 1d, 1w, 2w, 1m) → text")
    dependencies = DependencyDoc(many=True, required=False, help_text="Absent when the process depends on nothing declared")


class ResourceDoc(serializers.Serializer):
    process = serializers.CharField(allow_null=True)
    category = serializers.ChoiceField(Category.choices)
    item = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    quantities = serializers.DictField(child=serializers.FloatField(), help_text="Period (4h, 1d, 1w, 2w, 1m) → quantity")


class ProcedureDoc(serializers.Serializer):
    window = serializers.ChoiceField(Window.choices)
    order = serializers.IntegerField(min_value=1)
    activity = serializers.CharField()
    owner = serializers.CharField(allow_null=True, help_text="Key of the responsible member")
    process = serializers.CharField(allow_null=True, help_text="Key of a linked process")


class CallLinkDoc(serializers.Serializer):
    caller = serializers.CharField(allow_null=True, help_text="Null for a root of the tree")
    callee = serializers.CharField()
    order = serializers.IntegerField(min_value=1)
    channel = serializers.ChoiceField(Channel.choices)


class HeaderDoc(serializers.Serializer):
    title = serializers.CharField()
    classification = serializers.ChoiceField(Classification.choices)
    reviewed_on = serializers.DateField(allow_null=True)
    exercised_on = serializers.DateField(allow_null=True)


class PlanDocumentSerializer(HeaderDoc):
    """A whole plan in the `phrom-plan/1` format."""

    format = serializers.CharField(default="phrom-plan/1")
    scope = ScopeDoc()
    impacts = ImpactDoc(many=True)
    team = TeamMemberDoc(many=True)
    strategies = StrategyDoc(many=True)
    processes = ProcessDoc(many=True)
    resources = ResourceDoc(many=True)
    procedures = ProcedureDoc(many=True)
    call_tree = CallLinkDoc(many=True)


# ---------------------------------------------------------------- plans


class PlanSerializer(serializers.ModelSerializer):
    organisation = OrgRefSerializer()
    content_readable = serializers.SerializerMethodField()
    attachment = serializers.SerializerMethodField()
    # null in a row whose content the reader may not open (TITLE_ONLY)
    revision = serializers.IntegerField(read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True, allow_null=True)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Plan
        fields = [
            "id", "organisation", "title", "fiscal_year", "classification", "status", "reviewed_on", "exercised_on",
            "revision", "attachment", "created_at", "updated_at", "content_readable",
        ]

    # Of a plan whose content the reader may not open, only this leaves the agency.
    TITLE_ONLY = {"id", "organisation", "title", "fiscal_year", "classification", "status", "content_readable"}

    def get_content_readable(self, plan) -> bool:
        readable = self.context.get("readable")
        return True if readable is None else readable(plan)

    def get_attachment(self, plan) -> str | None:
        if not plan.attachment:
            return None
        request = self.context.get("request")
        url = f"/api/v1/plans/{plan.pk}/attachment/"
        return request.build_absolute_uri(url) if request else url

    def to_representation(self, plan):
        data = super().to_representation(plan)
        if not data["content_readable"]:
            data = {k: (v if k in self.TITLE_ONLY else None) for k, v in data.items()}
        return data


class PlanDetailSerializer(PlanSerializer):
    component_revisions = serializers.SerializerMethodField()

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "component_revisions"]

    def get_component_revisions(self, plan) -> dict[str, int]:
        return {c: plan.component_revision(c) for c in ALL_COMPONENTS}


class PlanCreateSerializer(serializers.Serializer):
    organisation = serializers.CharField(help_text="Code of the organisation")
    fiscal_year = serializers.IntegerField(required=False, min_value=2500, help_text="Buddhist era; default the current one")
    template = serializers.CharField(required=False, help_text="Code of a starter template")
    copy_from = serializers.IntegerField(required=False, help_text="Id of an earlier plan of the same organisation")
    classification = serializers.ChoiceField(Classification.choices, required=False)
    title = serializers.CharField(required=False, max_length=500)


class ComponentSerializer(serializers.Serializer):
    component = serializers.ChoiceField([(c, c) for c in ALL_COMPONENTS])
    revision = serializers.IntegerField(help_text="Send it back with your change (or as If-Match)")
    data = serializers.JSONField(help_text="The component as in the phrom-plan/1 document (see PlanDocument)")


class ComponentWriteSerializer(serializers.Serializer):
    revision = serializers.IntegerField(required=False, help_text="The revision you loaded; or send If-Match")
    data = serializers.JSONField()
    summary = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ComponentSavedSerializer(ComponentSerializer):
    version = serializers.IntegerField(help_text="The plan's version after the save")
    changed = serializers.BooleanField()
    revisions = serializers.DictField(child=serializers.IntegerField(),
                                      help_text="New revision of every component this save changed")


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    author = serializers.CharField(allow_null=True)
    summary = serializers.CharField(allow_blank=True)
    components = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()),
                                       help_text="component → {added, removed, changed}")


class DiffSerializer(serializers.Serializer):
    to = serializers.IntegerField()
    components = serializers.JSONField(help_text="component → {fields?, added, removed, changed}")

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.IntegerField()
        return fields


class FindingSerializer(serializers.Serializer):
    code = serializers.CharField()
    severity = serializers.ChoiceField(["error", "warning", "info"])
    component = serializers.ChoiceField([(c, c) for c in ALL_COMPONENTS])
    path = serializers.CharField()
    anchor = serializers.CharField()
    message_th = serializers.CharField()
    message_en = serializers.CharField()


class FindingsSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    score = serializers.IntegerField(min_value=0, max_value=100)
    component_scores = serializers.DictField(child=serializers.IntegerField())
    counts = serializers.DictField(child=serializers.IntegerField())
    findings = FindingSerializer(many=True)


class ChecklistItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    text_th = serializers.CharField()
    text_en = serializers.CharField()
    component = serializers.CharField()
    source = serializers.ChoiceField(["plan", "coordinator"])
    answer = serializers.ChoiceField(["yes", "no", "na"], allow_null=True)
    note = serializers.CharField(allow_blank=True)


class ChecklistSerializer(serializers.Serializer):
    items = ChecklistItemSerializer(many=True)
    summary = serializers.DictField(child=serializers.IntegerField())


class ChecklistAnswerSerializer(serializers.Serializer):
    # the items the coordinator answers (the others are answered from the plan itself)
    item = serializers.ChoiceField([i.code for i in ITEMS if i.auto is None])
    answer = serializers.ChoiceField(["yes", "no", "na"])
    note = serializers.CharField(required=False, allow_blank=True)


class ChecklistWriteSerializer(serializers.Serializer):
    answers = ChecklistAnswerSerializer(many=True)


class MappedStrategySerializer(serializers.Serializer):
    """A strategy under its category's heading (the category is the heading's)."""

    strategy = serializers.CharField()
    digital = serializers.BooleanField(help_text="Relies on e-Service / digital technology")


class StrategyMapCategorySerializer(serializers.Serializer):
    category = serializers.CharField()
    label_th = serializers.CharField()
    label_en = serializers.CharField()
    note = serializers.CharField(allow_blank=True)
    strategies = MappedStrategySerializer(many=True)


class StrategyMapSerializer(serializers.Serializer):
    scenario = serializers.CharField()
    name_th = serializers.CharField()
    name_en = serializers.CharField()
    categories = StrategyMapCategorySerializer(many=True)


class AuditSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    username = serializers.CharField()
    action = serializers.CharField()
    component = serializers.CharField()
    version = serializers.IntegerField(allow_null=True)
    detail = serializers.JSONField()
    ip = serializers.IPAddressField(allow_null=True)


class TemplateSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_th = serializers.CharField()
    name_en = serializers.CharField()
    description_th = serializers.CharField(allow_blank=True)
    description_en = serializers.CharField(allow_blank=True)
    kinds = serializers.ListField(child=serializers.CharField())


class ScenarioSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_th = serializers.CharField()
    name_en = serializers.CharField()
    lead_office_th = serializers.CharField()
    lead_office_en = serializers.CharField()


class AttachmentSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The original plan as PDF, DOC or DOCX (at most 20 MB)")

