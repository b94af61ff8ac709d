package org.entsupport.core.outbox;

/** Where an outbox message stands. */
public enum OutboxState {
    /** Waiting for its due time, or claimed by a relay whose lease has not expired. */
    PENDING,
    /** Handled successfully. */
    DELIVERED,
    /** Gave up: failed permanently or too many times; an operator may re-queue it. */
    DEAD
}
