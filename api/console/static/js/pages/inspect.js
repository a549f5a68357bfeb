// 巡查登记 in a few taps: place, items checked, and — when nothing is found — one submit (recordInspection with no
// findings). With a finding, the full generated form takes over.
import { gql } from "../api.js";
import { h, section } from "../dom.js";
import { ENUM } from "../labels.js";
import { OUTCOME } from "../forms.js";
import { apiErrors } from "./common.js";

const RECORD = `mutation Inspect($i: RecordInspectionInput!) { recordInspection(input: $i) { ${OUTCOME} } }`;

export async function inspectPage(ctx) {
  const towns = ctx.refs.towns;
  const town = h("select", { id: "i-town", onchange: () => { fillUnits(); fillColleagues(); } }, towns.map((t) => h("option", { value: t.code }, t.name)));
  const unit = h("select", { id: "i-unit" });
  const fillUnits = () => {
    const chosen = towns.find((t) => t.code === town.value);
    unit.replaceChildren(...(chosen?.units ?? []).map((u) => h("option", { value: u.code }, u.name)));
  };
  const colleagues = h("div", { class: "choices", id: "i-co-actors" });
  const fillColleagues = () => colleagues.replaceChildren(...ctx.refs.officers
    .filter((o) => o.town === town.value && o.officerId !== ctx.me.officerId)
    .map((o) => h("label", { class: "choice" }, h("input", { type: "checkbox", name: "coActor", value: o.officerId }),
      `${o.name}（${o.officerId}）`)));
  fillUnits();
  fillColleagues();
  const place = h("input", { type: "text", id: "i-place", placeholder: "如：张家窝镇某村东侧农田" });
  const items = ctx.refs.enforcementItems.map((i) => h("input", { type: "checkbox", name: "item", value: i.code }));
  const trigger = h("select", { id: "i-trigger" }, Object.entries(ENUM.InspectionTrigger).map(([v, t]) =>
    h("option", { value: v }, t)));
  const certificates = h("input", { type: "checkbox", id: "i-certificates", checked: true });
  const record = h("input", { type: "text", id: "i-site-record", placeholder: "现场情况（可选）" });
  const out = h("div", { id: "inspect-out" });
  const submit = async () => {
    const input = { requestId: crypto.randomUUID(), town: town.value, unit: unit.value, place: place.value.trim(),
      itemsChecked: items.filter((b) => b.checked).map((b) => b.value), certificatesShown: certificates.checked,
      // Nothing found is itself the finding NO_VIOLATION (the domain requires one).
      trigger: trigger.value, siteRecord: record.value.trim(), findings: [{ kind: "NO_VIOLATION" }],
      coActors: [...colleagues.querySelectorAll("input:checked")].map((b) => b.value) };
    const { data, errors } = await gql(RECORD, { i: input });
    if (errors) return out.replaceChildren(apiErrors(errors));
    const o = data.recordInspection;
    if (o.__typename === "Case") {
      out.replaceChildren(h("div", { class: "step-result ok", id: "inspection-recorded" }, "已登记巡查（未发现问题）：",
        h("a", { href: `#/case/${encodeURIComponent(o.streamId)}` }, o.streamId)));
      place.value = "";
      return null;
    }
    return out.replaceChildren(h("div", { class: "form-error", role: "alert" },
      `${o.code}：${o.message}${o.rule ? `（规则 ${o.rule}${o.article ? ` · 依据 ${o.article}` : ""}）` : ""}`));
  };
  const field = (text, control) => h("div", { class: "field" }, h("label", { for: control.id }, text), control);
  return h("div", { class: "inspect" }, h("h1", {}, "巡查登记"), section("巡查",
    h("form", { id: "inspect-form", onsubmit: (e) => { e.preventDefault(); submit(); } },
      h("div", { class: "grid" }, field("乡镇", town), field("执法单位", unit), field("检查起因", trigger)),
      field("地点", place),
      h("div", { class: "field" }, h("label", {}, "同行执法人员（至少两名执法人员）"), colleagues),
      h("div", { class: "field" }, h("label", {}, "检查事项"), h("div", { class: "choices items" },
        ctx.refs.enforcementItems.map((i, n) => h("label", { class: "choice" }, items[n], i.name)))),
      h("label", { class: "choice" }, certificates, "已出示执法证件"), field("现场记录", record),
      h("div", { class: "actions" }, h("button", { type: "submit", class: "primary big", id: "no-finding" }, "未发现问题，提交"),
        h("a", { href: "#/new/recordInspection", class: "button secondary" }, "有发现：填写完整巡查表"))), out));
}
