/* Liên kết vùng, static site: one Leaflet map; each (era, language) variant's layers are loaded
   on demand from data/ (lienket.site.variants writes them from the live app's own layer scripts).
   State lives in the URL hash: #bridge=cau-dinh&era=2025&lang=en&layers=bridges,provinces.
   Text from the data arrives escaped (tooltips, popups) or as HTML rendered from escaped
   Markdown (panels); everything else is set with textContent. */
(function () {
  "use strict";
  var C = JSON.parse(document.getElementById("lk-config").textContent);
  var LK = window.LK = Object.assign(window.LK || {}, {G: {}, V: {}, ready: false, timings: {}});

  // --- data files: geometry chunks and variants, as <script> tags (works from file:// too) ---
  // Packed geometry (lienket.site.variants.pack): each line of positions as integer deltas at
  // `e` decimals; dividing by 10^e gives back exactly the numbers the app's script carries.
  var DEPTH = {Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2,
               MultiPolygon: 3};
  function unpackLine(flat, scale) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i < flat.length; i += 2) {
      x += flat[i]; y += flat[i + 1];
      out.push([x / scale, y / scale]);
    }
    return out;
  }
  function unpack(g) {
    if (g.e === undefined) { return g; }
    var scale = Math.pow(10, g.e), depth = DEPTH[g.type];
    var walk = function (c, level) {
      return level === 1 ? unpackLine(c, scale) : c.map(function (v) { return walk(v, level - 1); });
    };
    return {type: g.type,
            coordinates: depth === 0 ? unpackLine(g.coordinates, scale)[0] : walk(g.coordinates, depth)};
  }
  LK.geoms = function (table) { for (var k in table) { LK.G[k] = unpack(table[k]); } };
  LK.geo = function (doc) {
    (doc.features || []).forEach(function (f) {
      if (typeof f.geometry === "number") { f.geometry = LK.G[f.geometry]; }
    });
    return doc;
  };
  LK.L = {};
  LK.language = function (lang, content, highlights, background) {
    LK.L[lang] = {content: content, highlights: highlights, lit: {}, background: background};
  };
  LK.variant = function (key, content, layers) {
    LK.V[key] = {key: key, own: content, layers: layers, groups: {}};
  };
  var loading = {};
  function load(src) {
    if (!loading[src]) {
      loading[src] = new Promise(function (ok, fail) {
        var s = document.createElement("script");
        s.src = src;
        s.onload = ok;
        s.onerror = function () { delete loading[src]; fail(src); };
        document.head.appendChild(s);
      });
    }
    return loading[src];
  }
  // A variant's own content (panels, legend) joined with its language's (text, highlights).
  function joined(key) {
    var v = LK.V[key];
    if (!v.content) {
      var lang = LK.L[v.own.lang];
      v.content = Object.assign({}, lang.content, v.own);
      v.language = lang;
    }
    return v;
  }
  function variant(era, lang) {
    var key = era + "-" + lang;
    return Promise.all(C.files[key].map(load)).then(function () { return joined(key); });
  }

  var link = LK.link(C);
  var parse = link.parse, toHash = link.toHash, noticeText = link.noticeText;

  // The first variant's files start loading now, while Leaflet itself downloads.
  var first = parse(location.hash);
  variant(first.era, first.lang).catch(function () { /* reported when it is drawn */ });

  document.addEventListener("DOMContentLoaded", start);
  function start() {
    LK.timings.start = performance.now();
    // --- the map (Leaflet is loaded with defer: it has run by DOMContentLoaded) ---
    var map = L.map("lk-map", {minZoom: 5, maxZoom: 17, zoomControl: true, zoomSnap: C.zoom_snap,
                               zoomDelta: 0.5});
    L.control.scale({metric: true, imperial: false, position: "bottomleft"}).addTo(map);
    // Town names show by zoom and rank (map.css), as in the app.
    var zoomClasses = function () {
      var z = map.getZoom(), el = map.getContainer();
      [9, 10, 11, 12].forEach(function (n) {
        L.DomUtil[z < n ? "addClass" : "removeClass"](el, "lk-zoom-lt" + n);
      });
    };
    map.on("zoomend", zoomClasses);
    map.fitBounds(C.bounds);
    zoomClasses();
    LK.map = map;

    // --- the background, as in the app (lienket.map.basemap): the offline basemap first; the tiles
    // as soon as one loads, unless the reader chose. Offline the probe fails quietly. ---
    var tiles = L.tileLayer(C.tiles.url, {maxZoom: 19, attribution: C.tiles.attribution});
    var background = "offline", chosen = false, bases = null, baseLang = null;
    function drawBackground(v) {
      var lang = v.language;
      if (!lang.base) { lang.base = lang.background.make(map); }
      Object.keys(LK.L).forEach(function (code) {
        var b = LK.L[code].base;
        if (b && map.hasLayer(b) && (b !== lang.base || background !== "offline")) { map.removeLayer(b); }
      });
      if (background === "offline" && !map.hasLayer(lang.base)) { lang.base.addTo(map); }
      if (background === "tiles" && !map.hasLayer(tiles)) { tiles.addTo(map); }
      if (background === "offline" && map.hasLayer(tiles)) { map.removeLayer(tiles); }
      if (lang.base.bringToBack) { lang.base.bringToBack(); }
      if (baseLang !== v.own.lang) {  // the layer control names the backgrounds in the language
        if (bases) { bases.remove(); }
        var named = {};
        named[lang.background.name] = lang.base;
        named[C.tiles.names[v.own.lang]] = tiles;
        bases = L.control.layers(named, null, {collapsed: true, position: "topright"}).addTo(map);
        baseLang = v.own.lang;
      }
      map.getContainer().setAttribute("data-background", background);
    }
    map.on("baselayerchange", function (e) {
      chosen = true;
      background = e.layer === tiles ? "tiles" : "offline";
      if (current) { drawBackground(current); }
    });
    var probe = new Image();
    probe.onload = function () {
      if (chosen || background !== "offline") { return; }
      background = "tiles";
      if (current) { drawBackground(current); }
    };
    (function () {
      var c = map.getCenter(), z = Math.round(map.getZoom());
      var x = Math.floor((c.lng + 180) / 360 * Math.pow(2, z)), lat = c.lat * Math.PI / 180;
      var y = Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2
                         * Math.pow(2, z));
      probe.src = L.Util.template(C.tiles.url, {z: z, x: x, y: y, s: "a", r: ""});
    })();
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
      var div = L.DomUtil.create("div", "lienket-legend");
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    legend.addTo(map);

    var state = null, shownGroups = [], shownHighlight = null, current = null, request = 0;
    var $ = function (id) { return document.getElementById(id); };

    function group(v, entry) {
      if (!v.groups[entry.id]) {
        var g = entry.make(map);
        g.on("click", function (e) {
          var f = (e.propagatedFrom || e.layer || {}).feature;
          if (f && f.properties && f.properties.kind === "bridge" && C.bridges.indexOf(f.properties.id) >= 0) {
            select(f.properties.id);
          }
        });
        v.groups[entry.id] = g;
      }
      return v.groups[entry.id];
    }
    function highlight(v, bridge) {
      var lang = v.language;
      if (!bridge || !lang.highlights[bridge]) { return null; }
      if (!lang.lit[bridge]) { lang.lit[bridge] = lang.highlights[bridge](map); }
      return lang.lit[bridge];
    }

    function drawMap(v) {
      var wanted = v.layers.filter(function (e) { return state.layers.indexOf(e.id) >= 0; })
        .map(function (e) { return group(v, e); });
      var lit = highlight(v, state.bridge);
      shownGroups.forEach(function (g) { if (wanted.indexOf(g) < 0) { map.removeLayer(g); } });
      if (shownHighlight && shownHighlight !== lit) { map.removeLayer(shownHighlight); }
      wanted.forEach(function (g) { if (!map.hasLayer(g)) { g.addTo(map); } });
      if (lit && !map.hasLayer(lit)) { lit.addTo(map); }
      // Drawing order stays the layers' order, whatever order they were switched on in.
      wanted.concat(lit ? [lit] : []).forEach(function (g) { if (g.bringToFront) { g.bringToFront(); } });
      shownGroups = wanted;
      shownHighlight = lit;
    }

    function drawLegend(v) {
      var parts = v.content.legend, box = legend.getContainer();
      var was = box.querySelector("details");
      // open as the reader left it; at first open, folded on a narrow (phone) map, as in the app
      var open = was ? was.open : map.getSize().x >= 560;
      var rows = state.layers.map(function (l) { return parts.rows[l] || ""; }).join("")
        + parts.always;
      box.innerHTML = parts.head + (rows || parts.empty) + parts.tail;
      var details = box.querySelector("details");
      if (details) { details.open = open; }
    }

    function radios(fieldset, name, options, chosen, onPick) {
      var box = $(fieldset);
      box.querySelectorAll("label").forEach(function (l) { l.remove(); });
      options.forEach(function (o) {
        var label = document.createElement("label");
        var input = document.createElement("input");
        input.type = "radio"; input.name = name; input.value = o.code; input.checked = o.code === chosen;
        input.addEventListener("change", function () { onPick(o.code); });
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + o.name));
        box.appendChild(label);
      });
    }

    function drawControls(v) {
      var tx = v.content.texts;
      $("lk-controls").hidden = false;
      $("lk-lang").querySelector("legend").textContent = tx.language;
      radios("lk-lang", "lang", C.langs, state.lang, function (code) { update({lang: code}); });
      var era = $("lk-era");
      era.hidden = C.eras.length < 2;
      era.querySelector("legend").textContent = tx.era_label;
      radios("lk-era", "era", C.eras.map(function (e) { return {code: e, name: tx["era_" + e]}; }),
             state.era, function (code) { update({era: code}); });
      $("lk-bridge-label").textContent = tx.bridge_select;
      var select = $("lk-bridge");
      select.textContent = "";
      [{id: "", label: tx.bridge_none}].concat(v.content.bridges).forEach(function (b) {
        var o = document.createElement("option");
        o.value = b.id; o.textContent = b.label; o.selected = b.id === (state.bridge || "");
        select.appendChild(o);
      });
      var box = $("lk-layers");
      box.querySelector("legend").textContent = tx.layers;
      box.querySelectorAll("label").forEach(function (l) { l.remove(); });
      v.layers.forEach(function (e) {
        var label = document.createElement("label");
        var input = document.createElement("input");
        input.type = "checkbox"; input.value = e.id; input.checked = state.layers.indexOf(e.id) >= 0;
        input.addEventListener("change", function () { toggle(e.id, input.checked); });
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + e.name));
        box.appendChild(label);
      });
    }

    function drawPanel(v) {
      var c = v.content, tx = c.texts;
      document.documentElement.lang = state.lang;
      $("lk-title").textContent = tx.app_title;
      $("lk-subtitle").textContent = tx["subtitle_" + state.era];
      $("lk-side").setAttribute("aria-label", tx.site_panel);
      var notices = $("lk-notices");
      notices.textContent = "";
      state.notices.forEach(function (n) {
        var div = document.createElement("div");
        div.textContent = noticeText(n, tx);
        notices.appendChild(div);
      });
      $("lk-problems").innerHTML = c.problems;
      var detail = $("lk-detail");
      if (state.bridge && c.panels[state.bridge]) {
        detail.innerHTML = c.panels[state.bridge];
      } else {
        detail.textContent = "";
        var hint = document.createElement("p");
        hint.className = "lk-muted";
        hint.textContent = tx.site_click_hint;
        detail.appendChild(hint);
      }
      $("lk-era-text").innerHTML = c.era_html;
      $("lk-agreement").querySelector("summary").textContent = tx.agreement_title;
      $("lk-agreement").querySelector(".lk-body").innerHTML = c.agreement;
      $("lk-sources").querySelector("summary").textContent = tx.sources_title;
      $("lk-sources").querySelector(".lk-intro").textContent = tx.sources_intro;
      $("lk-sources").querySelector(".lk-body").innerHTML = c.sources;
      $("lk-sources").querySelector(".lk-osm").textContent = tx.osm_attribution;
    }

    function render(v) {
      var t0 = performance.now();
      var fresh = v !== current;
      current = v;
      drawBackground(v);
      drawMap(v);
      drawLegend(v);
      if (fresh) { drawControls(v); } else { syncControls(); }
      drawPanel(v);
      var hash = toHash(state);
      if (hash !== location.hash && !(hash === "" && location.hash === "")) {
        history.replaceState(null, "", hash || location.pathname + location.search);
      }
      $("lk-status").textContent = "";
      LK.state = {bridge: state.bridge, lang: state.lang, era: state.era, layers: state.layers.slice()};
      LK.timings.render = performance.now() - t0;
      LK.ready = true;
      LK.readyAt = LK.readyAt || performance.now();
      document.body.dataset.ready = state.era + "-" + state.lang;
    }

    function syncControls() {
      $("lk-bridge").value = state.bridge || "";
      $("lk-layers").querySelectorAll("input").forEach(function (i) {
        i.checked = state.layers.indexOf(i.value) >= 0;
      });
    }

    function apply(next) {
      var before = state;
      state = next;
      var mine = ++request;
      var key = state.era + "-" + state.lang;
      if (LK.V[key] && LK.L[state.lang]) { render(joined(key)); return Promise.resolve(); }
      if (current) { $("lk-status").textContent = current.content.texts.site_loading; }
      return variant(state.era, state.lang).then(function (v) {
        if (mine === request) { render(v); }
      }, function (file) {
        var text = current ? current.content.texts.site_load_failed : C.load_failed;
        $("lk-status").textContent = text.replace("{file}", file);
        if (mine === request && before && current) {  // stay on the view that is drawn
          state = before;
          drawControls(current);
        }
      });
    }
    function update(change) {
      var next = Object.assign({}, state, change, {notices: []});
      return apply(next);
    }
    function select(bridge) {
      LK.timings.clicked = performance.now();
      return update({bridge: bridge || null});
    }
    function toggle(layer, on) {
      var layers = C.layers.filter(function (l) {
        return l === layer ? on : state.layers.indexOf(l) >= 0;
      });
      return update({layers: layers});
    }
    LK.select = select;

    $("lk-bridge").addEventListener("change", function (e) { select(e.target.value); });
    $("lk-controls").addEventListener("submit", function (e) { e.preventDefault(); });
    window.addEventListener("hashchange", function () {
      if (location.hash !== toHash(state)) { apply(parse(location.hash)); }
    });
    apply(first);
  }
})();
