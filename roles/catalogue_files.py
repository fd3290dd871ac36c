"""Reading, checking and writing the catalogue's YAML files.

The files hold sections (`categories`, `skills`, `stages`, `roles`, `certifications`, `resources`,
`education_paths`, `institutions`, `advice`, `links`); a directory of files is read as one catalogue.
`read_catalogue()` returns the catalogue as plain, normalised data (`CatalogueData`) together with every
problem found, each with its file, line and place, so a bad file can be fixed in one pass. The same data
shape comes out of the database (`roles.selectors.catalogue_data_from_db`), which is what makes the
loader's diff and `export_catalogue` simple: both sides are compared and written in one format.

This module does no database work.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from roles import models as m
from roles.levels import MAX_LEVEL, MIN_REQUIRED_LEVEL, Importance

SECTIONS = (
    "categories",
    "skills",
    "stages",
    "roles",
    "certifications",
    "resources",
    "education_paths",
    "institutions",
    "advice",
    "links",
)

# Which file each section is written to by `export_catalogue`, and each file's header.
FILES = {
    "skills.yaml": ("categories", "skills"),
    "roles.yaml": ("roles",),
    "certifications.yaml": ("certifications",),
    "resources.yaml": ("resources",),
    "guidance.yaml": ("stages", "education_paths", "institutions", "advice", "links"),
}

ROLE_LIST_FIELDS = (
    "responsibilities",
    "daily_activities",
    "main_tasks",
    "working_conditions",
    "sectors",
    "top_companies",
    "advantages",
    "disadvantages",
    "employer_expectations",
)

SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+\Z")
_url_validator = URLValidator(schemes=["http", "https"])

Row = dict[str, Any]
CatalogueData = dict[str, dict[str, Row]]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    place: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.place}: {self.message}" if self.place else f"{where}: {self.message}"


# ------------------------------------------------------------------------------------------ YAML reading


class _Mapping(dict):
    line: int = 0


class _Sequence(list):
    line: int = 0
    item_lines: list[int]


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers where each mapping and list starts and refuses duplicate keys."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    loader.flatten_mapping(node)
    mapping = _Mapping()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise _DuplicateKey(None, None, f"the key {key!r} appears twice in the same mapping", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> _Sequence:
    sequence = _Sequence(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _line_of(value: Any, fallback: int | None = None) -> int | None:
    return getattr(value, "line", None) or fallback


def catalogue_paths(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


# ------------------------------------------------------------------------------------------ checking


class _Checker:
    """Collects problems while turning one section entry into a normalised row."""

    def __init__(
        self, problems: list[Problem], file: str, line: int | None, place: str, place_lines: dict[str, int | None]
    ):
        self.problems = problems
        self.file = file
        self.line = line
        self.place = place
        self.place_lines = place_lines  # where each nested entry starts, for later reference checks

    def problem(self, message: str, *, place: str | None = None, line: int | None = None) -> None:
        self.problems.append(Problem(self.file, line or self.line, place or self.place, message))

    def child(self, place: str, line: int | None) -> _Checker:
        self.place_lines[place] = line or self.line
        return _Checker(self.problems, self.file, line or self.line, place, self.place_lines)

    def fields(self, entry: Any, *, required: Iterable[str], optional: Iterable[str]) -> dict | None:
        if not isinstance(entry, dict):
            self.problem(f"expected a mapping of fields, found {type(entry).__name__}")
            return None
        required, optional = tuple(required), tuple(optional)
        for name in required:
            if name not in entry or entry[name] is None or entry[name] == "":
                self.problem(f"missing field '{name}'")
        for name in entry:
            if name not in required and name not in optional:
                self.problem(f"unknown field '{name}' (expected one of: {', '.join(required + optional)})")
        return entry

    def text(self, entry: dict, name: str, model: type, *, model_field: str | None = None, default: str = "") -> str:
        value = entry.get(name, default)
        if value is None:
            value = default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(f"'{name}' must be text, found {type(value).__name__}")
            return default
        value = str(value).strip()
        max_length = model._meta.get_field(model_field or name).max_length
        if max_length and len(value) > max_length:
            self.problem(f"'{name}' is {len(value)} characters long; the most allowed is {max_length}")
        return value

    def slug(self, entry: dict, name: str = "slug") -> str:
        value = entry.get(name)
        if not isinstance(value, str) or not SLUG_RE.match(value):
            if name in entry and entry[name] not in (None, ""):
                self.problem(f"'{name}' must use only letters, digits, hyphens and underscores, not {value!r}")
            return ""
        if len(value) > 50:
            self.problem(f"'{name}' is longer than 50 characters")
        return value

    def integer(
        self, entry: dict, name: str, *, minimum: int | None = None, maximum: int | None = None, optional: bool = False
    ) -> int | None:
        value = entry.get(name)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            if name in entry:
                self.problem(f"'{name}' must be a whole number, not {value!r}")
            return None
        return self.check_range(name, value, minimum, maximum)

    def check_range(self, name: str, value: int, minimum: int | None, maximum: int | None) -> int | None:
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            bounds = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
            self.problem(f"'{name}' must be {bounds}, not {value}")
            return None
        return value

    def level(self, entry: dict, name: str) -> int | None:
        value = entry.get(name)
        if isinstance(value, bool) or not isinstance(value, int):
            if name in entry:
                self.problem(f"'{name}' must be a level from {MIN_REQUIRED_LEVEL} to {MAX_LEVEL}, not {value!r}")
            return None
        if not MIN_REQUIRED_LEVEL <= value <= MAX_LEVEL:
            self.problem(f"level {value} is outside {MIN_REQUIRED_LEVEL}–{MAX_LEVEL}")
            return None
        return value

    def choice(self, entry: dict, name: str, choices: Iterable[str], *, default: str | None = None) -> str:
        choices = list(choices)
        value = entry.get(name, default)
        if value not in choices:
            if name in entry:
                self.problem(f"'{name}' must be one of {', '.join(choices)}, not {value!r}")
            return default or ""
        return value

    def boolean(self, entry: dict, name: str, *, default: bool) -> bool:
        value = entry.get(name, default)
        if not isinstance(value, bool):
            self.problem(f"'{name}' must be true or false, not {value!r}")
            return default
        return value

    def url(self, entry: dict, name: str, model: type, *, required: bool) -> str:
        value = self.text(entry, name, model)
        if value:
            try:
                _url_validator(value)
            except ValidationError:
                self.problem(f"'{name}' is not a web address (http or https): {value!r}")
        elif required and name in entry:
            self.problem(f"missing field '{name}'")
        return value

    def text_list(self, entry: dict, name: str, *, required: bool = False) -> list[str]:
        value = entry.get(name, [])
        if value is None:
            value = []
        if not isinstance(value, list) or any(
            isinstance(item, (dict, list)) or item is None or str(item).strip() == "" for item in value
        ):
            self.problem(f"'{name}' must be a list of non-empty lines of text")
            return []
        items = [str(item).strip() for item in value]
        if any("\n" in item for item in items):
            self.problem(f"each item of '{name}' must be one line")
        if required and not items:
            self.problem(f"'{name}' must have at least one item")
        return items

    def slug_list(self, entry: dict, name: str) -> list[str]:
        value = entry.get(name, [])
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) and SLUG_RE.match(item) for item in value):
            self.problem(f"'{name}' must be a list of slugs")
            return []
        duplicates = sorted({item for item in value if value.count(item) > 1})
        if duplicates:
            self.problem(f"'{name}' lists {', '.join(duplicates)} more than once")
        return list(dict.fromkeys(value))

    def entries(self, entry: dict, name: str) -> list[tuple[Any, int | None]]:
        value = entry.get(name, [])
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(f"'{name}' must be a list")
            return []
        lines = getattr(value, "item_lines", [None] * len(value))
        return [(item, _line_of(item, line)) for item, line in zip(value, lines, strict=True)]


def _check_category(c: _Checker, entry: dict, position: int) -> Row:
    return {
        "slug": c.slug(entry),
        "name": c.text(entry, "name", m.SkillCategory),
        "description": c.text(entry, "description", m.SkillCategory),
        "position": position,
    }


def _check_skill(c: _Checker, entry: dict, position: int) -> Row:
    row = {
        "slug": c.slug(entry),
        "name": c.text(entry, "name", m.Skill),
        "category": c.slug(entry, "category"),
        "kind": c.choice(entry, "kind", m.SkillKind.values, default=m.SkillKind.HARD),
        "description": c.text(entry, "description", m.Skill),
        "can": [],
        "hours": [],
        "prerequisites": {},
    }
    can = entry.get("can")
    if "can" in entry:
        if not isinstance(can, list) or len(can) != MAX_LEVEL or not all(isinstance(i, str) and i.strip() for i in can):
            c.problem(f"'can' must list exactly {MAX_LEVEL} non-empty descriptors, one for each level 1–{MAX_LEVEL}")
        else:
            row["can"] = [item.strip() for item in can]
            max_length = m.Skill._meta.get_field("descriptor_1").max_length
            for level, item in enumerate(row["can"], start=1):
                if len(item) > max_length:
                    c.problem(
                        f"the level {level} descriptor is {len(item)} characters long; the most allowed is {max_length}"
                    )
    hours = entry.get("hours")
    if "hours" in entry:
        if (
            not isinstance(hours, list)
            or len(hours) != MAX_LEVEL
            or not all(isinstance(h, int) and not isinstance(h, bool) and 1 <= h <= 32767 for h in hours)
        ):
            c.problem(f"'hours' must list exactly {MAX_LEVEL} whole numbers of hours, each at least 1")
        else:
            row["hours"] = list(hours)
    prerequisites = entry.get("prerequisites", {}) or {}
    if not isinstance(prerequisites, dict):
        c.problem("'prerequisites' must map skill slugs to minimum levels, as in {python: 2}")
    else:
        for skill, level in prerequisites.items():
            checked = _Checker(c.problems, c.file, c.line, f"{c.place}.prerequisites.{skill}", c.place_lines).level(
                {"level": level}, "level"
            )
            if not isinstance(skill, str) or not SLUG_RE.match(skill):
                c.problem(f"prerequisite {skill!r} is not a skill slug")
            elif checked is not None:
                row["prerequisites"][skill] = checked
    return row


def _check_stage(c: _Checker, entry: dict, position: int) -> Row:
    return {
        "slug": c.slug(entry),
        "name": c.text(entry, "name", m.Stage),
        "description": c.text(entry, "description", m.Stage),
        "position": position,
    }


def _check_role(c: _Checker, entry: dict, position: int) -> Row:
    row: Row = {
        "slug": c.slug(entry),
        "title": c.text(entry, "title", m.Role),
        "summary": c.text(entry, "summary", m.Role),
        "overview": c.text(entry, "overview", m.Role),
        "outlook": c.text(entry, "outlook", m.Role),
        "published": c.boolean(entry, "published", default=True),
        "certifications": sorted(c.slug_list(entry, "certifications")),
    }
    for name in ROLE_LIST_FIELDS:
        row[name] = c.text_list(entry, name)

    salaries = []
    for index, (item, line) in enumerate(c.entries(entry, "salaries")):
        s = c.child(f"{c.place}.salaries[{index + 1}]", line)
        item = s.fields(
            item, required=("label", "min", "source"), optional=("experience", "max", "period", "region", "note")
        )
        if item is None:
            continue
        salary = {
            "label": s.text(item, "label", m.SalaryRange),
            "experience": s.choice(item, "experience", m.Experience.values, default=m.Experience.ANY),
            "min": s.integer(item, "min", minimum=1),
            "max": s.integer(item, "max", minimum=1, optional=True),
            "period": s.choice(item, "period", m.SalaryPeriod.values, default=m.SalaryPeriod.YEAR),
            "region": s.text(item, "region", m.SalaryRange, default="Canada"),
            "source": s.text(item, "source", m.SalaryRange),
            "note": s.text(item, "note", m.SalaryRange),
            "position": index,
        }
        if salary["min"] and salary["max"] and salary["max"] < salary["min"]:
            s.problem(f"'max' ({salary['max']}) is below 'min' ({salary['min']})")
        if any(other["label"] == salary["label"] for other in salaries):
            s.problem(f"the salary label {salary['label']!r} is used twice in this role")
        salaries.append(salary)
    row["salaries"] = salaries

    requirements = []
    for index, (item, line) in enumerate(c.entries(entry, "requirements")):
        r = c.child(f"{c.place}.requirements[{index + 1}]", line)
        item = r.fields(item, required=("skill", "level", "importance"), optional=())
        if item is None:
            continue
        requirement = {
            "skill": r.slug(item, "skill"),
            "level": r.level(item, "level"),
            "importance": r.choice(item, "importance", Importance.values),
        }
        if requirement["skill"] and any(other["skill"] == requirement["skill"] for other in requirements):
            r.problem(f"duplicate requirement: the skill '{requirement['skill']}' is already required by this role")
        requirements.append(requirement)
    if "requirements" in entry and not requirements:
        c.problem("'requirements' must list at least one requirement")
    row["requirements"] = requirements

    steps = []
    for index, (item, line) in enumerate(c.entries(entry, "roadmap")):
        s = c.child(f"{c.place}.roadmap[{index + 1}]", line)
        item = s.fields(item, required=("title",), optional=("description", "skills"))
        if item is None:
            continue
        steps.append(
            {
                "position": index + 1,
                "title": s.text(item, "title", m.RoadmapStep),
                "description": s.text(item, "description", m.RoadmapStep),
                "skills": sorted(s.slug_list(item, "skills")),
            }
        )
    row["roadmap"] = steps

    questions = []
    for index, (item, line) in enumerate(c.entries(entry, "questions")):
        q = c.child(f"{c.place}.questions[{index + 1}]", line)
        item = q.fields(item, required=("question", "answer"), optional=())
        if item is None:
            continue
        questions.append(
            {
                "position": index + 1,
                "question": q.text(item, "question", m.RoleQuestion),
                "answer": q.text(item, "answer", m.RoleQuestion),
            }
        )
    row["questions"] = questions
    return row


def _check_certification(c: _Checker, entry: dict, position: int) -> Row:
    return {
        "slug": c.slug(entry),
        "name": c.text(entry, "name", m.Certification),
        "issuer": c.text(entry, "issuer", m.Certification),
        "url": c.url(entry, "url", m.Certification, required=False),
        "description": c.text(entry, "description", m.Certification),
        "skills": sorted(c.slug_list(entry, "skills")),
    }


def _check_resource(c: _Checker, entry: dict, position: int) -> Row:
    row = {
        "slug": c.slug(entry),
        "skill": c.slug(entry, "skill"),
        "title": c.text(entry, "title", m.LearningResource),
        "url": c.url(entry, "url", m.LearningResource, required=True),
        "kind": c.choice(entry, "kind", m.ResourceKind.values),
        "cost": c.choice(entry, "cost", m.Cost.values, default=m.Cost.FREE),
        "hours": c.integer(entry, "hours", minimum=0, maximum=32767, optional=True),
        "levels": [],
    }
    levels = entry.get("levels")
    if "levels" in entry:
        if not isinstance(levels, list) or len(levels) != 2:
            c.problem("'levels' must be [from, to], two levels from 1 to 5")
        else:
            low = c.level({"from": levels[0]}, "from")
            high = c.level({"to": levels[1]}, "to")
            if low is not None and high is not None:
                if high < low:
                    c.problem(f"'levels' goes down, from {low} to {high}")
                else:
                    row["levels"] = [low, high]
    return row


def _check_education_path(c: _Checker, entry: dict, position: int) -> Row:
    row = {
        "slug": c.slug(entry),
        "kind": c.choice(entry, "kind", m.EducationKind.values),
        "name": c.text(entry, "name", m.EducationPath),
        "duration": c.text(entry, "duration", m.EducationPath),
        "min_months": c.integer(entry, "min_months", minimum=0, maximum=240),
        "max_months": c.integer(entry, "max_months", minimum=0, maximum=240),
        "who_for": c.text(entry, "who_for", m.EducationPath),
        "focus": c.text(entry, "focus", m.EducationPath),
        "note": c.text(entry, "note", m.EducationPath),
        "stages": sorted(c.slug_list(entry, "stages")),
        "position": position,
    }
    if row["min_months"] is not None and row["max_months"] is not None and row["max_months"] < row["min_months"]:
        c.problem(f"'max_months' ({row['max_months']}) is below 'min_months' ({row['min_months']})")
    return row


def _check_institution(c: _Checker, entry: dict, position: int) -> Row:
    return {
        "slug": c.slug(entry),
        "name": c.text(entry, "name", m.Institution),
        "kind": c.choice(entry, "kind", m.InstitutionKind.values),
        "city": c.text(entry, "city", m.Institution),
        "url": c.url(entry, "url", m.Institution, required=True),
    }


def _check_advice(c: _Checker, entry: dict, position: int) -> Row:
    return {
        "slug": c.slug(entry),
        "stage": c.slug(entry, "stage") or None,
        "role": c.slug(entry, "role") or None,
        "title": c.text(entry, "title", m.Advice),
        "items": c.text_list(entry, "items", required=True),
        "position": position,
    }


def _check_link(c: _Checker, entry: dict, position: int) -> Row:
    return {
        "slug": c.slug(entry),
        "group": c.choice(entry, "group", m.LinkGroup.values),
        "title": c.text(entry, "title", m.GuidanceLink),
        "url": c.url(entry, "url", m.GuidanceLink, required=True),
        "description": c.text(entry, "description", m.GuidanceLink),
        "position": position,
    }


@dataclass(frozen=True)
class _SectionSpec:
    check: Callable[[_Checker, dict, int], Row]
    required: tuple[str, ...]
    optional: tuple[str, ...]
    label: str  # how a problem names an entry: roles[devops-engineer]


SECTION_SPECS = {
    "categories": _SectionSpec(_check_category, ("slug", "name"), ("description",), "categories"),
    "skills": _SectionSpec(
        _check_skill, ("slug", "name", "category", "can", "hours"), ("kind", "description", "prerequisites"), "skills"
    ),
    "stages": _SectionSpec(_check_stage, ("slug", "name"), ("description",), "stages"),
    "roles": _SectionSpec(
        _check_role,
        ("slug", "title", "summary", "requirements"),
        ("overview", "outlook", "published", "certifications", "salaries", "roadmap", "questions", *ROLE_LIST_FIELDS),
        "roles",
    ),
    "certifications": _SectionSpec(
        _check_certification, ("slug", "name", "issuer"), ("url", "description", "skills"), "certifications"
    ),
    "resources": _SectionSpec(
        _check_resource, ("slug", "skill", "title", "url", "kind", "levels"), ("cost", "hours"), "resources"
    ),
    "education_paths": _SectionSpec(
        _check_education_path,
        ("slug", "kind", "name", "duration", "min_months", "max_months", "who_for", "focus"),
        ("note", "stages"),
        "education_paths",
    ),
    "institutions": _SectionSpec(_check_institution, ("slug", "name", "kind", "city", "url"), (), "institutions"),
    "advice": _SectionSpec(_check_advice, ("slug", "title", "items"), ("stage", "role"), "advice"),
    "links": _SectionSpec(_check_link, ("slug", "group", "title", "url"), ("description",), "links"),
}

# Names that must be unique (case-insensitively) within a section, as the database requires.
UNIQUE_NAMES = {
    "categories": "name",
    "skills": "name",
    "stages": "name",
    "roles": "title",
    "certifications": "name",
    "institutions": "name",
}


@dataclass
class ReadResult:
    data: CatalogueData = field(default_factory=lambda: {section: {} for section in SECTIONS})
    present: set[str] = field(default_factory=set)  # sections the files contain, even if empty
    problems: list[Problem] = field(default_factory=list)
    locations: dict[tuple[str, str], tuple[str, int | None]] = field(default_factory=dict)
    place_lines: dict[str, int | None] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_catalogue(path: Path) -> ReadResult:
    """Read every catalogue file under `path` and check it; never raises for bad content."""
    result = ReadResult()
    paths = catalogue_paths(path)
    if not path.exists():
        result.problems.append(Problem(str(path), None, "", "no such file or directory"))
        return result
    if not paths:
        result.problems.append(Problem(str(path), None, "", "no .yaml files here"))
        return result
    positions = {section: 0 for section in SECTIONS}
    readable = [_read_file(file_path, result, positions) for file_path in paths]
    # References into a file that could not be parsed would all look unknown; report the parse error alone.
    if all(readable):
        _check_references(result)
    return result


def _read_file(file_path: Path, result: ReadResult, positions: dict[str, int]) -> bool:
    """Check one file's entries into `result`; False if the file could not be parsed at all."""
    file = str(file_path)
    try:
        document = yaml.load(file_path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = f"{error.problem or error.context}" if error.problem or error.context else str(error)
        result.problems.append(Problem(file, mark.line + 1 if mark else None, "", f"not valid YAML: {message}"))
        return False
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as error:
        result.problems.append(Problem(file, None, "", f"cannot be read: {error}"))
        return False
    if document is None:
        return True
    if not isinstance(document, dict):
        result.problems.append(Problem(file, 1, "", "a catalogue file must be a mapping of sections"))
        return False
    for section, entries in document.items():
        if section not in SECTION_SPECS:
            result.problems.append(
                Problem(
                    file, _line_of(entries), "", f"unknown section '{section}' (expected one of: {', '.join(SECTIONS)})"
                )
            )
            continue
        result.present.add(section)
        if entries is None:
            continue
        if not isinstance(entries, list):
            result.problems.append(Problem(file, _line_of(entries), section, "a section must be a list of entries"))
            continue
        spec = SECTION_SPECS[section]
        for entry, line in zip(entries, entries.item_lines, strict=True):
            slug = entry.get("slug") if isinstance(entry, dict) else None
            place = f"{spec.label}[{slug}]" if isinstance(slug, str) else f"{spec.label}[{positions[section] + 1}]"
            checker = _Checker(result.problems, file, _line_of(entry, line), place, result.place_lines)
            if checker.fields(entry, required=spec.required, optional=spec.optional) is None:
                positions[section] += 1
                continue
            row = spec.check(checker, entry, positions[section])
            positions[section] += 1
            if not row["slug"]:
                continue
            if row["slug"] in result.data[section]:
                first_file, first_line = result.locations[(section, row["slug"])]
                checker.problem(f"duplicate slug '{row['slug']}' (first defined at {first_file}:{first_line})")
                continue
            result.data[section][row["slug"]] = row
            result.locations[(section, row["slug"])] = (file, checker.line)
    return True


def _check_references(result: ReadResult) -> None:
    data = result.data

    def problem(section: str, slug: str, place: str, message: str, *, entry: str = "") -> None:
        """`entry` names a nested entry (".requirements[2]") whose own line is the better pointer."""
        file, line = result.locations[(section, slug)]
        base = f"{SECTION_SPECS[section].label}[{slug}]"
        line = result.place_lines.get(base + entry, line) if entry else line
        result.problems.append(Problem(file, line, f"{base}{entry}{place}", message))

    def known(section: str, slug: str | None) -> bool:
        return slug is None or slug in data[section]

    for section, name_field in UNIQUE_NAMES.items():
        seen: dict[str, str] = {}
        for slug, row in data[section].items():
            key = row[name_field].casefold()
            if key and key in seen:
                problem(section, slug, "", f"duplicate {name_field} {row[name_field]!r} (also used by '{seen[key]}')")
            seen.setdefault(key, slug)

    for slug, skill in data["skills"].items():
        if skill["category"] and not known("categories", skill["category"]):
            problem("skills", slug, ".category", f"unknown category '{skill['category']}'")
        for required in skill["prerequisites"]:
            if required == slug:
                problem("skills", slug, ".prerequisites", "a skill cannot be its own prerequisite")
            elif not known("skills", required):
                problem("skills", slug, f".prerequisites.{required}", f"unknown skill '{required}'")
    for cycle in prerequisite_cycles({s: set(r["prerequisites"]) for s, r in data["skills"].items()}):
        problem("skills", cycle[0], ".prerequisites", f"prerequisite cycle: {' → '.join([*cycle, cycle[0]])}")

    for slug, role in data["roles"].items():
        for index, requirement in enumerate(role["requirements"], start=1):
            if requirement["skill"] and not known("skills", requirement["skill"]):
                problem(
                    "roles", slug, ".skill", f"unknown skill '{requirement['skill']}'", entry=f".requirements[{index}]"
                )
        for step in role["roadmap"]:
            for skill in step["skills"]:
                if not known("skills", skill):
                    problem("roles", slug, ".skills", f"unknown skill '{skill}'", entry=f".roadmap[{step['position']}]")
        for certification in role["certifications"]:
            if not known("certifications", certification):
                problem("roles", slug, ".certifications", f"unknown certification '{certification}'")
    for slug, certification in data["certifications"].items():
        for skill in certification["skills"]:
            if not known("skills", skill):
                problem("certifications", slug, ".skills", f"unknown skill '{skill}'")
    for slug, resource in data["resources"].items():
        if resource["skill"] and not known("skills", resource["skill"]):
            problem("resources", slug, ".skill", f"unknown skill '{resource['skill']}'")
    for slug, path in data["education_paths"].items():
        for stage in path["stages"]:
            if not known("stages", stage):
                problem("education_paths", slug, ".stages", f"unknown stage '{stage}'")
    for slug, advice in data["advice"].items():
        if not known("stages", advice["stage"]):
            problem("advice", slug, ".stage", f"unknown stage '{advice['stage']}'")
        if not known("roles", advice["role"]):
            problem("advice", slug, ".role", f"unknown role '{advice['role']}'")


def prerequisite_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each cycle in a skill → prerequisites graph once, starting from its alphabetically first skill."""
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


# ------------------------------------------------------------------------------------------ writing


HEADERS = {
    "skills.yaml": "CareerFit catalogue: skill categories and skills.",
    "roles.yaml": "CareerFit catalogue: roles.",
    "certifications.yaml": "CareerFit catalogue: certifications.",
    "resources.yaml": "CareerFit catalogue: learning resources.",
    "guidance.yaml": "CareerFit catalogue: guidance by student stage.",
}


def _entry_for_file(section: str, row: Row) -> dict:
    """The file form of a normalised row: positions are implied by order, empty optional fields left out."""
    entry = {key: value for key, value in row.items() if key != "position"}
    if section == "roles":
        entry["roadmap"] = [{k: v for k, v in step.items() if k != "position"} for step in row["roadmap"]]
        entry["questions"] = [{k: v for k, v in q.items() if k != "position"} for q in row["questions"]]
        entry["salaries"] = [
            {k: v for k, v in salary.items() if k != "position" and v not in (None, "")} for salary in row["salaries"]
        ]
    if section == "resources" and entry.get("hours") is None:
        del entry["hours"]
    return {key: value for key, value in entry.items() if value not in ("", None, [], {})}


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def write_catalogue(data: CatalogueData, directory: Path, *, methodology: dict[str, str] | None = None) -> list[Path]:
    """Write the catalogue as the five files `load_catalogue` reads; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, sections in FILES.items():
        document = {}
        for section in sections:
            rows = sorted(data[section].values(), key=lambda row: (row.get("position", 0), row["slug"]))
            document[section] = [_entry_for_file(section, row) for row in rows]
        header = "".join(
            f"# {line}\n".replace("# \n", "#\n") for line in (methodology or {}).get(name, HEADERS[name]).splitlines()
        )
        body = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
        target = directory / name
        target.write_text(f"{header}\n{body}", encoding="utf-8")
        written.append(target)
    return written


def file_header(path: Path) -> str:
    """The comment block at the top of a catalogue file, without the '# ' markers."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[2:] if line.startswith("# ") else line[1:])
    return "\n".join(lines)
