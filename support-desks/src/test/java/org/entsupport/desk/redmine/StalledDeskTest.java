package org.entsupport.desk.redmine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.entsupport.core.Actor;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.outbox.RetryPolicy;
import org.junit.jupiter.api.Test;

/**
 * A desk that accepts the connection, sends the response's headers and never its body: the relay's
 * delivery deadline frees the worker, the escalation ends FAILED within it, and it can be escalated again.
 */
class StalledDeskTest {

    /** Answers every request with headers announcing a body it never sends. */
    private static final class StallingServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        StallingServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try {
                                Socket s = socket.accept();
                                held.add(s);
                                InputStream in = s.getInputStream();
                                // read the request head
                                int matched = 0;
                                byte[] end = {'\r', '\n', '\r', '\n'};
                                while (matched < 4) {
                                    int b = in.read();
                                    if (b < 0) {
                                        break;
                                    }
                                    matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                                }
                                OutputStream out = s.getOutputStream();
                                out.write(
                                        ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{")
                                                .getBytes(StandardCharsets.US_ASCII));
                                out.flush(); // ... and nothing more
                            } catch (IOException e) {
                                return;
                            }
                        }
                    },
                    "stalling-desk");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void anEscalationToADeskThatNeverSendsItsBodyEndsFailedWithinTheDeadline() throws Exception {
        Actor owner = Actor.user("u-owner", "Olivia Owner").memberOf("s1").build();
        Actor admin = Actor.user("u-admin", "Adam Admin")
                .adminOf("s1")
                .mayEscalateIn("s1")
                .build();
        Actor root = Actor.user("u-root", "Paul Plateforme").platformAdmin().build();
        try (StallingServer server = new StallingServer()) {
            RedmineDesk desk = RedmineDesk.builder()
                    .baseUrl(server.url())
                    .apiKey("k3y-0123456789")
                    .project("p")
                    .trackerId(3)
                    .connectTimeout(Duration.ofSeconds(2))
                    .requestTimeout(Duration.ofSeconds(30))
                    .build();
            Support support = Support.builder()
                    .store(new InMemoryTicketStore())
                    .directory(school -> Set.of("u-admin"))
                    .escalationEnabled(school -> true)
                    .desk(desk)
                    .retryPolicy(RetryPolicy.builder()
                            .initialDelay(Duration.ofSeconds(1))
                            .maxAttempts(1)
                            .build())
                    .relay(r -> r.deliveryTimeout(Duration.ofSeconds(1)))
                    .build();
            Ticket t = support.create(
                    owner,
                    NewTicket.builder()
                            .school("s1")
                            .category("/blog")
                            .subject("Le blog")
                            .description("Il ne s'affiche plus")
                            .build());
            support.escalate(admin, t.id());

            long started = System.nanoTime();
            support.relay().deliverAllDue();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            Ticket failed = support.get(root, t.id());
            assertThat(failed.escalationStatus()).isEqualTo(EscalationStatus.FAILED);
            assertThat(failed.escalation()).isNotNull();
            assertThat(failed.escalation().failure()).contains("delivery deadline");
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(support.relay().deadMessages(10)).hasSize(1);

            // the admin may try again
            support.escalate(admin, t.id());
            assertThat(support.get(root, t.id()).escalationStatus()).isEqualTo(EscalationStatus.IN_PROGRESS);
            support.close();
        }
    }
}
