"""Minutes, documents, practices and topic proposals. None is built yet; sections live in
convene.sections, below programme."""
