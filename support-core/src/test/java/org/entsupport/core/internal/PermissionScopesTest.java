package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.entsupport.core.Actor;
import org.entsupport.core.Ownership;
import org.entsupport.core.spi.TicketScope;
import org.junit.jupiter.api.Test;

/** The scopes a list, count or export reads: each actor sees only the tickets of their schools or their own. */
class PermissionScopesTest {

    private final Actor root = Actor.user("root", "Root").platformAdmin().build();
    private final Actor local =
            Actor.user("ref", "Référent").adminOf("s1", "s2").build();
    private final Actor member = Actor.user("pupil", "Élève").memberOf("s1").build();

    @Test
    void aPlatformAdministratorSeesEverySchoolAndFiltersOnlyByOwnership() {
        assertThat(Permissions.scopes(root, Set.of(), Ownership.ALL, false))
                .containsExactly(new TicketScope(null, null, null));
        assertThat(Permissions.scopes(root, Set.of("s9"), Ownership.ALL, true))
                .containsExactly(new TicketScope(Set.of("s9"), null, null));
        assertThat(Permissions.scopes(root, Set.of(), Ownership.MINE, false))
                .containsExactly(new TicketScope(null, "root", null));
        assertThat(Permissions.scopes(root, Set.of(), Ownership.OTHERS, false))
                .containsExactly(new TicketScope(null, null, "root"));
    }

    @Test
    void aLocalAdministratorSeesTheirSchoolsAndTheirOwnTicketsElsewhere() {
        assertThat(Permissions.scopes(local, Set.of(), Ownership.ALL, false))
                .containsExactly(new TicketScope(Set.of("s1", "s2"), null, null), new TicketScope(null, "ref", null));
        assertThat(Permissions.scopes(local, Set.of("s2", "s7"), Ownership.ALL, false))
                .containsExactly(
                        new TicketScope(Set.of("s2"), null, null), new TicketScope(Set.of("s2", "s7"), "ref", null));
    }

    @Test
    void anExportReadsOnlyTheAdministeredSchools() {
        assertThat(Permissions.scopes(local, Set.of(), Ownership.ALL, true))
                .containsExactly(new TicketScope(Set.of("s1", "s2"), null, null));
        assertThat(Permissions.scopes(local, Set.of("s7"), Ownership.ALL, true)).isEmpty();
        assertThat(Permissions.scopes(local, Set.of(), Ownership.MINE, true))
                .containsExactly(new TicketScope(Set.of("s1", "s2"), "ref", null));
        assertThat(Permissions.scopes(member, Set.of(), Ownership.ALL, true)).isEmpty();
        assertThat(Permissions.scopes(member, Set.of(), Ownership.MINE, true)).isEmpty();
    }

    @Test
    void mineIsTheActorsOwnTicketsOnlyAndOthersExcludesThem() {
        assertThat(Permissions.scopes(local, Set.of(), Ownership.MINE, false))
                .containsExactly(new TicketScope(null, "ref", null));
        assertThat(Permissions.scopes(local, Set.of("s1"), Ownership.MINE, false))
                .containsExactly(new TicketScope(Set.of("s1"), "ref", null));
        assertThat(Permissions.scopes(local, Set.of(), Ownership.OTHERS, false))
                .containsExactly(new TicketScope(Set.of("s1", "s2"), null, "ref"));
        assertThat(Permissions.scopes(local, Set.of("s7"), Ownership.OTHERS, false))
                .isEmpty();
    }

    @Test
    void aMemberSeesOnlyTheirOwnTicketsAndNeverOthers() {
        assertThat(Permissions.scopes(member, Set.of(), Ownership.ALL, false))
                .containsExactly(new TicketScope(null, "pupil", null));
        assertThat(Permissions.scopes(member, Set.of("s1"), Ownership.MINE, false))
                .containsExactly(new TicketScope(Set.of("s1"), "pupil", null));
        assertThat(Permissions.scopes(member, Set.of(), Ownership.OTHERS, false))
                .isEmpty();
    }
}
