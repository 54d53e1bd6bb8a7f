"""`minutes serve`: the browser front end over the same library calls as the CLI.

config   what one server instance is bound to (database, auth, limits, today)
guard    ASGI middleware: Host check, body size limit, security headers
sessions cookie sessions, CSRF tokens, who is asking (Viewer)
views    decorators that open the store, load the session and check permissions
pages/…  one module per area: upload, meetings, items, people, reports, auth
"""
