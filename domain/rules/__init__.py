"""Rules shared by several procedures."""
