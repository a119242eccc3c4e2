"""The Excel door: the ribbon entry points (macros.py) and the build of the add-in and macro template (build/)."""
