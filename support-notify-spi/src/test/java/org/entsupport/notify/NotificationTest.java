package org.entsupport.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationTest {

    @Test
    void copiesItsCollections() {
        List<Recipient> recipients = new ArrayList<>(List.of(Recipient.of("u1", "One", Locale.FRENCH)));
        Map<String, String> parameters = new HashMap<>(Map.of("subject", "S"));
        Notification n = new Notification(
                Samples.ID,
                NotificationType.TICKET_CREATED,
                42,
                "42",
                "s1",
                java.util.Optional.empty(),
                "a",
                "A",
                recipients,
                Samples.AT,
                parameters,
                "https://ent.example/t/42");

        recipients.add(Recipient.of("u2", "Two", Locale.FRENCH));
        parameters.put("desk", "Redmine");

        assertThat(n.recipients()).extracting(Recipient::userId).containsExactly("u1");
        assertThat(n.parameters()).containsOnlyKeys("subject");
        assertThatThrownBy(() -> n.parameters().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> n.recipients().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parametersIterateInKeyOrder() {
        Notification n = Samples.builder(NotificationType.TICKET_UPDATED)
                .parameter("toStatus", "OPENED")
                .parameter("desk", "Z")
                .parameter("comment", "c")
                .build();

        assertThat(n.parameters().keySet()).containsExactly("comment", "desk", "subject", "toStatus");
        assertThat(n.parameter("desk")).contains("Z");
        assertThat(n.parameter("nope")).isEmpty();
    }

    @Test
    void toBuilderKeepsEverything() {
        Notification n = Samples.of(NotificationType.DESK_REPLIED);

        assertThat(n.toBuilder().build()).isEqualTo(n);
        assertThat(Samples.builder(NotificationType.TICKET_CREATED)
                        .school("s9")
                        .build()
                        .schoolLabel())
                .isEqualTo("s9");
        assertThat(n.schoolLabel()).isEqualTo("Collège Jean Moulin");
    }

    @Test
    void builderGivesARandomIdUnlessSet() {
        Notification.Builder b = Samples.builder(NotificationType.TICKET_CREATED);
        Notification a = Notification.builder()
                .type(NotificationType.TICKET_CREATED)
                .ticket(1, "1")
                .school("s")
                .actor("a", "A")
                .recipient(Recipient.of("u", "U", Locale.FRENCH))
                .occurredAt(Samples.AT)
                .link("http://x.example/1")
                .build();
        Notification c = a.toBuilder().id(java.util.UUID.randomUUID()).build();

        assertThat(b.build().id()).isEqualTo(Samples.ID);
        assertThat(a.id()).isNotEqualTo(c.id());
    }

    @Test
    void rejectsInvalidComponentsNamingThem() {
        assertThatThrownBy(() -> Samples.builder(NotificationType.TICKET_CREATED)
                        .ticket(0, "0")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ticketId must be positive, but was 0");
        assertThatThrownBy(() -> Samples.builder(NotificationType.TICKET_CREATED)
                        .ticket(1, " ")
                        .build())
                .hasMessage("ticketNumber must not be blank, but was ' '");
        assertThatThrownBy(() -> Samples.builder(NotificationType.TICKET_CREATED)
                        .school("")
                        .build())
                .hasMessage("school must not be blank, but was ''");
        assertThatThrownBy(() -> Samples.builder(NotificationType.TICKET_CREATED)
                        .actor("a", null)
                        .build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("actorName");
        assertThatThrownBy(() -> Samples.builder(NotificationType.TICKET_CREATED)
                        .type(null)
                        .build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("type");
        assertThatThrownBy(() -> Samples.builder(NotificationType.TICKET_CREATED)
                        .occurredAt(null)
                        .build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("occurredAt");
        assertThatThrownBy(() -> Samples.builder(NotificationType.TICKET_CREATED)
                        .recipients(List.of())
                        .build())
                .hasMessage("recipients must not be empty (notification " + Samples.ID
                        + ", type ticket-created, ticket 42)");
        assertThatThrownBy(() -> Samples.builder(NotificationType.TICKET_CREATED)
                        .recipient(Recipient.of("u-admin", "Again", Locale.ENGLISH))
                        .build())
                .hasMessage("recipients must have distinct user ids, but 'u-admin' appears more than once"
                        + " (notification " + Samples.ID + ")");
        assertThatThrownBy(() -> Samples.builder(NotificationType.TICKET_CREATED)
                        .parameter(" ", "v")
                        .build())
                .hasMessage("parameter key must not be blank, but was ' '");
        assertThatThrownBy(
                        () -> Samples.builder(NotificationType.TICKET_CREATED).parameter("k", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("parameter 'k' must not be null");
    }

    @Test
    void rejectsLinksThatAreNotAbsoluteHttp() {
        assertThatThrownBy(() -> Samples.builder(NotificationType.TICKET_CREATED)
                        .link("javascript:alert(1)")
                        .build())
                .hasMessage("link must be an absolute http or https URI, but was 'javascript:alert(1)'");
        assertThatThrownBy(() -> Samples.builder(NotificationType.TICKET_CREATED)
                        .link("/support#/ticket/42")
                        .build())
                .hasMessage("link must be an absolute http or https URI, but was '/support#/ticket/42'");
        assertThatThrownBy(() -> Samples.builder(NotificationType.TICKET_CREATED)
                        .link("https://ent example/42")
                        .build())
                .hasMessageStartingWith(
                        "link must be a valid URI, but was 'https://ent example/42': Illegal character");
        assertThatThrownBy(() -> Samples.builder(NotificationType.TICKET_CREATED)
                        .link(null)
                        .build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("link");
    }

    @Test
    void recipientsAreValidated() {
        assertThatThrownBy(() -> Recipient.of("", "x", Locale.FRENCH))
                .hasMessage("userId must not be blank, but was ''");
        assertThatThrownBy(() -> Recipient.of("u", "x", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("locale");
        assertThatThrownBy(() -> Recipient.of("u", "x", Locale.FRENCH, "a@example.org\r\nBcc: b@example.org"))
                .hasMessage(
                        "email must be a single line, but contained a line break: 'a@example.org\\r\\nBcc: b@example.org'");
        assertThat(Recipient.of("u", "x", Locale.FRENCH).email()).isEmpty();
        assertThat(Recipient.of("u", "x", Locale.FRENCH, "u@example.org").email())
                .contains("u@example.org");
    }
}
