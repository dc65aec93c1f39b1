"""Knowledge writes, one module per kind of content: ``minutes``, ``documents``. Views, the API,
the CLI and tasks all call these functions."""
