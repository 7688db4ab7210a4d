#!/usr/bin/env python3
"""Builds assets/map/northeast_asia.json from Natural Earth coastlines (public domain).

Natural Earth's 1:50m countries ship as TopoJSON in the npm package `world-atlas`:

    npm pack world-atlas && tar xzf world-atlas-*.tgz
    python3 tools/coastlines.py package/countries-50m.json assets/map/northeast_asia.json

The script decodes the topology, clips every country to the game's frame of Northeast Asia,
and triangulates each ring (ear clipping), so the game draws filled meshes without a
triangulation library. Coordinates are longitude and latitude in degrees, rounded to 0.01.
Run once; the output is committed.
"""
import json
import sys

FRAME = (104.0, 150.0, 20.0, 54.0)  # west, east, south, north


def decode_arcs(topology):
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs, indices):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        if points:
            arc = arc[1:]
        points.extend(arc)
    return points


def clip(points, frame):
    """Sutherland-Hodgman against the frame's four edges."""
    west, east, south, north = frame
    edges = [
        (lambda p: p[0] >= west, lambda a, b: cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: cross_y(a, b, north)),
    ]
    for inside, cross in edges:
        if not points:
            return []
        out = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
            previous = current
        points = out
    return points


def cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points, step=0.04):
    out = []
    for p in points:
        q = (round(p[0], 2), round(p[1], 2))
        if not out or abs(q[0] - out[-1][0]) + abs(q[1] - out[-1][1]) >= step:
            out.append(q)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def area(points):
    return 0.5 * sum(
        points[i][0] * points[(i + 1) % len(points)][1]
        - points[(i + 1) % len(points)][0] * points[i][1]
        for i in range(len(points))
    )


def triangulate(points):
    """Ear clipping; returns index triples into `points` (counter-clockwise)."""
    n = len(points)
    if n < 3:
        return []
    order = list(range(n))
    if area(points) < 0:
        order.reverse()
    triangles = []

    def convex(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]) > 1e-12

    def inside(p, a, b, c):
        d1 = (p[0] - b[0]) * (a[1] - b[1]) - (a[0] - b[0]) * (p[1] - b[1])
        d2 = (p[0] - c[0]) * (b[1] - c[1]) - (b[0] - c[0]) * (p[1] - c[1])
        d3 = (p[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (p[1] - a[1])
        neg = d1 < 0 or d2 < 0 or d3 < 0
        pos = d1 > 0 or d2 > 0 or d3 > 0
        return not (neg and pos)

    guard = 0
    while len(order) > 3 and guard < 10 * n:
        guard += 1
        found = False
        for i in range(len(order)):
            ia, ib, ic = order[i - 1], order[i], order[(i + 1) % len(order)]
            a, b, c = points[ia], points[ib], points[ic]
            if not convex(a, b, c):
                continue
            if any(
                inside(points[j], a, b, c)
                for j in order
                if j not in (ia, ib, ic) and points[j] not in (a, b, c)
            ):
                continue
            triangles.append((ia, ib, ic))
            del order[i]
            found = True
            break
        if not found:
            # A degenerate ring (from clipping): drop the least convex corner and go on.
            del order[0]
    if len(order) == 3:
        triangles.append(tuple(order))
    return triangles


def main(source, target):
    topology = json.load(open(source))
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        shapes = []
        for polygon in polygons:
            outer = simplify(clip(ring(arcs, polygon[0]), FRAME))
            if len(outer) < 3 or abs(area(outer)) < 0.02:
                continue
            shapes.append(
                {"ring": [list(p) for p in outer], "triangles": [list(t) for t in triangulate(outer)]}
            )
        if shapes:
            countries.append(
                {"id": geometry.get("id", ""), "name": geometry["properties"]["name"], "shapes": shapes}
            )
    out = {
        "source": "Natural Earth 1:50m countries (public domain), via the npm package world-atlas",
        "frame": {"west": FRAME[0], "east": FRAME[1], "south": FRAME[2], "north": FRAME[3]},
        "countries": countries,
    }
    with open(target, "w") as f:
        json.dump(out, f, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
