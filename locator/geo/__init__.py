"""Geocoding: the offline gazetteer, online providers beside it, and their cache."""
