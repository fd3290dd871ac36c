"""Password and name rules of our own, beside Django's."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class NotOnlyWhitespaceValidator:
    """A password of spaces is as good as none, however long."""

    def validate(self, password: str, user=None) -> None:
        if not password.strip():
            raise ValidationError(_("Your password cannot be only spaces."), code="password_only_whitespace")

    def get_help_text(self) -> str:
        return _("Your password cannot be only spaces.")


def normalise_display_name(value: str) -> str:
    """A name as others will read it: composed characters (NFC), no invisible or direction-changing characters
    (zero-width spaces and joiners, right-to-left overrides: Unicode categories Cf and Cc), single spaces."""
    composed = unicodedata.normalize("NFC", value)
    visible = "".join(
        " " if unicodedata.category(ch) in ("Zs", "Zl", "Zp") or ch in "\t\n\r" else ch
        for ch in composed
        if unicodedata.category(ch) not in ("Cf", "Cc") or ch in "\t\n\r"
    )
    return " ".join(visible.split())
