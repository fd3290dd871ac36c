"""The catalogue, declared once.

Each section of the catalogue (skill categories, skills, stages, roles, certifications, resources,
education paths, institutions, advice, links) is one pydantic model here, and that declaration is:
- the schema of the catalogue files, and the checks `load_catalogue` reports (with `roles.catalogue_files`);
- the shape `export_catalogue` writes back;
- the compiled form the engine reads and result snapshots store (`roles.compiled`);
- the schema of the catalogue API (`/api/v1/roles`, `/api/v1/skills`).
How each field is stored in the database is declared beside it (`Column`, `Lines`, `Spread`, `Ref`,
`RefSet`, `Children`), so `roles.catalogue_db` reads and writes every section without per-field code.
Adding a field to a section means adding it here and to the model (with its migration); nothing else.

No ORM here: the engine imports these classes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from roles.choices import (
    LEVEL_YEARS,
    NOC_VERSION,
    TEER_CATEGORIES,
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
    YearsInTech,
)
from roles.choices import SkillKind as SkillKindChoices
from roles.levels import IMPORTANCE_WEIGHTS, MAX_LEVEL, MIN_REQUIRED_LEVEL, Importance

# ------------------------------------------------------------------------------ how a field is stored


@dataclass(frozen=True)
class Column:
    """Stored in the model's column of this name (by default, the column named like the field)."""

    name: str


@dataclass(frozen=True)
class Lines:
    """A list of one-line texts, stored as one text column with one item per line."""


@dataclass(frozen=True)
class Spread:
    """A fixed-length list stored one item per column."""

    columns: tuple[str, ...]


@dataclass(frozen=True)
class Ref:
    """The slug of an entry of another section, stored as a foreign key (`column`, by default the field's name)."""

    section: str
    column: str | None = None


@dataclass(frozen=True)
class RefSet:
    """Slugs of entries of another section, stored as a many-to-many relation (kept sorted)."""

    section: str


@dataclass(frozen=True)
class RefList:
    """Slugs of entries of another section, in a meaningful order: stored as rows (through `accessor`)
    that each point at one entry (`column`) and keep their place in `position`."""

    section: str
    accessor: str
    column: str = "skill"


@dataclass(frozen=True)
class Children:
    """Entries of their own, stored as rows that point at this entry through `accessor`.

    Children are matched by `key` (fields that identify one within its parent); children without a key are
    matched by their place, which the model stores in `position`, counted from `first`.
    """

    accessor: str
    key: tuple[str, ...] = ()
    first: int = 0


@dataclass(frozen=True)
class Says:
    """How a problem with this field is described, instead of the generic message."""

    message: str


# ------------------------------------------------------------------------------ value types


# Validators raise whole sentences that name their field; `roles.catalogue_files` adds the file and place.


def _sorted_unique(values: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
    duplicates = sorted({value for value in values if values.count(value) > 1})
    if duplicates:
        raise ValueError(f"'{info.field_name}' lists {', '.join(duplicates)} more than once")
    return tuple(sorted(values))


def _unique_in_order(values: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
    duplicates = sorted({value for value in values if values.count(value) > 1})
    if duplicates:
        raise ValueError(f"'{info.field_name}' lists {', '.join(duplicates)} more than once")
    return values


def _one_line(value: str, info: ValidationInfo) -> str:
    if not value or "\n" in value:
        raise ValueError(f"each item of '{info.field_name}' must be one non-empty line")
    return value


_url_validator = URLValidator(schemes=["http", "https"])


def _web_address(value: str, info: ValidationInfo) -> str:
    if value:
        try:
            _url_validator(value)
        except DjangoValidationError:
            raise ValueError(f"'{info.field_name}' is not a web address (http or https): {value!r}") from None
    return value


def _choices(choices: type) -> Any:
    return Literal[tuple(choices.values)]


Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=50),
    Says("must use only letters, digits, hyphens and underscores, at most 50 characters"),
]
SlugList = Annotated[tuple[Slug, ...], AfterValidator(_sorted_unique)]
Text = Annotated[str, StringConstraints(min_length=1)]
Url = Annotated[str, AfterValidator(_web_address)]
RequiredUrl = Annotated[str, StringConstraints(min_length=1), AfterValidator(_web_address)]
OneLine = Annotated[str, AfterValidator(_one_line)]
LineList = Annotated[tuple[OneLine, ...], Lines()]
Level = Annotated[int, Strict(), Field(ge=MIN_REQUIRED_LEVEL, le=MAX_LEVEL), Says("must be a level from 1 to 5")]
WholeNumber = Annotated[int, Strict(), Says("must be a whole number")]
Descriptor = Annotated[str, StringConstraints(min_length=1)]
Hours = Annotated[int, Strict(), Field(ge=1, le=32767)]
ImportanceValue = _choices(Importance)


