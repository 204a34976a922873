"""Open Referral HSDS 3.0: locator's registry as the directories' exchange format, and back.

HSDS (the Human Services Data Specification) is what 211 systems and referral networks trade:
JSON validated by JSON Schema, or a tabular package of CSV files. :mod:`.correspondence`
declares once where each registry field lives in HSDS; :mod:`.writing` and :mod:`.tabular`
write a registry, :mod:`.reading` reads and validates a file, :mod:`.importing` turns its
services into registry entries, and :mod:`.progress` says how far an import has come.
Core code: no Qt.
"""
