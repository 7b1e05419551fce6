from django.contrib import admin

from .models import PlanBundle


@admin.register(PlanBundle)
class PlanBundleAdmin(admin.ModelAdmin):
    """Read-only: bundles are made by their requesters and removed by `phrom prune_bundles`."""

    list_display = ["pk", "requested_by", "scope", "province", "root", "campaign", "status", "done", "total",
                    "created_at", "expires_at"]
    list_filter = ["status", "scope"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