# Rules that only files must follow (a draft in the admin may break them): pass as validation context.
FROM_FILES = {"from_files": True}


class Entry(BaseModel):
    """One entry of a catalogue section, as the files write it."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, coerce_numbers_to_str=True)

    stored_as: ClassVar[str]  # "app_label.Model"
    positioned: ClassVar[bool] = False  # the model keeps the entries' order in a `position` column
    unique: ClassVar[tuple[str, ...]] = ()  # fields no two entries may share, ignoring case


def _keyed_once(items: tuple[Entry, ...], key: str, duplicate: str) -> tuple[Entry, ...]:
    """Children sorted by their key (their order means nothing), refusing a key used twice."""
    seen = set()
    for item in items:
        value = getattr(item, key)
        if value in seen:
            raise ValueError(duplicate.format(value=value))
        seen.add(value)
    return tuple(sorted(items, key=lambda item: getattr(item, key)))


# ------------------------------------------------------------------------------ the sections


class Category(Entry):
    """A group of skills; the questionnaire asks one category per step, in the catalogue's order."""

    stored_as = "roles.SkillCategory"
    positioned = True
    unique = ("name",)

    slug: Slug
    name: Text
    description: str = ""


class Prerequisite(Entry):
    """To learn a skill up to `from_level` or beyond, first reach `skill` at `level`.

    Knowing what a skill is for (levels 1 and 2) seldom needs anything first; working with it does. So a
    prerequisite applies from level 3 unless it says otherwise.
    """

    stored_as = "roles.Prerequisite"

    skill: Annotated[Slug, Ref("skills", column="required_skill")]
    level: Annotated[Level, Column("minimum_level")]
    from_level: Level = 3
    # Other skills that do as well, such as another programming language for design patterns.
    alternatives: Annotated[SlugList, RefSet("skills")] = ()

    def candidates(self) -> tuple[str, ...]:
        return (self.skill, *self.alternatives)


class Skill(Entry):
    stored_as = "roles.Skill"
    unique = ("name",)

    slug: Slug
    name: Text
    category: Annotated[Slug, Ref("categories")]
    kind: _choices(SkillKindChoices) = "hard"
    description: str = ""
    can: Annotated[
        tuple[Descriptor, Descriptor, Descriptor, Descriptor, Descriptor],
        Spread(tuple(f"descriptor_{level}" for level in range(1, MAX_LEVEL + 1))),
        Says("must list exactly 5 non-empty descriptors, one for each level 1–5"),
    ]
    hours: Annotated[
        tuple[Hours, Hours, Hours, Hours, Hours],
        Spread(tuple(f"hours_to_level_{level}" for level in range(1, MAX_LEVEL + 1))),
        Says("must list exactly 5 whole numbers of hours, each at least 1"),
    ]
    prerequisites: Annotated[tuple[Prerequisite, ...], Children("prerequisites", key=("skill",))] = ()

    @field_validator("prerequisites")
    @classmethod
    def _prerequisites_once(cls, value: tuple[Prerequisite, ...]) -> tuple[Prerequisite, ...]:
        return _keyed_once(value, "skill", "the prerequisite '{value}' is listed twice")

    @model_validator(mode="after")
    def _prerequisites_are_other_skills(self) -> Skill:
        if any(self.slug in p.candidates() for p in self.prerequisites):
            raise ValueError("a skill cannot be its own prerequisite")
        return self

    def hours_between(self, from_level: int, to_level: int) -> int:
        return sum(self.hours[from_level:to_level])


