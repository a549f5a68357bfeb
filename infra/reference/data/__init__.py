"""The demo reference data set (JSON files), a package so that its files ship with the wheel."""
