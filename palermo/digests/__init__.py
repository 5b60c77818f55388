"""Case digests of SHERLOC case briefs: the entry model, loading, and the checks every digest passes."""