class Stage(Entry):
    """Where a student is: high school, college or university, switching careers, new to Ontario…"""

    stored_as = "roles.Stage"
    positioned = True
    unique = ("name",)

    slug: Slug
    name: Text
    description: str = ""


class Salary(Entry):
    stored_as = "roles.SalaryRange"

    label: Text
    experience: _choices(Experience) = "any"
    min: Annotated[int, Strict(), Field(ge=1), Column("minimum")]
    max: Annotated[int | None, Strict(), Field(ge=1), Column("maximum")] = None
    period: _choices(SalaryPeriod) = "year"
    region: Text = "Canada"
    source: Text
    note: str = ""

    @model_validator(mode="after")
    def _range_goes_up(self) -> Salary:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"'max' ({self.max}) is below 'min' ({self.min})")
        return self


class Requirement(Entry):
    stored_as = "roles.Requirement"

    skill: Annotated[Slug, Ref("skills")]
    level: Annotated[Level, Column("required_level")]
    importance: ImportanceValue

    @property
    def weight(self) -> int:
        return IMPORTANCE_WEIGHTS[self.importance]


class AnyOf(Entry):
    """A requirement that any one of several skills meets, as the seeds' "TensorFlow · PyTorch · JAX".

    It counts as one requirement scored by the student's best member. The members are listed in order of
    preference: when a student is equally close to two, the plan takes the one listed first.
    """

    stored_as = "roles.RequirementGroup"

    name: Text
    skills: Annotated[tuple[Slug, ...], RefList("skills", accessor="members"), AfterValidator(_unique_in_order)]
    level: Annotated[Level, Column("required_level")]
    importance: ImportanceValue

    @model_validator(mode="after")
    def _a_real_choice(self, info: ValidationInfo) -> AnyOf:
        if len(self.skills) < 2 and (info.context or {}).get("from_files"):
            raise ValueError("'skills' must list at least two skills, any one of which meets the requirement")
        return self

    @property
    def weight(self) -> int:
        return IMPORTANCE_WEIGHTS[self.importance]


class PathFocus(Entry):
    """What an education path concentrates on for one role (the path's own focus is general)."""

    stored_as = "roles.EducationFocus"

    path: Annotated[Slug, Ref("education_paths")]
    focus: Text


class RoadmapStep(Entry):
    """One phase of a role's roadmap (Foundation → … → Specialisation) and the skills it covers."""

    stored_as = "roles.RoadmapStep"

    title: Text
    description: str = ""
    skills: Annotated[SlugList, RefSet("skills")] = ()


class Question(Entry):
    stored_as = "roles.RoleQuestion"

    question: Text
    answer: Text


