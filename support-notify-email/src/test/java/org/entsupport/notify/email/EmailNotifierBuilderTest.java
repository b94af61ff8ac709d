package org.entsupport.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmailNotifierBuilderTest {

    private static EmailNotifier.Builder valid() {
        return EmailNotifier.builder().host("smtp.ent.example").from("Aide et support <no-reply@ent.example>");
    }

    @Test
    void defaultsFollowTheSecurityMode() {
        assertThat(valid().build())
                .hasToString("EmailNotifier[name=email, server=smtp.ent.example:587 (STARTTLS),"
                        + " from=Aide et support <no-reply@ent.example>, username=none, password=none,"
                        + " connectTimeout=PT10S, readTimeout=PT30S]");
        assertThat(valid().security(SmtpSecurity.SSL).build().toString()).contains("smtp.ent.example:465 (SSL)");
        assertThat(valid().security(SmtpSecurity.NONE).build().toString()).contains("smtp.ent.example:25 (NONE)");
        assertThat(valid().name("email-admins").build().name()).isEqualTo("email-admins");
    }

    @Test
    void thePasswordNeverShows() {
        EmailNotifier email = valid().credentials("support", "s3cr3t-P@ss").build();

        assertThat(email.toString())
                .contains("username=support", "password=****")
                .doesNotContain("s3cr3t-P@ss");
    }

    @Test
    void rejectsInvalidSettingsNamingPropertyLimitAndValue() {
        assertThatThrownBy(() -> EmailNotifier.builder().from("a@b.example").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host is required: the SMTP server's host name");
        assertThatThrownBy(() -> valid().host("smtp ent").build())
                .hasMessage("host must be a host name without spaces, but was 'smtp ent'");
        assertThatThrownBy(() -> valid().port(0).build()).hasMessage("port must be between 1 and 65535, but was 0");
        assertThatThrownBy(() -> valid().port(70_000).build())
                .hasMessage("port must be between 1 and 65535, but was 70000");
        assertThatThrownBy(() -> valid().connectTimeout(Duration.ZERO).build())
                .hasMessage("connectTimeout must be between PT0.001S and PT5M, but was PT0S");
        assertThatThrownBy(() -> valid().readTimeout(Duration.ofMinutes(10)).build())
                .hasMessage("readTimeout must be between PT0.001S and PT5M, but was PT10M");
        assertThatThrownBy(() -> valid().credentials(" ", "x").build())
                .hasMessage("username must not be blank, but was ' '");
        assertThatThrownBy(() -> valid().credentials("support", "").build())
                .hasMessage("password must not be empty when a username is given");
        assertThatThrownBy(() -> valid().name(" ").build()).hasMessage("name must not be blank, but was ' '");
        assertThatThrownBy(() -> valid().mailProperty("smtp.host", "x"))
                .hasMessage("mailProperty key must start with 'mail.', but was 'smtp.host'");
    }

    @Test
    void acceptsTheLimitsOfPortAndTimeouts() {
        assertThat(valid().port(1).build().toString()).contains("smtp.ent.example:1 (STARTTLS)");
        assertThat(valid().port(65_535).build().toString()).contains("smtp.ent.example:65535 (STARTTLS)");
        assertThat(valid().connectTimeout(Duration.ofMillis(1))
                        .readTimeout(Duration.ofMillis(1))
                        .build()
                        .toString())
                .contains("connectTimeout=PT0.001S, readTimeout=PT0.001S");
        assertThat(valid().connectTimeout(Duration.ofMinutes(5))
                        .readTimeout(Duration.ofMinutes(5))
                        .build()
                        .toString())
                .contains("connectTimeout=PT5M, readTimeout=PT5M");
    }

    @Test
    void rejectsASenderThatIsNotOneAddress() {
        assertThatThrownBy(
                        () -> EmailNotifier.builder().host("smtp.ent.example").build())
                .hasMessage("from is required: the sender address, such as 'Aide et support <no-reply@ent.example>'");
        assertThatThrownBy(() -> valid().from("no-reply").build())
                .hasMessageStartingWith("from must be one e-mail address such as 'Aide et support"
                        + " <no-reply@ent.example>', but was 'no-reply': ");
        assertThatThrownBy(() -> valid().from("a@ent.example, b@ent.example").build())
                .hasMessage("from must be one e-mail address such as 'Aide et support <no-reply@ent.example>',"
                        + " but was 'a@ent.example, b@ent.example': expected exactly one address, found 2");
    }
}
