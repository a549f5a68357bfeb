// A step that opens a stream (登记线索, 巡查, 责令改正, 违法建设, 当场处罚 …): its generated form; on success, the case.
import { h, section } from "../dom.js";
import { stepLabel } from "../labels.js";
import { officerDatalist, stepForm } from "../forms.js";

export async function newStepPage(ctx, mutation) {
  const opening = ctx.catalog.steps.filter((s) => s.opens);
  const step = opening.find((s) => s.mutation === mutation) ?? opening[0];
  const choose = h("nav", { class: "subnav" }, opening.map((s) => h("a", { href: `#/new/${s.mutation}`,
    class: s.mutation === step.mutation ? "active" : "" }, stepLabel(s.command))));
  const town = ctx.me.towns[0];
  const form = stepForm(ctx.catalog, ctx.refs, step.mutation, {
    prefill: { town, unit: ctx.refs.towns.find((t) => t.code === town)?.units[0]?.code },
    onDone: (opened) => {
      ctx.next = `已提交：${stepLabel(step.command)}`;
      location.hash = `#/case/${encodeURIComponent(opened.streamId)}`;
    } });
  return h("div", {}, h("h1", {}, "新建"), choose, officerDatalist(ctx.refs), section(stepLabel(step.command), form));
}
