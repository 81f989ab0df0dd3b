/* global document, console */
// Progressive enhancement of the visit map, only where the Trust set a tile server
// (HOMEWARD_MAP_TILE_URL): the same routes, stops and bases over a real base map (Leaflet, served by
// Homeward from its own copy, no CDN). Without it, or without script, the server's drawing stands.
const containers = document.querySelectorAll('.hw-route-map__base-map[data-geo]');

if (containers.length) {
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/vendor/leaflet/leaflet.css';
  document.head.append(css);
  const L = await import('/vendor/leaflet/leaflet-src.esm.js');
  for (const container of containers) {
    try {
      draw(L, container, JSON.parse(container.dataset.geo));
    } catch (error) {
      // A tile server that fails leaves the drawing in place.
      container.hidden = true;
      console.error('The base map could not be shown', error);
    }
  }
}

function draw(L, container, geo) {
  if (!geo.bounds) return;
  container.hidden = false;
  container.setAttribute('role', 'region');
  container.setAttribute('aria-label', 'Base map of the routes. The table under it lists every stop.');
  container.closest('.hw-route-map')?.classList.add('hw-route-map--tiles');
  const map = L.map(container, { scrollWheelZoom: false });
  L.tileLayer(container.dataset.tileUrl, { attribution: container.dataset.attribution, maxZoom: 19 }).addTo(map);
  for (const route of geo.routes) {
    if (route.line.length >= 2) {
      L.polyline(route.line, { color: route.colour, weight: 4, dashArray: route.dash ?? undefined }).addTo(map);
    }
    for (const stop of route.stops) {
      L.circleMarker([stop.lat, stop.lon], { radius: 11, color: '#ffffff', weight: 2, fillColor: route.colour, fillOpacity: 1 })
        .bindTooltip(stop.label)
        .addTo(map);
      L.marker([stop.lat, stop.lon], {
        icon: L.divIcon({ className: 'hw-route-map__stop-label', html: String(stop.order), iconSize: [22, 22] }),
        alt: stop.label,
        keyboard: false,
      }).addTo(map);
    }
  }
  for (const base of geo.bases) {
    L.circleMarker([base.lat, base.lon], { radius: 8, color: '#ffffff', weight: 2, fillColor: '#212b32', fillOpacity: 1 })
      .bindTooltip(`Base: ${base.name}`)
      .addTo(map);
  }
  map.fitBounds(geo.bounds, { padding: [24, 24] });
}
