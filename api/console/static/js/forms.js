// Step forms generated from the API's step catalog (/console/steps.json): one input per field of the mutation's
// input type, enums as selects with Chinese labels, nested inputs as fieldsets, lists as repeatable groups. The
// API decides: a refusal (InvalidTransition, RuleViolation, ValidationError, Forbidden, …) is shown beside the
// field it names, with its rule and article, and nothing else happens.
import { gql } from "./api.js";
import { h } from "./dom.js";
import { ENUM, FIELD, ROLE, enumLabel, label, stepLabel } from "./labels.js";

const LONG_TEXT = /facts|reasons|summary|opinion|description|statement|findings|grounds|content|siteRecord|rightsNotice|conclusion|reason|requirement|Notice$/;
const SPLIT_IDS = /[\s,，、;；]+/;  // ids hold none of these; texts are one a line
const SPLIT_LINES = /\n+/;

export const OUTCOME = `__typename
  ... on Problem { code message }
  ... on InvalidTransition { rule field article }
  ... on RuleViolation { rule field article }
  ... on ValidationError { rule field article }
  ... on Forbidden { requiredRoles }
  ... on Unavailable { dependency retryAfterSeconds }
  ... on Case { id streamId status version proposalHash }`;

function camel(snake) {
  return snake.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
}

function fieldLabel(def) {
  const text = FIELD[def.name] ?? def.name;
  return def.type === "Fen" ? `${text}（元）` : text;
}

function optionsFor(def, refs) {
  if (def.name === "town") return refs.towns.map((t) => [t.code, t.name]);
  if (def.name === "unit") return refs.towns.flatMap((t) => t.units.map((u) => [u.code, `${u.name}`]));
  if (def.name === "violationType") return refs.violationTypes.map((v) => [v.code, v.name]);
  if (def.name === "itemCode" || def.name === "enforcementItem") {
    return refs.enforcementItems.map((i) => [i.code, `${i.name}（${i.code}）`]);
  }
  return null;
}

// Each builder returns {el, read}: read() gives the value to send, or undefined to leave the field out.
function scalarInput(def, path, refs, prefill) {
  const id = `f-${path.replaceAll(".", "-")}`;
  const initial = prefill ?? (def.default !== undefined && def.default !== null && !def.list ? def.default : "");
  if (def.type === "Boolean") {
    const box = h("input", { type: "checkbox", id, name: path, checked: prefill ?? def.default ?? false });
    return { control: box, read: () => box.checked };
  }
  const options = optionsFor(def, refs);
  if (options && options.length && !def.list) {
    const select = h("select", { id, name: path },
      h("option", { value: "" }, def.required ? "请选择" : "（不填）"),
      options.map(([value, text]) => h("option", { value }, text)));
    select.value = initial ?? "";
    return { control: select, read: () => (select.value === "" ? (def.required ? "" : undefined) : select.value) };
  }
  let control;
  if (def.type === "Int" || def.type === "Fen") {
    control = h("input", { type: "number", id, name: path, step: def.type === "Fen" ? "0.01" : "1", min: "0",
      value: def.type === "Fen" && initial !== "" ? Number(initial) / 100 : initial });
  } else if (def.type === "Date") {
    control = h("input", { type: "date", id, name: path, value: initial });
  } else if (def.type === "DateTime") {
    control = h("input", { type: "datetime-local", id, name: path, step: "60" });
  } else if (def.list || LONG_TEXT.test(def.name)) {
    control = h("textarea", { id, name: path, rows: def.list ? 2 : 3,
      placeholder: def.list ? (def.type === "ID" ? "多人以逗号或空格分隔" : "每行一项") : "" },
      Array.isArray(prefill) ? prefill.join("\n") : initial);
  } else {
    control = h("input", { type: "text", id, name: path, value: initial,
      list: def.type === "ID" || /officer|caseLead|host|replacement/i.test(def.name) ? "officer-ids" : null });
  }
  const read = () => {
    const raw = control.value.trim();
    if (def.list) {
      if (raw === "") return def.required && def.default === undefined ? [] : undefined;
      const items = raw.split(def.type === "ID" ? SPLIT_IDS : SPLIT_LINES).map((s) => s.trim()).filter(Boolean);
      return def.type === "Int" ? items.map(Number) : items;
    }
    if (raw === "") return def.required && def.type === "String" ? "" : undefined;
    if (def.type === "Int") return Number.parseInt(raw, 10);
    if (def.type === "Fen") return Math.round(Number.parseFloat(raw) * 100);
    if (def.type === "DateTime") return `${raw.length === 16 ? `${raw}:00` : raw}+08:00`;
    if (def.type === "JSON") return JSON.parse(raw);
    return raw;
  };
  return { control, read };
}

