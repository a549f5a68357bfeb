"""The reference register kept in the event log (hash-chained like every stream), read as of a day."""
