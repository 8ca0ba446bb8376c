#!/usr/bin/env python3
"""Serves a folder on loopback with the right MIME types for WebAssembly and no caching.
What a plain static host does, nothing more: the site's service worker (sw.js) and manifest need
no special headers, and 127.0.0.1 is a secure context, so the worker runs here as on HTTPS.

  serve.py DIR [--port 8080] [--host 127.0.0.1]
"""
import argparse, functools, http.server, mimetypes, sys

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("--port", type=int, default=8080)
ap.add_argument("--host", default="127.0.0.1")
args = ap.parse_args()
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("application/manifest+json", ".webmanifest")

class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()
    def log_message(self, fmt, *a):
        pass

Handler.extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map,
                              **{".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript", ".data": "application/octet-stream",
                                 ".webmanifest": "application/manifest+json", ".png": "image/png"})
httpd = http.server.ThreadingHTTPServer((args.host, args.port), functools.partial(Handler, directory=args.dir))
print("SellerDesk is running at http://%s:%d/  (Ctrl+C stops it)" % (args.host, args.port), flush=True)
try:
    httpd.serve_forever()
except KeyboardInterrupt:
    sys.exit(0)
