"""Evidence files (APL 47, invariant 9: evidence stored by hash): streamed uploads hashed by the server, stored
content-addressed, recorded per case, served back, and re-hashed by `zhifa audit verify`."""
