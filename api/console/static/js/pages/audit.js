// 审计追溯: a stream's hash chain as stored, verified now (auditTrail), with its events and their hashes.
import { gql } from "../api.js";
import { formatDateTime, h, section, table } from "../dom.js";
import { EVENT, label } from "../labels.js";
import { apiErrors, problem } from "./common.js";

const AUDIT = `query Audit($id: ID!) { auditTrail(streamId: $id) { __typename
  ... on NotFound { code message }
  ... on AuditTrail { streamId intact events headHash firstBreak { seq reason }
    timeline { seq type occurredAt recordedAt actor hash } } } }`;

export async function auditPage(ctx, id) {
  const box = h("input", { type: "text", id: "stream-id", value: id ?? "", placeholder: "案件编号，如 case:zhangjiawo:…" });
  const form = h("form", { id: "audit-form", onsubmit: (e) => {
    e.preventDefault();
    location.hash = `#/audit/${encodeURIComponent(box.value.trim())}`;
  } }, h("div", { class: "field inline" }, h("label", { for: "stream-id" }, "案件编号"), box,
    h("button", { type: "submit", class: "primary" }, "核验")));
  const parts = [h("h1", {}, "审计追溯"), section("哈希链核验", form)];
  if (!id) return h("div", {}, ...parts);
  const { data, errors } = await gql(AUDIT, { id });
  parts.push(apiErrors(errors));
  const trail = data?.auditTrail;
  if (trail?.__typename === "NotFound") parts.push(problem(trail));
  if (trail?.__typename === "AuditTrail") {
    parts.push(section("链状态", h("p", { id: "chain-status", class: trail.intact ? "intact" : "broken",
      dataset: { intact: String(trail.intact) } },
    trail.intact ? `哈希链完整：${trail.events} 个事件` : `哈希链断裂：第 ${trail.firstBreak?.seq} 个事件（${trail.firstBreak?.reason}）`),
    h("p", {}, "链头哈希：", h("code", {}, trail.headHash ?? "—")),
    h("p", {}, h("a", { href: `#/case/${encodeURIComponent(trail.streamId)}` }, "查看案件"))),
    section("事件", table(["序号", "事项", "发生", "记录", "执法人员", "哈希"], trail.timeline.map((e) => h("tr", {},
      h("td", {}, e.seq), h("td", {}, label(EVENT, e.type)), h("td", {}, formatDateTime(e.occurredAt)),
      h("td", {}, formatDateTime(e.recordedAt)), h("td", {}, e.actor), h("td", { class: "hash" }, h("code", {}, e.hash)))),
    { id: "audit-events" })));
  }
  return h("div", { class: "audit" }, ...parts);
}
