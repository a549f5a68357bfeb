// Step forms generated from the API's description of a step's input — `Case.nextSteps` / `openingSteps` (with the
// stream's defaults) or, for the steps those do not list, the catalog (/console/steps.json, described the same
// way): one input per field, enums and reference entries as selects with their Chinese labels, nested inputs as
// fieldsets, lists as repeatable groups, each prefilled with the field's default. The API decides: a refusal
// (InvalidTransition, RuleViolation, ValidationError, Forbidden, …) is shown beside the field it names, with its
// rule and article, and nothing else happens.
import { gql } from "./api.js";
import { h } from "./dom.js";
import { FIELD, ROLE, label, stepLabel } from "./labels.js";

const LONG_TEXT = /facts|reasons|summary|opinion|description|statement|findings|grounds|content|siteRecord|rightsNotice|conclusion|reason|requirement|Notice$/;
const SPLIT_IDS = /[\s,，、;；]+/;  // ids hold none of these; texts are one a line
const SPLIT_LINES = /\n+/;
const SCALARS = new Set(["String", "ID", "Int", "Float", "Boolean", "Fen", "Date", "DateTime", "JSON"]);
// Every step input has it, and nextSteps leaves it to the client (like requestId): empty means now.
const OCCURRED_AT = { name: "occurredAt", type: "DateTime", required: false, default: null, choices: [], fields: [] };

export const OUTCOME = `__typename
  ... on Problem { code message }
  ... on InvalidTransition { rule field article }
  ... on RuleViolation { rule field article }
  ... on ValidationError { rule field article }
  ... on Forbidden { requiredRoles }
  ... on Unavailable { dependency retryAfterSeconds }
  ... on Case { id streamId status version proposalHash }`;

// The GraphQL selection of a step as nextSteps and openingSteps give it (three levels of nested input).
const FIELD_SELECTION = "name type required default choices { value label }";
export const STEP_SELECTION = `mutation step role callerMay whyNot fieldAction article inputType
  deadline { clockKey deadlineId dueOn workingDaysLeft }
  input { ${FIELD_SELECTION} fields { ${FIELD_SELECTION} fields { ${FIELD_SELECTION} } } }`;

function camel(snake) {
  return snake.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
}

// "[Sanction!]!" → {named: "Sanction", list: true}
function shape(def) {
  const named = def.type.replace(/[[\]!]/g, "");
  return { named, list: def.type.startsWith("["), kind: def.fields?.length ? "object" : SCALARS.has(named) ? "scalar" : "enum" };
}

function hasValue(value) {
  return value !== undefined && value !== null && !(Array.isArray(value) && !value.length);
}

function controlId(path) {
  return `f-${path.replaceAll(".", "-")}`;
}

function fieldLabel(def) {
  const text = FIELD[def.name] ?? def.name;
  return shape(def).named === "Fen" ? `${text}（元）` : text;
}

// Each builder returns {control, read}: read() gives the value to send, or undefined to leave the field out.
function selectInput(def, path, initial) {
  const select = h("select", { id: controlId(path), name: path },
    h("option", { value: "" }, def.required ? "请选择" : "（不填）"),
    def.choices.map((c) => h("option", { value: c.value }, c.label ?? c.value)));
  select.value = initial ?? "";
  return { control: select, read: () => (select.value === "" ? (def.required ? "" : undefined) : select.value) };
}

function checkboxes(def, path, initial) {
  const chosen = new Set(initial ?? []);
  const boxes = def.choices.map((c) => h("input", { type: "checkbox", name: path, value: c.value, checked: chosen.has(c.value) }));
  const control = h("div", { class: "choices", id: controlId(path) }, def.choices.map((c, i) => h("label", { class: "choice" },
    boxes[i], c.label ?? c.value)));
  return { control, read: () => boxes.filter((b) => b.checked).map((b) => b.value) };
}