function enumInput(def, path, catalog, prefill) {
  const values = catalog.enums[def.type].values;
  const id = `f-${path.replaceAll(".", "-")}`;
  if (def.list) {
    const chosen = new Set(prefill ?? def.default ?? []);
    const boxes = values.map((v) => h("input", { type: "checkbox", name: path, value: v, checked: chosen.has(v) }));
    const control = h("div", { class: "choices", id }, values.map((v, i) => h("label", { class: "choice" },
      boxes[i], enumLabel(def.type, v))));
    return { control, read: () => boxes.filter((b) => b.checked).map((b) => b.value) };
  }
  const select = h("select", { id, name: path },
    def.required && def.default === undefined ? h("option", { value: "" }, "请选择") : null,
    !def.required ? h("option", { value: "" }, "（不填）") : null,
    values.map((v) => h("option", { value: v }, ENUM[def.type] ? `${enumLabel(def.type, v)}` : v)));
  select.value = prefill ?? def.default ?? "";
  return { control: select, read: () => (select.value === "" ? undefined : select.value) };
}

function objectFields(typeName, path, catalog, refs, prefill = {}, skip = new Set()) {
  const type = catalog.inputs[typeName];
  const parts = type.fields.filter((f) => !skip.has(f.name))
    .map((f) => [f.name, field(f, path ? `${path}.${f.name}` : f.name, catalog, refs, prefill[f.name])]);
  return {
    els: parts.map(([, part]) => part.el),
    read: () => {
      const value = {};
      for (const [name, part] of parts) {
        const v = part.read();
        if (v !== undefined) value[name] = v;
      }
      return value;
    },
  };
}

function field(def, path, catalog, refs, prefill) {
  let part;
  if (catalog.inputs[def.type] && def.list) part = repeated(def, path, catalog, refs);
  else if (catalog.inputs[def.type]) part = nested(def, path, catalog, refs, prefill);
  else if (catalog.enums[def.type]) part = enumInput(def, path, catalog, prefill);
  else part = scalarInput(def, path, refs, prefill);
  const el = h("div", { class: `field ${def.required && def.default === undefined ? "required" : ""}`,
    dataset: { field: path } },
    h("label", { for: `f-${path.replaceAll(".", "-")}` }, fieldLabel(def)),
    part.control, h("div", { class: "field-error", role: "alert" }));
  return { el, read: part.read };
}

function nested(def, path, catalog, refs, prefill) {
  const inner = objectFields(def.type, path, catalog, refs, prefill ?? {});
  const body = h("div", { class: "nested-body" }, inner.els);
  if (def.required) return { control: h("fieldset", { class: "nested" }, body), read: inner.read };
  const toggle = h("input", { type: "checkbox", name: `${path}.__present`, checked: Boolean(prefill),
    onchange: () => { body.hidden = !toggle.checked; } });
  body.hidden = !toggle.checked;
  return {
    control: h("fieldset", { class: "nested" }, h("label", { class: "choice" }, toggle, "填写此项"), body),
    read: () => (toggle.checked ? inner.read() : undefined),
  };
}

function repeated(def, path, catalog, refs) {
  const items = [];
  const list = h("div", { class: "repeated" });
  const add = () => {
    const index = items.length;
    const inner = objectFields(def.type, `${path}.${index}`, catalog, refs);
    const entry = { inner, el: h("fieldset", { class: "nested", dataset: { item: String(index) } }, inner.els) };
    entry.el.append(h("button", { type: "button", class: "link", onclick: () => {
      entry.el.remove(); items.splice(items.indexOf(entry), 1);
    } }, "删除此项"));
    items.push(entry);
    list.append(entry.el);
  };
  const control = h("div", {}, list, h("button", { type: "button", class: "secondary add-item", onclick: add },
    `＋ 添加${FIELD[def.name] ?? ""}`));
  return { control, read: () => items.map((e) => e.inner.read()) };
}

