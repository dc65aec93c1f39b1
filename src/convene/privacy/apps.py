from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "convene.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        # Register the network platform's erasure step and exporter (privacy may import
        # knowledge; knowledge may not import privacy).
        from convene.core.periodic import periodic_job_register
        from convene.privacy import exporters_network  # noqa: F401
        from convene.privacy.services import erasure_knowledge  # noqa: F401
        from convene.privacy.services.retention import retention_daily

        periodic_job_register("retention", retention_daily)
