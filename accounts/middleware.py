"""Who is signed in, read with the request's session."""

from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.utils.functional import SimpleLazyObject

from accounts.backends import read_with_session


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    """Django's, whose `request.user` is Django's own `auth.get_user` (with every check it makes of the session:
    its backend, its password hash), run while the person read with the session (`accounts.sessions`) is at
    hand for `accounts.backends.UserBackend`: a signed-in request runs no query for its user."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user(request))


def _user(request):
    if not hasattr(request, "_cached_user"):
        with read_with_session(getattr(request.session, "user_read", None)):
            request._cached_user = auth.get_user(request)
    return request._cached_user
