"""One module per kind of generated page; each exposes ``generate(ctx)``."""
