/* The form of a dispatch, built from the JSON Schema of the YAML (dispatch-gen schema).
 * Form.render(container, schema, data, strings, lang, onOps): every edit is reported as
 * operations on the values ({op: "set"|"append"|"remove", path: [key or index, ...], value}).
 * Each field carries data-path, the field path the problems name ("so_lieu.don_vi[1].dat"). */
"use strict";

const Form = (() => {
  const DATE = /\(\\d\{1,2\}\/\\d\{1,2\}\/\\d\{4\}/;
  let root, S, lang, emit;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  function pathText(path) {
    let out = "";
    for (const step of path) out += typeof step === "number" ? `[${step}]` : (out ? "." : "") + step;
    return out;
  }

  /* The schema of a value: $ref followed, "X or null" read as X (nullable). */
  function resolve(s) {
    let nullable = false;
    for (let i = 0; i < 10 && s; i++) {
      if (s.$ref) {
        const name = s.$ref.split("/").pop();
        s = Object.assign({}, root.$defs[name], { description: s.description || root.$defs[name].description });
        continue;
      }
      if (s.anyOf) {
        const others = s.anyOf.filter((a) => a.type !== "null");
        nullable = nullable || others.length < s.anyOf.length;
        if (others.length === 1) {
          s = Object.assign({}, others[0], { description: s.description || others[0].description,
            minimum: s.minimum, maximum: s.maximum });
          continue;
        }
      }
      break;
    }
    const types = [].concat((s && s.type) || []);
    if (types.includes("null")) nullable = true;
    return { s: s || {}, nullable, types: types.filter((t) => t !== "null") };
  }

  function kindOf(r) {
    const s = r.s;
    if (s.properties) return "record";
    if (r.types.includes("object")) return "map";
    if (r.types.includes("array")) return "list";
    if (s.enum) return "enum";
    if (r.types.includes("boolean") && r.types.length === 1) return "boolean";
    if (s.pattern && DATE.test(s.pattern)) return "date";
    if (r.types.length === 1 && r.types[0] === "integer") return "integer";
    if (r.types.includes("integer")) return "integer-or-text";
    return "text";
  }

  /* A fresh value of a schema, for "add": the required keys of a record with empty values. */
  function fresh(schema) {
    const r = resolve(schema);
    const kind = kindOf(r);
    if (r.s.default !== undefined) return r.s.default;
    if (kind === "record") {
      const out = {};
      for (const k of r.s.required || []) out[k] = fresh(r.s.properties[k]);
      return out;
    }
    if (kind === "map") return {};
    if (kind === "list") return [];
    if (kind === "boolean") return false;
    if (kind === "integer") return 0;
    if (kind === "enum") return r.s.enum[0];
    return r.nullable ? null : "";
  }

  function label(key, schema, r) {
    const desc = (schema && schema.description) || (r && r.s.description) || "";
    if (lang !== "vi" || !desc) return { title: String(key), help: "" };  // the descriptions are Vietnamese
    const short = desc.split(/[;:(]/)[0].trim();
    return { title: short || String(key), help: desc !== short ? desc : "" };
  }

  function isoOf(text) {
    const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text || "");
    if (m) return `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
    const n = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text || "");
    return n ? `${n[1]}-${n[2].padStart(2, "0")}-${n[3].padStart(2, "0")}` : "";
  }

  function officeDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? `${m[3]}/${m[2]}/${m[1]}` : null;
  }

  function scalarValue(kind, r, input) {
    const raw = input.value;
    if (kind === "boolean") return input.checked;
    if (kind === "date") return officeDate(raw) || (r.nullable ? null : "");
    if (raw === "" && r.nullable) return null;
    if (kind === "integer" || kind === "integer-or-text") {
      return /^\s*-?\d+\s*$/.test(raw) ? parseInt(raw, 10) : raw;
    }
    if (r.types.includes("number") && !r.types.includes("string") && /^\s*-?\d+([.]\d+)?\s*$/.test(raw)) {
      return Number(raw);
    }
    return raw;
  }

  function scalar(path, schema, value, kind, r) {
    const name = pathText(path);
    let input;
    const changed = () => emit([{ op: "set", path, value: scalarValue(kind, r, input) }], name);
    if (kind === "boolean") {
      input = el("input", { type: "checkbox", name, oninput: changed });
      input.checked = !!value;
    } else if (kind === "enum") {
      input = el("select", { name, onchange: changed });
      if (r.nullable) input.append(el("option", { value: "", text: S.empty }));
      for (const v of r.s.enum) input.append(el("option", { value: v, text: v }));
      input.value = value === null || value === undefined ? "" : value;
    } else if (kind === "date") {
      input = el("input", { type: "date", name, value: isoOf(value), oninput: changed });
    } else {
      const text = value === null || value === undefined ? "" : String(value);
      const long = text.includes("\n") || text.length > 90 || path[path.length - 1] === "noi_dung";
      const attrs = { name, oninput: changed, inputmode: kind.startsWith("integer") ? "numeric" : null };
      input = long ? el("textarea", Object.assign({ rows: Math.min(18, 3 + text.split("\n").length) }, attrs))
        : el("input", Object.assign({ type: "text" }, attrs));
      input.value = text;
    }
    input.classList.add("value");
    return input;
  }

  function field(path, schema, value, removable) {
    const r = resolve(schema);
    const kind = kindOf(r);
    const key = path[path.length - 1];
    const { title, help } = typeof key === "number" ? { title: S.item.replace("{n}", key + 1), help: "" }
      : label(key, schema, r);
    const box = el("div", { class: `field ${kind}`, "data-path": pathText(path) });
    const head = el("div", { class: "head" }, el("label", { text: title, title: typeof key === "string" ? key : null }));
    if (removable) {
      head.append(el("button", { type: "button", class: "remove", title: S.remove, text: "×",
        "aria-label": `${S.remove} ${title}`, onclick: () => emit([{ op: "remove", path }], null, true) }));
    }
    box.append(head);
    if (help) box.append(el("div", { class: "help", text: help }));
    if (kind === "record") box.append(record(path, r.s, value || {}));
    else if (kind === "map") box.append(mapping(path, r.s, value || {}));
    else if (kind === "list") box.append(list(path, r.s, Array.isArray(value) ? value : []));
    else {
      const input = scalar(path, schema, value, kind, r);
      head.querySelector("label").htmlFor = input.id = `f-${pathText(path).replace(/[^\w-]/g, "_")}`;
      box.append(input);
    }
    box.append(el("div", { class: "problem", hidden: true }));
    return box;
  }

  function record(path, s, value) {
    const box = el("div", { class: "children" });
    const required = s.required || [];
    const keys = Object.keys(s.properties);
    for (const k of keys) {
      if (k in value) box.append(field([...path, k], s.properties[k], value[k], !required.includes(k)));
    }
    for (const k of Object.keys(value)) {  // a key the schema does not know: shown, so its error has a place
      if (!keys.includes(k)) box.append(field([...path, k], {}, value[k], true));
    }
    const absent = keys.filter((k) => !(k in value));
    if (absent.length) {
      const pick = el("select", { class: "add-key", "aria-label": S.add_field, onchange: () => {
        const k = pick.value;
        if (k) emit([{ op: "set", path: [...path, k], value: fresh(s.properties[k]) }], null, true);
      } }, el("option", { value: "", text: S.add_field }));
      for (const k of absent) pick.append(el("option", { value: k, text: `${label(k, s.properties[k]).title} (${k})` }));
      box.append(pick);
    }
    return box;
  }

  function mapping(path, s, value) {
    const box = el("div", { class: "children" });
    const inner = s.additionalProperties || {};
    for (const k of Object.keys(value)) {
      const f = field([...path, k], inner, value[k], true);
      f.querySelector(".head label").textContent = k;
      box.append(f);
    }
    const keyInput = el("input", { type: "text", class: "new-key", placeholder: S.key, "aria-label": S.key });
    box.append(el("div", { class: "add-row" }, keyInput, el("button", { type: "button", text: S.add, onclick: () => {
      const k = keyInput.value.trim();
      if (k) emit([{ op: "set", path: [...path, k], value: fresh(inner) }], null, true);
    } })));
    return box;
  }

  function list(path, s, value) {
    const box = el("div", { class: "children" });
    value.forEach((v, i) => box.append(field([...path, i], s.items || {}, v, true)));
    box.append(el("button", { type: "button", class: "add", text: `+ ${S.add}`,
      onclick: () => emit([{ op: "append", path, value: fresh(s.items || {}) }], null, true) }));
    return box;
  }

  function render(container, schema, data, strings, language, onOps) {
    root = schema; S = strings; lang = language; emit = onOps;
    const focused = document.activeElement && container.contains(document.activeElement)
      ? document.activeElement.name : null;
    container.replaceChildren(record([], schema, data || {}));
    if (focused) {
      const again = container.querySelector(`[name="${CSS.escape(focused)}"]`);
      if (again) again.focus();
    }
  }

  /* Each problem at its field, or at the nearest field above it that the form shows. */
  function showProblems(container, problems) {
    for (const p of container.querySelectorAll(".field > .problem")) { p.hidden = true; p.textContent = ""; }
    for (const f of container.querySelectorAll(".field.has-error, .field.has-warning")) {
      f.classList.remove("has-error", "has-warning");
    }
    const unplaced = [];
    for (const p of problems) {
      let target = p.field;
      let box = null;
      while (target && !(box = container.querySelector(`.field[data-path="${CSS.escape(target)}"]`))) {
        const cut = Math.max(target.lastIndexOf("."), target.lastIndexOf("["));
        target = cut > 0 ? target.slice(0, cut) : "";
      }
      if (!box) { unplaced.push(p); continue; }
      const slot = box.querySelector(":scope > .problem");
      slot.hidden = false;
      slot.append(el("div", { class: p.severity, text: p.message }));
      box.classList.add(p.severity === "error" ? "has-error" : "has-warning");
    }
    return unplaced;
  }

  return { render, showProblems, pathText };
})();
