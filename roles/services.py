"""Writes to the catalogue: loading catalogue files without losing editors' work, and the editors' group.

The catalogue has two sources: the YAML files in the repository and what editors change in the admin.
`catalogue_load` keeps both. It records what it loaded from the files (`CatalogueBaseline`); the next
load merges three ways (`roles.merge`): what changed only in the files is applied, what changed only in
the admin is kept, and what changed on both sides is reported and left as the admin has it unless the
load is forced. So `make run`, which loads the files every time, never undoes an editor's change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction

from roles import catalogue_db
from roles import models as m
from roles.catalogue_db import Writer, WriteSummary, model_of
from roles.merge import Conflict, merge_entry, merge_order
from roles.schema import SECTIONS, Catalogue, Entry, check_catalogue, entry_class, render_path

CATALOGUE_EDITORS = "Catalogue editors"


class CatalogueLoadError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class LoadReport:
    summary: WriteSummary = field(default_factory=WriteSummary)
    conflicts: list[Conflict] = field(default_factory=list)
    # Entries the database has and the files do not (added in the admin, or removed from the files):
    # kept, unless the load prunes.
    not_in_files: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.summary.changed


def _baseline(sections: set[str]) -> dict[str, dict[str, tuple[int, Entry]]]:
    """What the files said at the last load: section → slug → (position, entry)."""
    recorded: dict[str, dict[str, tuple[int, Entry]]] = {section: {} for section in sections}
    for row in m.CatalogueBaseline.objects.filter(section__in=sections):
        try:
            entry = entry_class(row.section).model_validate(row.data)
        except ValueError:  # recorded before the declaration changed shape: as if never loaded
            continue
        recorded[row.section][row.slug] = (row.position, entry)
    return recorded


def _record_baseline(
    files: Catalogue, present: set[str], pruned: dict[str, set[str]], unresolved: set[tuple[str, str]]
) -> None:
    """Remember the files as loaded, except entries with a conflict left unresolved: keeping their old
    base keeps the conflict in every report until it is resolved (exported, or loaded with --force)."""
    existing = {(row.section, row.slug): row for row in m.CatalogueBaseline.objects.filter(section__in=present)}
    for section in present:
        for position, entry in enumerate(getattr(files, section)):
            if (section, entry.slug) in unresolved:
                continue
            data = entry.model_dump(mode="json")
            row = existing.get((section, entry.slug))
            if row is None:
                m.CatalogueBaseline.objects.create(section=section, slug=entry.slug, position=position, data=data)
            elif (row.position, row.data) != (position, data):
                row.position, row.data = position, data
                row.save(update_fields=["position", "data"])
        if pruned.get(section):
            m.CatalogueBaseline.objects.filter(section=section, slug__in=pruned[section]).delete()


def catalogue_load(
    *,
    catalogue: Catalogue,
    present: set[str],
    prune: bool = False,
    force: bool = False,
    where: dict[tuple[str, str], str] | None = None,
) -> LoadReport:
    """Load checked catalogue files into the database in one transaction, merging with editors' changes.

    `present` names the sections the files contain: nothing outside them is touched. With `prune`, entries
    of those sections that the files do not have are deleted; with `force`, the files win every conflict.
    Raises CatalogueLoadError, and changes nothing, if the result would not be a valid catalogue.
    `where` says where each entry of the files is ("roles.yaml:29"), for messages.
    """
    where = where or {}
    report = LoadReport()
    with transaction.atomic():
        database = catalogue_db.read_catalogue()
        baseline = _baseline(present)
        resulting: dict[str, tuple[Entry, ...]] = {}
        pruned: dict[str, set[str]] = {}
        unresolved: set[tuple[str, str]] = set()
        for section in SECTIONS:
            if section not in present:
                resulting[section] = getattr(database, section)
                continue
            cls = entry_class(section)
            ours = {entry.slug: entry for entry in getattr(database, section)}
            theirs = {entry.slug: entry for entry in getattr(catalogue, section)}
            base = baseline[section]
            merged: dict[str, Entry] = {}
            for slug, entry in theirs.items():
                recorded = base.get(slug)
                kept, conflicts = merge_entry(
                    cls,
                    place=f"{section}[{slug}]",
                    base=recorded[1] if recorded else None,
                    ours=ours.get(slug),
                    theirs=entry,
                    force=force,
                    prune=prune,
                )
                report.conflicts += conflicts
                if conflicts and not force:
                    unresolved.add((section, slug))
                if kept is not None:
                    merged[slug] = kept
            for slug, entry in ours.items():
                if slug in theirs:
                    continue
                if prune:
                    pruned.setdefault(section, set()).add(slug)
                else:
                    merged[slug] = entry
                    report.not_in_files.append(f"{section}[{slug}]")
            order = list(merged)
            if cls.positioned:
                recorded_order = [slug for slug, _ in sorted(base.items(), key=lambda item: item[1][0])]
                order = merge_order(
                    base=recorded_order or None,
                    ours=[slug for slug in ours if slug in merged],
                    theirs=[slug for slug in theirs if slug in merged],
                )
                order += [slug for slug in merged if slug not in order]
            resulting[section] = tuple(merged[slug] for slug in order)

        result = Catalogue(**resulting)
        problems = [
            f"{where.get((finding.section, finding.slug), 'database')}: {finding.section}[{finding.slug}]"
            f"{render_path(entry_class(finding.section), finding.path)}: {finding.message}"
            for finding in check_catalogue(result)
        ]
        if problems:
            raise CatalogueLoadError(problems)
        try:
            _write(report.summary, database, result, present, pruned)
        except IntegrityError as error:  # leaving the block with an exception rolls every write back
            raise CatalogueLoadError([f"the database refused the catalogue: {error}"]) from None
        _record_baseline(catalogue, present, pruned, unresolved)
    return report


def _write(
    summary: WriteSummary, database: Catalogue, result: Catalogue, present: set[str], pruned: dict[str, set[str]]
) -> None:
    writer = Writer()
    writer.summary = summary
    changed: list[tuple[str, Entry]] = []
    for section in SECTIONS:
        if section not in present:
            continue
        before = {entry.slug: (index, entry) for index, entry in enumerate(getattr(database, section))}
        positioned = entry_class(section).positioned
        for index, entry in enumerate(getattr(result, section)):
            previous = before.get(entry.slug)
            moved = positioned and previous is not None and previous[0] != index
            if previous is None or previous[1] != entry or moved:
                writer.write(section, entry, position=index)
                if previous is None or previous[1] != entry:
                    changed.append((section, entry, previous is None))
    for section, entry, new in changed:
        writer.relate(section, entry, new=new)
    for section in reversed(SECTIONS):
        if pruned.get(section):
            writer.delete(model_of(entry_class(section)).objects.filter(slug__in=pruned[section]))


def catalogue_editors_group_sync() -> Group:
    """The "Catalogue editors" group holds exactly the permissions on catalogue models."""
    group, _ = Group.objects.get_or_create(name=CATALOGUE_EDITORS)
    permissions = Permission.objects.filter(content_type__app_label="roles").exclude(
        content_type__model__in=["catalogueversion", "cataloguebaseline"]
    )
    group.permissions.set(permissions)
    return group
