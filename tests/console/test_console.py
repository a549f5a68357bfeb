"""Acceptance of the web console in a real browser (Debian's chromium through Playwright) on the real stack.

1. An officer, a case lead, a legal reviewer and a principal of 张家窝镇, each signed in as themselves, take a
   straw-burning case from the lead to its archive through the console's generated forms alone; a step the law
   refuses shows the API's message, rule and article beside the field and changes nothing.
2. The district supervisor sees the case in the dashboard and its timeline; an officer of 大寺镇 does not, on the
   pages nor by the case's direct URL.
3. An inspection with no finding is entered in one submit and appears in the supervisor's figures.
Screenshots of the main pages go to var/screenshots (or $ZHIFA_ARTIFACTS_DIR/screenshots)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from playwright.async_api import expect

from tests.api.client import GraphQLClient, token_for
from tests.api.general_case import (
    CLOSED_CASE_EVENTS,
    EVIDENCE_FILES,
    EVIDENCE_HASHES,
    LEAD,
    OFFICER,
    PRINCIPAL,
    REVIEWER,
    drive_to_closure,
    register_lead,
    steps_to_closure,
    upload_evidence,
)
from tests.console.conftest import Console
from tests.console.forms import fill, step_input
from tests.e2e.straw_burning import scenario_base

pytestmark = [pytest.mark.temporal, pytest.mark.timeout(240)]

LEAD_INPUT = {"town": "zhangjiawo", "unit": "zhangjiawo-bureau", "source": "INSPECTION",
              "violationType": "OPEN_STRAW_BURNING",
              "party": {"name": "赵某某", "partyType": "CITIZEN", "idNumber": "120111196805123456"},
              "place": "张家窝镇某村东侧农田", "summary": "当事人在农田内露天焚烧秸秆"}
READ = "query($id: ID!) { case(id: $id) { ... on Case { status timeline { type actor } } } }"


async def catalog_of(console: Console) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=console.base_url) as http:
        response = await http.get("/console/steps.json")
        assert response.status_code == 200
        catalog: dict[str, Any] = response.json()
        return catalog


async def submit(page: Any) -> None:
    await page.locator("form.step-form button[type=submit]").click()


async def open_case(console: Console, page: Any, case_id: str, visit: int, route: str = "case") -> None:
    """A fresh load of the case's page (a distinct URL each visit, so nothing of the last step remains)."""
    await page.goto(f"{console.base_url}/console/?visit={visit}#/{route}/{case_id}")
    await page.locator(f'[data-case="{case_id}"]').first.wait_for()


async def choose_step(page: Any, mutation: str) -> Any:
    """The step as the case offers it (nextSteps) when it is one the caller may take, else from the other steps."""
    offered = page.locator(f'.next-step-button[data-mutation="{mutation}"]:enabled')
    if await offered.count():
        await offered.click()
    else:
        await page.locator("#step-picker").select_option(mutation)
    form = page.locator(f'form.step-form[data-mutation="{mutation}"]')
    await form.wait_for()
    return form


async def upload(page: Any, name: str, content: bytes, mime_type: str) -> None:
    await page.locator("#evidence-file").set_input_files({"name": name, "mimeType": mime_type, "buffer": content})
    await page.locator("#evidence-upload-button").click()


async def upload_and_record(page: Any) -> Any:
    """The case's scans uploaded on its page (the inquiry's and the site record's too, cited later by hash); the
    photo's recordEvidence form opened from its uploaded row, holding the server's hash."""
    for name, content in EVIDENCE_FILES.items():
        await upload(page, f"{name}.pdf", content, "application/pdf")
        await expect(page.locator(f'tr.evidence-file[data-sha256="{EVIDENCE_HASHES[name]}"]')).to_be_visible()
    await page.locator(f'tr.evidence-file[data-sha256="{EVIDENCE_HASHES["photo"]}"] .record-evidence').click()
    form = page.locator('form.step-form[data-mutation="recordEvidence"]')
    await expect(form.locator('[name="evidenceHash"]')).to_have_value(EVIDENCE_HASHES["photo"])
    return form


async def uploads_survive_a_reload(console: Console, page: Any, case_id: str, visit: int) -> None:
    """A fresh load lists every file uploaded for the case (from the server): the photo a step cites says so, the
    scans still wait to be cited."""
    await open_case(console, page, case_id, 1000 + visit)
    for name, digest in EVIDENCE_HASHES.items():
        row = page.locator(f'tr.evidence-file[data-sha256="{digest}"]')
        await expect(row).to_be_visible()
        await expect(row.locator(".recorded" if name == "photo" else ".record-evidence")).to_be_visible()


