/* Places each bridge's label where it covers no bridge, no other label and no map control:
   greedy point-feature labelling over a few candidate positions per bridge, tried in the
   bridge's preferred order (styles/cartography.toml), redone on every zoom. A leader line joins
   each label to its bridge. `layer` is the bridges' GeoJSON layer; `prefs` maps a bridge id to
   its candidate directions. */
(function (layer, prefs) {
    var DIRS = {E: [1, 0], W: [-1, 0], N: [0, -1], S: [0, 1],
                NE: [0.75, -0.75], NW: [-0.75, -0.75], SE: [0.75, 0.75], SW: [-0.75, 0.75]};
    var DISTANCES = [16, 34, 56, 80], SYMBOL = 11, PAD = 3;
    var overlaps = function (a, b) {
        return a.x < b.x + b.w + PAD && b.x < a.x + a.w + PAD
            && a.y < b.y + b.h + PAD && b.y < a.y + a.h + PAD;
    };
    var rectAt = function (p, dir, d, w, h) {
        var v = DIRS[dir], cx = p.x + v[0] * d, cy = p.y + v[1] * d;
        var x = v[0] > 0 ? cx : v[0] < 0 ? cx - w : cx - w / 2;
        var y = v[1] > 0 ? cy : v[1] < 0 ? cy - h : cy - h / 2;
        return {x: x, y: y, w: w, h: h};
    };
    var layout = function () {
        var map = layer._map;
        if (!map) { return; }
        var box = map.getContainer().getBoundingClientRect(), size = map.getSize();
        // Hard obstacles are never covered (controls, the selected districts' seats and names);
        // soft ones (river and town names of the basemap) only when nothing else is free.
        var obstacles = [];
        var collect = function (selector, soft) {
            map.getContainer().querySelectorAll(selector).forEach(function (el) {
                var r = el.getBoundingClientRect();
                if (r.width && r.height && el.offsetParent !== null) {
                    obstacles.push({x: r.left - box.left, y: r.top - box.top, w: r.width,
                                    h: r.height, soft: soft});
                }
            });
        };
        collect('.leaflet-control, .lk-seat-label, .lk-seat-dot', false);
        collect('.lk-river-label, .lk-town', true);
        var items = [];
        layer.eachLayer(function (m) {
            if (!m._icon || !map.getBounds().pad(0.2).contains(m.getLatLng())) { return; }
            var p = map.latLngToContainerPoint(m.getLatLng());
            items.push({m: m, p: p, label: m._icon.querySelector('.lk-bridge-label'),
                        line: m._icon.querySelector('line'), id: m.feature.properties.id});
            obstacles.push({x: p.x - SYMBOL, y: p.y - SYMBOL, w: 2 * SYMBOL, h: 2 * SYMBOL});
        });
        items.forEach(function (it) {
            var w = it.label.offsetWidth, h = it.label.offsetHeight;
            var dirs = (prefs[it.id] || []).concat(Object.keys(DIRS));
            var best = null;
            [true, false].forEach(function (strict) {
                for (var i = 0; i < DISTANCES.length && !best; i++) {
                    for (var j = 0; j < dirs.length && !best; j++) {
                        var r = rectAt(it.p, dirs[j], DISTANCES[i], w, h);
                        var inside = r.x >= 2 && r.y >= 2 && r.x + r.w <= size.x - 2
                            && r.y + r.h <= size.y - 2;
                        var clear = !obstacles.some(function (o) {
                            return (strict || !o.soft) && overlaps(r, o);
                        });
                        if (inside && clear) { best = r; }
                    }
                }
            });
            best = best || rectAt(it.p, dirs[0], DISTANCES[0], w, h);
            obstacles.push(best);
            var lx = best.x - it.p.x, ly = best.y - it.p.y;
            it.label.style.left = lx + 'px';
            it.label.style.top = ly + 'px';
            it.label.style.transform = 'none';
            // the leader runs from the symbol's edge to the nearest point of the label
            var tx = Math.max(lx, Math.min(0, lx + w)), ty = Math.max(ly, Math.min(0, ly + h));
            var len = Math.sqrt(tx * tx + ty * ty) || 1;
            it.line.setAttribute('x1', (tx * SYMBOL / len).toFixed(1));
            it.line.setAttribute('y1', (ty * SYMBOL / len).toFixed(1));
            it.line.setAttribute('x2', tx.toFixed(1));
            it.line.setAttribute('y2', ty.toFixed(1));
            it.line.style.display = len > SYMBOL + 4 ? '' : 'none';
        });
    };
    var later = function () { setTimeout(layout, 0); }, bound = null;
    layer.on('add', function () {
        bound = layer._map;
        bound.on('zoomend resize lk-relabel', later);
        later();
    });
    layer.on('remove', function () {
        if (bound) { bound.off('zoomend resize lk-relabel', later); }
        bound = null;
    });
    if (layer._map) { layer.fire('add'); }
})
