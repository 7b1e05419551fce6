from rest_framework import serializers

from .models import Organisation


class OrgRefSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="kind_id")

    class Meta:
        model = Organisation
        fields = ["code", "name_th", "name_en", "kind"]


class OrganisationSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="kind_id")
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    province = serializers.CharField(source="province_id", allow_null=True)

    class Meta:
        model = Organisation
        fields = [
            "code", "name_th", "name_en", "kind", "parent", "province", "site",
            "latitude", "longitude", "sector", "collector",
        ]


class RouteSerializer(serializers.Serializer):
    collectors = OrgRefSerializer(many=True)
    informed = OrgRefSerializer(many=True)


class OrganisationDetailSerializer(OrganisationSerializer):
    route = serializers.SerializerMethodField()

    class Meta(OrganisationSerializer.Meta):
        fields = [*OrganisationSerializer.Meta.fields, "route"]

    def get_route(self, org) -> dict:
        return RouteSerializer(self.context["route"]).data
