"""The catalogue's YAML files: read and check them, and write the database back into them.

The files hold sections (`categories`, `skills`, `stages`, `roles`, …), each a list of entries whose
shape is declared in `roles.schema`; a directory of files is read as one catalogue. `read_catalogue()`
checks every entry against that declaration and returns every problem at once, each with its file, line
and place, so a bad file can be fixed in one pass.

`write_catalogue()` writes a catalogue back by merging it into the existing files (round-trip YAML):
what did not change keeps its exact text, comments and order, so an edit in the admin exported to the
repository shows up as a diff of that edit alone.

No database work here.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString, ScalarString

from roles.schema import (
    FROM_FILES,
    SECTIONS,
    Catalogue,
    Children,
    Entry,
    check_catalogue,
    child_class,
    entry_class,
    field_binding,
    field_says,
)

# Which file each section is written to by `export_catalogue`, and each new file's header.
FILES = {
    "skills.yaml": ("categories", "skills"),
    "roles.yaml": ("roles",),
    "certifications.yaml": ("certifications",),
    "resources.yaml": ("resources",),
    "guidance.yaml": ("stages", "education_paths", "institutions", "advice", "links"),
}
HEADERS = {
    "skills.yaml": "CareerFit catalogue: skill categories and skills.",
    "roles.yaml": "CareerFit catalogue: roles.",
    "certifications.yaml": "CareerFit catalogue: certifications.",
    "resources.yaml": "CareerFit catalogue: learning resources.",
    "guidance.yaml": "CareerFit catalogue: guidance by student stage.",
}


def _yaml() -> YAML:
    """Round-trip YAML as the shipped files are written: 2-space maps, lists indented under their key."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    place: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.place}: {self.message}" if self.place else f"{where}: {self.message}"


