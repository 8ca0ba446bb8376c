#!/usr/bin/env python3
"""Checks the shape of src/ (issue 14's bars), printing what breaks it:

  1. The graph of modules drawn from the #include lines has no circle. A module is a header with
     the .cpp files that define what it declares (src/app/inbox.h + inbox.cpp; panels.h + every
     panel's file; command_handlers.h + cmd_*.cpp): a .cpp joins the header of its own name, else
     the header that declares most of the functions it defines, else it is a module of its own
     (main.cpp). A module depends on every module whose header any of its files includes.
  2. No function in src/ is longer than 150 lines, except the data tables listed below.
Both read the code with Universal Ctags.

  scripts/check_structure.py [ROOT]     exit status 0 when both hold
"""
import os, re, subprocess, sys

MAX_LINES = 150
# Functions that are tables of data, not logic: allowed past the limit.
DATA_TABLES = {
}

root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
src = os.path.join(root, "src")
include_re = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

files = sorted(os.path.join(d, n) for d, _, names in os.walk(src) for n in names if n.endswith((".h", ".cpp")))
try:
    tags = subprocess.run(["ctags", "--fields=+neKZs", "--kinds-c++=fp", "-o", "-"] + files,
                          capture_output=True, text=True, check=True).stdout
except (OSError, subprocess.CalledProcessError) as e:
    print("check_structure: Universal Ctags is needed (scripts/setup.sh installs it): %s" % e)
    sys.exit(2)

declared = {}      # function name -> headers declaring it
defined = {}       # .cpp -> names of the functions it defines outside anonymous namespaces
functions = []     # (name, file, first line, last line) of every definition
for line in tags.splitlines():
    parts = line.split("\t")
    if len(parts) < 4:
        continue
    name, path, kind = parts[0], os.path.join(root, parts[1]), parts[3]
    extra = dict(p.partition(":")[::2] for p in parts[4:])
    if kind == "prototype" and path.endswith(".h"):
        declared.setdefault(name, set()).add(path)
    elif kind == "function":
        if "end" in extra:
            functions.append((name, path, int(extra["line"]), int(extra["end"])))
        if path.endswith(".cpp") and "__anon" not in extra.get("scope", ""):
            defined.setdefault(path, set()).add(name)

def own_module(path):
    return os.path.splitext(os.path.relpath(path, src))[0]

module = {}
for f in files:
    header = os.path.splitext(f)[0] + ".h"
    if f.endswith(".h") or os.path.exists(header):
        module[f] = own_module(header)
        continue
    votes = {}
    for name in defined.get(f, ()):
        for h in declared.get(name, ()):
            votes[h] = votes.get(h, 0) + 1
    module[f] = own_module(max(sorted(votes), key=votes.get)) if votes else own_module(f)
graph = {m: set() for m in module.values()}
for f in files:
    for inc in include_re.findall(open(f, encoding="utf-8").read()):
        for base in (os.path.dirname(f), src):   # "x.h" next to the file, or "core/x.h" from src/
            target = os.path.normpath(os.path.join(base, inc))
            if target in module:
                if module[target] != module[f]:
                    graph[module[f]].add(module[target])
                break

# Circles: strongly connected components of more than one module (Tarjan's algorithm).
sys.setrecursionlimit(10000)
index, low, on_stack, stack, circles = {}, {}, set(), [], []
def visit(v):
    index[v] = low[v] = len(index)
    stack.append(v); on_stack.add(v)
    for w in sorted(graph[v]):
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on_stack:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on_stack.discard(w); comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            circles.append(sorted(comp))
for m in sorted(graph):
    if m not in index:
        visit(m)

problems = ["include circle between modules: " + ", ".join(c) for c in circles]
longest = sorted(((end - start + 1, "%s (%s)" % (name, os.path.relpath(path, root)), name)
                  for name, path, start, end in functions), reverse=True)
for n, where, name in longest:
    if n > MAX_LINES and name not in DATA_TABLES:
        problems.append("function over %d lines: %s, %d lines" % (MAX_LINES, where, n))

grouped = sum(1 for f in files if f.endswith(".cpp") and module[f] != own_module(f))
print("modules: %d (%d .cpp files grouped with the header they implement), include edges: %d, circles: %d"
      % (len(graph), grouped, sum(len(v) for v in graph.values()), len(circles)))
print("longest functions: " + "; ".join("%s %d" % (w, n) for n, w, _ in longest[:5]))
for p in problems:
    print("FAIL " + p)
sys.exit(1 if problems else 0)
