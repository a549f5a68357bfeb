// A step that opens a stream (登记线索, 巡查, 责令改正, 违法建设, 当场处罚 …): its form from `openingSteps` (with the
// caller's town, unit and colleagues as defaults); on success, the case.
import { gql } from "../api.js";
import { h, section } from "../dom.js";
import { stepLabel } from "../labels.js";
import { STEP_SELECTION, officerDatalist, stepForm } from "../forms.js";
import { apiErrors } from "./common.js";

const OPENING = `{ openingSteps { ${STEP_SELECTION} } }`;

export async function newStepPage(ctx, mutation) {
  const { data, errors } = await gql(OPENING);
  const opening = data?.openingSteps ?? [];
  if (!opening.length) return h("div", {}, h("h1", {}, "新建"), apiErrors(errors));
  const step = opening.find((s) => s.mutation === mutation) ?? opening[0];
  const choose = h("nav", { class: "subnav" }, opening.map((s) => h("a", { href: `#/new/${s.mutation}`,
    class: s.mutation === step.mutation ? "active" : "" }, stepLabel(s.step))));
  const form = stepForm(step, {
    onDone: (opened) => {
      ctx.next = `已提交：${stepLabel(step.step)}`;
      location.hash = `#/case/${encodeURIComponent(opened.streamId)}`;
    } });
  return h("div", {}, h("h1", {}, "新建"), choose, officerDatalist(ctx.refs), section(stepLabel(step.step), form));
}
