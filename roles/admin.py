"""Django admin for catalogue editors: every catalogue model, with inlines where editors work.

Written for people who are not developers: on a role's page the requirements come right after the basics,
with what levels and importance mean; long texts are short boxes; controls inside inlines are labelled
for screen readers and cannot delete a skill from the whole catalogue by accident.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from roles import models as m
from roles.formatting import level_label
from roles.levels import MAX_LEVEL, MIN_REQUIRED_LEVEL
from roles.schema import MAX_SOFT_SHARE, AnyOf, Requirement, Role, graph_cycles, soft_share
from roles.selectors import prerequisite_graph

LEVEL_FIELDS = {"required_level", "minimum_level", "min_level", "max_level"}
COMPACT_TEXT = forms.Textarea(attrs={"rows": 3, "cols": 90})


class CatalogueAdminMixin:
    """What every catalogue admin page and inline shares."""

    formfield_overrides = {models.TextField: {"widget": COMPACT_TEXT}}

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin-a11y.js"]

    def get_fieldsets(self, request, obj=None):
        # A field added to the model later shows up (folded, at the end) without a change here.
        fieldsets = list(super().get_fieldsets(request, obj))
        if getattr(self, "fieldsets", None):
            listed = set(flatten_fieldsets(fieldsets))
            rest = [name for name in self.get_form(request, obj, fields=None).base_fields if name not in listed]
            if rest:
                fieldsets.append((_("More"), {"classes": ["collapse"], "fields": rest}))
        return fieldsets

    def get_changelist_formset(self, request, **kwargs):
        formset = super().get_changelist_formset(request, **kwargs)

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                # An editable column ("position") is one control per row: name each after its row.
                for field in form.fields.values():
                    field.widget.attrs["aria-label"] = f"{field.label}: {form.instance}"

        return LabelledFormSet

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            # A ✕ beside a skill's category or a requirement's skill would delete it from the whole catalogue.
            formfield.widget.can_delete_related = False
        if formfield is not None and db_field.name in LEVEL_FIELDS:
            # "3 · Intermediate" rather than a bare name: editors see the number the files and pages use.
            formfield.choices = [("", "---------")] * (not db_field.has_default()) + [
                (level, level_label(level)) for level in range(MIN_REQUIRED_LEVEL, MAX_LEVEL + 1)
            ]
        return formfield


class CatalogueInline(CatalogueAdminMixin):
    """Inline rows: no controls that edit or delete the related row itself, and every control labelled."""

    leading = False  # on a role's page, shown right after the basics (see admin/roles/role/change_form.html)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if self.fields:  # as for pages: fields added to the model later show up at the end
            listed = set(flatten_fieldsets([(None, {"fields": fields})]))
            form = super().get_formset(request, obj, fields=None).form
            fields += [name for name in form.base_fields if name not in listed and name != self.fk_name]
        return fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            formfield.widget.can_change_related = False  # rows stay short: open the skill from its own page
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        noun = self.model._meta.verbose_name

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                # Table columns carry the labels visually; each control also needs its own name.
                for name, field in form.fields.items():
                    label = _("Delete this %(thing)s") % {"thing": noun} if name == "DELETE" else field.label
                    widget = getattr(field.widget, "widget", field.widget)  # inside a related-object wrapper
                    widget.attrs.setdefault("aria-label", str(label))

        return LabelledFormSet


admin.site.site_header = _("CareerFit catalogue")
admin.site.site_title = _("CareerFit admin")
admin.site.index_title = _("Catalogue and accounts")


def _cycle_message(skill: m.Skill, wanted: dict[int, str]) -> str | None:
    """A message naming the cycle that giving `skill` these prerequisites would create, if any."""
    graph = prerequisite_graph(exclude_skill_id=skill.pk)
    graph[skill.slug] = set(wanted.values())
    for cycle in graph_cycles(graph):
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
        fields = ["skill", "required_skill", "minimum_level", "from_level", "alternatives"]

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


class PrerequisiteInline(CatalogueInline, admin.TabularInline):
    model = m.Prerequisite
    fk_name = "skill"
    formset = PrerequisiteFormSet
    autocomplete_fields = ["required_skill", "alternatives"]
    extra = 1
    verbose_name = _("prerequisite")
    verbose_name_plural = _("prerequisites: skills to reach first")


class LearningResourceInline(CatalogueInline, admin.StackedInline):
    model = m.LearningResource
    fields = [("title", "slug"), "url", ("kind", "cost", "hours"), ("min_level", "max_level")]
    extra = 0
    classes = ["collapse"]


@admin.register(m.SkillCategory)
class SkillCategoryAdmin(CatalogueAdminMixin, admin.ModelAdmin):
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
class SkillAdmin(CatalogueAdminMixin, admin.ModelAdmin):
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
class PrerequisiteAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    form = PrerequisiteForm
    list_display = ["skill", "required_skill", "minimum_level"]
    list_filter = ["minimum_level", "skill__category"]
    list_select_related = ["skill", "required_skill"]
    search_fields = ["skill__name", "required_skill__name"]
    autocomplete_fields = ["skill", "required_skill"]


@admin.register(m.Stage)
class StageAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ["name", "position", "slug"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class SalaryRangeInline(CatalogueInline, admin.StackedInline):
    model = m.SalaryRange
    fields = [("label", "experience", "region"), ("minimum", "maximum", "period"), "source", "note", "position"]
    extra = 0
    classes = ["collapse"]


class RequirementFormSet(forms.BaseInlineFormSet):
    """The role's requirements as a whole: the soft-skill cap, and no skill both alone and in a group."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("skill")
        ]
        kinds = {c["skill"].slug: c["skill"].kind for c in kept}
        groups = []
        if self.instance.pk:
            for group in self.instance.requirement_groups.prefetch_related("members__skill"):
                members = [member.skill for member in group.members.all()]
                kinds.update({skill.slug: skill.kind for skill in members})
                groups.append(
                    AnyOf.model_construct(
                        name=group.name,
                        skills=tuple(skill.slug for skill in members),
                        level=group.required_level,
                        importance=group.importance,
                    )
                )
        for c in kept:
            inside = next((g.name for g in groups if c["skill"].slug in g.skills), None)
            if inside:
                raise ValidationError(
                    _("%(skill)s is already one of “%(group)s”: keep it in one place.")
                    % {"skill": c["skill"].name, "group": inside}
                )
        requirements = [
            Requirement.model_construct(skill=c["skill"].slug, level=c["required_level"], importance=c["importance"])
            for c in kept
        ]
        share = soft_share(Role.model_construct(requirements=tuple(requirements), any_of=tuple(groups)), kinds)
        if share > MAX_SOFT_SHARE:
            raise ValidationError(
                _(
                    "Professional (soft) skills would carry %(share)s of this role's possible points; the most "
                    "allowed is %(most)s, so that they count without deciding a student's fit. Lower their "
                    "importance or level."
                )
                % {"share": f"{share:.0%}", "most": f"{MAX_SOFT_SHARE:.0%}"}
            )


