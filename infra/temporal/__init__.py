"""The Temporal side of the infrastructure: binaries, the dev server, search attributes, client connections."""
