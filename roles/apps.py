from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _install_triggers(sender, using: str, **kwargs) -> None:
    from roles.triggers import install_catalogue_triggers

    install_catalogue_triggers(connections[using])


def _sync_editors_group(sender, using: str, **kwargs) -> None:
    from roles.services import catalogue_editors_group_sync

    catalogue_editors_group_sync()


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = _("Role catalogue")

    def ready(self) -> None:
        post_migrate.connect(_install_triggers, sender=self, dispatch_uid="roles_install_catalogue_triggers")
        # Runs after django.contrib.auth has created this app's permissions (auth's handler connected first).
        post_migrate.connect(_sync_editors_group, sender=self, dispatch_uid="roles_sync_catalogue_editors")
