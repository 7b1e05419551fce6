from django.contrib import admin

from .models import Organisation, OrgKind, Province, RouteRule


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en"]
    search_fields = ["code", "name_th", "name_en"]


class RouteRuleInline(admin.TabularInline):
    model = RouteRule
    extra = 0


@admin.register(OrgKind)
class OrgKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "level", "sort_order"]
    inlines = [RouteRuleInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "kind", "province", "collector"]
    list_filter = ["kind", "collector", "sector"]
    search_fields = ["code", "name_th", "name_en"]
    raw_id_fields = ["parent"]
    list_select_related = ["kind", "province"]
