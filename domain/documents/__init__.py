"""Enforcement documents (执法文书): which documents a case's events call for and what each must say."""
