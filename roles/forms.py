"""The role list's filters: a search by title or NOC code, and a level."""

from django import forms
from django.utils.translation import gettext_lazy as _

from roles.choices import RoleLevel
from roles.schema import Role


class RoleFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by title or NOC code"), max_length=100, required=False, strip=True)
    level = forms.ChoiceField(
        label=_("Level"),
        choices=[("", _("All levels")), *RoleLevel.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose entry level, intermediate, senior or all levels.")},
    )

    def matches(self, role: Role) -> bool:
        """Whether a role passes the (valid) filters: its title or its NOC code holds the search."""
        query = self.cleaned_data.get("q", "").casefold()
        level = self.cleaned_data.get("level", "")
        if level and role.level != level:
            return False
        return not query or query in role.title.casefold() or query in role.noc_code