function problemText(problem) {
  const extra = [problem.rule && `规则 ${problem.rule}`, problem.article && `依据 ${problem.article}`,
    problem.requiredRoles && `所需角色 ${problem.requiredRoles.join("、")}`].filter(Boolean).join(" · ");
  return extra ? `${problem.message}（${extra}）` : problem.message;
}

// The wrapper of the field a problem names: `occurred_at`, `proposal.fine_amount_fen`, `actors` (= coActors).
function fieldFor(form, name) {
  if (!name) return null;
  const path = name.split(".").map(camel).join(".");
  const candidates = [path, path === "actors" ? "coActors" : null, path.split(".").pop()].filter(Boolean);
  for (const candidate of candidates) {
    const found = form.querySelector(`[data-field="${candidate}"]`) ?? form.querySelector(`[data-field$=".${candidate}"]`);
    if (found) return found;
  }
  return null;
}

// A form for `mutation`; `fixed` are the values the page supplies (caseId), shown read-only.
export function stepForm(catalog, refs, mutation, { fixed = {}, prefill = {}, onDone, submitText } = {}) {
  const step = catalog.steps.find((s) => s.mutation === mutation);
  const skip = new Set(["requestId", ...Object.keys(fixed)]);
  const body = objectFields(step.input, "", catalog, refs, prefill, skip);
  const requestId = crypto.randomUUID();
  const summary = h("div", { class: "form-error", role: "alert", hidden: true });
  const result = h("div", { class: "step-result", hidden: true });
  const button = h("button", { type: "submit", class: "primary" }, submitText ?? `提交：${stepLabel(step.command)}`);
  const form = h("form", { class: "step-form", dataset: { mutation } },
    h("h3", {}, stepLabel(step.command), h("span", { class: "muted" }, ` · ${mutation} · ${label(ROLE, step.role)}`)),
    Object.entries(fixed).map(([name, value]) => h("div", { class: "field fixed", dataset: { field: name } },
      h("label", {}, FIELD[name] ?? name), h("output", {}, value))),
    body.els, summary, h("div", { class: "actions" }, button), result);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const el of form.querySelectorAll(".field-error")) el.textContent = "";
    for (const el of form.querySelectorAll(".field.invalid")) el.classList.remove("invalid");
    summary.hidden = true;
    result.hidden = true;
    let input;
    try {
      input = { requestId, ...fixed, ...body.read() };
    } catch (error) {
      summary.textContent = `输入有误：${error.message}`;
      summary.hidden = false;
      return;
    }
    button.disabled = true;
    const document = `mutation Step($i: ${step.input}!) { ${mutation}(input: $i) { ${OUTCOME} } }`;
    const { data, errors } = await gql(document, { i: input });
    button.disabled = false;
    if (errors) {
      summary.textContent = errors.map((e) => e.message).join("；");
      summary.hidden = false;
      return;
    }
    const outcome = data[mutation];
    if (outcome.__typename === "Case") {
      result.className = "step-result ok";
      result.textContent = `已提交：${stepLabel(step.command)}`;
      result.hidden = false;
      if (onDone) onDone(outcome);
      return;
    }
    const text = `${outcome.code}：${problemText(outcome)}`;
    const target = fieldFor(form, outcome.field);
    if (target) {
      target.classList.add("invalid");
      target.querySelector(".field-error").textContent = text;
    }
    summary.textContent = target ? `未提交（见标注的字段）：${text}` : `未提交：${text}`;
    summary.hidden = false;
    summary.dataset.code = outcome.code;
  });
  return form;
}

export function officerDatalist(refs) {
  return h("datalist", { id: "officer-ids" }, refs.officers.map((o) => h("option", { value: o.officerId },
    `${o.name}（${o.town}）`)));
}
