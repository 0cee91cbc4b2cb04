"""The archive: editions kept in a git repository with their provenance (store.py is the facade), and
the auditor's review records kept beside them."""
