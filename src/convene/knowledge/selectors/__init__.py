"""Knowledge reads, one module per kind of content: ``minutes``, ``documents``. Each
``*_get_for_viewer`` answers through the access rule (``convene.knowledge.access``)."""
