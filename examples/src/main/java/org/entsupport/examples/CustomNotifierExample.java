package org.entsupport.examples;

import java.io.PrintStream;
import java.util.Set;
import org.entsupport.core.Actor;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.spi.CategoryCatalog;

/**
 * A custom notifier: the host's own timeline receives the library's notifications, registered once
 * explicitly and once through {@link java.util.ServiceLoader}.
 *
 * <p>Run it with {@code mvn -q -pl examples -am compile exec:java -Dexec.mainClass=org.entsupport.examples.CustomNotifierExample}.
 */
public final class CustomNotifierExample {

    private CustomNotifierExample() {}

    /** Runs the example. */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        Actor alice = Actor.user("u-alice", "Alice Martin").memberOf("school-1").build();

        // 1. Registered explicitly: the host hands its timeline to the notifier.
        HostTimeline timeline = new HostTimeline();
        try (Support support = Support.builder()
                .directory(school -> Set.of("u-bruno"))
                .categories(CategoryCatalog.defaults()) // the platform's own list of applications in a real host
                .notifier(new TimelineNotifier(timeline))
                .linkTemplate("https://ent.example/support#/ticket/{id}")
                .build()) {
            support.create(
                    alice,
                    NewTicket.builder()
                            .school("school-1")
                            .category("/blog")
                            .subject("Cannot publish")
                            .description("The Publish button does nothing.")
                            .build());
            support.relay().deliverAllDue();
            out.println("explicit registration:");
            timeline.entries().forEach(e -> out.println("  " + e.userId() + " <- " + e.text() + " (" + e.link() + ")"));
        }

        // 2. Discovered: META-INF/services names TimelineNotifier, which posts to the shared timeline.
        HostTimeline.shared().clear();
        try (Support support = Support.builder()
                .directory(school -> Set.of("u-bruno"))
                .categories(CategoryCatalog.defaults()) // the platform's own list of applications in a real host
                .discoverNotifiers()
                .linkTemplate("https://ent.example/support#/ticket/{id}")
                .build()) {
            support.create(
                    alice,
                    NewTicket.builder()
                            .school("school-1")
                            .category("/conversation")
                            .subject("Mail is slow")
                            .description("Messages arrive an hour late.")
                            .build());
            support.relay().deliverAllDue();
            out.println("ServiceLoader discovery:");
            HostTimeline.shared()
                    .entries()
                    .forEach(e -> out.println("  " + e.userId() + " <- " + e.text() + " (" + e.link() + ")"));
        }
    }
}
