"""Services join detectors with state; they are the only code that talks to the store.

Every function takes a keyword-only ``session`` and runs inside the caller's transaction.
"""
