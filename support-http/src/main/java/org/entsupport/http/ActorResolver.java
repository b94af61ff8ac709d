package org.entsupport.http;

import java.util.Optional;
import org.entsupport.core.Actor;

/**
 * Finds who sends a request: the host's own authentication (its session, its token, its directory). The
 * API never trusts a user id, role or school sent by the client; it acts only as the {@link Actor} this
 * port returns.
 *
 * <pre>{@code
 * ActorResolver actors = request -> request.hostContext()
 *         .map(ctx -> ((RoutingContext) ctx).user())
 *         .map(user -> Actor.user(user.subject(), user.get("name")).memberOf(...).build());
 * }</pre>
 *
 * <p>Called once per request, on the thread that handles it (a worker thread, never an event loop), before
 * any route runs. An empty answer is a {@code 401} problem; an exception is a {@code 500} problem (logged,
 * never shown to the client).
 */
@FunctionalInterface
public interface ActorResolver {

    /**
     * The actor who sends {@code request}.
     *
     * @param request the request, with {@link ApiRequest#hostContext()} if the host attached one
     * @return the actor, or empty when the request is not authenticated
     */
    Optional<Actor> resolve(ApiRequest request);
}