async def test_four_officers_take_a_case_from_lead_to_archive_through_the_console(console: Console) -> None:
    catalog = await catalog_of(console)
    pages = {who: await console.page_for(who) for who in (OFFICER, LEAD, REVIEWER, PRINCIPAL)}
    base = scenario_base(datetime.now(UTC))

    officer = pages[OFFICER]
    await officer.goto(f"{console.base_url}/console/#/new/registerLead")
    form = officer.locator('form.step-form[data-mutation="registerLead"]')
    await console.shot(officer, "new-lead")
    await fill(form, step_input(catalog, "registerLead"),
               {**LEAD_INPUT, "occurredAt": base.isoformat(), "discoveredAt": base.isoformat()})
    await submit(officer)
    await expect(officer.locator("#flash.ok")).to_contain_text("已提交")
    case_id = await officer.locator(".case[data-case]").get_attribute("data-case")
    assert case_id and case_id.startswith("case:zhangjiawo:")
    await expect(officer.locator(".case")).to_have_attribute("data-status", "LEAD_REGISTERED")
    # What the case waits for, from nextSteps: the officer's own step with its clock, the principal's greyed.
    await expect(officer.locator('.next-step[data-mutation="startVerification"] .step-deadline')).to_contain_text(
        "个工作日")
    file_case = officer.locator('.next-step[data-mutation="fileCase"]')
    await expect(file_case.locator("button")).to_be_disabled()
    await expect(file_case).to_contain_text("需由负责人办理")
    await console.shot(officer, "case-lead-registered")

    # Refused by the law (APL 42: an auxiliary is no enforcement officer): the message, rule and article beside
    # the field, and the case unchanged.
    lead = pages[LEAD]
    await open_case(console, lead, case_id, 0)
    events_before = await lead.locator("#timeline tbody tr").count()
    form = await choose_step(lead, "startVerification")
    await fill(form, step_input(catalog, "startVerification"), {"coActors": ["zjw-aux-1"], "findings": "现场核实"})
    await submit(lead)
    error = form.locator('[data-field="coActors"] .field-error')
    await expect(error).to_contain_text("APL 42")
    await expect(error).to_contain_text("规则")
    await expect(form.locator(".form-error")).to_contain_text("未提交")
    await console.shot(lead, "step-refused")
    await open_case(console, lead, case_id, 1)
    assert await lead.locator("#timeline tbody tr").count() == events_before
    await expect(lead.locator(".case")).to_have_attribute("data-status", "LEAD_REGISTERED")

    steps = [*steps_to_closure(base), (LEAD, "archiveCase", {"archiveNo": "档〔2026〕88号"})]
    for visit, (who, mutation, data) in enumerate(steps, start=2):
        page = pages[who]
        if mutation == "completeLegalReview":
            await page.goto(f"{console.base_url}/console/?visit={visit}#/reviews")
            queue_row = page.locator(f'tr[data-case="{case_id}"]').first
            await queue_row.wait_for()
            await console.shot(page, "review-queue")
            await queue_row.locator(".review-link").click()
            await page.locator(f'.review[data-case="{case_id}"]').wait_for()
            await expect(page.locator("#proposal")).to_contain_text("HB-STRAW-BURNING-2")
            await expect(page.locator("#evidence tbody tr")).to_have_count(3)
            form = page.locator('form.step-form[data-mutation="completeLegalReview"]')
            data = {k: v for k, v in data.items() if k != "proposalHash"}  # the form holds the case's hash
            await console.shot(page, "review")
        else:
            await open_case(console, page, case_id, visit)
            if mutation == "recordEvidence":
                form = await upload_and_record(page)
            else:
                form = await choose_step(page, mutation)
        await fill(form, step_input(catalog, mutation), data)
        await submit(page)
        flash = page.locator("#flash.ok:not([hidden])")
        failure = form.locator(".form-error:not([hidden])")
        await expect(flash.or_(failure)).to_be_visible()
        assert await flash.count(), (mutation, await failure.text_content())
        if mutation in ("submitInvestigationReport", "makeDecision"):
            await console.shot(page, f"case-after-{mutation}")
        if mutation == "recordEvidence":
            await uploads_survive_a_reload(console, page, case_id, visit)

    await expect(page.locator(".case")).to_have_attribute("data-status", "ARCHIVED")
    await console.shot(page, "case-archived")
    api = GraphQLClient(httpx.AsyncClient(base_url=console.base_url, timeout=30))
    try:
        body = await api.run(token_for(PRINCIPAL), READ, {"id": case_id})
    finally:
        await api.http.aclose()
    case = body["data"]["case"]
    assert case["status"] == "ARCHIVED"
    business = [e["type"] for e in case["timeline"] if not e["type"].startswith("Deadline")]
    assert business == [*CLOSED_CASE_EVENTS, "CaseArchived"]
    assert business.count("VerificationStarted") == 1  # the refused attempt left nothing
    actors = {e["type"]: e["actor"] for e in case["timeline"]}
    assert (actors["LeadRegistered"], actors["CaseFiled"], actors["LegalReviewCompleted"]) == (
        OFFICER, PRINCIPAL, REVIEWER)


