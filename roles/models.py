"""The role catalogue: skills, roles and what a student needs to reach them.

Every row here is catalogue data that admins edit. Catalogue rows are found by their slug (or, for rows
that belong to a role or a skill, by their place in it), which is what `load_catalogue` upserts by.
Any change to any of these tables, by any route, bumps `CatalogueVersion` (see `roles/triggers.py`).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from roles.choices import (
    CertificationLevel,
    CertificationStatus,
    Cost,
    EducationKind,
    Experience,
    InstitutionKind,
    LinkGroup,
    ResourceKind,
    RoleLevel,
    RoleOrigin,
    SalaryPeriod,
    SkillKind,
    YearsInTech,
)
from roles.levels import IMPORTANCE_WEIGHTS, MAX_LEVEL, MIN_REQUIRED_LEVEL, Importance, Level

LINES_HELP = _("One item per line.")


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _level_range(field: str) -> Q:
    return Q(**{f"{field}__gte": MIN_REQUIRED_LEVEL, f"{field}__lte": MAX_LEVEL})


class SkillCategory(models.Model):
    """A group of skills; the questionnaire asks one category per step, in `position` order."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")

    def __str__(self) -> str:
        return self.name


class SkillQuerySet(models.QuerySet):
    def with_category(self) -> SkillQuerySet:
        return self.select_related("category")


class Skill(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=80)
    category = models.ForeignKey(SkillCategory, on_delete=models.PROTECT, related_name="skills")
    kind = models.CharField(_("kind"), max_length=4, choices=SkillKind.choices, default=SkillKind.HARD)
    description = models.TextField(_("description"), blank=True)
    descriptor_1 = models.CharField(_("level 1 (Aware): I can…"), max_length=240)
    descriptor_2 = models.CharField(_("level 2 (Beginner): I can…"), max_length=240)
    descriptor_3 = models.CharField(_("level 3 (Intermediate): I can…"), max_length=240)
    descriptor_4 = models.CharField(_("level 4 (Advanced): I can…"), max_length=240)
    descriptor_5 = models.CharField(_("level 5 (Expert): I can…"), max_length=240)
    hours_to_level_1 = models.PositiveSmallIntegerField(_("hours from 0 to 1"))
    hours_to_level_2 = models.PositiveSmallIntegerField(_("hours from 1 to 2"))
    hours_to_level_3 = models.PositiveSmallIntegerField(_("hours from 2 to 3"))
    hours_to_level_4 = models.PositiveSmallIntegerField(_("hours from 3 to 4"))
    hours_to_level_5 = models.PositiveSmallIntegerField(_("hours from 4 to 5"))

    objects = SkillQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="roles_skill_name_unique",
                violation_error_message=_("Another skill already has this name."),
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"hours_to_level_{level}__gte": 1}),
                    name=f"roles_skill_hours_{level}_positive",
                    violation_error_message=_("Hours to reach each level must be at least 1."),
                )
                for level in range(1, MAX_LEVEL + 1)
            ],
            *[
                models.CheckConstraint(
                    condition=~Q(**{f"descriptor_{level}": ""}),
                    name=f"roles_skill_descriptor_{level}_present",
                    violation_error_message=_("Every level needs its “I can…” descriptor."),
                )
                for level in range(1, MAX_LEVEL + 1)
            ],
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def descriptors(self) -> list[str]:
        return [getattr(self, f"descriptor_{level}") for level in range(1, MAX_LEVEL + 1)]

    @property
    def hours_per_level(self) -> list[int]:
        return [getattr(self, f"hours_to_level_{level}") for level in range(1, MAX_LEVEL + 1)]


