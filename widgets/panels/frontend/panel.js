// The front-end of a kit panel (an anywidget ES module; widgets/panels/live.py is its Python side).
//
// It draws the panel's controls as native HTML (range, number, select, radio, checkbox, button),
// each with a visible label that names what it sets and its unit; the key numbers in a polite live
// region; a message area (role=alert) for bad values; and ONE Vega view per panel, created once
// and then updated in place: the kernel sends the chart's Vega-Lite skeleton once (compiled to Vega
// here, once per panel), then only new data values (named datasets) and signal values, never a new spec. Parameters bound to a control ("local" signals, e.g. the cut-off rule)
// are redrawn at once in the browser, before the kernel answers.
//
// Event flow: a control changes -> `values` (with a sequence number `_seq`) is saved to the model.
// ipywidgets sends at most one update at a time and merges the ones made meanwhile, so a fast drag
// never builds a queue: the latest value wins. The kernel answers by setting `result` (numbers,
// description, datasets, signals, message; `seq` says which values it was computed from).
// The root element carries data-kit-state="busy" while the latest values are not yet drawn.
//
// Vega and the Vega-Lite compiler come from a separate model (the kernel's one VegaLibrary widget:
// the gzipped bundle built by build.mjs). It is decompressed and imported once per page, however many panels use it.

const LIB_CACHE = Symbol.for("scs-kit.vega-lib");
// ids must be unique in the page; each panel model imports this module on its own, so the
// counter lives on globalThis
const ID_COUNTER = Symbol.for("scs-kit.next-id");
const nextUid = () => (globalThis[ID_COUNTER] = (globalThis[ID_COUNTER] ?? 0) + 1);
const OWN_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown",
                          "Enter", "Backspace", "Delete"]);

/** Vega (parse, View), Vega-Lite's compile and vega-tooltip's Handler, loaded once per page from the library model. */
async function loadLibrary(model) {
  const ref = String(model.get("library") || "");
  const libraryModel = await model.widget_manager.get_model(ref.replace(/^IPY_MODEL_/, ""));
  const version = libraryModel.get("version");
  const cache = (globalThis[LIB_CACHE] ??= new Map());
  if (!cache.has(version)) {
    cache.set(version, (async () => {
      const packed = libraryModel.get("bundle");
      const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
      const source = await new Response(stream).text();
      const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      try {
        return await import(/* webpackIgnore: true */ url);
      } finally {
        URL.revokeObjectURL(url);
      }
    })());
  }
  return cache.get(version);
}

/**
 * Gives a Vega view one dataset's new columns ({field: [values]}); `old` is what it was last given.
 * Columns that arrive unchanged are not given again. When the rows keep their number and fields, only
 * the values that changed are modified in place (Vega's changeset `modify`), so that Vega re-encodes
 * just those rows and keeps the others' marks and SVG elements; otherwise the rows are replaced.
 * Either way Vega keeps the groups it already has (an aggregate's cells, a stack's groups) where they
 * were, so a mark that comes back may be drawn after its neighbours rather than between them, as with
 * replaced rows: the marks, their places and labels are a fresh view's (tests/test_panel_frontend.py).
 * Returns true if the view's data changed.
 */
export function giveColumns(view, name, old, data) {
  const fields = Object.keys(data);
  const count = fields.length ? data[fields[0]].length : 0;
  const tuples = old ? view.data(name) : null;
  const sameShape = old && tuples && tuples.length === count && fields.length === Object.keys(old).length &&
    fields.every((field) => Array.isArray(old[field]) && old[field].length === count);
  if (!sameShape) {
    view.data(name, rows(data));
    return true;
  }
  const changes = view.changeset();
  let changed = false;
  for (const field of fields) {
    const before = old[field], after = data[field];
    for (let i = 0; i < count; i++) {
      if (before[i] === after[i]) continue;
      if (tuples[i][field] !== before[i]) {   // the view's rows are not the columns last given: replace them
        view.data(name, rows(data));
        return true;
      }
      changes.modify(tuples[i], field, after[i]);
      changed = true;
    }
  }
  if (changed) view.change(name, changes);
  return changed;
}