function textControl(def, path, named, list, initial) {
  const id = controlId(path);
  if (named === "Int" || named === "Fen" || named === "Float") {
    return h("input", { type: "number", id, name: path, step: named === "Int" ? "1" : "0.01", min: "0",
      value: named === "Fen" && initial !== "" ? Number(initial) / 100 : initial });
  }
  if (named === "Date") return h("input", { type: "date", id, name: path, value: initial });
  if (named === "DateTime") return h("input", { type: "datetime-local", id, name: path, step: "60" });
  if (list && named === "ID") {
    // Ids as text with the offered ones suggested: the API, not the form, says who may act.
    return h("input", { type: "text", id, name: path, value: initial, placeholder: "多人以逗号或空格分隔",
      list: def.choices.length ? `${id}-choices` : "officer-ids" });
  }
  if (list || LONG_TEXT.test(def.name)) {
    return h("textarea", { id, name: path, rows: list ? 2 : 3, placeholder: list ? "每行一项" : "" }, initial);
  }
  return h("input", { type: "text", id, name: path, value: initial,
    list: named === "ID" || /officer|caseLead|host|replacement/i.test(def.name) ? "officer-ids" : null });
}

function readText(raw, def, named, list) {
  if (list) {
    if (raw === "") return def.required ? [] : undefined;
    const items = raw.split(named === "ID" ? SPLIT_IDS : SPLIT_LINES).map((s) => s.trim()).filter(Boolean);
    return named === "Int" ? items.map(Number) : items;
  }
  if (raw === "") return def.required && named === "String" ? "" : undefined;
  if (named === "Int") return Number.parseInt(raw, 10);
  if (named === "Float") return Number.parseFloat(raw);
  if (named === "Fen") return Math.round(Number.parseFloat(raw) * 100);
  if (named === "DateTime") return `${raw.length === 16 ? `${raw}:00` : raw}+08:00`;
  if (named === "JSON") return JSON.parse(raw);
  return raw;
}

function scalarInput(def, path, initial) {
  const { named, list } = shape(def);
  if (named === "Boolean") {
    const box = h("input", { type: "checkbox", id: controlId(path), name: path, checked: initial ?? false });
    return { control: box, read: () => box.checked };
  }
  if (def.choices.length && !list) return selectInput(def, path, initial);
  const text = Array.isArray(initial) ? initial.join(named === "ID" ? ", " : "\n") : (initial ?? "");
  const control = textControl(def, path, named, list, text);
  const suggestions = list && named === "ID" && def.choices.length ? h("datalist", { id: `${controlId(path)}-choices` },
    def.choices.map((c) => h("option", { value: c.value }, c.label ?? c.value))) : null;
  return { control: suggestions ? h("span", {}, control, suggestions) : control,
    read: () => readText(control.value.trim(), def, named, list) };
}

function enumInput(def, path, initial) {
  return shape(def).list ? checkboxes(def, path, initial) : selectInput(def, path, initial);
}

