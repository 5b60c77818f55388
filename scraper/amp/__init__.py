"""SHERLOC's act, means and purpose coding: the 17 labels and their mapping onto Palermo's vocabulary.

- :mod:`scraper.amp.labels`: the labels in the data set's order and the mapping table
  (``scraper/rules/sherloc_amp.yaml``) that turns them into ``palermo.acts``, ``means`` and ``purposes``.
"""
