#!/usr/bin/env python3
"""Writes the service worker of a built site: SITE/sw.js from shell/sw.js, with the site's version
and the list of its files.

  make_sw.py SITE [--template shell/sw.js]

Every file under SITE except sw.js itself is listed with its SHA-256 (paths relative to SITE, '/'
separated, sorted). The version is the first 16 hex digits of the SHA-256 of that list, so it
changes when any file changes and only then. The build runs this last (CMakeLists.txt, target
`site`); tests/browser/offline.test.js runs it on a changed copy of the site to make a new version.
Prints one line: the version, the number of files and their total size.
"""
import argparse, hashlib, json, os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser(description="Writes SITE/sw.js with the site's version and files.")
ap.add_argument("site")
ap.add_argument("--template", default=os.path.join(here, "..", "shell", "sw.js"))
args = ap.parse_args()

WORKER = "sw.js"
files = {}
total = 0
for folder, dirs, names in os.walk(args.site):
    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
    for name in names:
        if name.startswith(".") or name.endswith(".tmp"):
            continue
        path = os.path.join(folder, name)
        rel = os.path.relpath(path, args.site).replace(os.sep, "/")
        if rel == WORKER:
            continue
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        files[rel] = h.hexdigest()
        total += os.path.getsize(path)
if "index.html" not in files:
    sys.exit("make_sw.py: %s has no index.html" % args.site)

listing = "".join("%s %s\n" % (name, files[name]) for name in sorted(files))
version = hashlib.sha256(listing.encode()).hexdigest()[:16]
site = json.dumps({"version": version, "files": dict(sorted(files.items()))}, indent=1)

with open(args.template, encoding="utf-8") as f:
    template = f.read()
pattern = re.compile(r"^const SITE = .*;(.*)$", re.M)
if len(pattern.findall(template)) != 1:
    sys.exit("make_sw.py: %s needs exactly one line 'const SITE = …;'" % args.template)
worker = pattern.sub(lambda m: "const SITE = " + site + ";" + m.group(1), template)

out = os.path.join(args.site, WORKER)
try:
    with open(out, encoding="utf-8") as f:
        unchanged = f.read() == worker
except OSError:
    unchanged = False
if not unchanged:   # an unchanged worker keeps its file untouched
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        f.write(worker)
    os.replace(out + ".tmp", out)
print("sw.js: version %s, %d files, %d bytes to cache" % (version, len(files), total))
