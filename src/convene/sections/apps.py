from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SectionsConfig(AppConfig):
    name = "convene.sections"
    label = "sections"
    verbose_name = _("Sections")

    def ready(self) -> None:
        from convene.directory.signals import organisation_merging

        organisation_merging.connect(_on_organisation_merging, dispatch_uid="sections-merge")


def _on_organisation_merging(sender: Any, *, source: Any, target: Any, **kwargs: Any) -> None:
    from convene.sections.services import sections_organisation_merged

    sections_organisation_merged(source=source, target=target)
