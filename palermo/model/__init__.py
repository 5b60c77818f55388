"""The model layer: the case record, its vocabularies, identifiers, jurisdictions and the privacy rule.

Everything else in Palermo builds on this layer; it imports nothing from the rest of Palermo.
"""