class Prerequisite(models.Model):
    """To learn `skill`, a student first needs `required_skill` at `minimum_level` or above."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="prerequisites")
    required_skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="unlocks")
    minimum_level = models.PositiveSmallIntegerField(_("minimum level"), choices=Level.choices[1:])
    from_level = models.PositiveSmallIntegerField(
        _("applies from level"),
        choices=Level.choices[1:],
        default=3,
        help_text=_("Only a learner aiming at this level of the skill or higher needs the prerequisite first."),
    )
    alternatives = models.ManyToManyField(
        Skill,
        blank=True,
        related_name="+",
        verbose_name=_("or instead"),
        help_text=_("Other skills that do as well, such as another programming language."),
    )

    class Meta:
        ordering = ["skill__name", "required_skill__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "required_skill"],
                name="roles_prerequisite_unique",
                violation_error_message=_("This prerequisite is listed twice."),
            ),
            models.CheckConstraint(
                condition=~Q(skill=F("required_skill")),
                name="roles_prerequisite_not_itself",
                violation_error_message=_("A skill cannot be its own prerequisite."),
            ),
            models.CheckConstraint(
                condition=_level_range("minimum_level"),
                name="roles_prerequisite_level_range",
                violation_error_message=_("The minimum level must be from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} needs {self.required_skill} ≥ {self.minimum_level}"


class Stage(models.Model):
    """Where a student is: high school, college or university, switching careers, new to Ontario…"""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class RoleQuerySet(models.QuerySet):
    def published(self) -> RoleQuerySet:
        return self.filter(published=True)


class Role(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(_("title"), max_length=120, unique=True)
    summary = models.TextField(_("summary"), help_text=_("One or two sentences for the list of roles."))
    level = models.CharField(
        _("level"),
        max_length=12,
        choices=RoleLevel.choices,
        blank=True,
        help_text=_("Entry level (usually 0–2 years of experience), intermediate (3–5) or senior (5 and more)."),
    )
    noc_code = models.CharField(
        _("NOC 2021 code"),
        max_length=5,
        blank=True,
        help_text=_("The five-digit code of Canada's National Occupational Classification, such as 21231."),
    )
    noc_title = models.CharField(
        _("NOC 2021 title"),
        max_length=120,
        blank=True,
        help_text=_("The unit group's title, such as “Data scientists”."),
    )
    education = models.TextField(
        _("typical education"),
        blank=True,
        help_text=_("What the NOC unit group's employment requirements usually ask."),
    )
    origin = models.CharField(_("origin"), max_length=5, choices=RoleOrigin.choices, default=RoleOrigin.SEED)
    sources = models.TextField(
        _("sources"), blank=True, help_text=_("Where the role's facts come from, with the year of each source.")
    )
    leads_to = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="comes_from",
        verbose_name=_("leads to"),
        help_text=_("The roles this one usually leads to with experience: the next rungs of its career ladder."),
    )
    overview = models.TextField(_("overview"), blank=True)
    responsibilities = models.TextField(_("responsibilities"), blank=True, help_text=LINES_HELP)
    daily_activities = models.TextField(_("daily work activities"), blank=True, help_text=LINES_HELP)
    main_tasks = models.TextField(_("main tasks"), blank=True, help_text=LINES_HELP)
    working_conditions = models.TextField(_("working conditions"), blank=True, help_text=LINES_HELP)
    outlook = models.TextField(_("job outlook"), blank=True)
    sectors = models.TextField(_("sectors"), blank=True, help_text=LINES_HELP)
    top_companies = models.TextField(_("top companies in Canada"), blank=True, help_text=LINES_HELP)
    advantages = models.TextField(_("advantages"), blank=True, help_text=LINES_HELP)
    disadvantages = models.TextField(_("disadvantages"), blank=True, help_text=LINES_HELP)
    employer_expectations = models.TextField(_("what employers notice"), blank=True, help_text=LINES_HELP)
    published = models.BooleanField(_("published"), default=True)
    skills = models.ManyToManyField(Skill, through="Requirement", related_name="roles")
    certifications = models.ManyToManyField("Certification", blank=True, related_name="roles")

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=["", *RoleLevel.values]),
                name="roles_role_level_valid",
                violation_error_message=_("The level must be entry, intermediate or senior."),
            ),
            models.CheckConstraint(
                condition=Q(origin__in=RoleOrigin.values),
                name="roles_role_origin_valid",
                violation_error_message=_("The origin must be the source guides or added."),
            ),
            models.CheckConstraint(
                condition=Q(noc_code="") | Q(noc_code__regex=r"^[0-9]{5}$"),
                name="roles_role_noc_code_five_digits",
                violation_error_message=_("The NOC 2021 code must be five digits, such as 21231."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("roles:detail", args=[self.slug])


class SalaryRange(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="salary_ranges")
    label = models.CharField(_("label"), max_length=80, help_text=_("For example “Entry level (0–2 years), Ontario”."))
    experience = models.CharField(_("experience"), max_length=12, choices=Experience.choices, default=Experience.ANY)
    minimum = models.PositiveIntegerField(_("minimum (CAD)"))
    maximum = models.PositiveIntegerField(_("maximum (CAD)"), null=True, blank=True, help_text=_("Empty for “and up”."))
    period = models.CharField(_("period"), max_length=4, choices=SalaryPeriod.choices, default=SalaryPeriod.YEAR)
    region = models.CharField(_("region"), max_length=40, default="Canada")
    source = models.CharField(_("source"), max_length=200)
    note = models.CharField(_("note"), max_length=240, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["role", "position", "minimum"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "label"],
                name="roles_salaryrange_label_unique",
                violation_error_message=_("This role already has a salary range with this label."),
            ),
            models.CheckConstraint(
                condition=Q(maximum__isnull=True) | Q(maximum__gte=F("minimum")),
                name="roles_salaryrange_max_not_below_min",
                violation_error_message=_("The maximum salary cannot be below the minimum."),
            ),
            models.CheckConstraint(
                condition=Q(minimum__gt=0),
                name="roles_salaryrange_minimum_positive",
                violation_error_message=_("The minimum salary must be more than 0."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.label}"


class Requirement(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="requirements")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="requirements")
    required_level = models.PositiveSmallIntegerField(_("required level"), choices=Level.choices[1:])
    importance = models.CharField(_("importance"), max_length=9, choices=Importance.choices)

    class Meta:
        ordering = ["role", "skill__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "skill"],
                name="roles_requirement_skill_once_per_role",
                violation_error_message=_("This role already requires this skill: edit that requirement instead."),
            ),
            models.CheckConstraint(
                condition=_level_range("required_level"),
                name="roles_requirement_level_range",
                violation_error_message=_("The required level must be from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(importance__in=Importance.values),
                name="roles_requirement_importance_valid",
                violation_error_message=_("Importance must be core, important or nice to have."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.skill} ≥ {self.required_level} ({self.get_importance_display()})"

    @property
    def weight(self) -> int:
        return IMPORTANCE_WEIGHTS[Importance(self.importance)]


class RequirementGroup(models.Model):
    """An "any one of" requirement: the student's best level among its skills counts."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="requirement_groups")
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the skills have in common, such as “A deep-learning framework”.")
    )
    required_level = models.PositiveSmallIntegerField(_("required level"), choices=Level.choices[1:])
    importance = models.CharField(_("importance"), max_length=9, choices=Importance.choices)
    skills = models.ManyToManyField(Skill, through="RequirementGroupSkill", related_name="requirement_groups")

    class Meta:
        ordering = ["role", "name"]
        verbose_name = _("“any one of” requirement")
        verbose_name_plural = _("“any one of” requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["role", "name"],
                name="roles_requirementgroup_name_once_per_role",
                violation_error_message=_("This role already has an “any one of” requirement with this name."),
            ),
            models.CheckConstraint(
                condition=_level_range("required_level"),
                name="roles_requirementgroup_level_range",
                violation_error_message=_("The required level must be from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(importance__in=Importance.values),
                name="roles_requirementgroup_importance_valid",
                violation_error_message=_("Importance must be core, important or nice to have."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.name} ≥ {self.required_level} ({self.get_importance_display()})"


class RequirementGroupSkill(models.Model):
    """One skill of an "any one of" requirement, in its order of preference."""

    group = models.ForeignKey(RequirementGroup, on_delete=models.CASCADE, related_name="members")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["group", "position"]
        verbose_name = _("skill of an “any one of” requirement")
        verbose_name_plural = _("skills of “any one of” requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "skill"],
                name="roles_requirementgroupskill_once",
                violation_error_message=_("This skill is already listed."),
            )
        ]

    def __str__(self) -> str:
        return str(self.skill)


class RoadmapStep(models.Model):
    """One phase of a role's roadmap (Foundation → … → Specialisation) and the skills it covers."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="roadmap_steps")
    position = models.PositiveSmallIntegerField(_("step"))
    title = models.CharField(_("title"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="roadmap_steps")

    class Meta:
        ordering = ["role", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "position"],
                name="roles_roadmapstep_position_unique",
                violation_error_message=_("This role already has a roadmap step with this number."),
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1),
                name="roles_roadmapstep_position_positive",
                violation_error_message=_("Roadmap steps are numbered from 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} {self.position}. {self.title}"


class RoleQuestion(models.Model):
    """A frequently asked question about a role, with its answer."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"))
    question = models.CharField(_("question"), max_length=240)
    answer = models.TextField(_("answer"))

    class Meta:
        ordering = ["role", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "position"],
                name="roles_rolequestion_position_unique",
                violation_error_message=_("This role already has a question at this position."),
            ),
        ]

    def __str__(self) -> str:
        return self.question


