"""The one proficiency scale CareerFit uses for every skill (PRODUCT.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

MIN_REQUIRED_LEVEL = 1
MAX_LEVEL = 5


class Level(models.IntegerChoices):
    NONE = 0, _("None")
    AWARE = 1, _("Aware")
    BEGINNER = 2, _("Beginner")
    INTERMEDIATE = 3, _("Intermediate")
    ADVANCED = 4, _("Advanced")
    EXPERT = 5, _("Expert")


# What a student can say at each level, whatever the skill.
LEVEL_MEANINGS = {
    Level.NONE: _("I haven't used it."),
    Level.AWARE: _("I know what it is and what it is for."),
    Level.BEGINNER: _("I have used it with guidance: tutorials, coursework."),
    Level.INTERMEDIATE: _("I use it on my own in a project and solve common problems without help."),
    Level.ADVANCED: _("I have used it in real work, handle hard problems and help others."),
    Level.EXPERT: _("People come to me; I design, teach or optimise with it."),
}


class Importance(models.TextChoices):
    CORE = "core", _("Core")
    IMPORTANT = "important", _("Important")
    NICE = "nice", _("Nice to have")


IMPORTANCE_WEIGHTS = {Importance.CORE: 3, Importance.IMPORTANT: 2, Importance.NICE: 1}
