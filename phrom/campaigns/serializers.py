"""JSON shapes of the campaigns API. A submission's JSON never carries plan content: that is only
at /submissions/{id}/document/, under the plan-reading permission, and never for a declaration."""

from rest_framework import serializers

from phrom.orgs.models import Organisation, OrgKind
from phrom.orgs.serializers import OrgRefSerializer
from phrom.plans.models import Scenario

from .models import COMMENT_COMPONENTS, Campaign, ReviewComment, Stage, Submission, SubmissionEvent


class AgencyRefSerializer(OrgRefSerializer):
    """An organisation with its province: a collector's lists group agencies by province."""

    province = serializers.CharField(source="province_id", allow_null=True)

    class Meta(OrgRefSerializer.Meta):
        fields = [*OrgRefSerializer.Meta.fields, "province"]


class CampaignSerializer(serializers.ModelSerializer):
    collector = serializers.SlugRelatedField(slug_field="code", read_only=True)
    kinds = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    subtree = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    required_scenarios = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id", "collector", "title", "fiscal_year", "description", "kinds", "subtree", "deadline",
            "required_scenarios", "attachment_required", "blocking_codes", "reminder_days", "is_open", "closed_at",
            "created_at",
        ]


class CampaignWriteSerializer(serializers.Serializer):
    """The shape of a campaign as sent; its rules (known checker codes, reminder days within a year)
    are checked by phrom.campaigns.services, for the pages and the API alike."""

    collector = serializers.CharField(help_text="Organisation code of the collector (create only)", required=False)
    title = serializers.CharField(max_length=255, required=False)
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    kinds = serializers.SlugRelatedField(slug_field="code", queryset=OrgKind.objects.all(), many=True, required=False)
    subtree = serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all(), required=False,
                                           allow_null=True, help_text="Organisation code; empty or null: no limit")
    deadline = serializers.DateField(required=False)
    required_scenarios = serializers.SlugRelatedField(slug_field="code", queryset=Scenario.objects.all(), many=True,
                                                      required=False)
    attachment_required = serializers.BooleanField(required=False)
    blocking_codes = serializers.ListField(child=serializers.CharField(), required=False,
                                           help_text="Checker finding codes")
    reminder_days = serializers.ListField(child=serializers.IntegerField(), required=False,
                                          help_text="Days from the deadline, e.g. [-7, -1, 3]")


class CampaignCreateSerializer(CampaignWriteSerializer):
    """Opening a campaign: these are required (a PATCH changes what it sends)."""

    collector = serializers.CharField(help_text="Organisation code of the collector")
    title = serializers.CharField(max_length=255)
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700)
    deadline = serializers.DateField()


class StageSerializer(serializers.ModelSerializer):
    collector = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Stage
        fields = ["collector", "position", "is_final", "status", "round", "version", "arrived_at", "decided_at"]


class SubmissionSerializer(serializers.ModelSerializer):
    organisation = AgencyRefSerializer()
    holder = serializers.SlugRelatedField(slug_field="code", read_only=True)
    plan = serializers.PrimaryKeyRelatedField(read_only=True)
    has_attachment = serializers.SerializerMethodField()
    stages = StageSerializer(many=True, read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id", "campaign", "organisation", "kind", "state", "title", "reviewed_on", "plan", "version", "round",
            "holder", "score", "error_count", "has_attachment", "first_sent_at", "sent_at", "decided_at", "lock",
            "stages",
        ]

    def get_has_attachment(self, obj) -> bool:
        return bool(obj.attachment)


class InboxRowSerializer(serializers.Serializer):
    submission = serializers.IntegerField(source="submission_id")
    organisation = AgencyRefSerializer(source="submission.organisation")
    kind = serializers.CharField(source="submission.kind")
    title = serializers.CharField(source="submission.title")
    state = serializers.CharField(source="submission.state")
    stage_status = serializers.CharField(source="status")
    version = serializers.IntegerField(allow_null=True)
    round = serializers.IntegerField()
    score = serializers.IntegerField(source="submission.score", allow_null=True)
    arrived_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)
    holder = serializers.CharField(source="submission.holder.code", allow_null=True, default=None)


class InformedRowSerializer(serializers.Serializer):
    submission = serializers.IntegerField(source="pk")
    organisation = AgencyRefSerializer()
    kind = serializers.CharField()
    title = serializers.CharField()
    state = serializers.CharField()
    version = serializers.IntegerField(allow_null=True)
    score = serializers.IntegerField(allow_null=True)
    sent_at = serializers.DateTimeField(allow_null=True)
    holder = serializers.CharField(source="holder.code", allow_null=True, default=None)


class SubmitSerializer(serializers.Serializer):
    organisation = serializers.CharField(help_text="Code of the agency sending")
    plan = serializers.IntegerField(help_text="Id of the agency's plan; its current revision is put forward")
    approve = serializers.BooleanField(default=False, help_text="Approvers only: approve and send in the same step")


class DeclareSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    title = serializers.CharField(max_length=500)
    reviewed_on = serializers.DateField(required=False, allow_null=True)
    plan = serializers.IntegerField(required=False, allow_null=True, help_text="The security-sensitive plan in Phrom, if any")
    approve = serializers.BooleanField(default=False)


class ApproveSerializer(serializers.Serializer):
    lock = serializers.IntegerField(required=False, help_text="The submission's `lock` you saw (409 if it changed)")


class DeclineSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class CommentInSerializer(serializers.Serializer):
    component = serializers.ChoiceField(choices=COMMENT_COMPONENTS, default="general")
    path = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    text = serializers.CharField()


class ReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accept", "return"])
    comments = CommentInSerializer(many=True, required=False, default=list)
    lock = serializers.IntegerField(required=False, help_text="The submission's `lock` you saw (409 if it changed)")


class CommentSerializer(serializers.ModelSerializer):
    collector = serializers.SlugRelatedField(slug_field="code", read_only=True)
    is_open = serializers.SerializerMethodField()

    class Meta:
        model = ReviewComment
        fields = ["id", "collector", "component", "path", "text", "version", "username", "created_at", "resolved_at",
                  "is_open"]

    def get_is_open(self, obj) -> bool:
        return obj.resolved_at is None


class EventSerializer(serializers.ModelSerializer):
    """One step of a submission's history. `ip` is null unless the context's `addresses_visible`
    (permissions.can_see_internal_steps: the agency's own members)."""

    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    target = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    ip = serializers.SerializerMethodField()

    class Meta:
        model = SubmissionEvent
        fields = ["at", "username", "organisation", "action", "from_state", "to_state", "target", "version", "round",
                  "comment", "ip"]

    def get_ip(self, obj) -> str | None:
        return obj.ip if self.context.get("addresses_visible") else None


class FollowUpRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    total = serializers.IntegerField()
    sent = serializers.IntegerField()
    percent_sent = serializers.FloatField()
    accepted = serializers.IntegerField()
    in_review = serializers.IntegerField()
    declared = serializers.IntegerField()
    returned = serializers.IntegerField()
    not_sent = serializers.IntegerField()
    never_had_plan = serializers.IntegerField()
    late = serializers.IntegerField()
    percent = serializers.DictField(child=serializers.FloatField())


class ReminderSerializer(serializers.Serializer):
    organisation = serializers.CharField(source="organisation.code")
    kind = serializers.CharField()
    status = serializers.CharField()
    attempts = serializers.IntegerField()
    last_error = serializers.CharField()
    next_attempt_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    sent_at = serializers.DateTimeField(allow_null=True)
