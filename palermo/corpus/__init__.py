"""The corpus layer: reading, writing and validating the case files, and what is derived from the whole corpus
(ordering, related-case links, statistics, exports, the public view of a record).

It builds on :mod:`palermo.model` only; scrapers, search, courses, the site and the command line all call it.
"""
