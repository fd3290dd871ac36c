from django.utils.functional import SimpleLazyObject

from counselling.selectors import is_counsellor


def counselling(request) -> dict:
    """`is_counsellor` for the navigation; only queried if a template asks."""
    return {"is_counsellor": SimpleLazyObject(lambda: is_counsellor(request.user))}
