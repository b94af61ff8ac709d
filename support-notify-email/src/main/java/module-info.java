/**
 * The e-mail notifier of Aide &amp; Support: {@link org.entsupport.notify.email.EmailNotifier} sends
 * one multipart (text + HTML) message per recipient, in their language, through SMTP with Jakarta
 * Mail. Angus Mail, the Jakarta Mail implementation, is needed at run time only.
 */
module org.entsupport.notify.email {
    requires transitive org.entsupport.core;
    requires jakarta.mail;
    requires org.slf4j;
    requires static org.jspecify;

    exports org.entsupport.notify.email;
}
