"""Knowledge reads, one module per concern: ``proposals`` (topic proposals)."""
