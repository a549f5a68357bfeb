// Sign-in: in development pick a demo officer (the API mints the token as `zhifa token` does); otherwise paste
// the identity provider's bearer token. The token is kept in this tab's sessionStorage only.
import { getJson, session } from "../api.js";
import { h, section } from "../dom.js";
import { ROLE } from "../labels.js";

export async function signInPage({ onSignedIn }) {
  const config = (await getJson("/console/config.json")).body;
  const error = h("div", { class: "form-error", role: "alert", hidden: true });
  const fail = (text) => { error.textContent = text; error.hidden = false; };
  const parts = [];
  if (config.development) {
    const { body } = await getJson("/console/dev-officers");
    const pick = async (officerId) => {
      const { ok, body: minted } = await getJson("/console/dev-token", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ officerId }) });
      if (!ok) return fail(minted.error ?? "无法签发令牌");
      session.token = minted.token;
      onSignedIn();
    };
    parts.push(section("开发环境：选择演示人员登录",
      h("p", { class: "muted" }, "仅在 ZHIFA_ENV=development 时提供；令牌与 zhifa token 签发的相同。"),
      h("div", { class: "officer-grid" }, (body.officers ?? []).map((o) => h("button", {
        type: "button", class: "officer", dataset: { officer: o.officerId }, onclick: () => pick(o.officerId) },
      h("strong", {}, o.name), h("span", {}, o.officerId), h("span", { class: "muted" },
        `${o.town} · ${o.roles.map((r) => ROLE[r] ?? r).join("、")}`))))));
  }
  const tokenBox = h("textarea", { id: "token", rows: 4, placeholder: "Bearer 令牌（JWT）" });
  parts.push(section("使用身份认证令牌登录",
    h("form", { id: "token-form", onsubmit: (event) => {
      event.preventDefault();
      const token = tokenBox.value.trim().replace(/^Bearer\s+/i, "");
      if (!token) return fail("请粘贴令牌");
      session.token = token;
      onSignedIn();
    } }, h("div", { class: "field" }, h("label", { for: "token" }, "身份认证服务签发的令牌"), tokenBox),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "登录")))));
  return h("div", { class: "signin" }, h("h1", {}, "登录"), error, ...parts);
}
