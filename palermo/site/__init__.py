"""Static-site generation: pages built from the corpus at mkdocs build time.

:mod:`palermo.site.hooks` is the mkdocs hook module; it asks each generator in
:data:`palermo.site.generate.GENERATORS` for pages and adds them to the build
without writing them to ``docs/``.
"""
