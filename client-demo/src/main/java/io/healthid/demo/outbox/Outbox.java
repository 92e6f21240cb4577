package io.healthid.demo.outbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Everything the identity provider sent through the demo, e-mails and SMS together, newest first. */
public class Outbox {

    private final EmbeddedSmtpServer mail;
    private final SmsInbox sms;

    public Outbox(EmbeddedSmtpServer mail, SmsInbox sms) {
        this.mail = mail;
        this.sms = sms;
    }

    public List<OutboxMessage> messages() {
        List<OutboxMessage> all = new ArrayList<>(this.mail.messages());
        all.addAll(this.sms.messages());
        all.sort(Comparator.comparing(OutboxMessage::receivedAt).reversed());
        return all;
    }

    public int smtpPort() {
        return this.mail.port();
    }

    public void clear() {
        this.mail.clear();
        this.sms.clear();
    }
}
