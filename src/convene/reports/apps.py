from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """No models of its own: reads the other apps' tables (so no migrations)."""

    name = "convene.reports"
    label = "reports"
    verbose_name = _("Reports")
