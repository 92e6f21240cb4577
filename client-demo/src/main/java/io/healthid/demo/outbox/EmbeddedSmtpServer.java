package io.healthid.demo.outbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A real SMTP server (GreenMail) in the demo, on loopback: the identity provider sends its e-CPS activation e-mails
 * here ({@code spring.mail.host}/{@code spring.mail.port} of the identity provider), and the outbox shows them.
 */
public class EmbeddedSmtpServer implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(EmbeddedSmtpServer.class);

    private final OutboxProperties properties;
    private final Clock clock;
    private GreenMail server;
    private int port;

    public EmbeddedSmtpServer(OutboxProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        this.port = this.properties.smtpPort() == 0 ? freePort(this.properties.smtpHost()) : this.properties.smtpPort();
        ServerSetup setup = new ServerSetup(this.port, this.properties.smtpHost(), ServerSetup.PROTOCOL_SMTP);
        // a busy machine can take more than GreenMail's default second to open a socket
        setup.setServerStartupTimeout(10_000);
        this.server = new GreenMail(setup);
        this.server.start();
        logger.info("Outbox SMTP server listening on {}:{}", this.properties.smtpHost(), this.port);
    }

    @Override
    public synchronized void stop() {
        if (this.server != null) {
            this.server.stop();
            this.server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return this.server != null;
    }

    public synchronized int port() {
        return this.port;
    }

    /** The e-mails received, newest first, at most {@code keep}. */
    public List<OutboxMessage> messages() {
        GreenMail running;
        synchronized (this) {
            running = this.server;
        }
        if (running == null) {
            return List.of();
        }
        List<OutboxMessage> messages = new ArrayList<>();
        for (MimeMessage message : running.getReceivedMessages()) {
            messages.add(toOutboxMessage(message));
        }
        return messages.stream().sorted(Comparator.comparing(OutboxMessage::receivedAt).reversed())
            .limit(this.properties.keep()).toList();
    }

    public synchronized void clear() {
        if (this.server != null) {
            try {
                this.server.purgeEmailFromAllMailboxes();
            }
            catch (Exception ex) {
                logger.warn("Could not empty the outbox's mailboxes: {}", ex.getClass().getSimpleName());
            }
        }
    }

    private OutboxMessage toOutboxMessage(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            Date received = message.getReceivedDate() != null ? message.getReceivedDate() : message.getSentDate();
            return new OutboxMessage(OutboxMessage.Channel.EMAIL,
                    to == null ? "" : Arrays.stream(to).map(Address::toString).collect(Collectors.joining(", ")),
                    message.getSubject() == null ? "" : message.getSubject(), text(message.getContent()),
                    received == null ? this.clock.instant() : received.toInstant());
        }
        catch (MessagingException | IOException ex) {
            return new OutboxMessage(OutboxMessage.Channel.EMAIL, "?", "", "(unreadable message)", this.clock.instant());
        }
    }

    /** The text of a plain message, or of the first text part of a multipart one. */
    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType("text/*") || part.getContent() instanceof Multipart) {
                    return text(part.getContent());
                }
            }
        }
        return "";
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