class RequirementInline(CatalogueInline, admin.TabularInline):
    model = m.Requirement
    formset = RequirementFormSet
    autocomplete_fields = ["skill"]
    fields = ["skill", "required_level", "importance"]
    extra = 1
    leading = True
    verbose_name_plural = _("requirements: the skills this role needs")


class RequirementGroupInline(CatalogueInline, admin.TabularInline):
    model = m.RequirementGroup
    fields = ["name", "required_level", "importance", "member_list"]
    readonly_fields = ["member_list"]
    extra = 0
    show_change_link = True
    leading = True
    verbose_name_plural = _("“any one of” requirements: met by the student's best skill in each")

    @admin.display(description=_("skills that meet it, in order of preference"))
    def member_list(self, obj) -> str:
        names = [member.skill.name for member in obj.members.select_related("skill")] if obj.pk else []
        return " · ".join(names) or _("none yet: open it to add skills")


class RequirementGroupSkillFormSet(forms.BaseInlineFormSet):
    """A skill meets a role's requirement in one place only: alone, or in one "any one of" requirement."""

    def clean(self) -> None:
        super().clean()
        role_id = self.instance.role_id
        if any(self.errors) or role_id is None:
            return
        skills = {
            form.cleaned_data["skill"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("skill")
        }
        alone = m.Requirement.objects.filter(role_id=role_id, skill__in=skills).select_related("skill").first()
        if alone:
            raise ValidationError(
                _("%(skill)s is already required by this role on its own: keep it in one place.")
                % {"skill": alone.skill.name}
            )
        elsewhere = (
            m.RequirementGroupSkill.objects.filter(group__role_id=role_id, skill__in=skills)
            .exclude(group_id=self.instance.pk)
            .select_related("skill", "group")
            .first()
        )
        if elsewhere:
            raise ValidationError(
                _("%(skill)s is already one of “%(group)s”: keep it in one place.")
                % {"skill": elsewhere.skill.name, "group": elsewhere.group.name}
            )


class RequirementGroupSkillInline(CatalogueInline, admin.TabularInline):
    model = m.RequirementGroupSkill
    formset = RequirementGroupSkillFormSet
    autocomplete_fields = ["skill"]
    fields = ["position", "skill"]
    extra = 2
    verbose_name_plural = _("skills that meet it, in order of preference")


@admin.register(m.RequirementGroup)
class RequirementGroupAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ["name", "role", "required_level", "importance"]
    list_filter = ["role", "importance"]
    list_select_related = ["role"]
    search_fields = ["name", "role__title"]
    autocomplete_fields = ["role"]
    inlines = [RequirementGroupSkillInline]
    fieldsets = [
        (
            None,
            {
                "description": _(
                    "A requirement that any one of several skills meets, such as one of three clouds. A "
                    "student's best level among them counts; the plan teaches the one they are closest to, "
                    "or the first listed when two are equally close."
                ),
                "fields": ["role", "name", ("required_level", "importance")],
            },
        )
    ]


class EducationFocusInline(CatalogueInline, admin.StackedInline):
    model = m.EducationFocus
    fields = ["path", "focus"]
    extra = 0
    classes = ["collapse"]
    verbose_name_plural = _("what each education path focuses on for this role")


class RoadmapStepInline(CatalogueInline, admin.StackedInline):
    model = m.RoadmapStep
    autocomplete_fields = ["skills"]
    fields = [("position", "title"), "description", "skills"]
    extra = 0
    classes = ["collapse"]


class RoleQuestionInline(CatalogueInline, admin.StackedInline):
    model = m.RoleQuestion
    fields = [("position", "question"), "answer"]
    extra = 0
    classes = ["collapse"]


class RoleForm(forms.ModelForm):
    """A role's form: its "leads to" may not make a career ladder loop back to it."""

    def clean_leads_to(self):
        leads_to = self.cleaned_data["leads_to"]
        if self.instance.pk is None:
            return leads_to
        if self.instance in leads_to:
            raise ValidationError(_("A role cannot lead to itself."))
        graph = {}
        for role_id, target_id in m.Role.leads_to.through.objects.values_list("from_role_id", "to_role_id"):
            if role_id != self.instance.pk:
                graph.setdefault(role_id, set()).add(target_id)
        graph[self.instance.pk] = {role.pk for role in leads_to}
        titles = dict(m.Role.objects.values_list("pk", "title"))
        for cycle in graph_cycles({str(k): {str(v) for v in vs} for k, vs in graph.items()}):
            if str(self.instance.pk) in cycle:
                start = cycle.index(str(self.instance.pk))  # told from the role being edited
                names = [titles[int(pk)] for pk in cycle[start:] + cycle[:start]]
                raise ValidationError(
                    _("This makes a career ladder loop: %(loop)s.") % {"loop": " → ".join([*names, names[0]])}
                )
        return leads_to


@admin.register(m.Role)
class RoleAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    change_form_template = "admin/roles/role/change_form.html"
    form = RoleForm
    list_display = ["title", "level", "noc_code", "published", "requirement_count", "core_count", "slug"]
    list_filter = ["published", "level", "origin"]
    search_fields = ["title", "slug", "summary", "noc_code", "noc_title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["certifications", "leads_to"]
    inlines = [
        RequirementInline,
        RequirementGroupInline,
        RoadmapStepInline,
        SalaryRangeInline,
        EducationFocusInline,
        RoleQuestionInline,
    ]
    # The first fieldset comes before the requirements; the others follow the inlines, folded.
    fieldsets = [
        (None, {"fields": ["title", "slug", "published", "summary", "certifications"]}),
        (
            _("Where it sits: level, occupation code and career ladder"),
            {
                "classes": ["collapse"],
                "fields": [
                    ("level", "origin"),
                    ("noc_code", "noc_title"),
                    "education",
                    "leads_to",
                    "sources",
                ],
            },
        ),
        (
            _("Overview and the work"),
            {
                "classes": ["collapse"],
                "fields": ["overview", "responsibilities", "daily_activities", "main_tasks", "working_conditions"],
            },
        ),
        (
            _("The market"),
            {"classes": ["collapse"], "fields": ["outlook", "sectors", "top_companies", "employer_expectations"]},
        ),
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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        role = self.get_object(request, object_id)
        extra = {"preview_url": reverse("roles:preview", args=[role.slug]) if role else None}
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})


@admin.register(m.Requirement)
class RequirementAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ["role", "skill", "required_level", "importance"]
    list_filter = ["role", "importance", "required_level", "skill__category"]
    list_select_related = ["role", "skill"]
    search_fields = ["skill__name", "role__title"]
    autocomplete_fields = ["role", "skill"]


@admin.register(m.RoadmapStep)
class RoadmapStepAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ["role", "position", "title"]
    list_filter = ["role"]
    list_select_related = ["role"]
    search_fields = ["title", "description", "role__title"]
    autocomplete_fields = ["role", "skills"]


@admin.register(m.SalaryRange)
class SalaryRangeAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ["role", "label", "minimum", "maximum", "period", "region", "source"]
    list_filter = ["role", "experience", "period", "region"]
    list_select_related = ["role"]
    search_fields = ["label", "role__title", "source"]


@admin.register(m.RoleQuestion)
class RoleQuestionAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ["question", "role", "position"]
    list_filter = ["role"]
    list_select_related = ["role"]
    search_fields = ["question", "answer"]


@admin.register(m.Certification)
class CertificationAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ["name", "issuer", "level", "status", "skill_count", "slug"]
    list_filter = ["status", "level", "issuer"]
    search_fields = ["name", "issuer", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["skills", "successor"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "issuer", "url", "description", "skills"]}),
        (
            _("Who it suits, and whether it is still offered"),
            {
                "description": _(
                    "Plans suggest only offered certifications, to students whose experience reaches what it "
                    "expects. A retired one stays on role pages, marked, with its successor."
                ),
                "fields": [("level", "min_experience"), ("status", "retired_on", "successor")],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(skill_count=Count("skills"))

    @admin.display(description=_("skills covered"), ordering="skill_count")
    def skill_count(self, obj) -> int:
        return obj.skill_count


@admin.register(m.LearningResource)
class LearningResourceAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ["title", "skill", "kind", "cost", "hours", "min_level", "max_level"]
    list_filter = ["kind", "cost", "skill__category"]
    list_select_related = ["skill"]
    search_fields = ["title", "url", "skill__name"]
    autocomplete_fields = ["skill"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(m.EducationPath)
class EducationPathAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "duration", "position"]
    list_filter = ["kind", "stages"]
    search_fields = ["name", "who_for", "focus"]
    filter_horizontal = ["stages"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(m.Institution)
class InstitutionAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "city", "url"]
    list_filter = ["kind", "city"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(m.Advice)
class AdviceAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ["title", "for_stages", "about_roles", "position"]
    list_filter = ["stages", "roles"]
    search_fields = ["title", "items"]
    autocomplete_fields = ["stages", "roles"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("stages", "roles")

    @admin.display(description=_("for"))
    def for_stages(self, obj) -> str:
        return ", ".join(stage.name for stage in obj.stages.all()) or _("every stage")

    @admin.display(description=_("about"))
    def about_roles(self, obj) -> str:
        return ", ".join(role.title for role in obj.roles.all()) or _("any role")


@admin.register(m.GuidanceLink)
class GuidanceLinkAdmin(CatalogueAdminMixin, admin.ModelAdmin):
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
