"""Three-way merge of catalogue entries: what the files said at the last load (the base), what the
database holds now (edits made in the admin since then), and what the files say now.

A field (or a keyed child, such as one requirement of a role) that only one side changed takes that
side's value, so loading files never undoes an editor's work and an editor's work never blocks a file
change elsewhere. A field both sides changed differently is a conflict: the database keeps its value unless
the load is forced. Pure code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from roles.schema import Children, Entry, child_class, field_binding

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "nothing"})()


@dataclass(frozen=True)
class Conflict:
    place: str  # roles[devops-engineer].requirements[linux].level
    database: Any
    files: Any
    taken: str  # "database" or "files"

    def __str__(self) -> str:
        kept = "kept the database's" if self.taken == "database" else "took the files'"
        return f"{self.place}: the database has {_short(self.database)}, the files have {_short(self.files)}; {kept}"


def _short(value: Any) -> str:
    if isinstance(value, Entry):
        return "an edited entry"
    if value is MISSING:
        return "nothing (deleted)"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…'"


class _Merge:
    def __init__(self, *, force: bool, prune: bool):
        self.force = force
        self.prune = prune  # the files decide which children exist
        self.conflicts: list[Conflict] = []

    def value(self, place: str, base: Any, ours: Any, theirs: Any) -> Any:
        if ours == theirs or theirs == base:
            return ours
        if ours == base:
            return theirs
        self.conflicts.append(Conflict(place, ours, theirs, "files" if self.force else "database"))
        return theirs if self.force else ours

    def entry(self, cls: type[Entry], place: str, base: Entry | None, ours: Entry, theirs: Entry) -> Entry:
        values = {}
        for name in cls.model_fields:
            b = getattr(base, name) if base is not None else MISSING
            o, t = getattr(ours, name), getattr(theirs, name)
            binding = field_binding(cls, name)
            if isinstance(binding, Children) and binding.key and o != t:
                values[name] = self.children(child_class(cls, name), binding.key[0], f"{place}.{name}", b, o, t)
            else:
                values[name] = self.value(f"{place}.{name}", b, o, t)
        try:
            return cls.model_validate(values)
        except ValidationError:  # two valid halves that do not make a valid whole (a minimum above a maximum)
            self.conflicts.append(Conflict(place, ours, theirs, "files" if self.force else "database"))
            return theirs if self.force else ours

    def children(self, cls: type[Entry], key: str, place: str, base: Any, ours: tuple, theirs: tuple) -> tuple:
        by_key = lambda items: {getattr(item, key): item for item in items}  # noqa: E731
        b = by_key(base) if base is not MISSING else {}
        o, t = by_key(ours), by_key(theirs)
        merged = []
        for k in [*t, *(k for k in o if k not in t)]:
            bc, oc, tc = b.get(k), o.get(k), t.get(k)
            child_place = f"{place}[{k}]"
            if tc is None:  # not (or no longer) in the files
                if self.prune:
                    continue
                if bc is None or oc != bc:
                    kept = self.value(child_place, bc if bc is not None else MISSING, oc, MISSING)
                    if kept is not MISSING:
                        merged.append(kept)
            elif oc is None:  # not (or no longer) in the database
                added = self.value(child_place, bc if bc is not None else MISSING, MISSING, tc)
                if added is not MISSING:
                    merged.append(added)
            else:
                merged.append(self.entry(cls, child_place, bc, oc, tc))
        return tuple(merged)


def merge_entry(
    cls: type[Entry],
    *,
    place: str,
    base: Entry | None,
    ours: Entry | None,
    theirs: Entry,
    force: bool = False,
    prune: bool = False,
) -> tuple[Entry | None, list[Conflict]]:
    """The entry to store (None: it stays deleted) and the conflicts found on the way.

    `base` is None when the files were never loaded (or never had this entry): then every difference
    between the database and the files is a conflict. With `prune`, children the files do not have go.
    """
    merge = _Merge(force=force, prune=prune)
    if ours is None:
        if base is None:  # new in the files
            return theirs, []
        kept = merge.value(place, base, MISSING, theirs)  # deleted in the admin since the last load
        return (None if kept is MISSING else kept), merge.conflicts
    if ours == theirs:
        return ours, []
    return merge.entry(cls, place, base, ours, theirs), merge.conflicts


def merge_order(*, base: list[str] | None, ours: list[str], theirs: list[str]) -> list[str]:
    """The order of a section whose order means something: the files' if they changed it, else the database's.

    Entries only one side has keep their place on that side and follow the others.
    """
    if base is not None and [s for s in theirs if s in base] == [s for s in base if s in theirs]:
        first = ours + [s for s in theirs if s not in ours]
    else:
        first = theirs + [s for s in ours if s not in theirs]
    return first
