"""Anchoring the event log outside the database: an RFC 6962 Merkle tree over every stream's head, signed
checkpoints of its root, inclusion proofs for one stream, and the check of the log against a checkpoint."""
