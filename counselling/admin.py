"""Admin for cohorts and counsellors. Counsellor accounts: a user in the "Counsellors" group."""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from counselling.models import Cohort, Membership, Note, ResultView, StatusChange


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "join_code", "sharing", "created_at"]
    search_fields = ["name", "join_code"]
    filter_horizontal = ["counsellors"]
    readonly_fields = ["join_code", "created_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(sharing_count=Count("memberships", filter=Q(memberships__ended_at__isnull=True)))
        )

    @admin.display(description=_("students sharing"), ordering="sharing_count")
    def sharing(self, obj) -> int:
        return obj.sharing_count


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of consent and access: kept as they happened, never edited by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["student", "cohort", "consented_at", "consent_version", "ended_at", "status"]
    list_filter = ["status", "cohort"]
    list_select_related = ["student", "cohort"]


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["membership", "status", "changed_by", "changed_at"]
    list_select_related = ["membership__student", "membership__cohort", "changed_by"]


@admin.register(Note)
class NoteAdmin(ReadOnlyAdmin):
    list_display = ["student", "cohort", "author", "shared_with_student", "created_at"]
    list_filter = ["shared_with_student", "cohort"]
    list_select_related = ["student", "cohort", "author"]


@admin.register(ResultView)
class ResultViewAdmin(ReadOnlyAdmin):
    list_display = ["counsellor", "student", "cohort", "kind", "viewed_at"]
    list_filter = ["kind", "cohort"]
    list_select_related = ["counsellor", "student", "cohort"]
