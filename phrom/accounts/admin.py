from django.contrib import admin, messages

from phrom.core.errors import PhromError

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Memberships changed here go through phrom.members.services like those of the members page, so
    that the agency sees in its history whoever added, changed or removed someone (an administrator
    adding themselves included)."""

    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__code", "organisation__name_th"]
    raw_id_fields = ["user", "organisation"]

    def save_model(self, request, obj, form, change):
        from phrom.members import services  # the members app builds on this one

        try:
            if not change:
                saved = services.add_member(obj.organisation, member=obj.user, role=obj.role, user=request.user)
                obj.pk = saved.pk
                return
            before = Membership.objects.get(pk=obj.pk)
            if (before.user_id, before.organisation_id) != (obj.user_id, obj.organisation_id):
                services.remove_member(before, user=request.user)
                obj.pk = services.add_member(obj.organisation, member=obj.user, role=obj.role, user=request.user).pk
            else:
                services.change_role(before, role=obj.role, user=request.user)
        except PhromError as e:
            messages.error(request, e.message)

    def delete_model(self, request, obj):
        from phrom.members import services

        try:
            services.remove_member(obj, user=request.user)
        except PhromError as e:
            messages.error(request, e.message)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            self.delete_model(request, membership)
