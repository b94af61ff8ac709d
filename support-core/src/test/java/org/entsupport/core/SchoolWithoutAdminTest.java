package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.Test;

/** A request filed where nobody administers the school is said: a warning and an event for the host. */
class SchoolWithoutAdminTest {

    private final MutableClock clock = new MutableClock(Fixture.START);
    private final List<SchoolWithoutAdmin> seen = new ArrayList<>();
    private final Support support = Support.builder()
            .store(new InMemoryTicketStore())
            .clock(clock)
            .directory(school -> school.equals("s1") ? Set.of("u-admin") : Set.of())
            .observer(new SupportObserver() {
                @Override
                public void schoolWithoutAdmin(SchoolWithoutAdmin event) {
                    seen.add(event);
                    throw new IllegalStateException("a failing observer changes nothing");
                }
            })
            .build();
    private final Actor pupil =
            Actor.user("u-pupil", "Paul").memberOf("s1", "s3").build();

    private Ticket file(String school, String key) {
        return support.create(
                pupil,
                NewTicket.builder()
                        .school(school)
                        .category("/blog")
                        .subject("Mot de passe")
                        .description("Je ne peux plus me connecter.")
                        .idempotencyKey(key)
                        .build());
    }

    @Test
    void theHostHearsOfItAndTheLogWarnsOncePerRequest() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        Ticket orphan;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            file("s1", "k1");
            orphan = file("s3", "k2");
            file("s3", "k2"); // an idempotent replay files nothing
        } finally {
            System.setErr(original);
        }

        assertThat(seen).containsExactly(new SchoolWithoutAdmin("s3", orphan.id(), Fixture.START));
        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(log)
                .contains("WARN")
                .contains("school s3 has no local administrator")
                .contains("ticket " + orphan.id());
        assertThat(log).doesNotContain("school s1 has no");
        assertThat(support.get(pupil, orphan.id()).school()).isEqualTo("s3");
    }
}