class Role(Entry):
    stored_as = "roles.Role"
    unique = ("title",)

    slug: Slug
    title: Text
    summary: Text
    # Where the role sits: its level, and its place in Canada's National Occupational Classification.
    level: _choices(RoleLevel) | Literal[""] = ""
    noc_code: Annotated[
        str, StringConstraints(pattern=r"^(\d{5})?$"), Says("must be a five-digit NOC 2021 code, such as 21231")
    ] = ""
    noc_title: str = ""
    education: str = ""  # the education the NOC unit group usually asks for
    origin: _choices(RoleOrigin) = "seed"
    sources: str = ""  # where the role's facts come from, with their year
    leads_to: Annotated[SlugList, RefSet("roles")] = ()
    overview: str = ""
    responsibilities: LineList = ()
    daily_activities: LineList = ()
    main_tasks: LineList = ()
    working_conditions: LineList = ()
    outlook: str = ""
    sectors: LineList = ()
    top_companies: LineList = ()
    advantages: LineList = ()
    disadvantages: LineList = ()
    employer_expectations: LineList = ()
    published: Annotated[bool, Strict()] = True
    salaries: Annotated[tuple[Salary, ...], Children("salary_ranges", key=("label",))] = ()
    certifications: Annotated[SlugList, RefSet("certifications")] = ()
    requirements: Annotated[tuple[Requirement, ...], Children("requirements", key=("skill",))]
    any_of: Annotated[tuple[AnyOf, ...], Children("requirement_groups", key=("name",))] = ()
    roadmap: Annotated[tuple[RoadmapStep, ...], Children("roadmap_steps", first=1)] = ()
    questions: Annotated[tuple[Question, ...], Children("questions", first=1)] = ()
    education_focus: Annotated[tuple[PathFocus, ...], Children("education_focus", key=("path",))] = ()

    @field_validator("salaries")
    @classmethod
    def _salary_labels_once(cls, value: tuple[Salary, ...]) -> tuple[Salary, ...]:
        labels = [salary.label for salary in value]
        for label in labels:
            if labels.count(label) > 1:
                raise ValueError(f"the salary label {label!r} is used twice in this role")
        return value

    @property
    def teer(self) -> int | None:
        """The NOC 2021 TEER category: the code's second digit."""
        return int(self.noc_code[1]) if self.noc_code else None

    @property
    def teer_meaning(self) -> str:
        return str(TEER_CATEGORIES[self.teer]) if self.teer is not None else ""

    @property
    def noc_url(self) -> str:
        """The Government of Canada's page for the role's NOC 2021 unit group."""
        if not self.noc_code:
            return ""
        return (
            "https://noc.esdc.gc.ca/Structure/NOCProfile?GocTemplateCulture=en-CA"
            f"&code={self.noc_code}&version={NOC_VERSION}"
        )

    @property
    def years(self) -> tuple[int, int | None] | None:
        """The years of experience the role usually takes (from its level), or None when unknown."""
        return LEVEL_YEARS.get(self.level)

    @model_validator(mode="after")
    def _published_roles_can_be_scored(self, info: ValidationInfo) -> Role:
        # An editor builds a role in the admin a step at a time; a file must describe a finished role.
        if self.published and not self.requirements and (info.context or {}).get("from_files"):
            raise ValueError("'requirements' must list at least one requirement (or set published: false)")
        single = {requirement.skill for requirement in self.requirements}
        seen: dict[str, str] = {}
        for group in self.any_of:
            for skill in group.skills:
                if skill in single:
                    raise ValueError(f"'{skill}' is both a requirement and one of '{group.name}'; keep one")
                if skill in seen:
                    raise ValueError(f"'{skill}' is one of both '{seen[skill]}' and '{group.name}'; keep one")
                seen[skill] = group.name
        return self

    @model_validator(mode="after")
    def _placed_on_a_ladder(self, info: ValidationInfo) -> Role:
        if self.slug in self.leads_to:
            raise ValueError("'leads_to' lists the role itself")
        if (info.context or {}).get("from_files"):
            missing = [
                name for name in ("level", "noc_code", "noc_title", "education", "sources") if not getattr(self, name)
            ]
            if missing:
                raise ValueError(f"every role needs {', '.join(repr(name) for name in missing)}")
        return self

    @field_validator("any_of")
    @classmethod
    def _groups_once(cls, value: tuple[AnyOf, ...]) -> tuple[AnyOf, ...]:
        return _keyed_once(value, "name", "two 'any one of' requirements are called {value!r}")

    @field_validator("education_focus")
    @classmethod
    def _focus_once(cls, value: tuple[PathFocus, ...]) -> tuple[PathFocus, ...]:
        return _keyed_once(value, "path", "the focus for '{value}' is given twice")

    def requirement_count(self) -> int:
        return len(self.requirements) + len(self.any_of)

    def salary_for(self, years_in_tech: str | None = "none") -> Salary | None:
        """The salary range that fits someone with this much experience: the seeds' figure for their level
        where they give one (entry level for newcomers to the field), else the all-levels range, which is
        also the answer when their experience is not known."""
        wanted = SALARY_LEVEL_BY_YEARS.get(years_in_tech, "any")
        yearly = [s for s in self.salaries if s.period == "year"]
        for experience in (wanted, "any"):
            match = next((s for s in yearly if s.experience == experience), None)
            if match:
                return match
        return yearly[0] if yearly else None

    @field_validator("requirements")
    @classmethod
    def _requirements_once(cls, value: tuple[Requirement, ...]) -> tuple[Requirement, ...]:
        return _keyed_once(
            value, "skill", "duplicate requirement: the skill '{value}' is already required by this role"
        )


