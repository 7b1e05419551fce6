"""Administrators keep the utilities' recovery targets up to date."""

from django.contrib import admin

from .models import Utility


@admin.register(Utility)
class UtilityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "recovery_hours", "partial_hours", "partial_percent", "sort"]
    list_editable = ["recovery_hours", "sort"]
    search_fields = ["code", "name_th", "name_en"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []  # plans refer to the code
