package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.entsupport.core.attachment.AttachmentRefusedException;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.TicketFilter;
import org.junit.jupiter.api.Test;

/**
 * The public model offers what a host uses, not the library's own helpers: the copy methods that
 * change a ticket, the workflow table and the refusal factories live in internal packages.
 */
class PublicApiTest {

    @Test
    void ticketAndEscalationOfferTheirComponentsAndNoCopyMethods() {
        assertThat(extraPublicMethods(Ticket.class)).containsExactlyInAnyOrder("isOwnedBy", "descriptionAsHtml");
        assertThat(extraPublicMethods(Escalation.class)).isEmpty();
        assertThat(extraPublicMethods(TicketFilter.class)).containsExactly("matches");
    }

    @Test
    void escalationStatusKeepsItsCodesButNotTheEscalationRule() {
        assertThat(publicMethodNames(EscalationStatus.class)).doesNotContain("allowsEscalation");
    }

    @Test
    void theWorkflowTableIsInternal() {
        assertThatThrownBy(() -> Class.forName("org.entsupport.core.model.TicketWorkflow"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.entsupport.core.model.TransitionRole"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void refusalsAreBuiltInsideTheLibrary() {
        assertThat(Arrays.stream(AttachmentRefusedException.class.getDeclaredMethods())
                        .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                        .map(Method::getName))
                .isEmpty();
    }

    /** The public methods of a record besides its accessors and those of {@link Object}. */
    private static Set<String> extraPublicMethods(Class<? extends Record> type) {
        Set<String> names = publicMethodNames(type);
        for (RecordComponent c : type.getRecordComponents()) {
            names.remove(c.getName());
        }
        names.removeAll(Set.of("equals", "hashCode", "toString"));
        return names;
    }

    private static Set<String> publicMethodNames(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                names.add(m.getName());
            }
        }
        return names;
    }
}
