"""Evidence files over HTTP (`api.evidence.routes`) and the check that steps cite uploaded files
(`api.evidence.references`)."""
