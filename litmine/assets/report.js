// litmine report: evidence table (sort, filter, curate), triple network, judgement export.
// Every string from the documents reaches the page through textContent, never as markup.
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("litmine-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const STORE = "litmine-judgements:" + DATA.report_id;
  const rows = DATA.rows;
  const byEid = new Map(rows.map((r) => [r.eid, r]));
  const filters = { entity: "", direction: "", doc: "", conf: 0, eids: null };
  let sortKey = null, sortDesc = false;
  let judgements = {};
  try { judgements = JSON.parse(localStorage.getItem(STORE) || "{}"); } catch (e) { judgements = {}; }

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function matches(r) {
    if (filters.eids && !filters.eids.has(r.eid)) return false;
    if (filters.direction && r.direction !== filters.direction) return false;
    if (filters.doc && r.doc_id !== filters.doc) return false;
    if (r.confidence < filters.conf) return false;
    if (filters.entity) {
      const q = filters.entity.toLowerCase();
      const hay = [r.subject, r.subject_text, r.object, r.object_text].join("\u0001").toLowerCase();
      if (!hay.includes(q)) return false;
    }
    return true;
  }

  function sortValue(r, key) {
    if (key === "doc") return r.source;
    if (key === "sentence") return DATA.sentences[r.sent].text;
    const v = r[key];
    return v === null || v === undefined ? "" : v;
  }

  function visibleRows() {
    const out = rows.filter(matches);
    if (sortKey) {
      out.sort((a, b) => {
        const x = sortValue(a, sortKey), y = sortValue(b, sortKey);
        const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
        return sortDesc ? -c : c;
      });
    }
    return out;
  }

  function judgeCell(r) {
    const td = el("td", null, "judge");
    const ok = el("button", "✓"), bad = el("button", "✗");
    ok.type = bad.type = "button";
    ok.title = "correct"; bad.title = "wrong";
    ok.dataset.verdict = "correct"; bad.dataset.verdict = "wrong";
    const fix = el("select");
    fix.title = "corrected direction";
    for (const [value, label] of [["", "direction…"], ["↑", "↑"], ["↓", "↓"], ["none", "no relation"]]) {
      const o = el("option", label); o.value = value; fix.appendChild(o);
    }
    const j = judgements[r.eid];
    if (j) { (j.verdict === "correct" ? ok : bad).classList.add("on"); fix.value = j.direction || ""; }
    ok.addEventListener("click", () => judge(r.eid, "correct", ""));
    bad.addEventListener("click", () => judge(r.eid, "wrong", fix.value));
    fix.addEventListener("change", () => judge(r.eid, "wrong", fix.value));
    td.append(ok, bad, fix);
    return td;
  }

  function rowElement(r) {
    const tr = document.createElement("tr");
    tr.dataset.eid = r.eid;
    const j = judgements[r.eid];
    if (j) tr.classList.add("judged-" + j.verdict);
    const subj = el("td", r.subject); subj.title = r.subject_id + " · " + r.subject_type;
    const obj = el("td", r.object); obj.title = r.object_id + " · " + r.object_type;
    const dir = el("td", r.direction, r.direction === "↑" ? "dir-up" : "dir-down");
    const sent = el("td", DATA.sentences[r.sent].text, "sentence");
    if (r.negated) sent.appendChild(el("span", "negated", "flag"));
    if (r.hedged) sent.appendChild(el("span", "hedged", "flag"));
    const doc = el("td", r.source.split(/[\\/]/).pop()); doc.title = r.source + " · " + r.doc_id;
    tr.append(doc, el("td", r.page), subj, dir, obj, el("td", r.region), el("td", r.condition),
      el("td", r.confidence.toFixed(2)), el("td", r.method), el("td", r.citations), el("td", r.section),
      sent, judgeCell(r));
    return tr;
  }

  function renderTable() {
    const body = document.querySelector("#evidence-table tbody");
    const shown = visibleRows();
    body.replaceChildren(...shown.map(rowElement));
    document.getElementById("shown").textContent = shown.length + " of " + rows.length + " rows";
    const n = Object.keys(judgements).length;
    document.getElementById("judged").textContent = n + " judged";
  }

  function judge(eid, verdict, direction) {
    if (verdict === "correct") direction = "";
    judgements[eid] = { verdict: verdict, direction: direction };
    try { localStorage.setItem(STORE, JSON.stringify(judgements)); } catch (e) { /* private mode: keep in memory */ }
    renderTable();
  }

  const COLUMNS = ["evidence_id", "doc_id", "source", "sentence_id", "lang", "sentence",
    "subject", "subject_id", "subject_type", "subject_text", "subject_start", "subject_end",
    "object", "object_id", "object_type", "object_text", "object_start", "object_end",
    "direction", "judgement", "corrected_direction"];

  function csvCell(v) {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function judgementsCsv() {
    const lines = [COLUMNS.join(",")];
    for (const r of rows) {
      const j = judgements[r.eid];
      if (!j) continue;
      const s = DATA.sentences[r.sent];
      const rec = Object.assign({}, r, { evidence_id: r.eid, sentence: s.text, lang: s.lang,
        judgement: j.verdict, corrected_direction: j.direction });
      lines.push(COLUMNS.map((c) => csvCell(rec[c])).join(","));
    }
    return lines.join("\r\n") + "\r\n";
  }

  function exportJudgements() {
    const blob = new Blob(["\ufeff" + judgementsCsv()], { type: "text/csv;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "litmine-judgements.csv";
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function setupFilters() {
    const docSel = document.getElementById("f-doc");
    for (const d of DATA.documents) {
      const o = el("option", d.source); o.value = d.doc_id; docSel.appendChild(o);
    }
    const bind = (id, key, parse) => {
      const input = document.getElementById(id);
      const update = () => { filters[key] = parse(input.value); filters.eids = null; renderTable(); };
      input.addEventListener(input.tagName === "SELECT" ? "change" : "input", update);
    };
    bind("f-entity", "entity", (v) => v.trim());
    bind("f-direction", "direction", (v) => v);
    bind("f-doc", "doc", (v) => v);
    bind("f-conf", "conf", (v) => parseFloat(v) || 0);
    document.getElementById("f-clear").addEventListener("click", () => {
      for (const id of ["f-entity", "f-direction", "f-doc"]) document.getElementById(id).value = "";
      document.getElementById("f-conf").value = "0";
      Object.assign(filters, { entity: "", direction: "", doc: "", conf: 0, eids: null });
      renderTable();
    });
    for (const th of document.querySelectorAll("#evidence-table th[data-key]")) {
      th.addEventListener("click", () => {
        const key = th.dataset.key;
        sortDesc = sortKey === key ? !sortDesc : false;
        sortKey = key;
        for (const other of document.querySelectorAll("#evidence-table th")) other.classList.remove("sorted-asc", "sorted-desc");
        th.classList.add(sortDesc ? "sorted-desc" : "sorted-asc");
        renderTable();
      });
    }
    document.getElementById("export").addEventListener("click", exportJudgements);
  }

  function showEdge(edge, path) {
    for (const p of document.querySelectorAll("#graph .edge.picked")) p.classList.remove("picked");
    path.classList.add("picked");
    const box = document.getElementById("edge-evidence");
    const head = el("h3", edge.subject + " " + edge.direction + " " + edge.object +
      (edge.region ? " (" + edge.region + ")" : "") + " · " + edge.eids.length + " evidence");
    const list = el("ul");
    for (const eid of edge.eids) {
      const r = byEid.get(eid);
      if (!r) continue;
      const li = el("li");
      li.dataset.eid = eid;
      li.append(el("span", DATA.sentences[r.sent].text), el("span", " — " + r.source +
        (r.page ? " p. " + r.page : "") + (r.citations ? " [" + r.citations + "]" : "") +
        " · " + r.confidence.toFixed(2), "where"));
      list.appendChild(li);
    }
    const onlyThese = el("button", "show these rows in the table");
    onlyThese.type = "button";
    onlyThese.addEventListener("click", () => { filters.eids = new Set(edge.eids); renderTable(); location.hash = "#evidence"; });
    box.replaceChildren(head, list, onlyThese);
  }

  function drawNetwork() {
    const svg = document.getElementById("graph");
    const defs = document.createElementNS(SVG, "defs");
    for (const [id, color] of [["arrow-up", "#2a9d8f"], ["arrow-down", "#d62828"]]) {
      const m = document.createElementNS(SVG, "marker");
      m.setAttribute("id", id); m.setAttribute("viewBox", "0 0 10 10"); m.setAttribute("refX", "10");
      m.setAttribute("refY", "5"); m.setAttribute("markerWidth", "9"); m.setAttribute("markerHeight", "9");
      m.setAttribute("orient", "auto-start-reverse"); m.setAttribute("markerUnits", "userSpaceOnUse");
      const tip = document.createElementNS(SVG, "path");
      tip.setAttribute("d", "M0,0 L10,5 L0,10 z"); tip.setAttribute("fill", color);
      m.appendChild(tip); defs.appendChild(m);
    }
    svg.appendChild(defs);
    const nodes = new Map(DATA.nodes.map((n) => [n.id, n]));
    const edgeLayer = document.createElementNS(SVG, "g"), nodeLayer = document.createElementNS(SVG, "g");
    for (const e of DATA.edges) {
      const a = nodes.get(e.s), b = nodes.get(e.o);
      const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
      const bend = 18 * e.bend;
      const cx = (a.x + b.x) / 2 - dy / len * bend, cy = (a.y + b.y) / 2 + dx / len * bend;
      const ex = b.x - dx / len * (b.r + 2), ey = b.y - dy / len * (b.r + 2);
      const path = document.createElementNS(SVG, "path");
      path.setAttribute("d", "M" + a.x + "," + a.y + " Q" + cx + "," + cy + " " + ex + "," + ey);
      path.setAttribute("class", "edge " + (e.direction === "↑" ? "up" : "down") + (e.conflict ? " conflict" : ""));
      path.setAttribute("stroke-width", String(1 + Math.log2(e.eids.length) * 1.5));
      path.setAttribute("marker-end", "url(#arrow-" + (e.direction === "↑" ? "up" : "down") + ")");
      path.dataset.key = e.key;
      const tip = document.createElementNS(SVG, "title");
      tip.textContent = e.subject + " " + e.direction + " " + e.object + " (" + e.eids.length + ")";
      path.appendChild(tip);
      path.addEventListener("click", () => showEdge(e, path));
      edgeLayer.appendChild(path);
    }
    for (const n of DATA.nodes) {
      const c = document.createElementNS(SVG, "circle");
      c.setAttribute("cx", n.x); c.setAttribute("cy", n.y); c.setAttribute("r", n.r);
      c.setAttribute("fill", n.color); c.setAttribute("class", "node");
      c.dataset.id = n.id;
      const tip = document.createElementNS(SVG, "title");
      tip.textContent = n.name + " · " + n.type + " · " + n.id;
      c.appendChild(tip);
      c.addEventListener("click", () => {
        const box = document.getElementById("f-entity");
        box.value = n.name; filters.entity = n.name; filters.eids = null; renderTable();
        location.hash = "#evidence";
      });
      nodeLayer.appendChild(c);
      if (n.label) {
        const t = document.createElementNS(SVG, "text");
        t.setAttribute("x", n.x + n.r + 2); t.setAttribute("y", n.y + 3);
        t.textContent = n.name;
        nodeLayer.appendChild(t);
      }
    }
    svg.append(edgeLayer, nodeLayer);
  }

  function linkRelations() {
    for (const li of document.querySelectorAll("#documents li[data-eid]")) {
      li.title = "show this row in the table to judge it";
      li.addEventListener("click", () => {
        filters.eids = new Set([li.dataset.eid]);
        renderTable();
        document.getElementById("evidence").scrollIntoView();
      });
    }
  }

  setupFilters();
  renderTable();
  linkRelations();
  drawNetwork();
  // for scripted use and tests: the page's own API, nothing from the documents
  window.litmine = { judgementsCsv: judgementsCsv, judge: judge, rows: rows.length, edges: DATA.edges.length };
})();
