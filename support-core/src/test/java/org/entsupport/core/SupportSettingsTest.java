package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SupportSettingsTest {

    private static SupportSettings with(UnaryOperator<SupportSettings.Builder> change) {
        return change.apply(SupportSettings.builder()).build();
    }

    private static void refused(UnaryOperator<SupportSettings.Builder> change, String name) {
        assertThatThrownBy(() -> with(change))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name);
    }

    @Test
    void theDefaultsAreThoseTheJavadocPromises() {
        SupportSettings d = SupportSettings.defaults();
        assertThat(d.maxDescriptionLength()).isEqualTo(20_000);
        assertThat(d.maxCommentLength()).isEqualTo(20_000);
        assertThat(d.reopenWindow()).isEqualTo(Duration.ofDays(30));
        assertThat(d.autoCloseAfter()).isEqualTo(Duration.ofDays(7));
        assertThat(d.maxPageSize()).isEqualTo(200);
        assertThat(d.maxBulkSize()).isEqualTo(1_000);
        assertThat(d.maxAttachments()).isEqualTo(20);
        assertThat(d.autoCloseBatchSize()).isEqualTo(500);
        assertThat(d.imageUrlPrefixes()).isEmpty();
    }

    @Test
    void everyCountIsAcceptedAtBothEndsOfItsRangeAndRefusedOneStepOutside() {
        SupportSettings low = with(b -> b.maxDescriptionLength(1)
                .maxCommentLength(1)
                .maxPageSize(1)
                .maxBulkSize(1)
                .maxAttachments(0)
                .autoCloseBatchSize(1));
        assertThat(low.maxAttachments()).isZero();
        assertThat(low.maxPageSize()).isEqualTo(1);
        SupportSettings high = with(b -> b.maxDescriptionLength(1_000_000)
                .maxCommentLength(1_000_000)
                .maxPageSize(10_000)
                .maxBulkSize(100_000)
                .maxAttachments(1_000)
                .autoCloseBatchSize(100_000));
        assertThat(high.maxBulkSize()).isEqualTo(100_000);

        refused(b -> b.maxDescriptionLength(0), "maxDescriptionLength");
        refused(b -> b.maxDescriptionLength(1_000_001), "maxDescriptionLength");
        refused(b -> b.maxCommentLength(0), "maxCommentLength");
        refused(b -> b.maxCommentLength(1_000_001), "maxCommentLength");
        refused(b -> b.maxPageSize(0), "maxPageSize");
        refused(b -> b.maxPageSize(10_001), "maxPageSize");
        refused(b -> b.maxBulkSize(0), "maxBulkSize");
        refused(b -> b.maxBulkSize(100_001), "maxBulkSize");
        refused(b -> b.maxAttachments(-1), "maxAttachments");
        refused(b -> b.maxAttachments(1_001), "maxAttachments");
        refused(b -> b.autoCloseBatchSize(0), "autoCloseBatchSize");
        refused(b -> b.autoCloseBatchSize(100_001), "autoCloseBatchSize");
    }

    @Test
    void periodsMustBePositive() {
        assertThat(with(b -> b.reopenWindow(Duration.ofMillis(1))).reopenWindow())
                .isEqualTo(Duration.ofMillis(1));
        refused(b -> b.reopenWindow(Duration.ZERO), "reopenWindow");
        refused(b -> b.reopenWindow(Duration.ofSeconds(-1)), "reopenWindow");
        refused(b -> b.autoCloseAfter(Duration.ZERO), "autoCloseAfter");
        refused(b -> b.autoCloseAfter(Duration.ofDays(-1)), "autoCloseAfter");
    }

    @Test
    void imagePrefixesMustBeAbsolutePathsOrHttpUrlsEndingWithASlash() {
        assertThat(with(b -> b.imageUrlPrefixes("/workspace/document/", "https://cdn.example.org/img/"))
                        .imageUrlPrefixes())
                .containsExactly("/workspace/document/", "https://cdn.example.org/img/");
        with(b -> b.imageUrlPrefixes("http://ent.example.org/"));

        refused(b -> b.imageUrlPrefixes("/"), "imageUrlPrefixes");
        refused(b -> b.imageUrlPrefixes("//evil.example.org/"), "imageUrlPrefixes");
        refused(b -> b.imageUrlPrefixes("workspace/"), "imageUrlPrefixes");
        refused(b -> b.imageUrlPrefixes("/workspace"), "imageUrlPrefixes");
        refused(b -> b.imageUrlPrefixes("/workspace/../admin/"), "imageUrlPrefixes");
        refused(b -> b.imageUrlPrefixes("ftp://ent.example.org/"), "imageUrlPrefixes");
        refused(b -> b.imageUrlPrefixes("javascript:alert(1)/"), "imageUrlPrefixes");
    }
}