@dataclass
class ReadResult:
    catalogue: Catalogue = field(default_factory=Catalogue)
    present: set[str] = field(default_factory=set)  # sections the files contain, even if empty
    problems: list[Problem] = field(default_factory=list)
    # Where each entry is: (section, slug) → (file, line, its YAML node), for problems found later.
    locations: dict[tuple[str, str], tuple[str, int, CommentedMap]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem_at(self, section: str, slug: str, path: tuple, message: str) -> Problem:
        """A problem about an entry the files hold, at `path` within it (field names and child keys)."""
        file, line, node = self.locations[(section, slug)]
        place, line = _walk_keyed(entry_class(section), node, path, line)
        return Problem(file, line, f"{section}[{slug}]{place}", message)


def catalogue_paths(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


# ------------------------------------------------------------------------------ reading


def read_catalogue(path: Path, *, known: dict[str, set[str]] | None = None) -> ReadResult:
    """Read every catalogue file under `path` and check it; never raises for bad content.

    References may also point at `known` slugs (what the database holds, when only some files are read).
    """
    result = ReadResult()
    if not path.exists():
        result.problems.append(Problem(str(path), None, "", "no such file or directory"))
        return result
    paths = catalogue_paths(path)
    if not paths:
        result.problems.append(Problem(str(path), None, "", "no .yaml files here"))
        return result
    sections: dict[str, list[Entry]] = {section: [] for section in SECTIONS}
    readable = [_read_file(file_path, result, sections) for file_path in paths]
    result.catalogue = Catalogue(**{section: tuple(entries) for section, entries in sections.items()})
    # References into a file that could not be parsed would all look unknown; report the parse error alone.
    if all(readable):
        for finding in check_catalogue(result.catalogue, known=known):
            result.problems.append(result.problem_at(finding.section, finding.slug, finding.path, finding.message))
    return result


def _read_file(file_path: Path, result: ReadResult, sections: dict[str, list[Entry]]) -> bool:
    """Check one file's entries into `sections`; False if the file could not be parsed at all."""
    file = str(file_path)
    try:
        document = _yaml().load(file_path.read_text(encoding="utf-8"))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or str(error)
        if match := re.match(r'found duplicate key "(.*)" with value', message):
            message = f"the key '{match.group(1)}' appears twice in the same mapping"
        result.problems.append(Problem(file, mark.line + 1 if mark else None, "", f"not valid YAML: {message}"))
        return False
    except (YAMLError, UnicodeDecodeError, OSError) as error:
        result.problems.append(Problem(file, None, "", f"cannot be read: {error}"))
        return False
    if document is None:
        return True
    if not isinstance(document, CommentedMap):
        result.problems.append(Problem(file, 1, "", "a catalogue file must be a mapping of sections"))
        return False
    for section, entries in document.items():
        line = document.lc.key(section)[0] + 1
        if section not in SECTIONS:
            expected = ", ".join(SECTIONS)
            result.problems.append(
                Problem(file, line, "", f"unknown section '{section}' (expected one of: {expected})")
            )
            continue
        result.present.add(section)
        if entries is None:
            continue
        if not isinstance(entries, CommentedSeq):
            result.problems.append(Problem(file, line, section, "a section must be a list of entries"))
            continue
        cls = entry_class(section)
        for index, node in enumerate(entries):
            entry_line = entries.lc.item(index)[0] + 1
            slug = node.get("slug") if isinstance(node, CommentedMap) else None
            label = f"{section}[{slug}]" if isinstance(slug, str) else f"{section}[{len(sections[section]) + 1}]"
            entry = _check_entry(cls, node, file, entry_line, label, result)
            if entry is None:
                continue
            if (section, entry.slug) in result.locations:
                first_file, first_line, _ = result.locations[(section, entry.slug)]
                result.problems.append(
                    Problem(
                        file,
                        entry_line,
                        label,
                        f"duplicate slug '{entry.slug}' (first defined at {first_file}:{first_line})",
                    )
                )
                continue
            sections[section].append(entry)
            result.locations[(section, entry.slug)] = (file, entry_line, node)
    return True


def _check_entry(cls: type[Entry], node: Any, file: str, line: int, label: str, result: ReadResult) -> Entry | None:
    from roles.catalogue_db import length_problems  # reads column sizes from the models; no queries

    try:
        entry = cls.model_validate(plain(node), context=FROM_FILES)
    except ValidationError as error:
        seen = set()
        for detail in error.errors():
            place, message = describe_error(cls, detail, node)
            found_line = _line_at(node, detail["loc"], line)
            if (place, message) not in seen:
                seen.add((place, message))
                result.problems.append(Problem(file, found_line, label + place, message))
        return None
    except _UnsupportedValue as error:
        result.problems.append(Problem(file, line, label, str(error)))
        return None
    problems = length_problems(cls, entry)
    for place, message in problems:
        result.problems.append(Problem(file, line, label + place, message))
    return None if problems else entry


class _UnsupportedValue(ValueError):
    pass


def plain(node: Any) -> Any:
    """A YAML node as plain Python: dicts, lists, str, int, float, bool and None."""
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(item) for item in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, (date, datetime)):
        return node.isoformat()
    raise _UnsupportedValue(f"a value with a YAML tag ({getattr(node, 'tag', node)}) cannot be read; write plain text")


# ------------------------------------------------------------------------------ describing problems


def describe_error(cls: type[BaseModel], detail: dict, node: Any = None) -> tuple[str, str]:
    """A pydantic error as (place, message) in the words of the catalogue files.

    The place leads to the entry or child the problem is in (`.requirements[docker]`); the message names
    the field (`'level' must be a level from 1 to 5, not 7`). Validators' own messages are whole sentences.
    """
    loc = detail["loc"]
    kind = detail["type"]
    named = [index for index, part in enumerate(loc) if isinstance(part, str)]
    last = named[-1] if named else None
    owner = _owner_of(cls, loc[:last] if last is not None else ())
    field_name = loc[last] if last is not None else None
    if kind in ("value_error", "assertion_error"):
        message = detail["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        place_loc = loc[:last] if last is not None and last == len(loc) - 1 else loc
        return _render(cls, node, place_loc), message
    place = _render(cls, node, loc[:last] if last is not None else loc)
    value = detail.get("input")
    shown = f", not {value!r}" if isinstance(value, (str, int, float, bool)) or value is None else ""
    if kind == "missing" and last == len(loc) - 1:
        return place, f"missing field '{field_name}'"
    if kind == "extra_forbidden":
        expected = ", ".join(owner.model_fields) if owner else ""
        return place, f"unknown field '{field_name}' (expected one of: {expected})"
    if field_name is None:
        return place, f"expected a mapping of fields, found {type(value).__name__}"
    says = field_says(owner, field_name) if owner and field_name in owner.model_fields else None
    if says:
        return place, f"'{field_name}' {says}{shown if last == len(loc) - 1 else ''}"
    context = detail.get("ctx") or {}
    choices = ", ".join(re.findall(r"'([^']*)'", str(context.get("expected"))))
    messages = {
        "int_type": f"must be a whole number{shown}",
        "int_parsing": f"must be a whole number{shown}",
        "int_from_float": f"must be a whole number{shown}",
        "bool_type": f"must be true or false{shown}",
        "bool_parsing": f"must be true or false{shown}",
        "greater_than_equal": f"must be at least {context.get('ge')}{shown}",
        "less_than_equal": f"must be at most {context.get('le')}{shown}",
        "literal_error": f"must be one of {choices}{shown}",
        "string_type": f"must be text, not {type(value).__name__}",
        "string_too_short": "must not be empty",
        "string_too_long": f"is {len(value) if isinstance(value, str) else '?'} characters long; "
        f"the most allowed is {context.get('max_length')}",
        "tuple_type": "must be a list",
        "list_type": "must be a list",
        "too_short": f"must list at least {context.get('min_length')}",
        "too_long": f"must list at most {context.get('max_length')}",
        "dict_type": "must be a mapping of fields",
        "model_type": "must be a mapping of fields",
        "model_attributes_type": "must be a mapping of fields",
    }
    return place, f"'{field_name}' {messages.get(kind, detail['msg'])}"


def _owner_of(cls: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model a field sits in, given the path (`loc`) that leads to that field, through nested entries."""
    current: type[BaseModel] | None = cls
    for part in loc:
        if isinstance(part, str) and current is not None and part in current.model_fields:
            current = _nested_model(current.model_fields[part].annotation)
    return current


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is tuple:
        args = [a for a in get_args(annotation) if a is not Ellipsis]
        if args and isinstance(args[0], type) and issubclass(args[0], BaseModel):
            return args[0]
    return None


def _render(cls: type[BaseModel], node: Any, loc: Iterable) -> str:
    """`.requirements[docker]` for a path of field names and indexes; children named by their key."""
    text = ""
    current: type[BaseModel] | None = cls
    binding = None
    for part in loc:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            key = binding.key[0] if isinstance(binding, Children) and binding.key else None
            label = item.get(key) if key and isinstance(item, dict) else None
            text += f"[{label}]" if isinstance(label, (str, int)) else f"[{part + 1}]"
            node = item
        else:
            text += f".{part}"
            if current is not None and part in current.model_fields:
                binding = field_binding(current, part) if issubclass(current, Entry) else None
                current = _nested_model(current.model_fields[part].annotation)
            node = node.get(part) if isinstance(node, dict) else None
    return text


def _line_at(node: Any, loc: Iterable, line: int) -> int:
    """The line of the deepest node along `loc` that the file has."""
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    return line


def _walk_keyed(cls: type[Entry], node: Any, path: tuple, line: int) -> tuple[str, int]:
    """Place and line for a path of field names and child keys (as `check_catalogue` gives them)."""
    text = ""
    current: type[Entry] | None = cls
    parts = list(path)
    while parts:
        name = parts.pop(0)
        text += f".{name}"
        binding = field_binding(current, name) if current and name in current.model_fields else None
        if isinstance(node, CommentedMap) and name in node:
            line = node.lc.key(name)[0] + 1
            node = node[name]
        else:
            node = None
        if isinstance(binding, Children) and parts:
            key = parts.pop(0)
            text += f"[{key}]"
            child = child_class(current, name)
            if isinstance(node, CommentedSeq):
                for index, item in enumerate(node):
                    matches = item.get(binding.key[0]) == key if binding.key else index + 1 == key
                    if isinstance(item, CommentedMap) and matches:
                        line, node = item.lc.line + 1, item
                        break
                else:
                    node = None
            current = child
    return text, line


# ------------------------------------------------------------------------------ writing


def write_catalogue(catalogue: Catalogue, directory: Path, *, templates: Path | None = None) -> list[Path]:
    """Write the catalogue as the five files `load_catalogue` reads, merged into the files already there.

    Each file is merged into its current version in `directory`, or else the one in `templates` (the
    shipped catalogue), so unchanged entries keep their exact text and comments. Returns the files written.
    """
    directory.mkdir(parents=True, exist_ok=True)
    yaml = _yaml()
    written = []
    for name, sections in FILES.items():
        source = next((d / name for d in (directory, templates) if d is not None and (d / name).is_file()), None)
        document = yaml.load(source.read_text(encoding="utf-8")) if source else None
        if not isinstance(document, CommentedMap):
            document = CommentedMap()
            document.yaml_set_start_comment(HEADERS[name] + "\n")
        for section in sections:
            entries = getattr(catalogue, section)
            if not isinstance(document.get(section), CommentedSeq):
                document[section] = CommentedSeq()
            _merge_entries(
                entry_class(section), document[section], entries, key="slug", ordered=entry_class(section).positioned
            )
        buffer = io.StringIO()
        yaml.dump(document, buffer)
        target = directory / name
        target.write_text(buffer.getvalue(), encoding="utf-8")
        written.append(target)
    return written


def _merge_entries(cls: type[Entry], sequence: CommentedSeq, entries: tuple, *, key: str | None, ordered: bool) -> None:
    """Make a YAML list hold `entries`, keeping the text of items that did not change.

    Items are matched by `key` (or by place when there is none). Unless the order is meaningful (`ordered`),
    items keep their place in the file and new ones go at the end.
    """

    def key_of(item: Any, index: int) -> Any:
        return item.get(key) if key and isinstance(item, CommentedMap) else index

    existing = {key_of(item, index): item for index, item in enumerate(sequence)}
    wanted_keys = [getattr(entry, key) if key else index for index, entry in enumerate(entries)]
    like = next(iter(existing.values()), None)
    merged: dict[Any, Any] = {}
    for wanted, entry in zip(wanted_keys, entries, strict=True):
        node = existing.get(wanted)
        merged[wanted] = (
            _merge_entry(cls, node, entry) if isinstance(node, CommentedMap) else _new_node(cls, entry, like)
        )
    if ordered or not key:
        order = wanted_keys
    else:
        order = [k for k in existing if k in merged] + [k for k in wanted_keys if k not in existing]
    old_order = list(existing)
    if order == old_order and all(merged[k] is existing[k] for k in order):
        return
    comments = {k: sequence.ca.items.get(index) for index, k in enumerate(old_order)}
    sequence.clear()
    sequence.ca.items.clear()
    for index, k in enumerate(order):
        sequence.append(merged[k])
        if comments.get(k) is not None:
            sequence.ca.items[index] = comments[k]


def _merge_entry(cls: type[Entry], node: CommentedMap, entry: Entry) -> CommentedMap:
    """Update one entry's YAML mapping in place to say `entry`, touching only the fields that changed."""
    try:
        old = cls.model_validate(plain(node))
    except (ValidationError, _UnsupportedValue):
        return _new_node(cls, entry, node)
    names = list(cls.model_fields)
    for name in names:
        value, before = getattr(entry, name), getattr(old, name)
        if value == before:
            continue
        info = cls.model_fields[name]
        if not info.is_required() and value == info.default:
            node.pop(name, None)
            continue
        binding = field_binding(cls, name)
        if isinstance(binding, Children) and isinstance(node.get(name), CommentedSeq):
            _merge_entries(
                child_class(cls, name),
                node[name],
                value,
                key=binding.key[0] if binding.key else None,
                ordered=not binding.key,
            )
            continue
        new = _to_yaml(cls, name, value, like=node.get(name))
        if name in node:
            node[name] = new
        else:
            later = [n for n in names[names.index(name) + 1 :] if n in node]
            node.insert(list(node).index(later[0]) if later else len(node), name, new)
    return node


def _new_node(cls: type[Entry], entry: Entry, like: Any) -> CommentedMap:
    node = CommentedMap()
    for name, info in cls.model_fields.items():
        value = getattr(entry, name)
        if info.is_required() or value != info.default:
            node[name] = _to_yaml(cls, name, value, like=like.get(name) if isinstance(like, CommentedMap) else None)
    if isinstance(like, CommentedMap) and like.fa.flow_style():
        node.fa.set_flow_style()
    return node


def _to_yaml(cls: type[Entry], name: str, value: Any, *, like: Any) -> Any:
    """A field's value as a YAML node, in the style of the node it replaces (or of its siblings)."""
    binding = field_binding(cls, name)
    if isinstance(binding, Children):
        child = child_class(cls, name)
        sample = like[0] if isinstance(like, CommentedSeq) and like else None
        sequence = CommentedSeq(_new_node(child, item, sample) for item in value)
        if sample is None:
            for item in sequence:
                item.fa.set_flow_style()
        return sequence
    if isinstance(value, tuple):
        sequence = CommentedSeq(value)
        flow = (
            like.fa.flow_style()
            if isinstance(like, CommentedSeq)
            else all(not isinstance(v, str) or len(v) < 40 for v in value)
        )
        if flow:
            sequence.fa.set_flow_style()
        return sequence
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value)
        if isinstance(like, FoldedScalarString):
            return FoldedScalarString(value)
        if isinstance(like, ScalarString) and not isinstance(like, LiteralScalarString):
            return type(like)(value)
    return value
