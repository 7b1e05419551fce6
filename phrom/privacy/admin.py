from django.contrib import admin

from .models import ExportRecord


@admin.register(ExportRecord)
class ExportRecordAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only. Shows no plan content, only who took which agency's plan, how."""

    list_display = ("at", "username", "organisation", "what", "version", "via", "ip")
    list_filter = ("what", "via")
    search_fields = ("username", "organisation__code", "ip")
    date_hierarchy = "at"
    fields = ("at", "username", "organisation", "plan_id", "what", "version", "via", "detail", "ip")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
