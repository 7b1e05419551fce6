"""The admin of organisations and the route table: every save and delete goes through
phrom.orgs.services, which keeps the stored tree paths and routes true in the same transaction."""

from django.contrib import admin

from .models import Organisation, OrgKind, Province, RouteRule
from .services import delete_organisations, save_organisation, save_route_rules


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en"]
    search_fields = ["code", "name_th", "name_en"]


class RouteRuleInline(admin.TabularInline):
    model = RouteRule
    extra = 0


@admin.register(OrgKind)
class OrgKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "level", "sort_order", "must_plan"]
    list_editable = ["must_plan"]
    inlines = [RouteRuleInline]

    def save_formset(self, request, form, formset, change):
        # The one inline: the kind's route rules.
        save_route_rules(formset.save(commit=False), formset.deleted_objects)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "kind", "province", "collector"]
    list_filter = ["kind", "collector", "sector"]
    search_fields = ["code", "name_th", "name_en"]
    raw_id_fields = ["parent"]
    list_select_related = ["kind", "province"]

    def save_model(self, request, obj, form, change):
        save_organisation(obj)

    def delete_model(self, request, obj):
        delete_organisations([obj])

    def delete_queryset(self, request, queryset):
        delete_organisations(queryset)
