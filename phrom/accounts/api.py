from django.contrib.auth import get_user_model
from rest_framework import generics, serializers

from phrom.orgs.serializers import OrgRefSerializer

from .models import Membership


class MembershipSerializer(serializers.ModelSerializer):
    organisation = OrgRefSerializer()

    class Meta:
        model = Membership
        fields = ["organisation", "role"]


class CurrentUserSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name")
    memberships = MembershipSerializer(many=True)

    class Meta:
        model = get_user_model()
        fields = ["username", "full_name", "email", "is_staff", "memberships"]


class CurrentUser(generics.RetrieveAPIView):
    """The signed-in user and their organisations."""

    serializer_class = CurrentUserSerializer

    def get_object(self):
        return get_user_model().objects.prefetch_related("memberships__organisation").get(pk=self.request.user.pk)
