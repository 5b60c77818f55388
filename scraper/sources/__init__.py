"""The registered sources: each id names a module ``scraper.sources.<id>`` that defines ``class Source(BaseSource)``.

To add a source, copy ``_template.py`` to ``<id>.py`` and add the id here (see CONTRIBUTING.md).
"""

from __future__ import annotations

__all__ = ["courtlistener", "htd", "hudoc", "sherloc", "sherloc_analysis", "uk_fcl", "us_courts"]
"""Source ids, in the order reports list them."""
