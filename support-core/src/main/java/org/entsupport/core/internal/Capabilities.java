package org.entsupport.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.entsupport.core.SupportObserver;
import org.entsupport.core.SupportSettings;
import org.entsupport.core.attachment.internal.AttachmentIntake;
import org.entsupport.core.desk.InstallationId;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.outbox.OutboxRelay;
import org.entsupport.core.spi.CategoryCatalog;
import org.entsupport.core.spi.Directory;
import org.entsupport.core.spi.TicketStore;
import org.jspecify.annotations.Nullable;

/**
 * The capabilities behind the {@link org.entsupport.core.Support} facade, each owning one part of it and
 * sharing one {@link SupportContext}. {@link #assemble} wires them; the facade only delegates.
 */
public record Capabilities(
        Filing filing,
        Reading reading,
        Conversation conversation,
        StatusChanges statusChanges,
        Attachments attachments,
        Escalations escalations,
        DeskSync deskSync,
        Housekeeping housekeeping,
        Export export,
        SupportRuntime runtime) {

    /** Everything the host configured, checked by the facade's builder. */
    public record Parts(
            TicketStore store,
            Directory directory,
            CategoryCatalog categories,
            Clock clock,
            SupportSettings settings,
            Predicate<String> escalationEnabled,
            Notifications notifications,
            OutboxRelay.Builder relay,
            Duration autoCloseInterval,
            List<SupportDesk> desks,
            @Nullable Function<String, String> deskForSchool,
            Duration deskPollInterval,
            Duration deskLookback,
            @Nullable InstallationId installation,
            AttachmentIntake intake,
            SupportObserver observer) {}

    /**
     * Builds the context and the capabilities over it.
     *
     * @throws IllegalStateException when two desks share a name
     */
    public static Capabilities assemble(Parts p) {
        SupportContext ctx = new SupportContext(
                p.store(),
                p.directory(),
                p.categories(),
                p.clock(),
                p.settings(),
                p.escalationEnabled(),
                p.notifications(),
                p.intake(),
                new Desks(bound(p), p.deskForSchool()),
                new AfterCommit(),
                p.observer());
        OutboxRelay relay = SupportRuntime.relay(ctx, p.relay());
        Housekeeping housekeeping = new Housekeeping(ctx);
        DeskSync deskSync = new DeskSync(ctx, relay.owner(), p.deskPollInterval(), p.deskLookback());
        return new Capabilities(
                new Filing(ctx),
                new Reading(ctx),
                new Conversation(ctx),
                new StatusChanges(ctx),
                new Attachments(ctx),
                new Escalations(ctx),
                deskSync,
                housekeeping,
                new Export(ctx),
                new SupportRuntime(
                        ctx,
                        relay,
                        housekeeping::run,
                        p.autoCloseInterval(),
                        deskSync::syncDesks,
                        p.deskPollInterval()));
    }

    /**
     * The desks, each bound to this installation (the host's id, or the one kept in the store, generated on
     * the first start with a desk), so that their markers name it and they report none of another's issues.
     */
    private static List<SupportDesk> bound(Parts p) {
        if (p.desks().isEmpty()) {
            return List.of();
        }
        InstallationId id = p.installation() != null
                ? p.installation()
                : p.store().deskSync().installation(InstallationId.generate());
        SupportContext.LOG.info(
                "support desks {} serve installation {}",
                p.desks().stream().map(SupportDesk::name).toList(),
                id);
        return p.desks().stream().map(d -> d.forInstallation(id)).toList();
    }
}
