/**
 * The notifier SPI of Aide &amp; Support: {@link org.entsupport.notify.Notifier} and the
 * notification value types. It depends on nothing but {@code java.base}, so a host implements a
 * notifier against a small contract that changes slowly.
 */
module org.entsupport.notify {
    exports org.entsupport.notify;

    uses org.entsupport.notify.Notifier;
}
