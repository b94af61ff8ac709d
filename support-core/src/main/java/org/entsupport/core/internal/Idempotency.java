package org.entsupport.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import org.entsupport.core.Actor;
import org.entsupport.core.IdempotencyKeyReusedException;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.DuplicateIdempotencyKeyException;
import org.entsupport.core.spi.IdempotentWrite;
import org.entsupport.core.spi.StoreTransaction;
import org.jspecify.annotations.Nullable;

/**
 * "Replay or run" for the changes to one ticket that take an idempotency key (comment, status change, attach,
 * escalate): under the ticket's lock, a key already recorded for this actor, operation and ticket answers with
 * the first result (or is refused when the request differs); otherwise the change runs and its key is recorded
 * in the same transaction, so a retry after a lost commit acknowledgement never writes twice.
 */
final class Idempotency {

    private Idempotency() {}

    /**
     * A change's key and the digest of its content; {@code null} where a change has no key.
     *
     * @param operation   the operation, such as {@code comment}
     * @param key         the client's key
     * @param fingerprint the digest of the request's content
     */
    record Request(String operation, String key, String fingerprint) {

        /** The request for {@code key}, or {@code null} without a key; {@code parts} make its content. */
        static @Nullable Request of(String operation, @Nullable String key, Object... parts) {
            return key == null ? null : new Request(operation, key, Idempotency.fingerprint(operation, parts));
        }
    }

    /**
     * What the transaction answered.
     *
     * @param value    the change's result, or the first one's for a replay
     * @param replayed whether it is a replay (nothing was written)
     * @param <T>      the result type
     */
    record Outcome<T>(T value, boolean replayed) {}

    /** The change itself, on the locked and visible ticket. */
    @FunctionalInterface
    interface Write<T> {
        T run(StoreTransaction tx, Ticket locked);
    }

    /** The first result, rebuilt from its recorded reference, on the locked ticket as it is now. */
    @FunctionalInterface
    interface Replay<T> {
        T run(StoreTransaction tx, Ticket locked, String reference);
    }

    /**
     * Locks the ticket (reported as not found when the actor may not see it), then replays or runs the change
     * in one transaction. A concurrent retry with the same key that commits first is replayed.
     *
     * @param reference what to record of the change's result, for the replay
     */
    static <T> Outcome<T> replayOrRun(
            SupportContext ctx,
            Actor actor,
            long ticketId,
            @Nullable Request request,
            Write<T> write,
            Function<T, String> reference,
            Replay<T> replay) {
        try {
            return attempt(ctx, actor, ticketId, request, write, reference, replay);
        } catch (DuplicateIdempotencyKeyException e) {
            if (request == null) {
                throw e;
            }
            // another attempt with the same key committed between our check and our insert: replay it
            return attempt(ctx, actor, ticketId, request, write, reference, replay);
        }
    }

    private static <T> Outcome<T> attempt(
            SupportContext ctx,
            Actor actor,
            long ticketId,
            @Nullable Request request,
            Write<T> write,
            Function<T, String> reference,
            Replay<T> replay) {
        return ctx.store().inTransaction(tx -> {
            Ticket t = SupportContext.visible(tx.lockTicket(ticketId), actor, ticketId);
            if (request == null) {
                return new Outcome<>(write.run(tx, t), false);
            }
            Optional<IdempotentWrite> first =
                    tx.findIdempotentWrite(actor.userId(), request.operation(), ticketId, request.key());
            if (first.isPresent()) {
                if (!first.get().fingerprint().equals(request.fingerprint())) {
                    throw new IdempotencyKeyReusedException(request.operation(), ticketId, request.key());
                }
                SupportContext.LOG.debug(
                        "{}: idempotency key {} of user {} on ticket {} replayed",
                        request.operation(),
                        request.key(),
                        actor.userId(),
                        ticketId);
                return new Outcome<>(replay.run(tx, t, first.get().result()), true);
            }
            T value = write.run(tx, t);
            tx.insertIdempotentWrite(new IdempotentWrite(
                    actor.userId(),
                    request.operation(),
                    ticketId,
                    request.key(),
                    request.fingerprint(),
                    reference.apply(value),
                    ctx.now()));
            return new Outcome<>(value, false);
        });
    }

    /** The SHA-256 of the operation and the parts, each length-prefixed so that no two requests collide. */
    static String fingerprint(String operation, Object... parts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        update(sha, operation);
        for (Object part : parts) {
            update(sha, String.valueOf(part));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(bytes);
    }

    /** A list of ids as recorded: {@code 4,5,6}. */
    static String ids(java.util.List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    /** The ids recorded by {@link #ids}. */
    static java.util.List<Long> ids(String recorded) {
        return recorded.isEmpty()
                ? java.util.List.of()
                : java.util.Arrays.stream(recorded.split(","))
                        .map(Long::valueOf)
                        .toList();
    }
}
