"""ASGI middleware in front of every route: Host check, body limit, security headers.

The Host check is what keeps a loopback server safe from DNS rebinding (a web
page on evil.example whose name resolves to 127.0.0.1). The body limit counts
bytes as they arrive, so a client lying in Content-Length gains nothing.
"""
from __future__ import annotations

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
# Multipart framing around an upload of the maximum size.
_FORM_OVERHEAD = 64 * 1024


class BodyTooLarge(Exception):
    pass


def host_name(value: str) -> str:
    """'127.0.0.1:8000' -> '127.0.0.1', '[::1]:8000' -> '[::1]'."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class Guard:
    def __init__(self, app, *, allowed_hosts=(), max_body: int):
        self.app = app
        self.allowed = {h.lower() for h in allowed_hosts}
        self.max_body = max_body + _FORM_OVERHEAD

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        host = host_name(headers.get(b"host", b"").decode("latin-1"))
        if self.allowed and host not in self.allowed:
            return await _plain(send, 400, "主机名不被接受 / invalid Host header")
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            return await _plain(send, 413, _too_large(self.max_body))
        started = False
        seen = 0
        cache = scope["path"].startswith("/static/")

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge()
            return message

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = list(_HEADERS)
                if not cache:
                    extra.append((b"cache-control", b"no-store"))
                message = dict(message, headers=[*message.get("headers", []), *extra])
            await send(message)

        try:
            await self.app(scope, counted_receive, send_with_headers)
        except BodyTooLarge:
            if not started:
                await _plain(send, 413, _too_large(self.max_body))


def _too_large(limit: int) -> str:
    return f"上传内容过大 / upload too large (limit {(limit - _FORM_OVERHEAD) / 1024 / 1024:.0f} MB)"


async def _plain(send, status: int, text: str) -> None:
    body = (text + "\n").encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
        *_HEADERS, (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
