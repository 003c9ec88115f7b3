// The network page: actors linked by events (arrows) and co-mentions (dashed lines).
(function () {
  "use strict";
  var box = document.getElementById("network");
  var status = document.getElementById("network-status");
  if (!box || typeof cytoscape === "undefined") { return; }
  var lang = box.dataset.lang;
  var colours = { PER: "#2563eb", ORG: "#be185d", LOC: "#15803d", GPE: "#15803d", FAC: "#6d28d9" };

  function say(text, failed) {
    status.textContent = text;
    status.classList.toggle("error", !!failed);
  }

  function label(node) {
    var fa = node.name || node.name_en || node.id;
    var en = node.name_en && node.name_en !== fa ? node.name_en : "";
    return lang === "en" && en ? en + "\n" + fa : (en ? fa + "\n" + en : fa);
  }

  function elements(data) {
    var out = [];
    var most = Math.max.apply(null, data.nodes.map(function (n) { return n.articles; }).concat([1]));
    data.nodes.forEach(function (n) {
      out.push({ group: "nodes", data: {
        id: n.id, label: label(n), colour: colours[n.label] || "#64748b",
        size: 14 + 22 * Math.sqrt(n.articles / most) } });
    });
    data.edges.forEach(function (e, i) {
      out.push({ group: "edges", classes: e.kind, data: {
        id: "e" + i, source: e.source, target: e.target, n: e.n,
        label: e.kind === "event" ? e.type + (e.n > 1 ? " ×" + e.n : "") : "",
        width: Math.min(8, 1 + Math.log(1 + e.n) * 1.5) } });
    });
    return out;
  }

  var url = "/api/network";
  if (box.dataset.entity) { url += "?entity=" + encodeURIComponent(box.dataset.entity); }
  fetch(url, { headers: { Accept: "application/json" } })
    .then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body.error || r.statusText); }
        return body;
      });
    })
    .then(function (data) {
      if (!data.nodes.length) { say(box.dataset.empty); return; }
      var cy = cytoscape({
        container: box,
        elements: elements(data),
        wheelSensitivity: 0.3,
        style: [
          { selector: "node", style: {
            "background-color": "data(colour)", width: "data(size)", height: "data(size)",
            label: "data(label)", "font-family": "Vazirmatn, sans-serif", "font-size": 11,
            "text-wrap": "wrap", "text-valign": "bottom", "text-margin-y": 3, color: "#1d2430",
            "text-background-color": "#fff", "text-background-opacity": 0.7 } },
          { selector: "edge", style: { width: "data(width)", "curve-style": "bezier", opacity: 0.8 } },
          { selector: "edge.event", style: {
            "line-color": "#b91c1c", "target-arrow-color": "#b91c1c", "target-arrow-shape": "triangle",
            label: "data(label)", "font-size": 9, color: "#b91c1c", "font-family": "Vazirmatn, sans-serif",
            "text-rotation": "autorotate" } },
          { selector: "edge.mention", style: { "line-color": "#94a3b8", "line-style": "dashed" } },
          { selector: ".hidden", style: { display: "none" } }
        ],
        layout: {
          name: "cose", animate: false, randomize: false, nodeOverlap: 20, gravity: 0.3,
          nodeRepulsion: function () { return 80000; },
          idealEdgeLength: function () { return 110; }
        }
      });
      cy.on("tap", "node", function (evt) {
        window.location.href = "/entities/" + encodeURIComponent(evt.target.id()).replace(/%3A/g, ":");
      });
      [["show-events", "edge.event"], ["show-mentions", "edge.mention"]].forEach(function (pair) {
        document.getElementById(pair[0]).addEventListener("change", function (evt) {
          cy.elements(pair[1]).toggleClass("hidden", !evt.target.checked);
        });
      });
      window.rasadNetwork = cy;
      say(box.dataset.summary.replace("{nodes}", data.nodes.length)
        .replace("{edges}", data.edges.length).replace("{articles}", data.articles));
      box.dataset.ready = "1";
    })
    .catch(function (err) {
      say(box.dataset.error + ": " + err.message, true);
      box.dataset.ready = "error";
    });
})();
