from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reads the other apps' tables; its only model is the frozen report."""

    name = "convene.reports"
    label = "reports"
    verbose_name = _("Reports")
