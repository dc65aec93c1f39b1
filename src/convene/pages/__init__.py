"""Pages that span apps, at the top of the layers: the public programme (sessions with their
seats and registration links). No models; each module is one page family's views."""
