"""Knowledge writes, one module per concern: ``proposals`` (topic proposals)."""
