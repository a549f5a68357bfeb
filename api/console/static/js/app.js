// The console's shell: sign-in state, navigation and a hash router (#/tasks, #/case/ID, …). Every page renders
// what zhifa's GraphQL API returns for the signed-in caller; the console decides nothing itself.
import { gql, session, stepCatalog } from "./api.js";
import { h } from "./dom.js";
import { ROLE } from "./labels.js";
import { adminPage } from "./pages/admin.js";
import { auditPage } from "./pages/audit.js";
import { casePage } from "./pages/case.js";
import { dashboardPage } from "./pages/dashboard.js";
import { inspectPage } from "./pages/inspect.js";
import { newStepPage } from "./pages/new.js";
import { reportPage } from "./pages/report.js";
import { reviewPage, reviewsPage } from "./pages/review.js";
import { searchPage } from "./pages/search.js";
import { signInPage } from "./pages/signin.js";
import { tasksPage } from "./pages/tasks.js";

const NAV = [
  ["#/tasks", "我的待办"], ["#/inspect", "巡查登记"], ["#/new/registerLead", "登记线索"], ["#/reviews", "法制审核"],
  ["#/dashboard", "监督看板"], ["#/search", "案件查询"], ["#/audit", "审计追溯"], ["#/report", "年度报告"],
  ["#/admin", "基础数据"],
];
const REFS = `{ me { officerId roles towns }
  towns { code name district units { code name } }
  officers { officerId name town roles }
  violationTypes { code name }
  enforcementItems { code name } }`;

const ROUTES = [
  [/^#\/tasks$/, tasksPage], [/^#\/case\/(.+)$/, casePage], [/^#\/reviews$/, reviewsPage],
  [/^#\/review\/(.+)$/, reviewPage], [/^#\/dashboard$/, dashboardPage], [/^#\/search$/, searchPage],
  [/^#\/audit(?:\/(.+))?$/, auditPage], [/^#\/report$/, reportPage], [/^#\/inspect$/, inspectPage],
  [/^#\/new\/(.+)$/, newStepPage], [/^#\/admin$/, adminPage],
];

let context = null;
let renders = 0;

function flash(text, kind = "ok") {
  const el = document.getElementById("flash");
  el.textContent = text;
  el.className = text ? kind : "";
  el.hidden = !text;
}

function acceptTokenFromUrl() {
  // An identity provider may hand the token back in the fragment: #access_token=… (kept in sessionStorage only).
  const match = location.hash.match(/access_token=([^&]+)/);
  if (match) {
    session.token = decodeURIComponent(match[1]);
    history.replaceState(null, "", `${location.pathname}#/tasks`);
  }
}

async function signedIn() {
  if (context) return context;
  const [catalog, refs] = await Promise.all([stepCatalog(), gql(REFS)]);
  if (refs.unauthenticated || !refs.data) return { error: refs.errors, unauthenticated: refs.unauthenticated };
  context = { catalog, refs: refs.data, me: refs.data.me, flash, refresh: () => render(), next: null,
    go: (hash) => { location.hash = hash; } };
  const self = refs.data.officers.find((o) => o.officerId === context.me.officerId);
  document.getElementById("who").replaceChildren(
    h("span", { class: "me", dataset: { officer: context.me.officerId } },
      `${self?.name ?? context.me.officerId}（${context.me.roles.map((r) => ROLE[r] ?? r).join("、")}）`),
    h("button", { type: "button", class: "link", id: "sign-out", onclick: signOut }, "退出"));
  document.getElementById("nav").replaceChildren(...NAV.map(([href, text]) => h("a", { href }, text)));
  return context;
}

function signOut() {
  session.token = null;
  context = null;
  document.getElementById("who").replaceChildren();
  document.getElementById("nav").replaceChildren();
  location.hash = "#/signin";
}

async function render() {
  const ticket = ++renders;
  const main = document.getElementById("main");
  flash(context?.next ?? "");
  if (context) context.next = null;
  acceptTokenFromUrl();
  const hash = location.hash || "#/tasks";
  if (hash === "#/signin" || !session.token) {
    main.replaceChildren(await signInPage({ onSignedIn: () => { context = null; location.hash = "#/tasks"; } }));
    return;
  }
  const ctx = await signedIn();
  if (ctx.error) {
    if (ctx.unauthenticated) session.token = null;
    main.replaceChildren(h("div", { class: "form-error" }, `登录失效：${ctx.error.map((e) => e.message).join("；")}`),
      h("p", {}, h("a", { href: "#/signin" }, "重新登录")));
    return;
  }
  for (const link of document.querySelectorAll("#nav a")) {
    link.classList.toggle("active", hash.startsWith(link.getAttribute("href")));
  }
  for (const [pattern, page] of ROUTES) {
    const match = hash.match(pattern);
    if (match) {
      main.replaceChildren(h("p", { class: "muted" }, "加载中…"));
      const args = match.slice(1).map((x) => (x === undefined ? undefined : decodeURIComponent(x)));
      const el = await page(ctx, ...args);
      if (ticket === renders) main.replaceChildren(el);
      return;
    }
  }
  location.hash = "#/tasks";
}

window.addEventListener("hashchange", render);
render();
