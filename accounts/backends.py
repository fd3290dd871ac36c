"""How a signed-in person is loaded on each request."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

# The path settings.AUTHENTICATION_BACKENDS names it by: what `login()` records in the session.
USER_BACKEND = "accounts.backends.UserBackend"


class UserBackend(ModelBackend):
    """Django's ModelBackend, whose per-request lookup of the signed-in user also answers whether they are a
    counsellor (`counselling.selectors.is_counsellor`), so the menu costs no query of its own. The answer is
    read afresh on every request: removing someone from the Counsellors group takes effect at once."""

    def get_user(self, user_id):
        from counselling.selectors import with_counsellor_flag

        try:
            user = with_counsellor_flag(get_user_model()._default_manager.all()).get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
