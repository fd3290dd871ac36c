"""Small, strict readers for settings that come from the environment.

A value that is present but wrong stops the process with an ImproperlyConfigured error that names the
variable, instead of silently falling back to a default nobody asked for.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str = "", *, environ: Mapping[str, str] = os.environ) -> str:
    return environ.get(name, default).strip()


def env_bool(name: str, default: bool, *, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (or 1/0, yes/no, on/off), not {raw!r}.")


def env_int(
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    environ: Mapping[str, str] = os.environ,
) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    if maximum is not None and value > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}, not {value}.")
    return value


def env_choice(name: str, default: str, choices: list[str], *, environ: Mapping[str, str] = os.environ) -> str:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {raw!r}.")
    return value


def env_list(name: str, default: list[str], *, environ: Mapping[str, str] = os.environ) -> list[str]:
    """A comma-separated list; empty items are refused because they are always a typo."""
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    items = [item.strip() for item in raw.split(",")]
    if any(item == "" for item in items):
        raise ImproperlyConfigured(f"{name} has an empty item: {raw!r}. Separate values with single commas.")
    return items


# SQLite waits for a lock instead of failing with "database is locked" when several processes write:
# WAL lets readers and one writer work at once, IMMEDIATE takes the write lock when a transaction
# starts (so it waits at BEGIN, where waiting is safe, and never has to upgrade a read lock), and the
# timeout is how long it waits.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


# PostgreSQL parses and plans every statement it is sent, in its own process, often on the same cores as the
# app. Bound on the server, a statement psycopg has run five times on a connection is prepared, and later
# runs skip both steps: the results page serves half as many again a second (docs/performance.md). Poolers
# in transaction mode need PgBouncer 1.21 or later with max_prepared_statements set; otherwise turn this
# off (DATABASE_PREPARED_STATEMENTS=false).
POSTGRESQL_PREPARED = {"server_side_binding": True, "prepare_threshold": 5}


def database_from_url(
    url: str, *, name: str = "DATABASE_URL", conn_max_age: int = 0, prepared_statements: bool = True
) -> dict:
    """Django's DATABASES entry for a database URL (sqlite:///path or postgres://user:pw@host/db)."""
    import dj_database_url

    try:
        config = dict(dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=conn_max_age > 0))
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{name} is not a database URL CareerFit understands ({error or 'unreadable'}): "
            "use sqlite:///path/to/file.sqlite3 or postgres://user:password@host:5432/name."
        ) from None
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
        # SQLite connections are kept too (CONN_MAX_AGE): a new one parses the whole schema on its first
        # statement, about 1 ms, on every request. There is no server to lose the connection: no health check.
        config["CONN_HEALTH_CHECKS"] = False
    elif engine != "django.db.backends.postgresql":
        raise ImproperlyConfigured(f"{name} must point at SQLite or PostgreSQL, not {engine or url!r}.")
    elif not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} names no database: add it after the host, as in postgres://host/careerfit.")
    elif prepared_statements:
        config["OPTIONS"] = {**POSTGRESQL_PREPARED, **config.get("OPTIONS", {})}
    return config


def _masked_database_url(environ: Mapping[str, str] = os.environ) -> str:
    from urllib.parse import urlsplit, urlunsplit

    url = environ.get("DATABASE_URL", "")
    if not url:
        return "the SQLite file next to manage.py"
    parts = urlsplit(url)
    if parts.password:
        parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1))
    return urlunsplit(parts)


def explain_startup_error(error: BaseException) -> str | None:
    """One line an operator can act on, for a wrong setting or an unreachable database; None otherwise."""
    from django.db import OperationalError

    if isinstance(error, ImproperlyConfigured):
        return f"CareerFit is not configured correctly: {error}"
    if isinstance(error, OperationalError):
        detail = " ".join(line.strip() for line in str(error).splitlines() if line.strip())
        return f"CareerFit cannot use its database ({_masked_database_url()}): {detail}"
    return None


def refuse_unsafe_serving() -> None:
    """What a server must not start without, checked by careerfit/wsgi.py once settings are loaded."""
    from django.conf import settings

    if settings.DEBUG:
        return
    if settings.EMAIL_BACKEND.endswith(".console.EmailBackend") and settings.PASSWORD_RESET_BY_EMAIL:
        raise ImproperlyConfigured(
            "EMAIL_HOST is not set, so password-reset links would be printed to the server's log. Set EMAIL_HOST "
            "(and EMAIL_HOST_USER, EMAIL_HOST_PASSWORD), or PASSWORD_RESET_BY_EMAIL=false to turn reset mail off."
        )