/**
 * The panel's Vega spec from its Vega-Lite skeleton. Its layout is recomputed on every update
 * (autosize `resize`): rows, titles and labels change with the controls, and a view sized once would
 * keep the first state's size (clipping a longer label, or leaving space a fresh view would not).
 */
export function compileSkeleton(lib, skeleton) {
  const vega = lib.compile(skeleton).spec;
  const autosize = typeof vega.autosize === "object" ? vega.autosize : { type: vega.autosize ?? "pad" };
  vega.autosize = { ...autosize, resize: true };
  return vega;
}

/** Rows from the columns the kernel sends ({field: [values]}). */
function rows(columns) {
  const names = Object.keys(columns);
  const count = names.length ? columns[names[0]].length : 0;
  const out = new Array(count);
  for (let i = 0; i < count; i++) {
    const row = {};
    for (const name of names) row[name] = columns[name][i];
    out[i] = row;
  }
  return out;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "className") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "html") node.innerHTML = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

// one number format per number of decimals (toLocaleString would build a new one on every step)
const FORMATS = new Map();

function formatValue(value, control) {
  const digits = control.decimals ?? 0;
  if (!FORMATS.has(digits)) {
    FORMATS.set(digits, new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  }
  return FORMATS.get(digits).format(Number(value) * (control.display_scale ?? 1));
}

function valueText(value, control) {
  return `${formatValue(value, control)} ${control.unit_text ?? control.unit ?? ""}`.trim();
}

/** Builds the controls; returns {node, setters} where setters[name](value) shows a value. */
function buildControls(items, ctx) {
  const container = element("div", { className: "kit-controls" });
  for (const item of items) container.append(buildItem(item, ctx));
  return container;
}

function buildItem(item, ctx) {
  const id = `kit-control-${ctx.uid}-${ctx.counter++}`;
  switch (item.kind) {
    case "html":
      return element("div", { className: "kit-text", html: item.html });
    case "slot": {
      const node = element("div", { className: `kit-slot kit-slot-${item.name}`, html: item.html ?? "" });
      ctx.slots[item.name] = node;
      return node;
    }
    case "group": {
      const legend = element("legend", { html: item.label });
      const fieldset = element("fieldset", { className: "kit-group" }, legend);
      for (const child of item.items) fieldset.append(buildItem(child, ctx));
      return fieldset;
    }
    case "slider":
      return buildSlider(item, id, ctx);
    case "number":
      return buildNumber(item, id, ctx);
    case "select":
      return buildSelect(item, id, ctx);
    case "radio":
      return buildRadio(item, id, ctx);
    case "checkbox":
      return buildCheckbox(item, id, ctx);
    case "button": {
      const button = element("button", { type: "button", id, className: `kit-button${item.primary ? " kit-primary" : ""}`,
                                          text: item.label, title: item.tooltip });
      button.addEventListener("click", () => ctx.click(item.name));
      return element("div", { className: "kit-control kit-button-row" }, button);
    }
    case "row": {
      const row = element("div", { className: "kit-row" });
      for (const child of item.items) row.append(buildItem(child, ctx));
      return row;
    }
    default:
      throw new Error(`unknown control kind ${item.kind}`);
  }
}

function labelFor(id, item) {
  const unit = item.unit ? ` (${item.unit})` : "";
  return element("label", { for: id, className: "kit-label", text: `${item.label}${unit}` });
}

function buildSlider(item, id, ctx) {
  const range = element("input", { type: "range", id, "data-kit-name": item.name, min: item.min, max: item.max, step: item.step,
                                     "aria-describedby": item.help ? `${id}-help` : undefined });
  const row = element("div", { className: "kit-control kit-slider" }, labelFor(id, item), range);
  let box = null;
  const readout = element("span", { className: "kit-readout", "aria-hidden": "true" });
  if (item.box_label) {
    const boxId = `${id}-box`;
    box = element("input", { type: "number", id: boxId, min: item.min, max: item.max, step: 1,
                             inputmode: "numeric", className: "kit-number" });
    row.append(element("label", { for: boxId, className: "kit-label kit-box-label",
                                  text: `${item.box_label}${item.unit ? ` (${item.unit})` : ""}` }), box);
  } else {
    row.append(readout);
  }
  if (item.help) row.append(element("small", { id: `${id}-help`, className: "kit-help", text: item.help }));
  const show = (value) => {
    const number = Number(value);
    if (Number.isFinite(number) && number >= item.min && number <= item.max) {
      range.value = String(number);
      range.setAttribute("aria-valuetext", valueText(number, item));
      readout.textContent = formatValue(number, item);
    }
    if (box && document.activeElement !== box) box.value = value === "" || value === null ? "" : String(value);
  };
  range.addEventListener("input", () => {
    const number = Number(range.value);
    range.setAttribute("aria-valuetext", valueText(number, item));
    readout.textContent = formatValue(number, item);
    if (box) box.value = range.value;
    ctx.change(item.name, number);
  });
  if (box) {
    box.addEventListener("change", () => {
      const raw = box.value.trim();
      const number = raw === "" ? NaN : Number(raw);
      const value = Number.isFinite(number) ? number : raw;
      if (Number.isFinite(number) && number >= item.min && number <= item.max) {
        range.value = String(number);
        range.setAttribute("aria-valuetext", valueText(number, item));
      }
      ctx.change(item.name, value);
    });
  }
  ctx.setters[item.name] = show;
  return row;
}

function buildNumber(item, id, ctx) {
  const input = element("input", { type: "number", id, className: "kit-number", step: item.step ?? "any",
                                     min: item.min, max: item.max, inputmode: "decimal" });
  const row = element("div", { className: "kit-control kit-number-row" }, labelFor(id, item), input);
  input.addEventListener("change", () => {
    const raw = input.value.trim();
    const number = raw === "" ? NaN : Number(raw);
    ctx.change(item.name, Number.isFinite(number) ? number : raw);
  });
  ctx.setters[item.name] = (value) => {
    if (document.activeElement !== input) input.value = value === null || value === undefined ? "" : String(value);
  };
  return row;
}

function buildSelect(item, id, ctx) {
  const select = element("select", { id, className: "kit-select" });
  item.options.forEach(([label, value], index) => {
    select.append(element("option", { value: String(index), text: label }));
  });
  select.addEventListener("change", () => ctx.change(item.name, item.options[Number(select.value)][1]));
  ctx.setters[item.name] = (value) => {
    const index = item.options.findIndex(([, v]) => v === value);
    if (index >= 0) select.value = String(index);
  };
  return element("div", { className: "kit-control kit-select-row" }, labelFor(id, item), select);
}

function buildRadio(item, id, ctx) {
  const legend = element("legend", { className: "kit-label", text: `${item.label}${item.unit ? ` (${item.unit})` : ""}` });
  const fieldset = element("fieldset", { className: "kit-control kit-radio", id,
                                         "aria-describedby": item.help ? `${id}-help` : undefined }, legend);
  if (item.help) fieldset.append(element("p", { id: `${id}-help`, className: "kit-radio-help", text: item.help }));
  const inputs = item.options.map(([label, value], index) => {
    const optionId = `${id}-${index}`;
    const input = element("input", { type: "radio", id: optionId, name: id, value: String(index) });
    input.addEventListener("change", () => { if (input.checked) ctx.change(item.name, value); });
    fieldset.append(element("span", { className: "kit-option" }, input,
                            element("label", { for: optionId, text: label, title: item.tooltips?.[index] })));
    return input;
  });
  ctx.setters[item.name] = (value) => {
    item.options.forEach(([, v], index) => { inputs[index].checked = v === value; });
  };
  return fieldset;
}

function buildCheckbox(item, id, ctx) {
  const input = element("input", { type: "checkbox", id, "data-kit-name": item.name });
  input.addEventListener("change", () => ctx.change(item.name, input.checked));
  ctx.setters[item.name] = (value) => { input.checked = Boolean(value); };
  return element("div", { className: "kit-control kit-checkbox" }, input,
                 element("label", { for: id, text: item.label }));
}

function render({ model, el }) {
  const uid = nextUid();
  const ctx = { uid, counter: 0, slots: {}, setters: {} };
  let values = { ...model.get("values") };
  let sentSeq = values._seq ?? 0;
  // What the view was last given: a dataset or parameter the kernel sends unchanged is not given
  // again, and a result that changes nothing in the chart does not redraw it.
  const given = { data: {}, params: {} };
  const written = {};   // the numbers, description and slots' HTML last written into the panel
  let view = null;
  let ahead = null;   // {base, entries}: results one key press from the kernel's values (ahead.py)
  let running = null;
  let rerun = false;
  const local = model.get("local_params") || {};   // {signal: control name}

  const root = element("section", { className: `kit-panel ${model.get("css_class")}`,
                                    "aria-labelledby": `kit-title-${uid}`, "data-kit-state": "idle" });
  const title = element("h3", { id: `kit-title-${uid}`, className: "kit-title", text: model.get("title") });
  const message = element("div", { className: "kit-message", role: "alert" });
  const info = element("div", { className: "kit-info-area", role: "status" });
  const numbers = element("div", { className: "kit-key-numbers", role: "status", "aria-live": "polite",
                                   "aria-atomic": "true" });
  const description = element("p", { className: "kit-description" });
  const chart = element("div", { className: "kit-chart" });
  const note = element("p", { className: "kit-note", html: model.get("note") });

  ctx.change = (name, value) => {
    const before = values;
    values = { ...values, [name]: value, _seq: ++sentSeq };
    root.dataset.kitState = "busy";
    model.set("values", values);
    model.save_changes();
    // the kernel has the values; if it sent this setting's result ahead, draw it now (it stays "busy"
    // until the kernel's own answer, which is the same and changes nothing on screen)
    const found = lookAhead(before, (e) => e.name === name && e.value === value);
    if (found) {
      if (found.values) {   // controls that follow this one, as the kernel will show them (_echo: see live.py)
        values = { ...found.values, _seq: sentSeq, _echo: sentSeq };
        showValues(found.values);
      }
      applyResult({ ...found.result, seq: sentSeq }, true);
    }
    for (const [signal, control] of Object.entries(local)) {
      if (control === name && typeof value === "number" && Number.isFinite(value)) setSignal(signal, value);
    }
  };
  ctx.click = (name) => {
    root.dataset.kitState = "busy";
    model.send({ type: "click", name, seq: ++sentSeq });
    const found = lookAhead(values, (e) => e.click === name);
    if (found) applyResult({ ...found.result, seq: sentSeq }, true);
  };
  const controls = buildControls(model.get("controls"), ctx);
  // The keys a control uses itself must not reach the host page: JupyterLab's notebook shortcuts
  // (command mode) would otherwise take ArrowUp/Down, Space, etc. and cancel the control's step.
  controls.addEventListener("keydown", (event) => {
    const own = OWN_KEYS.has(event.key) || event.key.length === 1;   // printable keys too (type-ahead)
    if (own && !event.ctrlKey && !event.metaKey && !event.altKey && !(event.key === "Enter" && event.shiftKey)) {
      event.stopPropagation();
    }
  });
  const beside = (model.get("beside_chart") || []).map((item) => buildItem(item, ctx));
  const chartRow = beside.length ? element("div", { className: "kit-chart-row" }, chart, ...beside) : chart;
  root.append(title, controls, message, info, numbers, description, chartRow, note);
  el.append(root);

  const showValues = (next) => {
    for (const [name, setter] of Object.entries(ctx.setters)) if (name in next) setter(next[name]);
  };
  showValues(values);

  function redraw() {
    if (!view) return;
    if (running) { rerun = true; return; }
    running = view.runAsync().then(() => {
      running = null;
      if (rerun) { rerun = false; redraw(); }
    });
  }

  function setSignal(name, value) {
    if (!view) return;
    try { view.signal(name, value); } catch (error) { console.warn(error); return; }
    given.params[name] = JSON.stringify(value);
    redraw();
  }

  /** Gives the view the result's new rows and parameters; true if anything changed. */
  function feed(result, current) {
    let changed = false;
    for (const [name, data] of Object.entries(result.data || {})) {
      if (giveColumns(view, name, given.data[name], data)) changed = true;
      given.data[name] = data;
    }
    for (const [name, value] of Object.entries(result.params || {})) {
      if (name in local && !current) continue;
      const text = JSON.stringify(value);
      if (given.params[name] === text) continue;
      view.signal(name, value);
      given.params[name] = text;
      changed = true;
    }
    return changed;
  }

  /** The entry the kernel sent ahead that `wanted` picks, if the values `before` this change are
   *  still the ones it was computed from. */
  function lookAhead(before, wanted) {
    const sent = ahead;
    ahead = null;   // computed for the values before this change
    delete root.dataset.kitAhead;
    if (!sent || !view || running) return null;
    for (const [key, base] of Object.entries(sent.base)) if (before[key] !== base) return null;
    return sent.entries.find(wanted) ?? null;
  }

  function applyResult(result, early = false) {
    if (!result) return;
    const current = result.seq === sentSeq;
    if (result.message) {
      message.innerHTML = "";
      message.append(element("div", { className: "kit-error", text: `\u26a0 ${result.message}` }));
    } else {
      message.textContent = "";
    }
    info.textContent = "";
    if (result.info) info.append(element("div", { className: "kit-info", text: `\u2139 ${result.info}` }));
    if (result.ok) {
      // compared with the HTML last written (reading innerHTML back would serialize the subtree each time)
      if (written.numbers !== result.numbers) numbers.innerHTML = written.numbers = result.numbers;
      if (written.description !== result.description) description.textContent = written.description = result.description;
      for (const [name, html] of Object.entries(result.slots || {})) {
        if (ctx.slots[name] && written[`slot:${name}`] !== html) ctx.slots[name].innerHTML = written[`slot:${name}`] = html;
      }
      if (view) {
        const changed = feed(result, current);
        const svg = chart.querySelector("svg");   // the label follows the description even when the rows do not change
        if (svg && svg.getAttribute("aria-label") !== result.chart_label) svg.setAttribute("aria-label", result.chart_label);
        if (changed) redraw();
      }
    }
    if (current && !early) root.dataset.kitState = "idle";
  }

  const onResult = () => applyResult(model.get("result"));
  const onValues = () => {
    const next = model.get("values");
    if ((next._seq ?? 0) < sentSeq) return;   // an echo of values already superseded here
    values = { ...next, _echo: next._seq ?? 0 };   // tells the kernel which of its values these are
    sentSeq = Math.max(sentSeq, values._seq ?? 0);
    showValues(values);
  };
  const onCustom = (message) => {
    if (message?.type !== "ahead") return;
    ahead = message;
    // which settings wait here, [control, value] (tests press a key that picks one)
    root.dataset.kitAhead = JSON.stringify(message.entries.filter((e) => "name" in e).map((e) => [e.name, e.value]));
  };
  model.on("change:result", onResult);
  model.on("change:values", onValues);
  model.on("msg:custom", onCustom);
  applyResult(model.get("result"));

  loadLibrary(model).then(async (lib) => {
    // the skeleton is Vega-Lite (as Altair writes it); its named datasets stay empty until the rows arrive
    const vega = compileSkeleton(lib, model.get("spec"));
    view = new lib.View(lib.parse(vega), { renderer: "svg", container: chart, hover: true });
    view.tooltip(new lib.Handler({ theme: "light" }).call);
    const result = model.get("result");
    if (result) feed(result, true);
    for (const [signal, control] of Object.entries(local)) {
      const value = values[control];
      if (typeof value === "number" && Number.isFinite(value)) {
        view.signal(signal, value);
        given.params[signal] = JSON.stringify(value);
      }
    }
    await view.runAsync();
    const svg = chart.querySelector("svg");
    if (svg && result) svg.setAttribute("aria-label", result.chart_label);
    root.dataset.kitChart = "ready";
    model.send({ type: "ahead" });   // the kernel's results one key press ahead, for this view
  }).catch((error) => {
    chart.append(element("div", { className: "kit-error", role: "alert",
                                  text: `The chart could not be drawn here (${error.message}); the numbers above still follow the controls.` }));
  });

  return () => {
    model.off("change:result", onResult);
    model.off("change:values", onValues);
    model.off("msg:custom", onCustom);
    if (view) view.finalize();
  };
}

export default { render };
