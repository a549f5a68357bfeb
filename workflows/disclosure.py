"""The disclosure stream's workflow: the generic stream workflow (steps, clocks D17/D18, follow-ups) plus the
delivery to the supervision platform.

Whenever the state calls for a delivery (DUE: publish; WITHDRAWAL_DUE: withdraw) a background task runs the
delivery activity — retried until the platform answers, while the deadline timers keep firing — and records the
receipt as a system step (`RecordPublication`, `RecordWithdrawal`) through the same path as officers' steps.
A final refusal is recorded as `DisclosureDeliveryFailed` and waits for an officer. Once published, the stream's
follow-up records the disclosure on the case. A decision entered late (served longer ago than the late-entry
grace) is published once that grace has passed, so the officer can finish entering the case first.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from domain.disclosure.commands import RecordDeliveryFailure, RecordPublication, RecordWithdrawal
    from domain.disclosure.content import WITHDRAWAL_SCHEMA, WithdrawalNotice, publication_body, withdrawal_body
    from domain.disclosure.state import DeliveryAction, DisclosureState
    from domain.errors import DomainError
    from domain.follow_ups import PLATFORM_CHANNEL
    from domain.messages import SYSTEM_ACTOR, Command
    from workflows import procedures
    from workflows.disclosure_activities import (
        NON_RETRYABLE_DELIVERY_ERRORS,
        DeliveryReceipt,
        DisclosureActivities,
        PublishRequest,
        WithdrawRequest,
    )
    from workflows.messages import ContextPayload, StreamInput
    from workflows.stream import StreamWorkflow

DELIVERY_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=5),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(minutes=30),  # a platform down for days is still asked twice an hour
    non_retryable_error_types=NON_RETRYABLE_DELIVERY_ERRORS,
)
DELIVERY_TIMEOUT = timedelta(seconds=60)  # longer than the client's own timeouts (query + submit)


@workflow.defn(name="Disclosure")
class DisclosureWorkflow(StreamWorkflow):
    """公示: publish a served decision within D17, withdraw it within D18 after an adverse outcome."""

    spec = procedures.DISCLOSURE_SPEC

    @workflow.run
    async def run(self, input: StreamInput, context: ContextPayload | None = None) -> str:
        return await self._run(input)

    async def _open_follow_ups(self) -> None:
        await super()._open_follow_ups()
        action = self._disclosure.delivery_due
        running: asyncio.Task[None] | None = getattr(self, "_delivery", None)
        if action is not None and (running is None or running.done()):
            self._delivery = asyncio.create_task(self._deliver(action))

    @property
    def _disclosure(self) -> DisclosureState:
        state = self._state
        assert isinstance(state, DisclosureState)
        return state

    async def _deliver(self, action: DeliveryAction) -> None:
        state = self._disclosure
        grace = timedelta(seconds=self._input.late_entry_grace_seconds)
        first = not getattr(self, "_delivered_before", False)
        self._delivered_before = True
        if first and action is DeliveryAction.PUBLISH and state.served_at is not None and \
                workflow.now() - state.served_at > grace:
            # A decision entered late (补录): the officer is still entering the case's later steps, which a
            # disclosure recorded on the case "now" would precede. Publish once the late-entry grace has passed.
            await workflow.sleep(grace)
            state = self._disclosure
            if state.delivery_due is not action:  # withheld or withdrawn meanwhile
                return
        command: Command
        try:
            if action is DeliveryAction.PUBLISH:
                receipt = await self._publish(state)
                command = RecordPublication(occurred_at=workflow.now(), actors=(SYSTEM_ACTOR,),
                                            receipt_id=receipt.receipt_id, platform_accepted_at=receipt.accepted_at,
                                            channel=PLATFORM_CHANNEL)
            else:
                receipt = await self._withdraw(state)
                command = RecordWithdrawal(occurred_at=workflow.now(), actors=(SYSTEM_ACTOR,),
                                           receipt_id=receipt.receipt_id)
        except ActivityError as failure:
            command = RecordDeliveryFailure(occurred_at=workflow.now(), actors=(SYSTEM_ACTOR,), action=action,
                                            reason=str(failure.cause or failure))
        await self._system_step(command)

    async def _publish(self, state: DisclosureState) -> DeliveryReceipt:
        assert state.publication is not None
        request = PublishRequest(disclosure_id=state.disclosure_id, idempotency_key=state.idempotency_key,
                                 decision_no=state.publication.decision_no,
                                 body=publication_body(state.publication).decode("utf-8"))
        receipt: DeliveryReceipt = await workflow.execute_activity_method(
            DisclosureActivities.publish, request, start_to_close_timeout=DELIVERY_TIMEOUT,
            retry_policy=DELIVERY_RETRY)
        return receipt

    async def _withdraw(self, state: DisclosureState) -> DeliveryReceipt:
        assert state.publication is not None
        notice = WithdrawalNotice(schema=WITHDRAWAL_SCHEMA, client_ref=state.idempotency_key,
                                  decision_no=state.publication.decision_no,
                                  decision_version=state.publication.decision_version,
                                  reason=state.withdrawal_reason)
        request = WithdrawRequest(disclosure_id=state.disclosure_id, idempotency_key=state.withdrawal_key,
                                  body=withdrawal_body(notice).decode("utf-8"))
        receipt: DeliveryReceipt = await workflow.execute_activity_method(
            DisclosureActivities.withdraw, request, start_to_close_timeout=DELIVERY_TIMEOUT,
            retry_policy=DELIVERY_RETRY)
        return receipt

    async def _system_step(self, command: Command) -> None:
        """Record a delivery's outcome like any step: decided on the current state, sealed, appended. A state that
        moved meanwhile (an officer withheld the disclosure) is logged, not overwritten."""
        async with self._lock:
            try:
                events = list(self.spec.decider.decide(self._state, command, self._snapshot.at(workflow.now())))
            except DomainError as error:
                workflow.logger.warning("%s: %s not recorded: %s", self._input.stream_id,
                                        type(command).__name__, error.message)
                return
            await self._commit(events)
