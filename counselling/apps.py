from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_counsellors_group(sender, **kwargs) -> None:
    from counselling.services import counsellors_group_sync

    counsellors_group_sync()


class CounsellingConfig(AppConfig):
    name = "counselling"
    verbose_name = _("Counselling")

    def ready(self) -> None:
        post_migrate.connect(_sync_counsellors_group, sender=self, dispatch_uid="counselling_sync_group")