# A student's years in tech → the salary level that fits them.
SALARY_LEVEL_BY_YEARS = {"none": "entry", "under-2": "entry", "2-5": "intermediate", "over-5": "senior"}


class Certification(Entry):
    stored_as = "roles.Certification"
    unique = ("name",)

    slug: Slug
    name: Text
    issuer: Text
    url: Url = ""
    description: str = ""
    skills: Annotated[SlugList, RefSet("skills")] = ()
    level: _choices(CertificationLevel) = "associate"
    experience: Annotated[_choices(YearsInTech), Column("min_experience")] = "none"
    status: _choices(CertificationStatus) = "active"
    retired_on: date | None = None
    successor: Annotated[Slug | None, Ref("certifications")] = None

    @model_validator(mode="after")
    def _retired_with_a_date(self) -> Certification:
        if self.status == "retired" and self.retired_on is None:
            raise ValueError("a retired certification needs 'retired_on', the date it was retired")
        if self.status == "active" and (self.retired_on is not None or self.successor is not None):
            raise ValueError("only a retired certification has 'retired_on' and a 'successor'")
        return self

    @property
    def active(self) -> bool:
        return self.status == "active"


class Resource(Entry):
    stored_as = "roles.LearningResource"

    slug: Slug
    skill: Annotated[Slug, Ref("skills")]
    title: Text
    url: RequiredUrl
    kind: _choices(ResourceKind)
    cost: _choices(Cost) = "free"
    hours: Annotated[int | None, Strict(), Field(ge=0, le=32767)] = None
    levels: Annotated[
        tuple[Level, Level], Spread(("min_level", "max_level")), Says("must be [from, to], two levels from 1 to 5")
    ]

    @model_validator(mode="after")
    def _levels_go_up(self) -> Resource:
        if self.levels[1] < self.levels[0]:
            raise ValueError(f"'levels' goes down, from {self.levels[0]} to {self.levels[1]}")
        return self

    @property
    def min_level(self) -> int:
        return self.levels[0]

    @property
    def max_level(self) -> int:
        return self.levels[1]


class EducationPath(Entry):
    stored_as = "roles.EducationPath"
    positioned = True

    slug: Slug
    kind: _choices(EducationKind)
    name: Text
    duration: Text
    min_months: Annotated[int, Strict(), Field(ge=0, le=240)]
    max_months: Annotated[int, Strict(), Field(ge=0, le=240)]
    who_for: Text
    focus: Text
    note: str = ""
    stages: Annotated[SlugList, RefSet("stages")] = ()

    @model_validator(mode="after")
    def _months_go_up(self) -> EducationPath:
        if self.max_months < self.min_months:
            raise ValueError(f"'max_months' ({self.max_months}) is below 'min_months' ({self.min_months})")
        return self


class Institution(Entry):
    stored_as = "roles.Institution"
    unique = ("name",)

    slug: Slug
    name: Text
    kind: _choices(InstitutionKind)
    city: Text
    url: RequiredUrl


