package org.entsupport.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinkTemplateTest {

    @Test
    void expandsEveryIdPlaceholder() {
        LinkTemplate t = LinkTemplate.of("https://ent.example/support?ticket={id}#/ticket/{id}");

        assertThat(t.expand(42)).isEqualTo("https://ent.example/support?ticket=42#/ticket/42");
        assertThat(LinkTemplate.of("http://localhost:8080/t/{id}").expand(7)).isEqualTo("http://localhost:8080/t/7");
    }

    @Test
    void rejectsNonPositiveIds() {
        assertThatThrownBy(() -> LinkTemplate.of("https://e.example/{id}").expand(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ticketId must be positive, but was -3");
    }

    @Test
    void rejectsInvalidTemplatesNamingTheValue() {
        assertThatThrownBy(() -> LinkTemplate.of("https://ent.example/support"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linkTemplate must contain the placeholder {id}, but was 'https://ent.example/support'");
        assertThatThrownBy(() -> LinkTemplate.of("https://ent.example/{school}/{id}"))
                .hasMessage("linkTemplate may only contain the placeholder {id}, but contained {school}"
                        + " in 'https://ent.example/{school}/{id}'");
        assertThatThrownBy(() -> LinkTemplate.of("/support#/ticket/{id}"))
                .hasMessage("linkTemplate must be an absolute http or https URI, but was '/support#/ticket/{id}'");
        assertThatThrownBy(() -> LinkTemplate.of("ftp://ent.example/{id}"))
                .hasMessage("linkTemplate must be an absolute http or https URI, but was 'ftp://ent.example/{id}'");
        assertThatThrownBy(() -> LinkTemplate.of("https:///{id}"))
                .hasMessage("linkTemplate must name a host, but was 'https:///{id}'");
        assertThatThrownBy(() -> LinkTemplate.of(" https://ent.example/{id}"))
                .hasMessage("linkTemplate must not start or end with whitespace, but was ' https://ent.example/{id}'");
        assertThatThrownBy(() -> LinkTemplate.of("  ")).hasMessage("linkTemplate must not be blank, but was '  '");
        assertThatThrownBy(() -> LinkTemplate.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("linkTemplate");
    }
}
