"""Addresses of pages whose arguments are UUIDs or numbers, reversed once per process for each URL name.

Django's `reverse` took 30 to 50 µs an address here, matching the name's patterns and converting each argument
afresh, and a list of 25 students or results reverses one or two a row. `address` reverses each name once, with
placeholder arguments, for each URLconf and script prefix (a deployment under a sub-path has its own), and writes each
call's arguments in their places: the same address as `reverse` gives, for a dictionary look-up and a `format`.
"""

from functools import lru_cache
from uuid import UUID

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

# Stands for each row's id in the address of a list's rows, found once a list rather than once a row:
# `address(name, ANY_ID).replace(str(ANY_ID), str(row.id))`.
ANY_ID = UUID(int=0)
# What stands for the first, second and third argument of each type while a name is reversed: written nowhere else
# in an address, and written as `str` writes them, as the `uuid` and `int` converters do.
_PLACEHOLDERS = {
    UUID: tuple(UUID(int=number) for number in range(1, 4)),
    int: tuple(987_654_320 + number for number in range(1, 4)),
}


def address(name: str, *arguments: UUID | int) -> str:
    """`reverse(name, args=arguments)`, for a URL name whose arguments are UUIDs and whole numbers (or which takes
    none). Given anything else, it is `reverse` itself, which refuses what the name's patterns refuse."""
    kinds = tuple(type(argument) for argument in arguments)  # a bool is not an int here
    if len(arguments) > 3 or not all(kind in _PLACEHOLDERS for kind in kinds):
        return reverse(name, args=arguments)
    pattern = _pattern(name, kinds, get_urlconf(), get_script_prefix())
    return reverse(name, args=arguments) if pattern is None else pattern.format(*arguments)


@lru_cache(maxsize=512)
def _pattern(name: str, kinds: tuple[type, ...], urlconf: str | None, script_prefix: str) -> str | None:
    """The address with `{0}`, `{1}`… where its arguments go; None if a converter wrote a placeholder otherwise."""
    placeholders = [_PLACEHOLDERS[kind][index] for index, kind in enumerate(kinds)]
    pattern = reverse(name, urlconf=urlconf, args=placeholders)  # no brace of its own: reverse writes %7B and %7D
    for index, written in enumerate(map(str, placeholders)):
        if pattern.count(written) != 1:
            return None
        pattern = pattern.replace(written, f"{{{index}}}")
    return pattern


@receiver(setting_changed)
def _forget(setting, **kwargs) -> None:
    """Tests change the URLconf: what was reversed with the old one is dropped. (The script prefix is in the key.)"""
    if setting == "ROOT_URLCONF":
        _pattern.cache_clear()
