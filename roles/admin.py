"""Django admin for catalogue editors: every catalogue model, with inlines where editors work."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from roles import models as m
from roles.schema import prerequisite_cycles
from roles.selectors import prerequisite_graph

admin.site.site_header = _("CareerFit catalogue")
admin.site.site_title = _("CareerFit admin")
admin.site.index_title = _("Catalogue and accounts")


def _cycle_message(skill: m.Skill, wanted: dict[int, str]) -> str | None:
    """A message naming the cycle that giving `skill` these prerequisites would create, if any."""
    graph = prerequisite_graph(exclude_skill_id=skill.pk)
    graph[skill.slug] = set(wanted.values())
    for cycle in prerequisite_cycles(graph):
        if skill.slug in cycle:
            return _("These prerequisites would make a cycle: %(cycle)s.") % {"cycle": " → ".join([*cycle, cycle[0]])}
    return None


class PrerequisiteFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors) or not self.instance.slug:
            return
        wanted = {
            form.cleaned_data["required_skill"].pk: form.cleaned_data["required_skill"].slug
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("required_skill")
        }
        if self.instance.pk in wanted:
            raise ValidationError(_("A skill cannot be its own prerequisite."))
        message = _cycle_message(self.instance, wanted)
        if message:
            raise ValidationError(message)


class PrerequisiteForm(forms.ModelForm):
    class Meta:
        model = m.Prerequisite
        fields = ["skill", "required_skill", "minimum_level"]

    def clean(self):
        cleaned = super().clean()
        skill, required = cleaned.get("skill"), cleaned.get("required_skill")
        if skill and required and skill != required:
            wanted = {
                p.required_skill_id: p.required_skill.slug
                for p in skill.prerequisites.select_related("required_skill")
                if p.pk != self.instance.pk
            }
            wanted[required.pk] = required.slug
            message = _cycle_message(skill, wanted)
            if message:
                raise ValidationError(message)
        return cleaned


class PrerequisiteInline(admin.TabularInline):
    model = m.Prerequisite
    fk_name = "skill"
    formset = PrerequisiteFormSet
    autocomplete_fields = ["required_skill"]
    extra = 1
    verbose_name = _("prerequisite")
    verbose_name_plural = _("prerequisites: skills to reach first")


class LearningResourceInline(admin.TabularInline):
    model = m.LearningResource
    fields = ["slug", "title", "url", "kind", "cost", "hours", "min_level", "max_level"]
    extra = 0


@admin.register(m.SkillCategory)
class SkillCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "skill_count", "slug"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(skill_count=Count("skills"))

    @admin.display(description=_("skills"), ordering="skill_count")
    def skill_count(self, obj) -> int:
        return obj.skill_count


@admin.register(m.Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "kind", "role_count", "hours_to_intermediate", "slug"]
    list_filter = ["category", "kind"]
    list_select_related = ["category"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PrerequisiteInline, LearningResourceInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "kind", "description"]}),
        (
            _("What each level means for this skill"),
            {
                "fields": ["descriptor_1", "descriptor_2", "descriptor_3", "descriptor_4", "descriptor_5"],
            },
        ),
        (
            _("Hours of learning to reach each level from the one below"),
            {
                "fields": [
                    ("hours_to_level_1", "hours_to_level_2", "hours_to_level_3", "hours_to_level_4", "hours_to_level_5")
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(role_count=Count("requirements", distinct=True))

    @admin.display(description=_("roles requiring it"), ordering="role_count")
    def role_count(self, obj) -> int:
        return obj.role_count

    @admin.display(description=_("hours from 0 to 3"))
    def hours_to_intermediate(self, obj) -> int:
        return sum(obj.hours_per_level[:3])


@admin.register(m.Prerequisite)
class PrerequisiteAdmin(admin.ModelAdmin):
    form = PrerequisiteForm
    list_display = ["skill", "required_skill", "minimum_level"]
    list_filter = ["minimum_level", "skill__category"]
    list_select_related = ["skill", "required_skill"]
    search_fields = ["skill__name", "required_skill__name"]
    autocomplete_fields = ["skill", "required_skill"]


@admin.register(m.Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "slug"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class SalaryRangeInline(admin.TabularInline):
    model = m.SalaryRange
    fields = ["label", "experience", "region", "minimum", "maximum", "period", "source", "note", "position"]
    extra = 0


class RequirementInline(admin.TabularInline):
    model = m.Requirement
    autocomplete_fields = ["skill"]
    fields = ["skill", "required_level", "importance"]
    extra = 1


class RoadmapStepInline(admin.StackedInline):
    model = m.RoadmapStep
    autocomplete_fields = ["skills"]
    fields = [("position", "title"), "description", "skills"]
    extra = 0


class RoleQuestionInline(admin.StackedInline):
    model = m.RoleQuestion
    fields = [("position", "question"), "answer"]
    extra = 0


@admin.register(m.Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["title", "published", "requirement_count", "core_count", "slug"]
    list_filter = ["published"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["certifications"]
    inlines = [RequirementInline, RoadmapStepInline, SalaryRangeInline, RoleQuestionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "published", "summary", "overview", "certifications"]}),
        (_("The work"), {"fields": ["responsibilities", "daily_activities", "main_tasks", "working_conditions"]}),
        (_("The market"), {"fields": ["outlook", "sectors", "top_companies", "employer_expectations"]}),
        (_("Pros and cons"), {"classes": ["collapse"], "fields": ["advantages", "disadvantages"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                requirement_count=Count("requirements", distinct=True),
                core_count=Count("requirements", filter=Q(requirements__importance="core"), distinct=True),
            )
        )

    @admin.display(description=_("requirements"), ordering="requirement_count")
    def requirement_count(self, obj) -> int:
        return obj.requirement_count

    @admin.display(description=_("core"), ordering="core_count")
    def core_count(self, obj) -> int:
        return obj.core_count


@admin.register(m.Requirement)
class RequirementAdmin(admin.ModelAdmin):
    list_display = ["role", "skill", "required_level", "importance"]
    list_filter = ["role", "importance", "required_level", "skill__category"]
    list_select_related = ["role", "skill"]
    search_fields = ["skill__name", "role__title"]
    autocomplete_fields = ["role", "skill"]


@admin.register(m.RoadmapStep)
class RoadmapStepAdmin(admin.ModelAdmin):
    list_display = ["role", "position", "title"]
    list_filter = ["role"]
    list_select_related = ["role"]
    search_fields = ["title", "description", "role__title"]
    autocomplete_fields = ["role", "skills"]


@admin.register(m.SalaryRange)
class SalaryRangeAdmin(admin.ModelAdmin):
    list_display = ["role", "label", "minimum", "maximum", "period", "region", "source"]
    list_filter = ["role", "experience", "period", "region"]
    list_select_related = ["role"]
    search_fields = ["label", "role__title", "source"]


@admin.register(m.RoleQuestion)
class RoleQuestionAdmin(admin.ModelAdmin):
    list_display = ["question", "role", "position"]
    list_filter = ["role"]
    list_select_related = ["role"]
    search_fields = ["question", "answer"]


@admin.register(m.Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["name", "issuer", "skill_count", "slug"]
    list_filter = ["issuer"]
    search_fields = ["name", "issuer", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["skills"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(skill_count=Count("skills"))

    @admin.display(description=_("skills covered"), ordering="skill_count")
    def skill_count(self, obj) -> int:
        return obj.skill_count


@admin.register(m.LearningResource)
class LearningResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "skill", "kind", "cost", "hours", "min_level", "max_level"]
    list_filter = ["kind", "cost", "skill__category"]
    list_select_related = ["skill"]
    search_fields = ["title", "url", "skill__name"]
    autocomplete_fields = ["skill"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(m.EducationPath)
class EducationPathAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "duration", "position"]
    list_filter = ["kind", "stages"]
    search_fields = ["name", "who_for", "focus"]
    filter_horizontal = ["stages"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(m.Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "url"]
    list_filter = ["kind", "city"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(m.Advice)
class AdviceAdmin(admin.ModelAdmin):
    list_display = ["title", "stage", "role", "position"]
    list_filter = ["stage", "role"]
    list_select_related = ["stage", "role"]
    search_fields = ["title", "items"]
    autocomplete_fields = ["role"]


@admin.register(m.GuidanceLink)
class GuidanceLinkAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "url", "position"]
    list_filter = ["group"]
    search_fields = ["title", "url", "description"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(m.CatalogueVersion)
class CatalogueVersionAdmin(admin.ModelAdmin):
    """Read-only: the number only ever changes through the database triggers."""

    list_display = ["number", "changed_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
