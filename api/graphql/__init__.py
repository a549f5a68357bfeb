"""The GraphQL API (strawberry on Starlette): typed queries over the read models and the event log, one mutation
per procedure step through the workflow facade, authorisation declared once per field, scoped by town."""
