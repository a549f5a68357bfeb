// Pieces several pages share: the API's errors, status and deadline badges, a case link.
import { h } from "../dom.js";
import { DEADLINE_STATUS, KIND, PROCEDURE, label, statusLabel } from "../labels.js";

export function apiErrors(errors) {
  if (!errors) return null;
  return h("div", { class: "form-error api-error", role: "alert" }, errors.map((e) => h("div", {}, e.message)));
}

export function problem(outcome) {
  return h("div", { class: "form-error not-found", role: "alert" }, `${outcome.code}：${outcome.message}`);
}

export function statusBadge(status) {
  return h("span", { class: `badge status-${status}` }, statusLabel(status));
}

export function deadlineBadge(status) {
  if (!status) return "—";
  return h("span", { class: `badge deadline-${status}` }, label(DEADLINE_STATUS, status));
}

export function caseLink(c, id) {
  const streamId = c?.streamId ?? id;
  return h("a", { href: `#/case/${encodeURIComponent(streamId)}`, class: "case-link" }, c?.caseNo || streamId);
}

export function kindText(c) {
  return c.kind === "CASE" ? label(PROCEDURE, c.procedure) : label(KIND, c.kind);
}

export function townName(ctx, code) {
  return ctx.refs.towns.find((t) => t.code === code)?.name ?? code;
}

const AGGREGATE = { GENERAL: "GENERAL_CASE", SIMPLE: "SIMPLE_CASE", ILLEGAL_CONSTRUCTION: "CONSTRUCTION_CASE" };

// The aggregate a case's steps and documents are catalogued under.
export function aggregateOf(c) {
  return c.kind === "CASE" ? AGGREGATE[c.procedure] : c.kind;
}
