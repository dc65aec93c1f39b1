"""Knowledge writes, one module per concern: ``proposals`` and ``proposal_answers`` (topic
proposals)."""