class Certification(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    issuer = models.CharField(_("issuer"), max_length=80)
    url = models.URLField(_("link"), blank=True)
    description = models.TextField(_("description"), blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="certifications", verbose_name=_("skills covered"))
    level = models.CharField(
        _("level"), max_length=12, choices=CertificationLevel.choices, default=CertificationLevel.ASSOCIATE
    )
    min_experience = models.CharField(
        _("experience it expects"),
        max_length=7,
        choices=YearsInTech.choices,
        default=YearsInTech.NONE,
        help_text=_("Plans suggest it only to students with at least this much experience in tech."),
    )
    status = models.CharField(
        _("status"), max_length=7, choices=CertificationStatus.choices, default=CertificationStatus.ACTIVE
    )
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text=_("For a retired certification: the one its issuer offers instead."),
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="active", retired_on__isnull=True, successor__isnull=True)
                | Q(status="retired", retired_on__isnull=False),
                name="roles_certification_retired_with_a_date",
                violation_error_message=_(
                    "A retired certification needs the date it was retired; an offered one has none."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class LearningResource(models.Model):
    slug = models.SlugField(unique=True)
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(_("title"), max_length=160)
    url = models.URLField(_("link"))
    kind = models.CharField(_("kind"), max_length=8, choices=ResourceKind.choices)
    cost = models.CharField(_("cost"), max_length=4, choices=Cost.choices, default=Cost.FREE)
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    min_level = models.PositiveSmallIntegerField(
        _("from level"), choices=Level.choices[1:], help_text=_("The lowest level this resource helps reach.")
    )
    max_level = models.PositiveSmallIntegerField(
        _("to level"), choices=Level.choices[1:], help_text=_("The highest level this resource helps reach.")
    )

    class Meta:
        ordering = ["skill__name", "min_level", "title"]
        constraints = [
            models.CheckConstraint(
                condition=_level_range("min_level"),
                name="roles_resource_min_level_range",
                violation_error_message=_("Levels run from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=_level_range("max_level"),
                name="roles_resource_max_level_range",
                violation_error_message=_("Levels run from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(max_level__gte=F("min_level")),
                name="roles_resource_levels_ordered",
                violation_error_message=_("“To level” cannot be below “from level”."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ResourceKind.values),
                name="roles_resource_kind_valid",
                violation_error_message=_("Choose a kind of resource from the list."),
            ),
            models.CheckConstraint(
                condition=Q(cost__in=Cost.values),
                name="roles_resource_cost_valid",
                violation_error_message=_("Cost must be free or paid."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EducationPath(models.Model):
    slug = models.SlugField(unique=True)
    kind = models.CharField(_("kind"), max_length=11, choices=EducationKind.choices)
    name = models.CharField(_("name"), max_length=120)
    duration = models.CharField(_("length of studies"), max_length=120)
    min_months = models.PositiveSmallIntegerField(_("shortest, in months"))
    max_months = models.PositiveSmallIntegerField(_("longest, in months"))
    who_for = models.TextField(_("who it is for"))
    focus = models.TextField(_("focus"))
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    stages = models.ManyToManyField(Stage, blank=True, related_name="education_paths", verbose_name=_("suggested for"))

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_months__gte=F("min_months")),
                name="roles_educationpath_months_ordered",
                violation_error_message=_("The longest length cannot be shorter than the shortest."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EducationKind.values),
                name="roles_educationpath_kind_valid",
                violation_error_message=_("Choose certificate, diploma or degree."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Institution(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=InstitutionKind.choices)
    city = models.CharField(_("city"), max_length=80)
    url = models.URLField(_("link"))

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=InstitutionKind.values),
                name="roles_institution_kind_valid",
                violation_error_message=_("Choose university or college."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Advice(models.Model):
    """Advice for some stages (or every stage), about some roles (or any role)."""

    slug = models.SlugField(unique=True)
    stages = models.ManyToManyField(
        Stage, blank=True, related_name="advice", help_text=_("None chosen: advice for every stage.")
    )
    roles = models.ManyToManyField(
        Role, blank=True, related_name="advice", help_text=_("None chosen: advice about any role.")
    )
    title = models.CharField(_("title"), max_length=120)
    items = models.TextField(_("advice"), help_text=LINES_HELP)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "title"]
        verbose_name_plural = _("advice")
        constraints = [
            models.CheckConstraint(
                condition=~Q(items=""),
                name="roles_advice_items_present",
                violation_error_message=_("Write at least one piece of advice."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EducationFocus(models.Model):
    """What an education path concentrates on for one role."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="education_focus")
    path = models.ForeignKey(EducationPath, on_delete=models.CASCADE, related_name="+")
    focus = models.TextField(_("focus"))

    class Meta:
        ordering = ["role", "path"]
        verbose_name = _("education focus for a role")
        verbose_name_plural = _("education focus for roles")
        constraints = [
            models.UniqueConstraint(
                fields=["role", "path"],
                name="roles_educationfocus_once",
                violation_error_message=_("This role already has a focus for this path."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.path}"


class GuidanceLink(models.Model):
    """An Ontario-wide or regulatory resource: program search, OSAP, PEO, PIPEDA, Job Bank…"""

    slug = models.SlugField(unique=True)
    title = models.CharField(_("title"), max_length=160)
    url = models.URLField(_("link"))
    group = models.CharField(_("group"), max_length=13, choices=LinkGroup.choices)
    description = models.CharField(_("description"), max_length=240, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["group", "position", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(group__in=LinkGroup.values),
                name="roles_guidancelink_group_valid",
                violation_error_message=_("Choose a group from the list."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CatalogueVersion(models.Model):
    """One row whose number rises whenever any catalogue table changes (database triggers do it)."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="roles_catalogueversion_single_row")]

    def __str__(self) -> str:
        return f"catalogue version {self.number}"


class CatalogueBaseline(models.Model):
    """What the catalogue files said about one entry at the last `load_catalogue`.

    The base of the three-way merge that keeps editors' admin changes when files are loaded again
    (`roles.services`). Bookkeeping, not catalogue data: changing it does not change the catalogue version.
    """

    section = models.CharField(max_length=30)
    slug = models.SlugField()
    position = models.PositiveIntegerField(default=0)
    data = models.JSONField()
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["section", "position"]
        constraints = [
            models.UniqueConstraint(fields=["section", "slug"], name="roles_cataloguebaseline_one_per_entry")
        ]

    def __str__(self) -> str:
        return f"{self.section}[{self.slug}] as last loaded"
