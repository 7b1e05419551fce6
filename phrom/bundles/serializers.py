from django.urls import reverse
from rest_framework import serializers

from phrom.campaigns.models import Campaign
from phrom.orgs.models import Organisation, Province

from .models import PlanBundle


class BundleRequestSerializer(serializers.Serializer):
    """A province (`province`: its two-digit code) or an organisation and its units (`organisation`: its code)."""

    province = serializers.SlugRelatedField(slug_field="code", queryset=Province.objects.all(), required=False)
    organisation = serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all(), required=False)
    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all(), required=False, allow_null=True,
                                                  help_text="The versions sent to this campaign")
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700, required=False, allow_null=True,
                                           help_text="Without a campaign: only plans of this fiscal year (B.E.)")

    def validate(self, attrs):
        if ("province" in attrs) == ("organisation" in attrs):
            raise serializers.ValidationError("Give either a province or an organisation.")
        return attrs


class BundleSerializer(serializers.ModelSerializer):
    province = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organisation = serializers.SlugRelatedField(source="root", slug_field="code", read_only=True, allow_null=True)
    status_url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = PlanBundle
        fields = [
            "id", "scope", "province", "organisation", "campaign", "fiscal_year", "status", "done", "total",
            "organisations", "failed", "error", "size", "created_at", "started_at", "finished_at", "expires_at",
            "status_url", "download_url",
        ]
        read_only_fields = fields

    def get_status_url(self, obj) -> str:
        return reverse("api-bundle", args=[obj.pk])

    def get_download_url(self, obj) -> str | None:
        if obj.status == PlanBundle.Status.DONE and not obj.expired:
            return reverse("api-bundle-download", args=[obj.pk])
        return None
