/* Liên kết vùng, static site: the view in the URL hash, by the same rules as lienket.page.urlstate
   (the valid ids and the limits come from the page's config). Loaded before site.js, in the
   same file (lienket.site joins them). */
(function () {
  "use strict";
  window.LK = window.LK || {};
  LK.link = function (C) {
    // --- the link: same rules as lienket.page.urlstate (values checked against the ids given) ---
    var R = C.rules;
    function shown(value) {
      var chars = Array.from(value).map(function (c) {
        return /[\p{C}\p{Zl}\p{Zp}]/u.test(c) || (/\p{Zs}/u.test(c) && c !== " ")
          ? "\\u" + c.codePointAt(0).toString(16).padStart(4, "0") : c;
      });
      return chars.length <= R.quote_chars ? chars.join("")
        : chars.slice(0, R.quote_chars).join("") + "…";
    }
    function single(params, name, max, notices) {
      var values = params.getAll(name);
      if (!values.length) { return null; }
      if (new Set(values).size > 1) {
        notices.push([name, shown(values.join(" & ")), "repeated"]);
        return null;
      }
      var value = values[0];
      if (Array.from(value).length > max) { notices.push([name, shown(value), "too_long"]); return null; }
      var cleaned = value.trim().toLowerCase();
      if (cleaned.indexOf("%") >= 0) {
        try { cleaned = decodeURIComponent(cleaned).trim(); } catch (e) { /* keep it as given */ }
      }
      if (!cleaned) { return null; }
      if (!/^[\x20-\x7e]*$/.test(cleaned)) { notices.push([name, shown(value), "odd"]); return null; }
      return cleaned;
    }
    function choice(params, name, known, notices) {
      var value = single(params, name, R.max_chars, notices);
      if (value === null || known.indexOf(value) >= 0) { return value; }
      notices.push([name, shown(value), "unknown"]);
      return null;
    }
    function layerChoice(params, notices) {
      var value = single(params, "layers", R.max_layers_chars, notices);
      if (value === null) { return C.layers.slice(); }
      if (value === R.no_layers) { return []; }
      var asked = value.split(",").map(function (a) { return a.trim(); }).filter(Boolean);
      var unknown = asked.filter(function (a) { return C.layers.indexOf(a) < 0; });
      var chosen = C.layers.filter(function (l) { return asked.indexOf(l) >= 0; });
      if (unknown.length) { notices.push(["layers", shown(unknown.join(",")), "unknown"]); }
      return unknown.length && !chosen.length ? C.layers.slice() : chosen;
    }
    function parse(hash) {
      var params = new URLSearchParams(hash.replace(/^#/, "") || location.search.slice(1));
      var notices = [];
      var langs = C.langs.map(function (l) { return l.code; });
      return {
        bridge: choice(params, "bridge", C.bridges, notices),
        lang: choice(params, "lang", langs, notices) || C.defaults.lang,
        era: choice(params, "era", C.eras, notices) || C.defaults.era,
        layers: layerChoice(params, notices),
        notices: notices,
      };
    }
    function toHash(s) {
      var p = [];
      if (s.bridge) { p.push("bridge=" + encodeURIComponent(s.bridge)); }
      if (s.lang !== C.defaults.lang) { p.push("lang=" + s.lang); }
      if (s.era !== C.defaults.era) { p.push("era=" + s.era); }
      if (s.layers.length !== C.layers.length) {
        p.push("layers=" + (s.layers.length ? s.layers.join(",") : R.no_layers));
      }
      return p.length ? "#" + p.join("&") : "";
    }
    function noticeText(n, texts) {
      var param = n[0], value = n[1], reason = n[2];
      var key = param === "bridge" && reason === "unknown" ? "unknown_bridge"
        : param === "layers" && reason === "unknown" ? "url_unknown_layers" : "url_" + reason;
      return texts[key].replace("{param}", param).replace("{value}", value);
    }

    return {parse: parse, toHash: toHash, noticeText: noticeText};
  };
})();
