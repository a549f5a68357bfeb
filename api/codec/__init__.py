"""The codec server for the Temporal UI: `/codec/encode` and `/codec/decode`."""

from api.codec.routes import codec_routes

__all__ = ["codec_routes"]
