"""Palermo scrapers: one module per public source in :mod:`scraper.sources`, a polite shared
fetcher, normalisation and classification helpers, and the corpus update that merges what the
sources yield into ``cases/`` without clobbering what editors wrote.
"""
