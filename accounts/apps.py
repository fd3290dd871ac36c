from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from careerfit.middleware import session_started

        user_logged_in.connect(session_started, dispatch_uid="careerfit_session_started")
