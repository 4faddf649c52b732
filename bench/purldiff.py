#!/usr/bin/env python3
"""Compare the package sets of two CycloneDX JSON SBOMs by purl.

Qualifiers and subpaths are dropped and PyPI names normalised, so that
the comparison is about which packages were found, not spelling."""
import json, re, sys, collections
from urllib.parse import unquote

def key(purl):
    purl = unquote(purl.split("?")[0].split("#")[0])
    m = re.match(r"pkg:([^/]+)/(.+)@(.+)$", purl)
    if not m:
        return None
    typ, name, ver = m.groups()
    if typ == "pypi":
        name = re.sub(r"[-_.]+", "-", name).lower()
    if typ == "golang":
        ver = ver.lstrip("v")
    return f"{typ}/{name}@{ver}"

def load(path):
    doc = json.load(open(path))
    out = set()
    def walk(comps):
        for c in comps or []:
            k = key(c.get("purl", ""))
            if k:
                out.add(k)
            walk(c.get("components"))
    walk(doc.get("components"))
    return out

a, b = load(sys.argv[1]), load(sys.argv[2])
print(f"packages: {sys.argv[1].split('/')[-1]} {len(a)}, {sys.argv[2].split('/')[-1]} {len(b)}, common {len(a & b)}")
for label, only in (("only in first", a - b), ("only in second", b - a)):
    by = collections.Counter(k.split("/")[0] for k in only)
    print(f"{label}: {len(only)} {dict(by)}")
    for k in sorted(only)[:8]:
        print("   ", k)
