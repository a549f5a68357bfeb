"""The general procedure (一般程序) case as a pure decider: lead → filing → investigation → report → legal review →
prior notice → statement and hearing → collective discussion → decision → service → payment → closure → archive,
plus withdrawal, criminal transfer, and reconsideration/litigation outcomes recorded against a decided case.

Entry points: `domain.cases.decider.GeneralCaseDecider`, `domain.cases.commands`, `domain.cases.events.EVENTS`,
`domain.cases.context.stream_context`, `domain.cases.tasks.next_steps`.
"""
