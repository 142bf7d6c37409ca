/* The clerk's page: the folder's dispatches, the form and the YAML text kept in step, the
 * problems as the user types, the computed figures, the page preview, the downloads.
 * Everything goes to the server of `dispatch-gen serve` (same origin, its cookie). */
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const state = { config: null, S: null, name: null, text: "", version: null, data: null, problems: [],
    saved: true, busy: false, queue: [], typing: null, previewTimer: null, previewSeq: 0, lastOk: false };

  async function api(path, options) {
    const r = await fetch(path, Object.assign({ credentials: "same-origin" }, options || {}));
    let body = null;
    try { body = await r.json(); } catch (e) { body = { error: r.statusText }; }
    if (!r.ok) { const err = new Error(body.error || r.statusText); err.status = r.status; err.body = body; throw err; }
    return body;
  }
  const post = (path, body) => api(path, { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify(body) });
  const fmt = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    e.append(...children.filter((c) => c !== null && c !== undefined));
    return e;
  }

  // --- the words of the page -------------------------------------------------------------
  function words() {
    const S = state.S;
    document.title = S.title;
    const text = { "title": S.title, "files-title": S.files, "new-file": S.new, "import-pick": S.import, "check-title": S.check,
      "check-pick": S.check_pick, "tab-form": S.form, "tab-yaml": S.yaml, "save": S.save,
      "overwrite": S.overwrite, "reload": S.reload, "conflict-text": S.conflict, "problems-title": S.problems,
      "figures-title": S.figures, "body-title": S.body, "sheet-title": S.sheet, "sheet-pick": S.upload_sheet,
      "downloads-title": S.downloads, "letters-pdf-label": S.letters_pdf, "preview-title": S.preview,
      "preview-btn": S.refresh_preview, "auto-preview-label": S.auto_preview };
    for (const [id, t] of Object.entries(text)) $(id).textContent = t;
    $("folder").textContent = state.config.folder.split(/[\\/]/).filter(Boolean).pop() || state.config.folder;
    $("folder").title = state.config.folder;
    for (const sel of state.config.selections) $("letters-sel").append(el("option", { value: sel, text: S[`sel_${sel}`] }));
    const kinds = [["docx", S.dl_docx], ["pdf", S.dl_pdf], ["appendix-docx", S.dl_appendix_docx],
      ["appendix-xlsx", S.dl_appendix_xlsx], ["letters", S.dl_letters]];
    for (const [kind, t] of kinds) {
      $("downloads").append(el("button", { type: "button", id: `dl-${kind}`, text: t, onclick: () => download(kind) }));
    }
    if (!state.config.pdf) {
      $("dl-pdf").disabled = true; $("letters-pdf").disabled = true;
      $("preview-note").hidden = false; $("preview-note").textContent = S.no_libreoffice;
      $("preview-btn").disabled = true; $("auto-preview").checked = false; $("auto-preview").disabled = true;
    }
  }

  // --- the folder ------------------------------------------------------------------------
  async function listFiles() {
    const { files } = await api("/api/files");
    $("files").replaceChildren(...files.map((f) => el("li", {}, el("a", { href: "#", "data-name": f,
      class: f === state.name ? "on" : "", text: f, onclick: (ev) => { ev.preventDefault(); openFile(f); } }))));
    if (!files.length) $("files").append(el("li", { class: "note", text: state.S.no_files }));
  }

  async function openFile(name) {
    const doc = await api(`/api/open?name=${encodeURIComponent(name)}`);
    state.name = doc.name; state.version = doc.version; state.text = doc.text; state.queue = [];
    $("doc-name").textContent = doc.name;
    $("yaml").value = doc.text;
    $("editor").hidden = false; $("result").hidden = false;
    for (const id of ["pages", "download-links", "figures", "body"]) $(id).replaceChildren();
    $("conflict").hidden = true;
    setSaved(true);
    show(doc, true);
    listFiles();
    schedulePreview(true);
  }

  function setSaved(saved) {
    state.saved = saved;
    $("save-state").textContent = saved ? state.S.saved : state.S.unsaved;
    $("save-state").className = saved ? "saved" : "unsaved";
  }

  // --- what the server says of the text --------------------------------------------------
  function show(result, rebuildForm) {
    state.problems = result.problems || [];
    if (result.data !== undefined) {
      const structural = rebuildForm || !state.data || result.data === null;
      state.data = result.data;
      $("form-note").hidden = result.data !== null;
      $("form-note").textContent = result.data === null ? state.S.yaml_broken : "";
      $("form").hidden = result.data === null;
      if (result.data !== null && structural) {
        Form.render($("form"), state.config.schema, result.data, state.S, state.config.lang, formEdit);
      }
    }
    const unplaced = Form.showProblems($("form"), state.problems);
    showProblemList(unplaced);
    markLines();
    const broken = state.problems.some((p) => p.severity === "error");
    state.lastOk = !broken;
    for (const id of ["figures", "body"]) $(id).classList.toggle("stale", broken && !result.figures);
    if (broken && !result.figures && $("figures").childElementCount) return;  // the last good figures stay, greyed
    showFigures(result.figures);
    $("body").replaceChildren(...(result.body || []).map((h) => {
      const p = el(h.startsWith("<table") ? "div" : "p"); p.innerHTML = h; return p;  // escaped by the server
    }));
  }

  function showProblemList() {
    const S = state.S;
    const items = state.problems.map((p) => el("li", { class: p.severity, "data-field": p.field, "data-line": p.line },
      el("a", { href: "#", text: p.line ? fmt(S.line, p) : "", onclick: (ev) => { ev.preventDefault(); goTo(p); } }),
      " ", p.field ? el("code", { text: p.field }) : null, " ", el("span", { class: "message", text: p.message })));
    $("problems").replaceChildren(...(items.length ? items : [el("li", { class: "ok", text: S.no_problems })]));
  }

  function goTo(p) {
    if (!$("form-pane").hidden) {
      const box = document.querySelector(`#form .field[data-path="${CSS.escape(p.field)}"]`);
      if (box) { box.scrollIntoView({ block: "center" }); const i = box.querySelector(".value"); if (i) i.focus(); return; }
      tab("yaml");
    }
    const lines = $("yaml").value.split("\n");
    let at = 0;
    for (let i = 0; i < Math.min(p.line - 1, lines.length); i++) at += lines[i].length + 1;
    $("yaml").focus();
    $("yaml").setSelectionRange(at + Math.max(0, (p.column || 1) - 1), at + (lines[p.line - 1] || "").length);
  }

  function markLines() {
    const n = $("yaml").value.split("\n").length;
    const bad = new Map();
    for (const p of state.problems) if (p.line) bad.set(p.line, p.severity === "error" ? "error" : bad.get(p.line) || p.severity);
    const rows = [];
    for (let i = 1; i <= n; i++) {
      const kind = bad.get(i);
      const row = el("span", { class: kind ? `ln ${kind}` : "ln", "data-line": i, text: String(i) });
      if (kind) row.title = state.problems.filter((p) => p.line === i).map((p) => p.message).join("\n");
      rows.push(row, "\n");
    }
    $("gutter").replaceChildren(...rows);
    $("gutter").scrollTop = $("yaml").scrollTop;
  }

  function showFigures(fig) {
    const S = state.S;
    if (!fig) { $("figures").replaceChildren(el("p", { class: "note", text: S.none })); return; }
    const t = fig.total;
    const names = (list) => (list.length ? list.join("; ") : S.none);
    const table = el("table", { class: "units" }, el("thead", {}, el("tr", {}, ...[S.unit, S.quota, S.achieved, S.rate]
      .map((h) => el("th", { text: h })))), el("tbody", {}, ...fig.units.map((u) => el("tr",
      { class: u.lagging ? "lagging" : u.praised ? "praised" : "" }, el("td", { text: u.name }),
      el("td", { text: u.quota }), el("td", { text: u.achieved }), el("td", { text: u.rate }))),
    el("tr", { class: "total" }, el("td", { text: S.total }), el("td", { id: "fig-quota", text: t.quota }),
      el("td", { id: "fig-achieved", text: t.achieved }), el("td", { id: "fig-rate", text: t.rate }))));
    $("figures").replaceChildren(
      el("p", { class: "as-of", text: fmt(S.as_of, { date: fig.as_of }) }),
      el("p", { id: "fig-total" }, el("strong", { text: `${S.total}: ` }), `${t.achieved}/${t.quota} (${t.rate})`),
      el("p", { id: "fig-praised" }, el("strong", { text: `${S.praised}: ` }), names(fig.praised)),
      el("p", { id: "fig-lagging" }, el("strong", { text: `${S.lagging}: ` }), names(fig.lagging)),
      table);
  }

  // --- edits: the form's operations, the YAML text ----------------------------------------
  function formEdit(ops, key, structural) {
    for (const op of ops) {
      const k = key && op.op === "set" ? key : null;
      state.queue = state.queue.filter((q) => !(k && q.key === k));
      state.queue.push(Object.assign({ key: k, structural: !!structural }, op));
    }
    setSaved(false);
    clearTimeout(state.formTimer);
    state.formTimer = setTimeout(flush, structural ? 0 : 250);
  }

  async function flush() {
    if (state.busy || !state.queue.length) return;
    state.busy = true;
    const batch = state.queue; state.queue = [];
    const structural = batch.some((q) => q.structural);
    try {
      const ops = batch.map(({ op, path, value }) => ({ op, path, value }));
      const r = await post("/api/edit", { name: state.name, text: $("yaml").value, ops });
      $("yaml").value = r.text;
      state.text = r.text;
      $("form-note").hidden = r.kept_comments;
      if (!r.kept_comments) $("form-note").textContent = state.S.comments_lost;
      show(r, structural);
      if (!r.kept_comments) $("form-note").hidden = false;
      schedulePreview();
    } catch (e) {
      showError(e);
    } finally {
      state.busy = false;
      if (state.queue.length) flush();
    }
  }

  /* The form's pending edits in the text first: a save or a download takes the text as edited. */
  async function settle() {
    clearTimeout(state.formTimer);
    while (state.busy || state.queue.length) {
      if (!state.busy) await flush();
      else await new Promise((ok) => setTimeout(ok, 30));
    }
  }

  function yamlEdit() {
    setSaved(false);
    markLines();
    clearTimeout(state.typing);
    state.typing = setTimeout(async () => {
      const text = $("yaml").value;
      try {
        const r = await post("/api/analyze", { name: state.name, text });
        if ($("yaml").value !== text) return;  // typed on meanwhile: the next answer counts
        state.text = text;
        show(r, true);
        schedulePreview();
      } catch (e) { showError(e); }
    }, 300);
  }

  function showError(e) {
    $("problems").replaceChildren(el("li", { class: "error", text: e.message }));
  }

  async function save(version) {
    await settle();
    try {
      const r = await post("/api/save", { name: state.name, text: $("yaml").value,
        version: version === undefined ? state.version : version });
      state.version = r.version;
      $("conflict").hidden = true;
      setSaved(true);
    } catch (e) {
      if (e.status === 409 && e.body && e.body.conflict) {
        $("conflict").hidden = false;
        $("conflict-text").textContent = e.body.error;
        state.diskVersion = e.body.version;
      } else showError(e);
    }
  }

  // --- long work: downloads, preview -----------------------------------------------------
  async function follow(job, onDone) {
    const S = state.S;
    $("progress").hidden = false;
    for (;;) {
      $("progress-bar").max = job.total || 1; $("progress-bar").value = job.done;
      $("progress-text").textContent = `${job.stage || S.working} (${job.done}/${job.total})`;
      if (job.state !== "running") break;
      await new Promise((ok) => setTimeout(ok, 250));
      job = await api(`/api/jobs/${job.id}`);
    }
    $("progress").hidden = true;
    if (job.state === "failed") {
      $("download-links").replaceChildren(el("p", { class: "error", text: `${S.failed}: ${job.message}` }),
        ...job.problems.map((p) => el("p", { class: "error", text: p.text })));
      if (job.no_pdf) $("download-links").append(el("button", { type: "button", text: S.dl_docx, onclick: () => download("docx") }));
      return null;
    }
    return onDone(job);
  }

  async function download(kind) {
    const options = kind === "letters" ? { selection: $("letters-sel").value, pdf: $("letters-pdf").checked } : {};
    await settle();
    try {
      const job = await post("/api/jobs", { kind, name: state.name, text: $("yaml").value, options });
      await follow(job, (done) => {
        const link = el("a", { href: `/api/jobs/${done.id}/file`, download: done.name, class: "download",
          text: fmt(state.S.download_ready, { name: done.name }) });
        $("download-links").replaceChildren(link);
        link.click();
      });
    } catch (e) { showError(e); }
  }

  function schedulePreview(now) {
    if (!state.config.pdf || !$("auto-preview").checked) return;
    clearTimeout(state.previewTimer);
    state.previewTimer = setTimeout(preview, now ? 0 : 1500);
  }

  async function preview() {
    if (!state.config.pdf || !state.lastOk) return;
    await settle();
    const seq = ++state.previewSeq;
    $("pages").classList.add("stale");
    try {
      const job = await post("/api/jobs", { kind: "preview", name: state.name, text: $("yaml").value });
      let done = job;
      while (done.state === "running") { await new Promise((ok) => setTimeout(ok, 300)); done = await api(`/api/jobs/${job.id}`); }
      if (seq !== state.previewSeq) return;
      $("pages").classList.remove("stale");
      if (done.state === "failed") {
        $("preview-note").hidden = false; $("preview-note").textContent = done.message;
        return;
      }
      $("preview-note").hidden = true;
      const imgs = [];
      for (let n = 1; n <= done.pages; n++) {
        imgs.push(el("figure", {}, el("img", { src: `/api/jobs/${done.id}/page/${n}`, alt: fmt(state.S.page, { n }),
          class: "page" }), el("figcaption", { text: fmt(state.S.page, { n }) })));
      }
      if (!imgs.length && done.pdf) {  // no pdftoppm here (Windows): the browser shows the PDF itself
        imgs.push(el("iframe", { src: `/api/jobs/${done.id}/pdf`, class: "pdf", title: state.S.preview }));
      }
      $("pages").replaceChildren(...imgs);
    } catch (e) { $("preview-note").hidden = false; $("preview-note").textContent = e.message; }
  }

  // --- uploads ---------------------------------------------------------------------------
  async function uploadSheet(file) {
    try {
      const r = await api(`/api/sheet?name=${encodeURIComponent(state.name)}&filename=${encodeURIComponent(file.name)}`,
        { method: "PUT", body: file });
      $("sheet-state").textContent = fmt(state.S.sheet_saved, { name: r.tep });
      const spec = state.data && state.data.so_lieu;
      if (spec && spec.tep !== r.tep) formEdit([{ op: "set", path: ["so_lieu", "tep"], value: r.tep }], null, true);
      else yamlEdit();
    } catch (e) { showError(e); }
  }

  async function checkDocx(file) {
    const S = state.S;
    const box = $("check-result");
    box.replaceChildren(el("p", { text: S.working }));
    try {
      let job = await api(`/api/check?filename=${encodeURIComponent(file.name)}`, { method: "PUT", body: file });
      while (job.state === "running") { await new Promise((ok) => setTimeout(ok, 300)); job = await api(`/api/jobs/${job.id}`); }
      if (job.state === "failed") {
        box.replaceChildren(el("p", { class: "error", text: job.message }), ...job.problems.map((p) => el("p", { class: "error", text: p.text })));
        return;
      }
      const findings = job.findings.map((f) => el("li", { class: f.severity }, el("code", { text: f.rule }), " ", f.message));
      const pages = [];
      for (let n = 1; n <= job.pages; n++) pages.push(el("img", { src: `/api/jobs/${job.id}/page/${n}`, class: "page", alt: fmt(S.page, { n }) }));
      box.replaceChildren(el("p", { text: `${job.file_name}: ${fmt(S.check_profile, job)}` }),
        job.findings.some((f) => f.severity === "error") ? el("ul", { class: "findings" }, ...findings)
          : el("div", {}, el("p", { class: "ok", text: fmt(S.check_ok, job) }), el("ul", { class: "findings" }, ...findings)),
        job.message ? el("p", { class: "note", text: job.message }) : null, el("div", { class: "check-pages" }, ...pages));
    } catch (e) { box.replaceChildren(el("p", { class: "error", text: e.message })); }
  }

  async function importDocx(file) {
    const S = state.S;
    const box = $("import-result");
    box.replaceChildren(el("p", { text: S.working }));
    try {
      const r = await api(`/api/import?filename=${encodeURIComponent(file.name)}`, { method: "PUT", body: file });
      box.replaceChildren(...(r.warnings.length ? [el("p", { text: fmt(S.imported, { file: file.name, name: r.name }) }),
        el("ul", { class: "findings" }, ...r.warnings.map((w) => el("li", { class: "warning", text: w })))] : []));
      await listFiles();
      await openFile(r.name);
    } catch (e) { box.replaceChildren(el("p", { class: "error", text: e.message })); }
  }

  function tab(which) {
    $("form-pane").hidden = which !== "form"; $("yaml-pane").hidden = which !== "yaml";
    $("tab-form").classList.toggle("on", which === "form"); $("tab-yaml").classList.toggle("on", which === "yaml");
    if (which === "form" && state.data) {
      Form.render($("form"), state.config.schema, state.data, state.S, state.config.lang, formEdit);
      Form.showProblems($("form"), state.problems);
    }
  }

  async function start() {
    state.config = await api("/api/config");
    state.S = state.config.strings;
    words();
    $("new-file").addEventListener("click", async () => {
      const name = prompt(state.S.new_name, "cong-van-moi.yaml");
      if (!name) return;
      try { const r = await post("/api/new", { name }); await openFile(r.name); } catch (e) { alert(e.message); }
    });
    $("save").addEventListener("click", () => save());
    $("overwrite").addEventListener("click", () => save(state.diskVersion || null));
    $("reload").addEventListener("click", () => openFile(state.name));
    $("tab-form").addEventListener("click", () => tab("form"));
    $("tab-yaml").addEventListener("click", () => tab("yaml"));
    $("yaml").addEventListener("input", yamlEdit);
    $("yaml").addEventListener("scroll", () => { $("gutter").scrollTop = $("yaml").scrollTop; });
    $("preview-btn").addEventListener("click", preview);
    $("sheet-input").addEventListener("change", (ev) => { if (ev.target.files[0]) uploadSheet(ev.target.files[0]); ev.target.value = ""; });
    $("import-input").addEventListener("change", (ev) => { if (ev.target.files[0]) importDocx(ev.target.files[0]); ev.target.value = ""; });
    $("check-input").addEventListener("change", (ev) => { if (ev.target.files[0]) checkDocx(ev.target.files[0]); ev.target.value = ""; });
    document.addEventListener("keydown", (ev) => {
      if ((ev.ctrlKey || ev.metaKey) && ev.key === "s" && state.name) { ev.preventDefault(); save(); }
    });
    window.addEventListener("beforeunload", (ev) => { if (!state.saved) { ev.preventDefault(); ev.returnValue = ""; } });
    await listFiles();
    const first = document.querySelector("#files a");
    if (first && new URLSearchParams(location.search).get("open") !== "none") openFile(first.dataset.name);
    document.body.dataset.ready = "1";
  }

  start().catch((e) => { document.body.append(el("p", { class: "error", text: e.message })); });
})();
