"""Django's SQLite backend, with each statement's placeholder conversion done once
(``DATABASES["default"]["ENGINE"] = "convene.core.sqlite"``; see ``base``)."""