async def case_closed_over_the_api(console: Console) -> str:
    api = GraphQLClient(httpx.AsyncClient(base_url=console.base_url, timeout=60))
    try:
        base = scenario_base(datetime.now(UTC))
        case_id = str((await register_lead(api, "console-visibility", base))["streamId"])
        await upload_evidence(api.http, case_id)
        assert await drive_to_closure(api, case_id, base, proposal_hash="") == "CLOSED"
        return case_id
    finally:
        await api.http.aclose()


async def test_the_district_supervisor_sees_the_case_and_an_officer_of_another_town_does_not(
    console: Console,
) -> None:
    case_id = await case_closed_over_the_api(console)

    supervisor = await console.page_for("xq-supervisor-1")
    await supervisor.goto(f"{console.base_url}/console/#/dashboard")
    row = supervisor.locator('#cases-by-town tr[data-town="zhangjiawo"]')
    await expect(row.locator('td[data-status="CLOSED"]')).to_have_text("1")
    await expect(supervisor.locator("svg.chart").first).to_be_visible()
    await expect(supervisor.locator("#on-time-rate")).to_be_visible()
    await console.shot(supervisor, "dashboard")

    await open_case(console, supervisor, case_id, 1)
    await expect(supervisor.locator('#timeline tr[data-type="CaseFiled"]')).to_be_visible()
    await expect(supervisor.locator('#timeline tr[data-type="CaseClosed"]')).to_be_visible()
    await console.shot(supervisor, "case-supervisor")

    await supervisor.goto(f"{console.base_url}/console/#/audit/{case_id}")
    await expect(supervisor.locator("#chain-status")).to_have_attribute("data-intact", "true")
    await console.shot(supervisor, "audit")

    await supervisor.goto(f"{console.base_url}/console/#/search")
    await supervisor.locator("#q-statuses").select_option(["CLOSED"])
    await supervisor.locator("#search button[type=submit]").click()
    await expect(supervisor.locator(f'#search-results tr[data-case="{case_id}"]')).to_be_visible()
    await console.shot(supervisor, "search")

    await supervisor.goto(f"{console.base_url}/console/#/report")
    await supervisor.locator("#r-town").select_option("zhangjiawo")
    await supervisor.locator("#preview").click()
    await expect(supervisor.locator("#report-meta")).to_be_visible()
    await console.shot(supervisor, "report")

    other = await console.page_for("ds-officer-1")
    await other.goto(f"{console.base_url}/console/#/dashboard")
    await other.locator(".dashboard").wait_for()
    await expect(other.locator('#cases-by-town tr[data-town="zhangjiawo"]')).to_have_count(0)
    await other.goto(f"{console.base_url}/console/#/search")
    await other.locator("#result-count").wait_for()
    await expect(other.locator(f'tr[data-case="{case_id}"]')).to_have_count(0)
    await other.goto(f"{console.base_url}/console/?direct=1#/case/{case_id}")
    await expect(other.locator(".not-found")).to_contain_text("NOT_FOUND")
    await expect(other.locator("#timeline")).to_have_count(0)
    await console.shot(other, "other-town-not-found")


async def test_an_inspection_without_finding_is_one_submit_and_counts_in_the_supervisors_figures(
    console: Console,
) -> None:
    supervisor = await console.page_for("xq-supervisor-1")
    figure = supervisor.locator('table.figures[data-scope="zhangjiawo"] tr[data-metric="inspections_recorded"]')
    await supervisor.goto(f"{console.base_url}/console/#/dashboard")
    before = int(await figure.get_attribute("data-value") or "0")

    officer = await console.page_for(OFFICER)
    await officer.goto(f"{console.base_url}/console/#/inspect")
    await officer.locator("#i-place").fill("张家窝镇某村东侧农田")
    await officer.locator('input[name="item"]').first.check()
    await officer.locator('input[name="coActor"][value="zjw-officer-2"]').check()
    await console.shot(officer, "inspection")
    await officer.locator("#no-finding").click()
    await expect(officer.locator("#inspection-recorded")).to_contain_text("inspection:zhangjiawo:")

    await supervisor.goto(f"{console.base_url}/console/?again=1#/dashboard")
    await expect(figure).to_have_attribute("data-value", str(before + 1))
    await expect(figure.locator(".value")).to_have_text(str(before + 1))