function objectFields(fields, path, prefill = {}, skip = new Set()) {
  const parts = fields.filter((f) => !skip.has(f.name))
    .map((f) => [f.name, field(f, path ? `${path}.${f.name}` : f.name, prefill[f.name])]);
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

function field(def, path, prefill) {
  const initial = prefill !== undefined ? prefill : def.default;
  const { kind, list } = shape(def);
  let part;
  if (kind === "object") part = list ? repeated(def, path, initial) : nested(def, path, initial);
  else if (kind === "enum") part = enumInput(def, path, initial);
  else part = scalarInput(def, path, initial);
  const el = h("div", { class: `field ${def.required ? "required" : ""}`, dataset: { field: path } },
    h("label", { for: controlId(path) }, fieldLabel(def)),
    part.control, h("div", { class: "field-error", role: "alert" }));
  return { el, read: part.read };
}

function nested(def, path, initial) {
  const inner = objectFields(def.fields, path, initial ?? {});
  const body = h("div", { class: "nested-body" }, inner.els);
  if (def.required) return { control: h("fieldset", { class: "nested" }, body), read: inner.read };
  const toggle = h("input", { type: "checkbox", name: `${path}.__present`, checked: hasValue(initial),
    onchange: () => { body.hidden = !toggle.checked; } });
  body.hidden = !toggle.checked;
  return {
    control: h("fieldset", { class: "nested" }, h("label", { class: "choice" }, toggle, "填写此项"), body),
    read: () => (toggle.checked ? inner.read() : undefined),
  };
}

function repeated(def, path, initial) {
  const items = [];
  const list = h("div", { class: "repeated" });
  let next = 0;
  const add = (prefill) => {
    const inner = objectFields(def.fields, `${path}.${next}`, prefill ?? {});
    const entry = { inner, el: h("fieldset", { class: "nested", dataset: { item: String(next) } }, inner.els) };
    next += 1;
    entry.el.append(h("button", { type: "button", class: "link", onclick: () => {
      entry.el.remove(); items.splice(items.indexOf(entry), 1);
    } }, "删除此项"));
    items.push(entry);
    list.append(entry.el);
  };
  for (const item of Array.isArray(initial) ? initial : []) add(item);
  const control = h("div", {}, list, h("button", { type: "button", class: "secondary add-item", onclick: () => add() },
    `＋ 添加${FIELD[def.name] ?? ""}`));
  return { control, read: () => (items.length || def.required ? items.map((e) => e.inner.read()) : undefined) };
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

function clearProblems(form) {
  for (const el of form.querySelectorAll(".field-error")) el.textContent = "";
  for (const el of form.querySelectorAll(".field.invalid")) el.classList.remove("invalid");
}

function showProblem(form, summary, outcome) {
  const text = `${outcome.code}：${problemText(outcome)}`;
  const target = fieldFor(form, outcome.field);
  if (target) {
    target.classList.add("invalid");
    target.querySelector(".field-error").textContent = text;
  }
  summary.textContent = target ? `未提交（见标注的字段）：${text}` : `未提交：${text}`;
  summary.hidden = false;
  summary.dataset.code = outcome.code;
}

function fixedFields(fixed) {
  return Object.entries(fixed).map(([name, value]) => h("div", { class: "field fixed", dataset: { field: name } },
    h("label", {}, FIELD[name] ?? name), h("output", {}, value)));
}

// A form for `step` ({mutation, step, role, inputType, input} as nextSteps gives it); `fixed` are the values the
// page supplies (caseId), shown read-only; `prefill` overrides the step's defaults.
export function stepForm(step, { fixed = {}, prefill = {}, onDone, submitText } = {}) {
  const skip = new Set(["requestId", ...Object.keys(fixed)]);
  const body = objectFields([...step.input, OCCURRED_AT], "", prefill, skip);
  const requestId = crypto.randomUUID();
  const summary = h("div", { class: "form-error", role: "alert", hidden: true });
  const result = h("div", { class: "step-result", hidden: true });
  const button = h("button", { type: "submit", class: "primary" }, submitText ?? `提交：${stepLabel(step.step)}`);
  const form = h("form", { class: "step-form", dataset: { mutation: step.mutation } },
    h("h3", {}, stepLabel(step.step), h("span", { class: "muted" }, ` · ${step.mutation} · ${label(ROLE, step.role)}`)),
    fixedFields(fixed), body.els, summary, h("div", { class: "actions" }, button), result);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearProblems(form);
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
    const document = `mutation Step($i: ${step.inputType}!) { ${step.mutation}(input: $i) { ${OUTCOME} } }`;
    const { data, errors } = await gql(document, { i: input });
    button.disabled = false;
    if (errors) {
      summary.textContent = errors.map((e) => e.message).join("；");
      summary.hidden = false;
      return;
    }
    const outcome = data[step.mutation];
    if (outcome.__typename !== "Case") return showProblem(form, summary, outcome);
    result.className = "step-result ok";
    result.textContent = `已提交：${stepLabel(step.step)}`;
    result.hidden = false;
    if (onDone) onDone(outcome);
    return undefined;
  });
  return form;
}

export function officerDatalist(refs) {
  return h("datalist", { id: "officer-ids" }, refs.officers.map((o) => h("option", { value: o.officerId },
    `${o.name}（${o.town}）`)));
}
