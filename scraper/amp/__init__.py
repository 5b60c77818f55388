"""Coding acts, means and purposes with a small learned model, benchmarked against SHERLOC's own coding.

- :mod:`scraper.amp.labels`: the 17 SHERLOC AMP labels and their mapping onto Palermo's vocabulary;
- :mod:`scraper.amp.features`: words, word pairs and cue phrases (``cues.yaml``);
- :mod:`scraper.amp.model`: the shipped model (``model/``), plain arrays loaded without pickle;
- :mod:`scraper.amp.evidence`: the passage behind each label set;
- :mod:`scraper.amp.coding`: rules plus model for one text (used by :func:`scraper.classify.classify`);
- :mod:`scraper.amp.train`, :mod:`scraper.amp.data`, :mod:`scraper.amp.metrics`: ``make model`` and the benchmark.
"""
