package io.healthid.idp.config;

import io.healthid.idp.authn.card.CardProperties;
import io.healthid.idp.settings.IdpProperties;
import io.healthid.idp.settings.Issuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who just started the server where everything is. */
@Component
class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger logger = LoggerFactory.getLogger(StartupReport.class);

    private final Issuer issuer;
    private final IdpProperties properties;
    private final ObjectProvider<CardProperties> card;
    private final Environment environment;

    StartupReport(Issuer issuer, IdpProperties properties, ObjectProvider<CardProperties> card, Environment environment) {
        this.issuer = issuer;
        this.card = card;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        StringBuilder report = new StringBuilder("\n\n  Identity provider ready\n");
        report.append("  issuer          ").append(this.issuer.value()).append('\n');
        report.append("  discovery       ").append(this.issuer.url(Issuer.OPENID_CONFIGURATION)).append('\n');
        report.append("  PSC discovery   ").append(this.issuer.url(Issuer.WALLET_CONFIGURATION)).append('\n');
        report.append("  JWKS            ").append(this.issuer.url(Issuer.JWKS)).append('\n');
        report.append("  token           ").append(this.issuer.url(Issuer.TOKEN)).append('\n');
        String management = "http://" + this.environment.getProperty("management.server.address", "127.0.0.1") + ":"
                + this.environment.getProperty("local.management.port",
                        this.environment.getProperty("management.server.port", "?"));
        report.append("  metrics         ").append(management).append("/actuator/prometheus\n");
        report.append("  health          ").append(management).append("/actuator/health\n");
        report.append("  clients         ");
        this.properties.clients().forEach(client -> report.append(client.clientId()).append(' '));
        report.append('\n');
        CardProperties card = this.card.getIfAvailable();
        if (card != null) {
            report.append("  card login      ").append(card.publicUrl()).append(" (TLS 1.2, client certificate)\n");
        }
        String dataDirectory = this.environment.getProperty("idp.embedded.data-dir");
        if (dataDirectory != null) {
            report.append("  embedded stores ").append(dataDirectory).append(" (PostgreSQL ")
                .append(this.environment.getProperty("idp.embedded.postgres", "false")).append(", Redis ")
                .append(this.environment.getProperty("idp.embedded.redis", "false")).append(")\n");
            report.append("  test cards      java -jar idp-server.jar pki issue-card --idnat 819990000010 --out card.p12\n");
        }
        logger.info("{}", report);
    }
}
