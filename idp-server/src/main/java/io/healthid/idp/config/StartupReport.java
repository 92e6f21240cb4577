package io.healthid.idp.config;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who just started the server where everything is. */
@Component
class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

    private static final Log logger = LogFactory.getLog(StartupReport.class);

    private final Issuer issuer;
    private final IdpProperties properties;
    private final Environment environment;

    StartupReport(Issuer issuer, IdpProperties properties, Environment environment) {
        this.issuer = issuer;
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
        report.append("  metrics         ").append(this.properties.baseUrl()).append("/actuator/prometheus\n");
        report.append("  health          ").append(this.properties.baseUrl()).append("/actuator/health\n");
        report.append("  clients         ");
        this.properties.clients().forEach(client -> report.append(client.clientId()).append(' '));
        report.append('\n');
        String cardUrl = this.environment.getProperty("idp.card.public-url", "https://localhost:8443");
        if (this.environment.getProperty("idp.card.enabled", Boolean.class, true)) {
            report.append("  card login      ").append(cardUrl).append(" (TLS 1.2, client certificate)\n");
        }
        String dataDirectory = this.environment.getProperty("idp.embedded.data-dir");
        if (dataDirectory != null) {
            report.append("  embedded stores ").append(dataDirectory).append(" (PostgreSQL ")
                .append(this.environment.getProperty("idp.embedded.postgres", "false")).append(", Redis ")
                .append(this.environment.getProperty("idp.embedded.redis", "false")).append(")\n");
            report.append("  test cards      java -jar idp-server.jar pki issue-card --idnat 819990000010 --out card.p12\n");
        }
        logger.info(report);
    }
}
