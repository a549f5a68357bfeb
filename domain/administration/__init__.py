"""Administration as data: the reference register (登记簿) of districts, towns, units, officers, catalogs,
benchmarks, soft lists and rule profiles, kept as effective-dated change events."""
