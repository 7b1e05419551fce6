"""Administrators extend the scenario catalogue and the collectors' rules; plans are edited in Phrom itself."""

from django.contrib import admin

from phrom.accounts.permissions import can_read_live_plan, can_see_audit_details

from .models import Plan, PlanAudit, RequiredScenario, Scenario


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "lead_office_th", "sort", "is_builtin"]
    list_editable = ["sort"]
    search_fields = ["code", "name_th", "name_en", "lead_office_th"]
    readonly_fields = ["is_builtin"]

    def get_readonly_fields(self, request, obj=None):
        # Plans refer to catalogue codes: a shipped code stays as it is.
        return ["code", "is_builtin"] if obj is not None and obj.is_builtin else ["is_builtin"]


@admin.register(RequiredScenario)
class RequiredScenarioAdmin(admin.ModelAdmin):
    list_display = ["__str__", "collector", "collector_flag", "scenario", "note"]
    list_filter = ["collector_flag", "scenario"]
    raw_id_fields = ["collector"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    """Plans are looked at here, never edited: every change must go through the versioned, audited path."""

    list_display = ["title", "organisation", "fiscal_year", "status", "classification", "revision", "updated_at"]
    list_filter = ["status", "classification", "fiscal_year"]
    search_fields = ["title", "organisation__code", "organisation__name_th"]
    list_select_related = ["organisation"]
    # The plan's content is read in Phrom, where every read from outside the agency goes through a
    # permission and the audit trail; here only what identifies the plan, for its members' content too.
    fields = ["title", "organisation", "fiscal_year", "status", "classification", "revision", "updated_at"]

    def get_fields(self, request, obj=None):
        if obj is not None and can_read_live_plan(request.user, obj.organisation):
            return [*self.fields, "objectives", "assumptions", "scope_text"]
        return self.fields


@admin.register(PlanAudit)
class PlanAuditAdmin(ReadOnlyAdmin):
    list_display = ["at", "plan", "username", "action", "component", "version", "ip"]
    list_filter = ["action", "component"]
    search_fields = ["username", "plan__title", "plan__organisation__code"]
    list_select_related = ["plan"]
    fields = ["at", "plan", "username", "action", "component", "version", "ip"]

    def get_fields(self, request, obj=None):
        # A sensitive plan's entry details (attachment names, what changed) stay in the agency.
        if obj is not None and can_see_audit_details(request.user, obj.plan.organisation,
                                                     sensitive=obj.plan.is_sensitive):
            return [*self.fields, "detail"]
        return self.fields
