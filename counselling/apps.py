from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_counsellors_group(sender, **kwargs) -> None:
    from counselling.services import counsellors_group_sync

    counsellors_group_sync()


def _install_triggers(sender, using: str, **kwargs) -> None:
    from counselling.triggers import install_sharing_triggers

    install_sharing_triggers(connections[using])


class CounsellingConfig(AppConfig):
    name = "counselling"
    verbose_name = _("Counselling")

    def ready(self) -> None:
        post_migrate.connect(_sync_counsellors_group, sender=self, dispatch_uid="counselling_sync_group")
        post_migrate.connect(_install_triggers, sender=self, dispatch_uid="counselling_install_sharing_triggers")
