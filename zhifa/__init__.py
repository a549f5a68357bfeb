"""Composition roots: the ``zhifa`` command and the processes it runs."""
