"""Django's PostgreSQL backend, with a health check that needs no round trip
(``DATABASES["default"]["ENGINE"] = "convene.core.postgresql"``; see ``base``)."""