class Advice(Entry):
    """Advice for some stages (or every stage), about some roles (or any role)."""

    stored_as = "roles.Advice"
    positioned = True

    slug: Slug
    stages: Annotated[SlugList, RefSet("stages")] = ()  # none: every stage
    roles: Annotated[SlugList, RefSet("roles")] = ()  # none: any role
    title: Text
    items: Annotated[LineList, Field(min_length=1), Says("must list at least one piece of advice, one per line")]


class Link(Entry):
    """An Ontario-wide or regulatory resource: program search, OSAP, PEO, PIPEDA, Job Bank…"""

    stored_as = "roles.GuidanceLink"
    positioned = True

    slug: Slug
    group: _choices(LinkGroup)
    title: Text
    url: RequiredUrl
    description: str = ""


class Catalogue(BaseModel):
    """A whole catalogue (or the sections a set of files holds), each section in its stored order.

    The sections are listed so that every `Ref` points at an earlier section: loading them in this order
    always finds what a row refers to.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    categories: tuple[Category, ...] = ()
    skills: tuple[Skill, ...] = ()
    stages: tuple[Stage, ...] = ()
    roles: tuple[Role, ...] = ()
    certifications: tuple[Certification, ...] = ()
    resources: tuple[Resource, ...] = ()
    education_paths: tuple[EducationPath, ...] = ()
    institutions: tuple[Institution, ...] = ()
    advice: tuple[Advice, ...] = ()
    links: tuple[Link, ...] = ()


SECTIONS: tuple[str, ...] = tuple(Catalogue.model_fields)
# How a message names one entry of each section.
ENTRY_NOUNS = {
    "categories": "category",
    "skills": "skill",
    "stages": "stage",
    "roles": "role",
    "certifications": "certification",
    "resources": "resource",
    "education_paths": "education path",
    "institutions": "institution",
    "advice": "piece of advice",
    "links": "link",
}


def entry_class(section: str) -> type[Entry]:
    return Catalogue.model_fields[section].annotation.__args__[0]


def field_binding(cls: type[Entry], name: str) -> Any:
    """How the field `name` of `cls` is stored: one of the markers above, or None for its own column."""
    for marker in cls.model_fields[name].metadata:
        if isinstance(marker, (Column, Lines, Spread, Ref, RefSet, RefList, Children)):
            return marker
    return None


def child_class(cls: type[Entry], name: str) -> type[Entry]:
    return cls.model_fields[name].annotation.__args__[0]


def field_says(cls: type[BaseModel], name: str) -> str | None:
    for marker in cls.model_fields[name].metadata:
        if isinstance(marker, Says):
            return marker.message
    return None


# ------------------------------------------------------------------------------ whole-catalogue checks


@dataclass(frozen=True)
class Finding:
    """A problem found across entries: in `section`, the entry `slug`, at `path` within it.

    A path is field names, each `Children` field followed by the child's key (or its place, from 1).
    """

    section: str
    slug: str
    path: tuple
    message: str


def references(catalogue: Catalogue) -> Iterator[tuple[str, str, tuple, str, str]]:
    """Every reference one entry makes to another: (section, slug, path, target section, target slug)."""
    for section in SECTIONS:
        cls = entry_class(section)
        for entry in getattr(catalogue, section):
            yield from _entry_references(section, entry.slug, (), cls, entry)


def _entry_references(section: str, slug: str, path: tuple, cls: type[Entry], entry: Entry):
    for name in cls.model_fields:
        binding = field_binding(cls, name)
        value = getattr(entry, name)
        if isinstance(binding, Ref) and value is not None:
            yield section, slug, (*path, name), binding.section, value
        elif isinstance(binding, (RefSet, RefList)):
            for target in value:
                yield section, slug, (*path, name), binding.section, target
        elif isinstance(binding, Children):
            child = child_class(cls, name)
            for index, item in enumerate(value, start=1):
                key = getattr(item, binding.key[0]) if binding.key else index
                yield from _entry_references(section, slug, (*path, name, key), child, item)


# Soft skills count in every fit, but never decide it: at most this share of a role's possible points
# (Σ w · r) may come from them. Students rate their soft skills generously and beginners have little
# else to rate, so without a cap a retail manager's people skills ranked an architect role second.
MAX_SOFT_SHARE = 0.15


def soft_share(role: Role, kinds: dict[str, str]) -> float:
    """The share of a role's possible points that professional (soft) skills carry.

    An "any one of" requirement counts as soft only when every skill in it is soft.
    """
    possible = soft = 0
    for requirement in role.requirements:
        points = requirement.weight * requirement.level
        possible += points
        soft += points if kinds.get(requirement.skill) == "soft" else 0
    for group in role.any_of:
        points = group.weight * group.level
        possible += points
        soft += points if group.skills and all(kinds.get(s) == "soft" for s in group.skills) else 0
    return soft / possible if possible else 0.0


def render_path(cls: type[Entry], path: tuple) -> str:
    """`.requirements[docker].level` for the path ("requirements", "docker", "level")."""
    text = ""
    parts = list(path)
    current: type[Entry] | None = cls
    while parts:
        name = parts.pop(0)
        text += f".{name}"
        if current is not None and name in current.model_fields:
            if isinstance(field_binding(current, name), Children) and parts:
                text += f"[{parts.pop(0)}]"
                current = child_class(current, name)
            else:
                current = None
    return text


def check_catalogue(catalogue: Catalogue, *, known: dict[str, set[str]] | None = None) -> list[Finding]:
    """What no single entry can tell: duplicate names, unknown references, prerequisite cycles.

    `known` adds slugs that exist elsewhere (the database, when only some files are loaded).
    """
    findings = []
    for section in SECTIONS:
        cls = entry_class(section)
        for field in cls.unique:
            seen: dict[str, str] = {}
            for entry in getattr(catalogue, section):
                value = getattr(entry, field).casefold()
                if value in seen:
                    findings.append(
                        Finding(
                            section,
                            entry.slug,
                            (),
                            f"the {field} {getattr(entry, field)!r} is already used by '{seen[value]}'",
                        )
                    )
                seen.setdefault(value, entry.slug)
    slugs = {section: {entry.slug for entry in getattr(catalogue, section)} for section in SECTIONS}
    for section, more in (known or {}).items():
        slugs[section] |= more
    for section, slug, path, target_section, target in references(catalogue):
        if target not in slugs[target_section]:
            findings.append(Finding(section, slug, path, f"unknown {ENTRY_NOUNS[target_section]} '{target}'"))
    kinds = {skill.slug: skill.kind for skill in catalogue.skills}
    for role in catalogue.roles:
        share = soft_share(role, kinds)
        if share > MAX_SOFT_SHARE:
            findings.append(
                Finding(
                    "roles",
                    role.slug,
                    ("requirements",),
                    f"professional (soft) skills carry {share:.0%} of this role's possible points; the most "
                    f"allowed is {MAX_SOFT_SHARE:.0%} (lower their importance or level)",
                )
            )
    graph = {skill.slug: {p.skill for p in skill.prerequisites} for skill in catalogue.skills}
    for cycle in graph_cycles(graph):
        findings.append(
            Finding("skills", cycle[0], ("prerequisites",), f"prerequisite cycle: {' → '.join([*cycle, cycle[0]])}")
        )
    ladder = {role.slug: set(role.leads_to) for role in catalogue.roles}
    for cycle in graph_cycles(ladder):
        findings.append(
            Finding("roles", cycle[0], ("leads_to",), f"a career ladder that loops: {' → '.join([*cycle, cycle[0]])}")
        )
    return findings


def graph_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each cycle in a graph (skill → its prerequisites, role → the roles it leads to) once, starting from
    its alphabetically first node."""
    cycles: list[list[str]] = []
    seen_cycles: set[tuple[str, ...]] = set()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt) :]
                start = cycle.index(min(cycle))
                canonical = tuple(cycle[start:] + cycle[:start])
                if canonical not in seen_cycles:
                    seen_cycles.add(canonical)
                    cycles.append(list(canonical))
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles
