"""Static-site generation: pages built from the corpus at mkdocs build time.

:mod:`palermo.site.plugin` is the mkdocs plugin; it asks each generator registered in
:mod:`palermo.site.generate` for pages and adds them to the build without writing them to ``docs/``.
"""
